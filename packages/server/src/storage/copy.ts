import { EVENT_COLUMNS, insertEventRows } from './event-rows.ts';
import type { Db, Param } from './port.ts';

interface TableCopy {
  name: string;
  columns: readonly string[];
  /** Keyset paging column (unique, increasing), or undefined for small tables read in one go. */
  page?: (db: Db) => string;
  /** A GENERATED ALWAYS identity column on PostgreSQL whose values are copied as they are. */
  identity?: string;
}

/** A column list as SQL writes it (it may wrap). */
const list = (columns: string): readonly string[] => columns.split(/,\s+/);

/** Rows keyed by a PostgreSQL identity column: paged by it, and copied with their values. */
const BY_ID = { page: () => 'id', identity: 'id' } as const;

/** Every table with state, parents first. The events' own sequence is not copied: the target numbers them anew. */
const TABLES: readonly TableCopy[] = [
  {
    name: 'tenants',
    columns: list('id, name, write_key, secret, allowed_origins, created_at, retention_days, pseudonym_key'),
  },
  // Secrets stay sealed: the target needs the same master key (MATBAKH_MASTER_KEY) to open them.
  {
    name: 'api_keys',
    columns: list('id, tenant_id, kind, key_hash, hint, generation, sealed_secret, created_at, expires_at, revoked_at'),
  },
  { name: 'events', columns: EVENT_COLUMNS, page: (db) => db.sql.eventSeq },
  {
    name: 'consent_ledger',
    columns: list(`id, tenant_id, consent_id, anonymous_id, user_id, policy_version, action, choices, channels, source,
      timestamp, received_at, user_agent_class, anonymized_at, proof`),
    ...BY_ID,
  },
  {
    name: 'catalog_items',
    columns: list('tenant_id, id, kind, restaurant_id, region, data, created_at, updated_at'),
  },
  {
    name: 'recommendation_feedback',
    columns: list('id, tenant_id, anonymous_id, user_id, request_id, item_id, kind, received_at'),
    ...BY_ID,
  },
  // Sealed by the master key: the target opens them only with the same key (MATBAKH_MASTER_KEY) — copy it along.
  { name: 'subject_keys', columns: list('tenant_id, subject_key, sealed_key, created_at') },
  { name: 'preferences', columns: list('tenant_id, subject_key, doc, version, updated_at') },
  {
    name: 'audit_log',
    columns: list(
      'id, tenant_id, at, actor, actor_id, purpose, action, target, anonymous_id, user_id, detail, anonymized_at',
    ),
    ...BY_ID,
  },
  {
    name: 'tenant_config_versions',
    columns: list('tenant_id, version, policy_version, action, author, created_at, restored, doc'),
  },
  { name: 'tenant_config_drafts', columns: list('tenant_id, doc, base_version, author, updated_at') },
];

const PAGE_ROWS = 1_000;

async function insertRows(to: Db, table: TableCopy, rows: Record<string, Param>[]): Promise<number> {
  if (rows.length === 0) return 0;
  // Events keep their dedup key beside them on PostgreSQL: the one insert path for them.
  if (table.name === 'events') {
    const values = rows.map((row) => EVENT_COLUMNS.map((column) => row[column] ?? null));
    return to.transaction((tx) => insertEventRows(tx, values));
  }
  const placeholders = `(${table.columns.map(() => '?').join(', ')})`;
  const overriding = to.dialect === 'postgres' && table.identity ? ' OVERRIDING SYSTEM VALUE' : '';
  const text = `INSERT INTO ${table.name} (${table.columns.join(', ')})${overriding}
    VALUES ${rows.map(() => placeholders).join(', ')} ON CONFLICT DO NOTHING`;
  const params = rows.flatMap((row) => table.columns.map((column) => row[column] ?? null));
  return (await to.transaction((tx) => tx.run(text, params))).changes;
}

async function copyTable(from: Db, to: Db, table: TableCopy): Promise<{ read: number; written: number }> {
  const columns = table.columns.join(', ');
  let read = 0;
  let written = 0;
  if (!table.page) {
    const rows = await from.all<Record<string, Param>>(`SELECT ${columns} FROM ${table.name}`);
    for (let i = 0; i < rows.length; i += PAGE_ROWS)
      written += await insertRows(to, table, rows.slice(i, i + PAGE_ROWS));
    return { read: rows.length, written };
  }
  const key = table.page(from);
  let after = -1;
  for (;;) {
    const rows = await from.all<Record<string, Param> & { copy_key: number }>(
      `SELECT ${columns}, ${key} AS copy_key FROM ${table.name} WHERE ${key} > ? ORDER BY ${key} LIMIT ?`,
      [after, PAGE_ROWS],
    );
    if (rows.length === 0) break;
    read += rows.length;
    written += await insertRows(to, table, rows);
    after = rows[rows.length - 1]!.copy_key;
  }
  // Identity values were given explicitly: the target's own counter must continue after them.
  if (to.dialect === 'postgres' && table.identity) {
    await to.run(
      `SELECT setval(pg_get_serial_sequence('${table.name}', '${table.identity}'),
        (SELECT coalesce(max(${table.identity}), 0) + 1 FROM ${table.name}), false)`,
    );
  }
  return { read, written };
}

export interface CopyReport {
  tables: Array<{ table: string; read: number; written: number }>;
}

/**
 * Copies every row of one database into another (SQLite → PostgreSQL when a demo outgrows one machine, or back),
 * table by table in pages. Idempotent: rows already in the target are kept (ON CONFLICT DO NOTHING), so a copy
 * that stopped half-way is simply run again. Both databases must be migrated (openDb does it).
 */
export async function copyDatabase(from: Db, to: Db): Promise<CopyReport> {
  const tables: CopyReport['tables'] = [];
  for (const table of TABLES) tables.push({ table: table.name, ...(await copyTable(from, to, table)) });
  return { tables };
}
