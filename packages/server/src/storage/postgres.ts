import pg from 'pg';
import { PG_MIGRATIONS } from './migrations/index.ts';
import { type Db, type DialectSql, lockKey, type Param, type Queryable, type RunResult, runEffects } from './port.ts';

const PG_SQL: DialectSql = {
  jsonText: (column, ...path) => `(${column}::jsonb #>> '{${path.join(',')}}')`,
  eventSeq: 'seq',
};

// COUNT and identity columns are int8 and SUM of them numeric: numbers here, as SQLite gives them (all stay far
// below 2^53).
const NUMERIC_OIDS = new Set([20, 1700]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    NUMERIC_OIDS.has(oid) ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as never,
};

const placeholders = new Map<string, string>();

/** `?` → `$1, $2, …` outside string literals, so one SQL text serves both engines. Cached per text. */
export function toPositional(text: string): string {
  let out = placeholders.get(text);
  if (out !== undefined) return out;
  let n = 0;
  let quoted = false;
  out = '';
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  placeholders.set(text, out);
  return out;
}

type Client = pg.Pool | pg.PoolClient;

async function query<R>(
  client: Client,
  text: string,
  params: readonly Param[],
): Promise<pg.QueryResult & { rows: R[] }> {
  return client.query({ text: toPositional(text), values: params as Param[] });
}

function queryable(client: Client): Queryable {
  return {
    dialect: 'postgres',
    sql: PG_SQL,
    all: async <R>(text: string, params: readonly Param[] = []) => (await query<R>(client, text, params)).rows,
    get: async <R>(text: string, params: readonly Param[] = []) => (await query<R>(client, text, params)).rows[0],
    run: async (text: string, params: readonly Param[] = []): Promise<RunResult> => ({
      changes: (await query(client, text, params)).rowCount ?? 0,
    }),
  };
}

export interface PostgresOptions {
  /** Pool size per instance (default 10). */
  max?: number;
  /** A schema to create and use instead of `public` (tests isolate themselves this way). */
  schema?: string;
  /** How long an idle connection is kept (default 10 s). */
  idleTimeoutMs?: number;
}

class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  readonly sql = PG_SQL;
  readonly location: string;
  readonly #pool: pg.Pool;
  readonly #q: Queryable;
  readonly #lockPrefix: string;

  constructor(pool: pg.Pool, location: string, lockPrefix: string) {
    this.#pool = pool;
    this.location = location;
    this.#lockPrefix = lockPrefix;
    this.#q = queryable(pool);
  }

  all<R>(text: string, params?: readonly Param[]): Promise<R[]> {
    return this.#q.all<R>(text, params);
  }
  get<R>(text: string, params?: readonly Param[]): Promise<R | undefined> {
    return this.#q.get<R>(text, params);
  }
  run(text: string, params?: readonly Param[]): Promise<RunResult> {
    return this.#q.run(text, params);
  }

  async transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    const committed: (() => void)[] = [];
    let result: T;
    try {
      await client.query('BEGIN');
      const tx: Db = {
        ...queryable(client),
        location: this.location,
        transaction: (inner) => inner(tx),
        afterCommit: (effect) => {
          committed.push(effect);
        },
        exclusive: (_name, inner) => inner(),
        schema: () => this.schema(),
        close: () => Promise.reject(new Error('close() inside a transaction')),
      };
      result = await work(tx);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    runEffects(committed);
    return result;
  }

  afterCommit(effect: () => void): void {
    runEffects([effect]);
  }

  async exclusive<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
    const client = await this.#pool.connect();
    const key = lockKey(`${this.#lockPrefix}:${name}`);
    try {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key]);
      if (!rows[0]?.ok) return undefined;
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [key]);
      }
    } finally {
      client.release();
    }
  }

  async schema(): Promise<{ applied: number; known: number }> {
    const row = await this.get<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    return { applied: row?.v ?? 0, known: PG_MIGRATIONS.length };
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, all in one transaction under an advisory lock:
 * instances starting together migrate once, the others wait and find nothing left to do.
 */
async function migratePostgres(pool: pg.Pool, lockPrefix: string, migrations: readonly string[]): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [lockKey(`${lockPrefix}:migrate`)]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = rows[0]?.v ?? 0;
    if (current > migrations.length) {
      throw new Error(`database schema version ${current} is newer than this server knows (${migrations.length})`);
    }
    for (let version = current; version < migrations.length; version++) {
      await client.query(migrations[version]!);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version + 1]);
    }
    await client.query('COMMIT');
    return migrations.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Connects a pool to `url` and migrates; `DATABASE_URL=postgres://…` selects this engine. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Db> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  if (schema !== undefined) {
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    try {
      // IF NOT EXISTS alone races: two instances creating the schema together can both pass the check.
      await setup.query('BEGIN');
      await setup.query('SELECT pg_advisory_xact_lock($1)', [lockKey(`schema:${schema}`)]);
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await setup.query('COMMIT');
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    idleTimeoutMillis: options.idleTimeoutMs ?? 10_000,
    types,
    // A test or CLI process may end while the pool still holds idle connections.
    allowExitOnIdle: true,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    // The schema actually in use (the URL's own options may set a search_path): it names this database in locks,
    // caches and logs, so two schemas on one server never share them.
    const current = (await pool.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]?.schema;
    const parsed = new URL(url);
    const location = `postgres://${parsed.host}${parsed.pathname}#${current ?? 'public'}`;
    const lockPrefix = current ?? 'public';
    await migratePostgres(pool, lockPrefix, PG_MIGRATIONS);
    return new PostgresDb(pool, location, lockPrefix);
  } catch (error) {
    await pool.end();
    throw error;
  }
}
