import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Ordered and append-only: a released migration is never edited, a change is a new entry.
 * `PRAGMA user_version` records how many have run, so a restart applies only the new ones.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    write_key TEXT NOT NULL UNIQUE,
    secret TEXT NOT NULL,
    allowed_origins TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(allowed_origins)),
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE events (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    type TEXT NOT NULL,
    event TEXT,
    name TEXT,
    anonymous_id TEXT,
    user_id TEXT,
    session_id TEXT,
    timestamp TEXT NOT NULL,
    original_timestamp TEXT NOT NULL,
    sent_at TEXT,
    received_at TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(context)),
    payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
    PRIMARY KEY (tenant_id, message_id)
  ) STRICT;

  CREATE INDEX events_tenant_received ON events (tenant_id, received_at);
  `,
];

export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    // Running an older server on a newer schema could corrupt data it doesn't understand.
    throw new Error(`database schema version ${current} is newer than this server knows (${migrations.length})`);
  }
  for (let version = current; version < migrations.length; version++) {
    const sql = migrations[version]!;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return migrations.length;
}

/** Opens (creating the folder if needed) and migrates the database; `:memory:` is for tests and throwaway demos. */
export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  if (path !== ':memory:') {
    // WAL lets the demo page read while a batch is written; NORMAL is crash-safe in WAL mode (only power loss can
    // drop the last commits), and avoids an fsync per batch.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/** Prepares each SQL text once per connection: preparing is the costly part of a small query. */
export function stmt<R = unknown>(db: Db, sql: string): Database.Statement<unknown[], R> {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement as Database.Statement<unknown[], R>;
}
