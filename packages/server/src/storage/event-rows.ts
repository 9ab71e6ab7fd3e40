/**
 * Writing and deleting rows of `events`, the one table whose layout differs between the engines:
 *
 * - SQLite: one table; its primary key (tenant_id, message_id) is the dedup.
 * - PostgreSQL: `events` is partitioned by month of `received_at` (retention drops whole months), and since a
 *   partitioned table's unique keys must contain the partition column, the dedup key lives in `event_ids`
 *   (tenant_id, message_id, received_at): a batch first claims its ids there, then stores the rows it won.
 *
 * Everything that inserts or deletes events goes through here, so the two tables never disagree.
 */
import { type Db, lockKey, type Param, type Queryable } from './port.ts';

export const EVENT_COLUMNS = [
  'tenant_id',
  'message_id',
  'type',
  'event',
  'name',
  'anonymous_id',
  'user_id',
  'session_id',
  'timestamp',
  'original_timestamp',
  'sent_at',
  'received_at',
  'context',
  'payload',
] as const;
const TENANT = 0;
const MESSAGE_ID = 1;
const RECEIVED_AT = 11;

/** One row's values in EVENT_COLUMNS order. */
export type EventValues = Param[];

/** Rows per INSERT: one round trip for a whole batch on PostgreSQL, well under both engines' parameter limits. */
const ROWS_PER_INSERT = 100;

const texts = new Map<string, string>();
function valuesText(key: string, head: string, columns: number, rows: number, tail: string): string {
  const cacheKey = `${key}:${rows}`;
  let text = texts.get(cacheKey);
  if (!text) {
    const row = `(${new Array(columns).fill('?').join(', ')})`;
    text = `${head} VALUES ${new Array(rows).fill(row).join(', ')} ${tail}`;
    texts.set(cacheKey, text);
  }
  return text;
}

const EVENTS_INSERT = `INSERT INTO events (${EVENT_COLUMNS.join(', ')})`;

/**
 * Stores the rows whose (tenant, messageId) is not stored yet, within the caller's transaction; returns how many.
 * Of two rows with one id in `rows`, the first counts. Concurrent transactions claiming one id: one wins, the other
 * waits for it and stores nothing.
 */
export async function insertEventRows(tx: Db, rows: readonly EventValues[]): Promise<number> {
  if (tx.dialect === 'sqlite') {
    let stored = 0;
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + ROWS_PER_INSERT);
      const text = valuesText('sqlite', EVENTS_INSERT, EVENT_COLUMNS.length, chunk.length, 'ON CONFLICT DO NOTHING');
      stored += (await tx.run(text, chunk.flat())).changes;
    }
    return stored;
  }
  const seen = new Set<string>();
  const unique = rows.filter((row) => {
    const key = `${row[TENANT]}\u0000${row[MESSAGE_ID]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  for (const month of new Set(unique.map((row) => String(row[RECEIVED_AT]).slice(0, 7)))) {
    await ensureMonthPartition(tx, month);
  }
  let stored = 0;
  for (let start = 0; start < unique.length; start += ROWS_PER_INSERT) {
    const chunk = unique.slice(start, start + ROWS_PER_INSERT);
    const claim = valuesText(
      'ids',
      'INSERT INTO event_ids (tenant_id, message_id, received_at)',
      3,
      chunk.length,
      'ON CONFLICT DO NOTHING RETURNING message_id',
    );
    const won = new Set(
      (
        await tx.all<{ message_id: string }>(
          claim,
          chunk.flatMap((r) => [r[TENANT]!, r[MESSAGE_ID]!, r[RECEIVED_AT]!]),
        )
      ).map((r) => r.message_id),
    );
    const fresh = chunk.filter((row) => won.has(String(row[MESSAGE_ID])));
    if (fresh.length === 0) continue;
    const text = valuesText('pg', EVENTS_INSERT, EVENT_COLUMNS.length, fresh.length, '');
    stored += (await tx.run(text, fresh.flat())).changes;
  }
  return stored;
}

/**
 * Deletes the tenant's events matching `where` (SQL over the events' columns, `?` parameters), and on PostgreSQL
 * their dedup ids with them: a message erased or expired is gone, so a later send of it is new again.
 */
export async function deleteEvents(db: Queryable, tenantId: string, where: string, params: readonly Param[]) {
  if (db.dialect === 'sqlite') {
    return (await db.run(`DELETE FROM events WHERE tenant_id = ? AND ${where}`, [tenantId, ...params])).changes;
  }
  const { changes } = await db.run(
    `WITH gone AS (DELETE FROM events WHERE tenant_id = ? AND ${where} RETURNING message_id)
     DELETE FROM event_ids WHERE tenant_id = ? AND message_id IN (SELECT message_id FROM gone)`,
    [tenantId, ...params, tenantId],
  );
  return changes;
}

const MONTH = /^\d{4}-\d{2}$/;
const nextMonth = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
};
const partitionName = (month: string) => `events_${month.replace('-', '_')}`;
/** Months whose partition this process has seen, per database (and schema). */
const known = new Map<string, Set<string>>();

/**
 * PostgreSQL: the month's partition exists before a row of it is written (there is no default partition, so a row
 * can never land where a month's partition could not be created later). Once per month and process; created in a
 * transaction of its own under an advisory lock, since instances may reach a new month together.
 */
async function ensureMonthPartition(tx: Db, month: string): Promise<void> {
  if (!MONTH.test(month)) throw new Error(`received_at month "${month}" is not YYYY-MM`);
  const cache = known.get(tx.location) ?? new Set<string>();
  known.set(tx.location, cache);
  if (cache.has(month)) return;
  // Serialises instances reaching a new month together (IF NOT EXISTS alone races); released at commit.
  await tx.run('SELECT pg_advisory_xact_lock(?)', [lockKey(`partition:${month}`)]);
  await tx.run(
    `CREATE TABLE IF NOT EXISTS ${partitionName(month)} PARTITION OF events
     FOR VALUES FROM ('${month}') TO ('${nextMonth(month)}')`,
  );
  cache.add(month);
}

/**
 * PostgreSQL: drops the monthly partitions that end before `cutoff` (ISO time; every tenant's rows there are past
 * retention), with their dedup ids. Returns the rows dropped.
 */
export async function dropPartitionsBefore(db: Db, cutoff: string): Promise<number> {
  if (db.dialect !== 'postgres') return 0;
  const partitions = await db.all<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i
     JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
     JOIN pg_namespace n ON n.oid = p.relnamespace
     WHERE p.relname = 'events' AND n.nspname = current_schema()`,
  );
  let dropped = 0;
  for (const { name } of partitions) {
    const match = /^events_(\d{4})_(\d{2})$/.exec(name);
    if (!match) continue;
    const month = `${match[1]}-${match[2]}`;
    if (nextMonth(month) > cutoff.slice(0, 7)) continue;
    dropped += await db.transaction(async (tx) => {
      const { n } = (await tx.get<{ n: number }>(`SELECT count(*) AS n FROM ${name}`))!;
      await tx.run('DELETE FROM event_ids WHERE received_at >= ? AND received_at < ?', [month, nextMonth(month)]);
      await tx.run(`DROP TABLE ${name}`);
      return n;
    });
  }
  return dropped;
}
