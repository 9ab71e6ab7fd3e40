import {
  API_KEYS,
  AUDIT_LOG,
  RECOMMENDER_WEIGHTS,
  SUBJECT_KEYS,
  TENANT_CONFIG,
  WORKER_TABLES,
} from './audit-keys-workers.ts';
import { type Migration, POSTGRES, type SchemaDialect, SQLITE } from './dialect.ts';
import { POSTGRES_FIRST, SQLITE_FIRST } from './first.ts';
import { CONSOLE_SESSIONS, KPI_TABLES, LIVE_EVENT_SUBJECTS } from './kpis-console.ts';
import {
  CATALOG_UPDATED_INDEX,
  CHURN,
  DELIVERY_ORDERS,
  FORECASTS,
  MESSAGING,
  SEARCH_MISSES,
  SUBJECT_LINKS,
} from './messaging-forecasts-churn.ts';

/**
 * The schema history, one source for both engines. Ordered and append-only: a released migration is never edited
 * (its text per engine is frozen by test/migrations-frozen.test.ts), a change is a new entry at the end of SHARED.
 * The runners know a migration only by its position — SQLite counts them in `PRAGMA user_version`, PostgreSQL in
 * `schema_migrations` — so the two lists' first entries differ (each engine's own beginning) and the rest is shared.
 */
const SHARED: readonly Migration[] = [
  AUDIT_LOG,
  RECOMMENDER_WEIGHTS,
  API_KEYS,
  SUBJECT_KEYS,
  WORKER_TABLES,
  TENANT_CONFIG,
  KPI_TABLES,
  CONSOLE_SESSIONS,
  LIVE_EVENT_SUBJECTS,
  MESSAGING,
  SEARCH_MISSES,
  DELIVERY_ORDERS,
  FORECASTS,
  CHURN,
  CATALOG_UPDATED_INDEX,
  SUBJECT_LINKS,
];

function render(first: readonly string[], d: SchemaDialect): readonly string[] {
  return [...first, ...SHARED.map((migration) => migration(d))];
}

/** SQLite's migrations, in order; `PRAGMA user_version` records how many have run. */
export const MIGRATIONS: readonly string[] = render(SQLITE_FIRST, SQLITE);

/** PostgreSQL's migrations, in order; `schema_migrations` records how many have run. */
export const PG_MIGRATIONS: readonly string[] = render(POSTGRES_FIRST, POSTGRES);
