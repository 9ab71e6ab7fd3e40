import { DEFAULT_RETENTION_DAYS, type FeedbackKind, type FeedbackRequest, type JsonObject } from '@matbakh/contract';
import { type Db, stmt } from '../db.ts';
import type { SubjectDataSource } from '../privacy.ts';
import { subjectPredicate, type VerifiedSubject } from '../subject.ts';
import { DAY_MS, invalidateAggregates } from './aggregates.ts';
import type { FeedbackState } from './rank.ts';

export interface StoredFeedback {
  id: number;
  receivedAt: string;
}

export function storeFeedback(
  db: Db,
  tenantId: string,
  subject: VerifiedSubject,
  request: FeedbackRequest,
  now: number,
): StoredFeedback {
  const receivedAt = new Date(now).toISOString();
  const { lastInsertRowid } = stmt(
    db,
    `INSERT INTO recommendation_feedback (tenant_id, anonymous_id, user_id, request_id, item_id, kind, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    tenantId,
    subject.anonymousId,
    subject.userId ?? null,
    request.requestId,
    request.itemId,
    request.kind,
    receivedAt,
  );
  return { id: Number(lastInsertRowid), receivedAt };
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

function subjectRows(db: Db, tenantId: string, subject: VerifiedSubject, since?: string): FeedbackRow[] {
  const where = subjectPredicate(subject);
  return stmt<FeedbackRow>(
    db,
    `SELECT * FROM recommendation_feedback WHERE tenant_id = ? AND ${where.sql} AND received_at >= ? ORDER BY id`,
  ).all(tenantId, ...where.params, since ?? '');
}

/**
 * What the ranker needs from the subject's feedback within the retention period. The latest word on an item wins:
 * "more like this" after "not interested" brings it back.
 */
export function feedbackState(
  db: Db,
  tenantId: string,
  subject: VerifiedSubject,
  now: number,
  retentionDays = DEFAULT_RETENTION_DAYS,
): FeedbackState {
  const since = new Date(now - retentionDays * DAY_MS).toISOString();
  const latest = new Map<string, FeedbackKind>();
  for (const row of subjectRows(db, tenantId, subject, since)) {
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
export function purgeExpiredFeedback(db: Db, now: number): number {
  const tenants = stmt<{ id: string; retention_days: number | null }>(
    db,
    'SELECT id, retention_days FROM tenants',
  ).all();
  let deleted = 0;
  for (const tenant of tenants) {
    const cutoff = new Date(now - (tenant.retention_days ?? DEFAULT_RETENTION_DAYS) * DAY_MS).toISOString();
    deleted += stmt(db, 'DELETE FROM recommendation_feedback WHERE tenant_id = ? AND received_at < ?').run(
      tenant.id,
      cutoff,
    ).changes;
  }
  return deleted;
}

/** Feedback is personal data: `/v1/privacy/export` shows it and `/v1/privacy/erase` deletes it. */
export const feedbackSource: SubjectDataSource<'feedback'> = {
  section: 'feedback',
  export: ({ db, tenant, subject }) =>
    subjectRows(db, tenant.id, subject).map((row): JsonObject => {
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
  erase: ({ db, tenant, subject }) => {
    const where = subjectPredicate(subject);
    const { changes } = stmt(db, `DELETE FROM recommendation_feedback WHERE tenant_id = ? AND ${where.sql}`).run(
      tenant.id,
      ...where.params,
    );
    // The events source deletes the subject's orders in the same erase: rebuild the aggregates without them.
    invalidateAggregates(db, tenant.id);
    return { deleted: changes, anonymized: 0 };
  },
};
