import type { Db } from '../db.ts';
import { refreshForecasts } from '../forecast/pass.ts';
import { ensureKnownKey } from '../keys.ts';
import type { Logger } from '../log.ts';
import { seedDemoTenant } from '../tenants.ts';
import { seedDemoCampaigns } from './campaigns-seed.ts';
import { DEMO_OWNER_ID, DEMO_RESTAURANT_ID, ensureDemoData } from './synthetic.ts';

/**
 * The demo tenant's admin key, published like its write key (README, `npm start`'s banner) so the partner console
 * can be tried at once. Demo mode only: a real tenant's admin key is random and shown once by `tenant:create`.
 */
export const DEMO_ADMIN_KEY = 'ak_demo_console_npm_start';

/**
 * Demo mode at start-up, never in a request: the demo tenant, its recommendation catalogue and history, and the
 * demo owner's restaurant (insights, upsell) and example campaigns, so every page of `npm start` shows them at once. An in-memory demo
 * database starts empty and the CLI cannot reach it, hence here. Seeded again (replacing only seeded rows) on the
 * first start of a UTC day, so "yesterday" in the owner's health alert is yesterday; ≈ 0.4–2 s, a restart the same
 * day ≈ 0.
 */
export async function prepareDemo(db: Db, log: Logger, now: () => number): Promise<void> {
  const demo = await seedDemoTenant(db);
  await ensureKnownKey(db, demo.id, 'admin', DEMO_ADMIN_KEY, now());
  log({ level: 'info', msg: 'demo tenant ready', tenantId: demo.id, writeKey: demo.writeKey, console: '/console/' });
  const started = performance.now();
  const seeded = await ensureDemoData(db, demo.id, now());
  await seedDemoCampaigns(db, demo.id, now());
  log({
    level: 'info',
    msg: seeded ? 'demo data seeded' : 'demo data current',
    owner: DEMO_OWNER_ID,
    restaurant: DEMO_RESTAURANT_ID,
    ...(seeded && { restaurants: seeded.restaurants, dishes: seeded.dishes, orders: seeded.orders }),
    ms: Math.round(performance.now() - started),
  });
  // The owner page shows a forecast at once, not after the worker's first daily pass (forecast/pass.ts).
  await refreshForecasts(db, now(), { log, budgetMs: 10_000 });
}
