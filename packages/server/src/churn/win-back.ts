/**
 * `POST /v1/insights/win-back`: the group's at-risk regulars get one win-back message each, queued through the
 * messaging service as automation jobs (messaging/queue.ts), so the dispatcher's send-checks decide every send as
 * for any campaign: channel consent, the guest's notification preferences (topic `promotions`), quiet hours, caps.
 * Once per group and ISO week: a second call that week answers the first one's campaign (`alreadyRunning`), and the
 * jobs' idempotency keys make a race between two instances queue each message once.
 */
import type { Locale, MessageContent, WinBackResponse } from '@matbakh/contract';
import { LOCALES } from '@matbakh/contract';
import type { Db } from '../db.ts';
import { AUTOMATION_PREFIX } from '../messaging/campaign-read.ts';
import { enqueueMessage } from '../messaging/queue.ts';
import { AT_RISK } from './model.ts';
import { readGroupChurn } from './store.ts';
import { churnText } from './texts.ts';

/** ISO 8601 week of a UTC day: `2026-W50` (the week with the year's first Thursday is week 1). */
export function isoWeek(ms: number): string {
  const date = new Date(ms);
  const day = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Tried in this order; the first the guest allows and can be reached on is used. */
export const WIN_BACK_CHANNELS = ['email', 'push', 'in_app'] as const;

function content(): Partial<Record<Locale, MessageContent>> {
  const texts: Partial<Record<Locale, MessageContent>> = {};
  for (const locale of LOCALES) {
    texts[locale] = { title: churnText(locale, 'winBack.title'), body: churnText(locale, 'winBack.body') };
  }
  return texts;
}

export async function startWinBack(db: Db, tenantId: string, groupId: string, now: number): Promise<WinBackResponse> {
  const week = isoWeek(now);
  const campaignId = `${AUTOMATION_PREFIX}win_back:${groupId}:${week}`;
  return db.transaction(async (tx) => {
    const claimed = await tx.run(
      `INSERT INTO churn_win_backs (tenant_id, group_id, iso_week, campaign_id, queued, created_at)
       VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (tenant_id, group_id, iso_week) DO NOTHING`,
      [tenantId, groupId, week, campaignId, new Date(now).toISOString()],
    );
    if (claimed.changes === 0) {
      const row = await tx.get<{ campaign_id: string; queued: number }>(
        'SELECT campaign_id, queued FROM churn_win_backs WHERE tenant_id = ? AND group_id = ? AND iso_week = ?',
        [tenantId, groupId, week],
      );
      return { campaignId: row?.campaign_id ?? campaignId, queued: 0, alreadyRunning: true };
    }
    const stored = await readGroupChurn(tx, tenantId, groupId, AT_RISK);
    let queued = 0;
    for (const score of stored?.scores ?? []) {
      const { created } = await enqueueMessage(
        tx,
        {
          tenantId,
          campaignId,
          recipient: score.guest,
          topic: 'promotions',
          idempotencyKey: `${campaignId}:${score.guest}`,
          payload: { content: content(), channels: [...WIN_BACK_CHANNELS], fields: { restaurant: groupId } },
          runAt: new Date(now).toISOString(),
        },
        now,
      );
      if (created) queued++;
    }
    await tx.run('UPDATE churn_win_backs SET queued = ? WHERE tenant_id = ? AND group_id = ? AND iso_week = ?', [
      queued,
      tenantId,
      groupId,
      week,
    ]);
    return { campaignId, queued, alreadyRunning: false };
  });
}
