/**
 * The `preferences` table: one JSON document per subject with a version for optimistic concurrency.
 * A verified user's document is keyed by the userId (the same on every device); an anonymous visitor's by the
 * anonymousId. Writes compare and bump the version in one transaction that reads the row `FOR UPDATE` on
 * PostgreSQL (SQLite's write transaction is exclusive already), so nothing can interleave between check and write.
 */
import {
  type BadRequest,
  defaultPreferences,
  type PreferencesDocument,
  type PreferencesResponse,
  type Result,
  validatePreferences,
} from '@matbakh/contract';
import { isSealed, type SubjectCipher, subjectCipher } from './crypto/subject-data.ts';
import type { Db, Queryable } from './db.ts';
import type { VerifiedSubject } from './subject.ts';
import type { SubjectDataSource } from './subject-data-source.ts';

/** The table's subject key: userId wins (cross-device), else the anonymousId. */
export const subjectKey = (subject: VerifiedSubject): string =>
  subject.userId === undefined ? `a:${subject.anonymousId}` : `u:${subject.userId}`;

interface Row {
  doc: string;
  version: number;
}

const PURPOSE = 'preferences';

/**
 * Diet, allergens and the rest are sealed with the subject's data key (crypto/subject-data.ts): the column holds a
 * JSON string `"sd1.…"`. A document stored before encryption (a JSON object) is read as it is and sealed at its
 * next write. `undefined`: the subject's key is gone (erased), so is the document.
 */
async function openDoc(
  db: Queryable,
  tenantId: string,
  key: string,
  stored: unknown,
  cipher: SubjectCipher = subjectCipher(db, tenantId),
): Promise<unknown> {
  if (!isSealed(stored)) return stored;
  const plain = await cipher.open(key, PURPOSE, stored);
  return plain === undefined ? undefined : JSON.parse(plain);
}

/** A `preferences.doc` column value, opened: for readers of many rows (the refit, bulk import). */
export const openStoredDoc = (db: Queryable, tenantId: string, key: string, column: string): Promise<unknown> =>
  openDoc(db, tenantId, key, JSON.parse(column));

/** What `preferences.doc` stores for a document: the sealed value as a JSON string. */
export const sealedDocColumn = async (db: Queryable, tenantId: string, key: string, doc: unknown): Promise<string> =>
  JSON.stringify(await subjectCipher(db, tenantId).seal(key, PURPOSE, JSON.stringify(doc)));

/** The stored document (migrated to the current schema), or `undefined` when nothing is stored (version 0). */
export async function readPreferences(
  db: Db,
  tenantId: string,
  key: string,
  forUpdate = false,
): Promise<PreferencesResponse | undefined> {
  const lock = forUpdate && db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const row = await db.get<Row>(`SELECT doc, version FROM preferences WHERE tenant_id = ? AND subject_key = ?${lock}`, [
    tenantId,
    key,
  ]);
  if (!row) return undefined;
  return responseOf(db, tenantId, key, row);
}

/** The stored document as `readPreferences` answers it, from its row, opened with `cipher`. */
async function responseOf(
  db: Queryable,
  tenantId: string,
  key: string,
  row: Row,
  cipher?: SubjectCipher,
): Promise<PreferencesResponse | undefined> {
  const stored = await openDoc(db, tenantId, key, JSON.parse(row.doc), cipher);
  if (stored === undefined) return undefined;
  const checked = validatePreferences(stored);
  // A row that no longer validates (a rule got stricter) is still the subject's data: answer it, never drop it.
  return { preferences: checked.ok ? checked.value : (stored as PreferencesDocument), version: row.version };
}

/**
 * Many subjects' documents in one query (the dispatcher's claim), opened with `cipher` (preload its keys first to
 * spare a read per subject). Subjects without a document are absent.
 */
export async function readPreferencesMany(
  db: Queryable,
  tenantId: string,
  keys: readonly string[],
  cipher: SubjectCipher,
): Promise<Map<string, PreferencesResponse>> {
  const out = new Map<string, PreferencesResponse>();
  if (keys.length === 0) return out;
  const rows = await db.all<Row & { subject_key: string }>(
    `SELECT subject_key, doc, version FROM preferences WHERE tenant_id = ? AND subject_key IN (${keys.map(() => '?').join(', ')})`,
    [tenantId, ...keys],
  );
  for (const row of rows) {
    const response = await responseOf(db, tenantId, row.subject_key, row, cipher);
    if (response) out.set(row.subject_key, response);
  }
  return out;
}

export type WriteOutcome =
  | { ok: true; state: PreferencesResponse }
  | { ok: false; current: PreferencesResponse }
  | { ok: false; invalid: BadRequest };

/**
 * Stores `next` if the stored version is still `expected` (`'*'`: whatever it is). Otherwise nothing changes and
 * the current state comes back, for the caller's 412. `next` builds the new document from the current one (a patch
 * needs it) and may refuse it.
 */
export function writePreferences(
  db: Db,
  tenantId: string,
  key: string,
  expected: number | '*',
  next: (current: PreferencesResponse | undefined) => Result<PreferencesDocument, BadRequest>,
  now: number,
): Promise<WriteOutcome> {
  return db.transaction(async (tx): Promise<WriteOutcome> => {
    const current = await readPreferences(tx, tenantId, key, true);
    const version = current?.version ?? 0;
    if (expected !== '*' && expected !== version) {
      return { ok: false, current: current ?? { preferences: defaultPreferences(), version: 0 } };
    }
    const checked = next(current);
    if (!checked.ok) return { ok: false, invalid: checked.error };
    const doc = checked.value;
    // A first write racing another on PostgreSQL: the loser's insert conflicts and updates nothing (the WHERE), and
    // answers 412 with what the winner stored, as a lost If-Match race should.
    const { changes } = await tx.run(
      `INSERT INTO preferences (tenant_id, subject_key, doc, version, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, subject_key) DO UPDATE SET doc = excluded.doc, version = excluded.version,
       updated_at = excluded.updated_at WHERE preferences.version = ?`,
      [tenantId, key, await sealedDocColumn(tx, tenantId, key, doc), version + 1, new Date(now).toISOString(), version],
    );
    if (changes === 0) {
      const winner = await readPreferences(tx, tenantId, key);
      return { ok: false, current: winner ?? { preferences: defaultPreferences(), version: 0 } };
    }
    return { ok: true, state: { preferences: doc, version: version + 1 } };
  });
}

/** The keys a subject owns: a verified user's document and the anonymous one of this device. */
export const ownedKeys = (subject: VerifiedSubject) =>
  subject.userId === undefined ? [subjectKey(subject)] : [subjectKey(subject), `a:${subject.anonymousId}`];

/**
 * Export and erase cover the same rows: the export is the subject's document, or — when a user also left an
 * anonymous one on this device — `{ user, anonymous }` with both.
 */
export const preferencesSource: SubjectDataSource<'preferences'> = {
  section: 'preferences',
  async export({ db, tenant, subject }) {
    const [user, anonymous] = await Promise.all(
      ownedKeys(subject).map(async (key) => (await readPreferences(db, tenant.id, key))?.preferences),
    );
    if (user && anonymous) return JSON.parse(JSON.stringify({ user, anonymous }));
    const only = user ?? anonymous;
    return only ? JSON.parse(JSON.stringify(only)) : null;
  },
  async erase({ db, tenant, subject }) {
    let deleted = 0;
    for (const key of ownedKeys(subject)) {
      deleted += (await db.run('DELETE FROM preferences WHERE tenant_id = ? AND subject_key = ?', [tenant.id, key]))
        .changes;
    }
    return { deleted, anonymized: 0 };
  },
};
