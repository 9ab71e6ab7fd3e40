import { openPostgres, type PostgresOptions } from './storage/postgres.ts';
import { openSqlite } from './storage/sqlite.ts';

export { MIGRATIONS, PG_MIGRATIONS } from './storage/migrations/index.ts';
export type { Db, Dialect, Param, Queryable, RunResult } from './storage/port.ts';
export { openSqlite } from './storage/sqlite.ts';

import type { Db } from './storage/port.ts';

/**
 * The engine is chosen by the location: `postgres://…` (or `postgresql://…`) opens a PostgreSQL pool, anything else
 * is an SQLite file path (or `:memory:`). Both are migrated before this resolves.
 */
export function openDb(location: string, options: PostgresOptions = {}): Promise<Db> {
  if (/^postgres(ql)?:\/\//i.test(location)) return openPostgres(location, options);
  return Promise.resolve(openSqlite(location));
}
