import { DEFAULT_RETENTION_DAYS, type FeedbackKind, type FeedbackRequest, type JsonObject } from '@matbakh/contract';
import type { Db } from '../db.ts';
import { subjectPredicate, type VerifiedSubject } from '../subject.ts';
import type { SubjectDataSource } from '../subject-data-source.ts';
import { DAY_MS } from './aggregates.ts';
import type { FeedbackState } from './rank.ts';

export interface StoredFeedback {
  id: number;
  receivedAt: string;
}

export async function storeFeedback(
  db: Db,
  tenantId: string,
  subject: VerifiedSubject,
  request: FeedbackRequest,
  now: number,
): Promise<StoredFeedback> {
  const receivedAt = new Date(now).toISOString();
  const row = await db.get<{ id: number }>(
    `INSERT INTO recommendation_feedback (tenant_id, anonymous_id, user_id, request_id, item_id, kind, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      tenantId,
      subject.anonymousId,
      subject.userId ?? null,
      request.requestId,
      request.itemId,
      request.kind,
      receivedAt,
    ],
  );
  return { id: Number(row!.id), receivedAt };
}

interface FeedbackRow {
  id: number;
  anonymous_id: string;
  user_id: string | null;
  request_id: string;
  item_id: string;
  kind: FeedbackKind;
  received_at: string;
}

function subjectRows(db: Db, tenantId: string, subject: VerifiedSubject, since?: string): Promise<FeedbackRow[]> {
  const where = subjectPredicate(subject);
  return db.all<FeedbackRow>(
    `SELECT * FROM recommendation_feedback WHERE tenant_id = ? AND ${where.sql} AND received_at >= ? ORDER BY id`,
    [tenantId, ...where.params, since ?? ''],
  );
}

/**
 * What the ranker needs from the subject's feedback within the retention period. The latest word on an item wins:
 * "more like this" after "not interested" brings it back.
 */
export async function feedbackState(
  db: Db,
  tenantId: string,
  subject: VerifiedSubject,
  now: number,
  retentionDays = DEFAULT_RETENTION_DAYS,
): Promise<FeedbackState> {
  const since = new Date(now - retentionDays * DAY_MS).toISOString();
  const latest = new Map<string, FeedbackKind>();
  for (const row of await subjectRows(db, tenantId, subject, since)) {
    latest.delete(row.item_id);
    latest.set(row.item_id, row.kind);
  }
  const state: FeedbackState = { hidden: new Set(), liked: [] };
  for (const [item, kind] of latest) {
    if (kind === 'more_like_this') state.liked.push(item);
    else state.hidden.add(item);
  }
  // The most recent likes count; an old list of likes should not drown the rest of the ranking.
  state.liked = state.liked.slice(-5);
  return state;
}

/** Feedback rows older than each tenant's retention period are deleted (like tracked events). */
export async function purgeExpiredFeedback(db: Db, now: number): Promise<number> {
  const tenants = await db.all<{ id: string; retention_days: number | null }>('SELECT id, retention_days FROM tenants');
  let deleted = 0;
  for (const tenant of tenants) {
    const cutoff = new Date(now - (tenant.retention_days ?? DEFAULT_RETENTION_DAYS) * DAY_MS).toISOString();
    deleted += (
      await db.run('DELETE FROM recommendation_feedback WHERE tenant_id = ? AND received_at < ?', [tenant.id, cutoff])
    ).changes;
  }
  return deleted;
}

/** Feedback is personal data: `/v1/privacy/export` shows it and `/v1/privacy/erase` deletes it. */
export const feedbackSource: SubjectDataSource<'feedback'> = {
  section: 'feedback',
  export: async ({ db, tenant, subject }) =>
    (await subjectRows(db, tenant.id, subject)).map((row): JsonObject => {
      const entry: JsonObject = {
        id: row.id,
        anonymousId: row.anonymous_id,
        requestId: row.request_id,
        itemId: row.item_id,
        kind: row.kind,
        receivedAt: row.received_at,
      };
      if (row.user_id !== null) entry.userId = row.user_id;
      return entry;
    }),
  erase: async ({ db, tenant, subject }) => {
    const where = subjectPredicate(subject);
    const { changes } = await db.run(`DELETE FROM recommendation_feedback WHERE tenant_id = ? AND ${where.sql}`, [
      tenant.id,
      ...where.params,
    ]);
    return { deleted: changes, anonymized: 0 };
  },
};
