/**
 * The demo tenant's four weeks of simulated visitors (engagement.ts), stored the way the API would have stored them:
 * each consent decision in the ledger, and a visit's messages only while its visitor grants analytics (the server
 * refuses the rest). Replaced with the rest of the demo data, so its days stay the last 28.
 */
import type { CatalogItem, ConsentRecordRequest, ValidMessage } from '@matbakh/contract';
import { DEMO_EXPERIMENTS, DEMO_TOURS } from '@matbakh/demo';
import { appendConsent } from '../consent.ts';
import type { Db } from '../db.ts';
import { storeMessages } from '../events.ts';
import { forgetTenantKpis } from '../kpis/pass.ts';
import { DAY_MS } from '../recommend/aggregates.ts';
import { deleteEvents } from '../storage/event-rows.ts';
import { simulateVisits, type Visit } from './engagement.ts';

export const ENGAGEMENT_PREFIX = 'seed-eng';
/** Visitors are simulated in blocks of calendar days, so a day's visits are the same whenever they are seeded. */
const BLOCK_DAYS = 28;
const VISITORS_PER_BLOCK = 300;
const LIBRARY = { library: { name: 'matbakh-seed', version: '1' } };

/** The visits before `now`'s UTC day, at least 28 days of them, over the given dishes. */
export function demoVisits(now: number, dishes: readonly CatalogItem[]): Visit[] {
  const [experiment] = DEMO_EXPERIMENTS;
  const today = Math.floor(now / DAY_MS);
  const visits: Visit[] = [];
  for (let block = Math.floor((today - BLOCK_DAYS) / BLOCK_DAYS); block * BLOCK_DAYS < today; block++) {
    const simulated = simulateVisits({
      seed: block,
      start: block * BLOCK_DAYS * DAY_MS,
      days: BLOCK_DAYS,
      visitors: VISITORS_PER_BLOCK,
      prefix: `${ENGAGEMENT_PREFIX}-${block}`,
      products: dishes.map((dish) => ({ product_id: dish.id, price: dish.price?.amount ?? 10 })),
      experiment: { id: experiment!.key, variants: [experiment!.variants[0]!.key, experiment!.variants[1]!.key] },
      actions: ['guest-reorder', 'guest-lunch-tip'],
      tourId: DEMO_TOURS[0]!.id,
    });
    visits.push(...simulated.filter((visit) => visit.at < today * DAY_MS));
  }
  return visits.sort((a, b) => a.at - b.at);
}

/**
 * Adds the simulated visits not stored yet, inside the caller's transaction: the ledger's decisions (append-only:
 * a day's decisions are the same on every seed, so only new ones are added) and the visits' messages (replaced).
 * The KPI worker's tables of the tenant start over, since the caller replaced rows it had counted.
 */
export async function seedDemoEngagement(
  tx: Db,
  tenantId: string,
  now: number,
  dishes: readonly CatalogItem[],
): Promise<number> {
  await deleteEvents(tx, tenantId, `message_id LIKE '${ENGAGEMENT_PREFIX}-%'`, []);
  await forgetTenantKpis(tx, tenantId);
  const stored = new Set(
    (
      await tx.all<{ consent_id: string }>(
        `SELECT consent_id FROM consent_ledger WHERE tenant_id = ? AND consent_id LIKE '${ENGAGEMENT_PREFIX}-%'`,
        [tenantId],
      )
    ).map((row) => row.consent_id),
  );
  const analytics = new Map<string, boolean>();
  const messages: ValidMessage[] = [];
  for (const visit of demoVisits(now, dishes)) {
    if (visit.consent) {
      const record = decision(visit);
      if (!stored.has(record.consentId))
        await appendConsent(tx, tenantId, { anonymousId: visit.anonymousId }, record, visit.at);
      analytics.set(visit.anonymousId, visit.consent.analytics);
    }
    if (!analytics.get(visit.anonymousId)) continue;
    for (const message of visit.messages) messages.push({ ...message, index: messages.length, context: LIBRARY });
  }
  await storeMessages(tx, tenantId, messages, now);
  return messages.length;
}

function decision(visit: Visit): ConsentRecordRequest {
  const choices = visit.consent!;
  return {
    consentId: `${ENGAGEMENT_PREFIX}-${visit.anonymousId}-${visit.at}`,
    anonymousId: visit.anonymousId,
    policyVersion: 1,
    action: Object.values(choices).every(Boolean) ? 'accept_all' : 'custom',
    choices,
    channels: {},
    source: 'banner',
    timestamp: new Date(visit.at).toISOString(),
    userAgentClass: visit.at % 3 === 0 ? 'desktop' : 'mobile',
  };
}
