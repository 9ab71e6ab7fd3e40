/**
 * The bulk imports' writes, a few statements per chunk of rows instead of a round trip per row (on PostgreSQL a
 * round trip is the cost): the rows a re-sent import already stored are found with one lookup per chunk, the rest
 * inserted with one multi-row statement. Run inside the import's transaction.
 */
import type { ConsentRecordRequest, JsonObject, PreferencesDocument } from '@matbakh/contract';
import { ledgerValues } from './consent.ts';
import type { Param, Queryable } from './db.ts';
import { openStoredDoc, sealedDocColumn } from './preferences-store.ts';
import type { VerifiedSubject } from './subject.ts';

const CHUNK = 200;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

const placeholders = (rows: number, columns: number) =>
  Array.from({ length: rows }, () => `(${Array.from({ length: columns }, () => '?').join(', ')})`).join(', ');

export interface ConsentImportRow {
  record: ConsentRecordRequest;
  subject: VerifiedSubject;
  proof: JsonObject;
}

/** Appends the decisions whose consentId the tenant's ledger does not hold yet; answers how many it appended. */
export async function appendConsentRows(
  tx: Queryable,
  tenantId: string,
  rows: readonly ConsentImportRow[],
  receivedAt: number,
): Promise<number> {
  const received = new Date(receivedAt).toISOString();
  const seen = new Set<string>();
  let appended = 0;
  for (const chunk of chunks(rows)) {
    const ids = chunk.map((row) => row.record.consentId);
    const known = await tx.all<{ consent_id: string }>(
      `SELECT consent_id FROM consent_ledger WHERE tenant_id = ? AND consent_id IN (${ids.map(() => '?').join(', ')})`,
      [tenantId, ...ids],
    );
    for (const row of known) seen.add(row.consent_id);
    const fresh = chunk.filter((row) => {
      if (seen.has(row.record.consentId)) return false;
      seen.add(row.record.consentId);
      return true;
    });
    if (fresh.length === 0) continue;
    await tx.run(
      `INSERT INTO consent_ledger (tenant_id, consent_id, anonymous_id, user_id, policy_version, action, choices,
         channels, source, timestamp, received_at, user_agent_class, proof)
       VALUES ${placeholders(fresh.length, 13)}`,
      fresh.flatMap(({ record, subject, proof }) => [
        ...ledgerValues(tenantId, subject, record, received),
        JSON.stringify(proof),
      ]),
    );
    appended += fresh.length;
  }
  return appended;
}

/**
 * Stores each subject's whole document, bumping its version (so a browser's stale `If-Match` fails afterwards, as
 * after any write); a document equal to the stored one is left alone, version and all. Answers how many changed.
 */
export async function replacePreferenceRows(
  tx: Queryable,
  tenantId: string,
  rows: readonly { key: string; doc: PreferencesDocument }[],
  now: number,
): Promise<number> {
  const updatedAt = new Date(now).toISOString();
  let changed = 0;
  for (const chunk of chunks(rows)) {
    const stored = new Map(
      (
        await tx.all<{ subject_key: string; doc: string }>(
          `SELECT subject_key, doc FROM preferences WHERE tenant_id = ? AND subject_key IN (${chunk.map(() => '?').join(', ')})`,
          [tenantId, ...chunk.map((row) => row.key)],
        )
      ).map((row) => [row.subject_key, row.doc]),
    );
    const fresh: { key: string; doc: PreferencesDocument }[] = [];
    for (const row of chunk) {
      const column = stored.get(row.key);
      const current = column === undefined ? undefined : await openStoredDoc(tx, tenantId, row.key, column);
      if (JSON.stringify(current) !== JSON.stringify(row.doc)) fresh.push(row);
    }
    if (fresh.length === 0) continue;
    // Sealed with each subject's data key, like every preference write (preferences-store.ts).
    const values: Param[] = [];
    for (const row of fresh) {
      values.push(tenantId, row.key, await sealedDocColumn(tx, tenantId, row.key, row.doc), 1, updatedAt);
    }
    await tx.run(
      `INSERT INTO preferences (tenant_id, subject_key, doc, version, updated_at) VALUES ${placeholders(fresh.length, 5)}
       ON CONFLICT (tenant_id, subject_key) DO UPDATE SET doc = excluded.doc, version = preferences.version + 1,
       updated_at = excluded.updated_at`,
      values,
    );
    changed += fresh.length;
  }
  return changed;
}
