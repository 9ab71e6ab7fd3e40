/**
 * The demo restaurant's guests as the churn model sees them: most of Beirut Kitchen's (anonymous) guests allow
 * personalization, every seventh refuses it — so the owner's at-risk list on `npm start` has regulars, and the rule
 * that a guest without profiling consent gets no score shows there too. Then one churn pass, so the list is there
 * before the worker's first daily pass.
 */
import type { ConsentRecordRequest } from '@matbakh/contract';
import { guestsIn } from '../churn/histories.ts';
import { CHURN_EVERY_MS, refreshTenantChurn } from '../churn/pass.ts';
import { lastChurnRun } from '../churn/store.ts';
import { appendConsent } from '../consent.ts';
import { latestChoices } from '../consent-gate.ts';
import type { Db } from '../db.ts';
import { aggregatesFor } from '../recommend/aggregates.ts';

const DEMO_GUEST = /^a:(anon-beirut-guest-(\d+))$/;

export async function seedDemoChurn(db: Db, tenantId: string, now: number): Promise<number> {
  const guests = guestsIn((await aggregatesFor(db, tenantId, now)).restaurantOrders);
  for (const guest of guests) {
    const match = DEMO_GUEST.exec(guest);
    if (!match) continue;
    const anonymousId = match[1]!;
    if (await latestChoices(db, tenantId, { anonymousId })) continue;
    const personalization = Number(match[2]) % 7 !== 0;
    const at = now - 70 * 86_400_000;
    const record: ConsentRecordRequest = {
      consentId: `seed-churn-${anonymousId}`,
      anonymousId,
      policyVersion: 1,
      action: personalization ? 'accept_all' : 'custom',
      choices: { necessary: true, preferences: true, personalization, analytics: true, marketing: personalization },
      channels: { in_app: true },
      source: 'banner',
      timestamp: new Date(at).toISOString(),
      userAgentClass: 'desktop',
    };
    await appendConsent(db, tenantId, { anonymousId }, record, at);
  }
  // A restart the same day keeps the day's scores (the worker refreshes them daily anyway).
  const computed = await lastChurnRun(db, tenantId);
  if (computed !== undefined && now >= computed && now - computed < CHURN_EVERY_MS) return 0;
  return refreshTenantChurn(db, tenantId, now);
}
