/**
 * The storage port: every piece of server state goes through this interface, with one adapter per engine
 * (`sqlite.ts`, the embedded default; `postgres.ts`, for many instances on one database). Queries are written once,
 * in the SQL both engines speak, with `?` placeholders; the few places where the dialects differ ask `db.sql`.
 */
export type Dialect = 'sqlite' | 'postgres';
export type Param = string | number | bigint | boolean | null;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/** SQL text that differs between the engines, in one place. */
export interface DialectSql {
  /** A JSON value at `path` of a TEXT column holding JSON, as text (NULL when absent). */
  jsonText(column: string, ...path: string[]): string;
  /** The insertion-ordered sequence column of `events` (SQLite's rowid, a PostgreSQL identity column). */
  readonly eventSeq: string;
}

export interface Queryable {
  readonly dialect: Dialect;
  readonly sql: DialectSql;
  all<R>(text: string, params?: readonly Param[]): Promise<R[]>;
  get<R>(text: string, params?: readonly Param[]): Promise<R | undefined>;
  run(text: string, params?: readonly Param[]): Promise<RunResult>;
}

export interface Db extends Queryable {
  /**
   * Runs `work` in one transaction on one connection: everything it writes commits together or not at all.
   * Inside, use the `tx` it is given (a nested call joins the outer transaction).
   */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Runs `effect` once what was written through this handle is visible to every connection: at once outside a
   * transaction (each statement commits by itself), after COMMIT inside one, and never when it rolls back. For
   * telling others of a write (an open stream): a reader woken by the news must find the row.
   */
  afterCommit(effect: () => void): void;
  /**
   * Runs `work` only if no other process (instance) holds the named lock, and returns undefined otherwise:
   * scheduled work (retention, jobs) runs once across instances sharing a database.
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T | undefined>;
  /** Schema version applied and the newest this server knows. */
  schema(): Promise<{ applied: number; known: number }>;
  /** Where the data lives, for logs (no credentials). */
  readonly location: string;
  close(): Promise<void>;
}

/** Effects run after a commit: one that throws must not stop the others, nor fail the write that is stored. */
export function runEffects(effects: readonly (() => void)[]): void {
  for (const effect of effects) {
    try {
      effect();
    } catch {
      // The data is committed; a failing listener is the listener's problem.
    }
  }
}

/** A stable 31-bit number for a lock name (PostgreSQL advisory locks take integers). */
export function lockKey(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 1;
}
