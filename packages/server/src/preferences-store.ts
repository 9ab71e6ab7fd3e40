/**
 * The `preferences` table: one JSON document per subject with a version for optimistic concurrency.
 * A verified user's document is keyed by the userId (the same on every device); an anonymous visitor's by the
 * anonymousId. Writes compare and bump the version in one statement-level transaction (better-sqlite3 is
 * synchronous, so nothing can interleave between the check and the write).
 */
import {
  type BadRequest,
  defaultPreferences,
  type PreferencesDocument,
  type PreferencesResponse,
  type Result,
  validatePreferences,
} from '@matbakh/contract';
import { type Db, stmt } from './db.ts';
import type { SubjectDataSource } from './privacy.ts';
import type { VerifiedSubject } from './subject.ts';

/** The table's subject key: userId wins (cross-device), else the anonymousId. */
export const subjectKey = (subject: VerifiedSubject): string =>
  subject.userId === undefined ? `a:${subject.anonymousId}` : `u:${subject.userId}`;

interface Row {
  doc: string;
  version: number;
}

/** The stored document (migrated to the current schema), or `undefined` when nothing is stored (version 0). */
export function readPreferences(db: Db, tenantId: string, key: string): PreferencesResponse | undefined {
  const row = stmt<Row>(db, 'SELECT doc, version FROM preferences WHERE tenant_id = ? AND subject_key = ?').get(
    tenantId,
    key,
  );
  if (!row) return undefined;
  const stored: unknown = JSON.parse(row.doc);
  const checked = validatePreferences(stored);
  // A row that no longer validates (a rule got stricter) is still the subject's data: answer it, never drop it.
  return { preferences: checked.ok ? checked.value : (stored as PreferencesDocument), version: row.version };
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
): WriteOutcome {
  return db.transaction((): WriteOutcome => {
    const current = readPreferences(db, tenantId, key);
    const version = current?.version ?? 0;
    if (expected !== '*' && expected !== version) {
      return { ok: false, current: current ?? { preferences: defaultPreferences(), version: 0 } };
    }
    const checked = next(current);
    if (!checked.ok) return { ok: false, invalid: checked.error };
    const doc = checked.value;
    stmt(
      db,
      `INSERT INTO preferences (tenant_id, subject_key, doc, version, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, subject_key) DO UPDATE SET doc = excluded.doc, version = excluded.version,
       updated_at = excluded.updated_at`,
    ).run(tenantId, key, JSON.stringify(doc), version + 1, new Date(now).toISOString());
    return { ok: true, state: { preferences: doc, version: version + 1 } };
  })();
}

/** The keys a subject owns: a verified user's document and the anonymous one of this device. */
const ownedKeys = (subject: VerifiedSubject) =>
  subject.userId === undefined ? [subjectKey(subject)] : [subjectKey(subject), `a:${subject.anonymousId}`];

/**
 * Export and erase cover the same rows: the export is the subject's document, or — when a user also left an
 * anonymous one on this device — `{ user, anonymous }` with both.
 */
export const preferencesSource: SubjectDataSource<'preferences'> = {
  section: 'preferences',
  export({ db, tenant, subject }) {
    const [user, anonymous] = ownedKeys(subject).map((key) => readPreferences(db, tenant.id, key)?.preferences);
    if (user && anonymous) return JSON.parse(JSON.stringify({ user, anonymous }));
    const only = user ?? anonymous;
    return only ? JSON.parse(JSON.stringify(only)) : null;
  },
  erase({ db, tenant, subject }) {
    let deleted = 0;
    for (const key of ownedKeys(subject)) {
      deleted += stmt(db, 'DELETE FROM preferences WHERE tenant_id = ? AND subject_key = ?').run(
        tenant.id,
        key,
      ).changes;
    }
    return { deleted, anonymized: 0 };
  },
};
