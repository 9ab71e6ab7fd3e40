/**
 * What a tenant knows of a guest beyond their orders, where it lives: the stored preferences (diet, allergens, and
 * a `region` key a partner's preference centre may keep) and the `region` trait of their latest `identify` that
 * named one. The preference wins: it is the guest's own choice, the trait is what the partner last sent.
 */
import { ALLERGENS, type Allergen, DIETS, type Diet } from '@matbakh/contract';
import type { Db } from '../db.ts';
import { openStoredDoc } from '../preferences-store.ts';
import type { VerifiedSubject } from '../subject.ts';
import { anonymousKey, userKey } from './aggregates.ts';
import type { SubjectContext } from './learn.ts';

/** A region name as the catalogue uses it: a short non-empty string. */
const regionValue = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : undefined;

const known = <T extends string>(list: readonly T[], value: unknown): T[] =>
  Array.isArray(value) ? value.filter((v): v is T => (list as readonly unknown[]).includes(v)) : [];

interface TraitRow {
  user_id: string | null;
  anonymous_id: string | null;
  region: string | null;
}

const regionTraitSql = (db: Db) =>
  `SELECT ${db.sql.eventSeq} AS seq, user_id, anonymous_id, ${db.sql.jsonText('payload', 'traits', 'region')} AS region
   FROM events
   WHERE tenant_id = ? AND type = 'identify' AND ${db.sql.jsonText('payload', 'traits', 'region')} IS NOT NULL`;

/**
 * Every guest's context, by aggregate key (`u:<userId>`, `a:<anonymousId>`): for the refit, which must ask the
 * ranker what a request for that guest would have asked.
 */
export async function subjectContexts(db: Db, tenantId: string): Promise<Map<string, SubjectContext>> {
  const out = new Map<string, SubjectContext>();
  const entry = (key: string) => {
    let context = out.get(key);
    if (!context) {
      context = { diet: [], allergens: [] };
      out.set(key, context);
    }
    return context;
  };
  const traits = await db.all<TraitRow>(`${regionTraitSql(db)} ORDER BY seq`, [tenantId]);
  for (const row of traits) {
    const region = regionValue(row.region);
    if (region === undefined) continue;
    if (row.user_id !== null) entry(userKey(row.user_id)).homeRegion = region;
    if (row.anonymous_id !== null) entry(anonymousKey(row.anonymous_id)).homeRegion = region;
  }
  const docs = await db.all<{ subject_key: string; doc: string }>(
    'SELECT subject_key, doc FROM preferences WHERE tenant_id = ?',
    [tenantId],
  );
  for (const { subject_key, doc } of docs) {
    const stored = (await openStoredDoc(db, tenantId, subject_key, doc)) as Record<string, unknown> | undefined;
    if (stored === undefined) continue;
    const context = entry(subject_key);
    context.diet = known<Diet>(DIETS, stored.diet);
    context.allergens = known<Allergen>(ALLERGENS, stored.allergens);
    context.homeRegion = regionValue(stored.region) ?? context.homeRegion;
  }
  return out;
}

/** The guest's home region for a request (a signal; the request's own `region` still decides the visit). */
export async function homeRegionOf(db: Db, tenantId: string, subject: VerifiedSubject): Promise<string | undefined> {
  const keys = [anonymousKey(subject.anonymousId)];
  if (subject.userId !== undefined) keys.unshift(userKey(subject.userId));
  const docs = await db.all<{ subject_key: string; doc: string }>(
    `SELECT subject_key, doc FROM preferences WHERE tenant_id = ? AND subject_key IN (${keys.map(() => '?').join(', ')})`,
    [tenantId, ...keys],
  );
  for (const key of keys) {
    const doc = docs.find((row) => row.subject_key === key);
    const stored = doc
      ? ((await openStoredDoc(db, tenantId, key, doc.doc)) as Record<string, unknown> | undefined)
      : undefined;
    const region = regionValue(stored?.region);
    if (region !== undefined) return region;
  }
  const byUser =
    subject.userId === undefined
      ? undefined
      : await db.get<TraitRow>(`${regionTraitSql(db)} AND user_id = ? ORDER BY seq DESC LIMIT 1`, [
          tenantId,
          subject.userId,
        ]);
  const row =
    byUser ??
    (await db.get<TraitRow>(`${regionTraitSql(db)} AND anonymous_id = ? ORDER BY seq DESC LIMIT 1`, [
      tenantId,
      subject.anonymousId,
    ]));
  return regionValue(row?.region);
}
