import type { Dialect } from '../port.ts';

/**
 * What the two engines spell differently in the schema history. A migration is written once as `(d) => sql` and each
 * engine runs its own rendering; the renderings of released migrations are frozen (test/migrations-frozen.test.ts),
 * so nothing here may change what an existing method returns — a new difference is a new member.
 */
export interface SchemaDialect {
  readonly engine: Dialect;
  /** After a table's closing parenthesis: SQLite checks column types only in STRICT tables; PostgreSQL always does. */
  readonly strict: string;
  /** A surrogate key numbered by the database, never reused. */
  readonly autoId: string;
  /** A 64-bit integer: SQLite's INTEGER already is one. */
  readonly bigint: string;
  readonly real: string;
  /** The check on a required JSON text column: SQLite validates it; on PostgreSQL the code validates it on the way in. */
  json(column: string): string;
  /** The same for a column that may be NULL. */
  jsonOrNull(column: string): string;
  /** Null-safe equality and inequality of two values. */
  same(a: string, b: string): string;
  differs(a: string, b: string): string;
  /** Text (mostly comments) that shipped in SQLite's migrations only: kept so the released texts stay as they ran. */
  sqliteOnly(text: string): string;
  /** Statements that make a table refuse every UPDATE with this message. */
  refuseUpdates(table: string, message: string): string;
}

export const SQLITE: SchemaDialect = {
  engine: 'sqlite',
  strict: ' STRICT',
  autoId: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  bigint: 'INTEGER',
  real: 'REAL',
  json: (column) => ` CHECK (json_valid(${column}))`,
  jsonOrNull: (column) => ` CHECK (${column} IS NULL OR json_valid(${column}))`,
  same: (a, b) => `${a} IS ${b}`,
  differs: (a, b) => `${a} IS NOT ${b}`,
  sqliteOnly: (text) => text,
  refuseUpdates: (table, message) => `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
  BEGIN
    SELECT RAISE(ABORT, '${message}');
  END;`,
};

export const POSTGRES: SchemaDialect = {
  engine: 'postgres',
  strict: '',
  autoId: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
  bigint: 'BIGINT',
  real: 'DOUBLE PRECISION',
  json: () => '',
  jsonOrNull: () => '',
  same: (a, b) => `${a} IS NOT DISTINCT FROM ${b}`,
  differs: (a, b) => `${a} IS DISTINCT FROM ${b}`,
  sqliteOnly: () => '',
  refuseUpdates: (table, message) => `CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    RAISE EXCEPTION '${message}';
  END
  $fn$;
  CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
  FOR EACH ROW EXECUTE FUNCTION ${table}_append_only();`,
};

/** One migration, written once for both engines. */
export type Migration = (d: SchemaDialect) => string;
