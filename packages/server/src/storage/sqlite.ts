import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.ts';
import { type Db, type DialectSql, type Param, type RunResult, runEffects } from './port.ts';

type Raw = Database.Database;

const SQLITE_SQL: DialectSql = {
  // As text on both engines: json_extract would give true as 1 and keep numbers numeric.
  jsonText: (column, ...path) => `CAST(json_extract(${column}, '$.${path.join('.')}') AS TEXT)`,
  eventSeq: 'rowid',
};

// better-sqlite3 binds numbers, strings, bigints and null; booleans are stored as SQLite does, 1 and 0.
const bind = (params: readonly Param[]) => params.map((p) => (typeof p === 'boolean' ? Number(p) : p));

/**
 * The embedded engine. better-sqlite3 is synchronous, so each statement runs to completion at once; the only thing
 * to guard is a transaction whose work awaits: while it is open, statements from other requests wait for it
 * (one connection, so they would otherwise land inside it).
 */
class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  readonly sql = SQLITE_SQL;
  readonly location: string;
  readonly #raw: Raw;
  readonly #statements = new Map<string, Database.Statement>();
  #open: Promise<void> | undefined;
  /** What the open transaction's work asked to run after its COMMIT (one transaction at a time: one list). */
  #committed: (() => void)[] = [];
  readonly #tx: Db;

  constructor(raw: Raw, location: string) {
    this.#raw = raw;
    this.location = location;
    this.#tx = this.#inside();
  }

  /** The raw connection, for the migration runner and tests of the engine itself. */
  get raw(): Raw {
    return this.#raw;
  }

  #prepare(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      statement = this.#raw.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  #allSync<R>(text: string, params: readonly Param[]): R[] {
    return this.#prepare(text).all(...bind(params)) as R[];
  }
  #getSync<R>(text: string, params: readonly Param[]): R | undefined {
    return this.#prepare(text).get(...bind(params)) as R | undefined;
  }
  #runSync(text: string, params: readonly Param[]): RunResult {
    return { changes: this.#prepare(text).run(...bind(params)).changes };
  }

  async #idle(): Promise<void> {
    while (this.#open) await this.#open;
  }

  async all<R>(text: string, params: readonly Param[] = []): Promise<R[]> {
    if (this.#open) await this.#idle();
    return this.#allSync<R>(text, params);
  }
  async get<R>(text: string, params: readonly Param[] = []): Promise<R | undefined> {
    if (this.#open) await this.#idle();
    return this.#getSync<R>(text, params);
  }
  async run(text: string, params: readonly Param[] = []): Promise<RunResult> {
    if (this.#open) await this.#idle();
    return this.#runSync(text, params);
  }

  async transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    // Inline, not `await this.#idle()`: returning from that adds a tick in which a second caller could open its
    // transaction too; here the check and the take below run without a gap.
    while (this.#open) await this.#open;
    let release!: () => void;
    let effects: (() => void)[] = [];
    this.#open = new Promise((resolve) => {
      release = resolve;
    });
    try {
      // IMMEDIATE takes the write lock now: another process (the CLI) cannot make this transaction fail half-way.
      this.#raw.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.#tx);
        this.#raw.exec('COMMIT');
        effects = this.#committed;
        return result;
      } catch (error) {
        if (this.#raw.inTransaction) this.#raw.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.#committed = [];
      this.#open = undefined;
      release();
      // After the release: an effect that reads (or starts a transaction) must not wait for this one.
      runEffects(effects);
    }
  }

  afterCommit(effect: () => void): void {
    runEffects([effect]);
  }

  /** The view a transaction's work gets: runs at once (it holds the connection) and nests by joining. */
  #inside(): Db {
    const tx: Db = {
      dialect: 'sqlite',
      sql: SQLITE_SQL,
      location: this.location,
      all: async (text, params = []) => this.#allSync(text, params),
      get: async (text, params = []) => this.#getSync(text, params),
      run: async (text, params = []) => this.#runSync(text, params),
      transaction: (work) => work(tx),
      afterCommit: (effect) => {
        this.#committed.push(effect);
      },
      exclusive: (_name, work) => work(),
      schema: () => this.schema(),
      close: () => Promise.reject(new Error('close() inside a transaction')),
    };
    return tx;
  }

  /** One process owns an SQLite file's scheduled work in practice; the file lock serialises any other writer. */
  async exclusive<T>(_name: string, work: () => Promise<T>): Promise<T | undefined> {
    return work();
  }

  async schema(): Promise<{ applied: number; known: number }> {
    return { applied: this.#raw.pragma('user_version', { simple: true }) as number, known: MIGRATIONS.length };
  }

  async close(): Promise<void> {
    await this.#idle();
    if (this.#raw.open) this.#raw.close();
  }
}

/**
 * Ordered and append-only migrations; `PRAGMA user_version` records how many have run. Each runs in an IMMEDIATE
 * transaction, so two processes starting together on one file migrate once (the second waits, then sees the version).
 */
export function migrateSqlite(raw: Raw, migrations: readonly string[] = MIGRATIONS): number {
  for (;;) {
    const current = raw.pragma('user_version', { simple: true }) as number;
    if (current > migrations.length) {
      // Running an older server on a newer schema could corrupt data it doesn't understand.
      throw new Error(`database schema version ${current} is newer than this server knows (${migrations.length})`);
    }
    if (current === migrations.length) return current;
    raw.exec('BEGIN IMMEDIATE');
    try {
      if ((raw.pragma('user_version', { simple: true }) as number) === current) {
        raw.exec(migrations[current]!);
        raw.pragma(`user_version = ${current + 1}`);
      }
      raw.exec('COMMIT');
    } catch (error) {
      if (raw.inTransaction) raw.exec('ROLLBACK');
      throw error;
    }
  }
}

/** Opens (creating the folder if needed) and migrates an SQLite file; `:memory:` is for tests and throwaway demos. */
export function openSqlite(path: string): Db & { readonly raw: Raw } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new Database(path);
  if (path !== ':memory:') {
    // WAL lets the demo page read while a batch is written; NORMAL is crash-safe in WAL mode (only power loss can
    // drop the last commits), and avoids an fsync per batch.
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
  }
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  migrateSqlite(raw);
  return new SqliteDb(raw, path);
}
