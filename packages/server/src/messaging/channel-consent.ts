/**
 * A message channel's consent as the ledger holds it: the `channels` of the subject's newest decision (the privacy
 * center's per-channel switches). Only an explicit `true` grants; no decision, or one without the channel, does not.
 */
import type { ChannelId } from '@matbakh/contract';
import type { Queryable } from '../db.ts';
import { subjectPredicate, type VerifiedSubject } from '../subject.ts';

export async function channelGranted(
  db: Queryable,
  tenantId: string,
  subject: VerifiedSubject,
  channel: ChannelId,
): Promise<boolean> {
  const where = subjectPredicate(subject);
  const row = await db.get<{ channels: string }>(
    `SELECT channels FROM consent_ledger WHERE tenant_id = ? AND anonymized_at IS NULL AND ${where.sql}
     ORDER BY id DESC LIMIT 1`,
    [tenantId, ...where.params],
  );
  if (!row) return false;
  try {
    const channels: unknown = JSON.parse(row.channels);
    return typeof channels === 'object' && channels !== null && (channels as Record<string, unknown>)[channel] === true;
  } catch {
    return false;
  }
}
