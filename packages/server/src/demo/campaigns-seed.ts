/**
 * The demo tenant's example campaigns, so the console's Campaigns page and the owner's inbox show messaging at
 * work on `npm start`: the health-alert automation (running: an owner whose orders drop gets the alert in the
 * inbox, or by e-mail where SMTP is configured) and a win-back for lapsed regulars (a draft to try the editor on).
 * Seeded once: a tenant admin who deletes or edits them keeps their choice.
 */
import type { CampaignInput } from '@matbakh/contract';
import type { Db } from '../db.ts';
import { changeCampaignStatus, createCampaign, listCampaigns } from '../messaging/campaign-store.ts';

const SYSTEM = { actor: 'system', id: 'demo-seed' } as const;

export const DEMO_HEALTH_ALERT: CampaignInput = {
  name: 'Umsatzwarnung an Inhaber',
  topic: 'health_alerts',
  trigger: { kind: 'insight', insight: 'health_alert' },
  audience: [],
  content: {
    de: { title: '{alertTitle}', body: '{alertBody}', url: 'https://matbakh.app/owner' },
    en: { title: '{alertTitle}', body: '{alertBody}', url: 'https://matbakh.app/owner' },
    ar: { title: '{alertTitle}', body: '{alertBody}', url: 'https://matbakh.app/owner' },
  },
  channels: ['in_app', 'email'],
  frequencyCap: { sends: 1, days: 1 },
  holdout: 0,
};

export const DEMO_WIN_BACK: CampaignInput = {
  name: 'Stammgäste zurückgewinnen',
  topic: 'promotions',
  trigger: { kind: 'lapsed', days: 14, minOrders: 3 },
  audience: [],
  content: {
    de: { title: 'Wir vermissen Sie', body: 'Lust auf {dish}? Ihr Lieblingsgericht wartet auf Sie.' },
    en: { title: 'We miss you', body: 'Fancy {dish}? Your favourite is waiting for you.' },
    ar: { title: 'اشتقنا إليك', body: 'هل ترغب في {dish}؟ طبقك المفضل بانتظارك.' },
  },
  channels: ['in_app', 'push', 'email'],
  frequencyCap: { sends: 1, days: 30 },
  holdout: 0.1,
};

/** Creates the example campaigns when the tenant has none; returns how many it created. */
export async function seedDemoCampaigns(db: Db, tenantId: string, now: number): Promise<number> {
  if ((await listCampaigns(db, tenantId)).length > 0) return 0;
  const alert = await createCampaign(db, tenantId, DEMO_HEALTH_ALERT, SYSTEM, now);
  await changeCampaignStatus(db, tenantId, alert.id, 'start', SYSTEM, now);
  await createCampaign(db, tenantId, DEMO_WIN_BACK, SYSTEM, now);
  return 2;
}
