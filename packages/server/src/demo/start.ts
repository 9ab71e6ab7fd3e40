import type { Db } from '../db.ts';
import type { Logger } from '../log.ts';
import { seedDemoTenant } from '../tenants.ts';
import { DEMO_OWNER_ID, DEMO_RESTAURANT_ID, ensureDemoData } from './synthetic.ts';

/**
 * Demo mode at start-up, never in a request: the demo tenant, its recommendation catalogue and history, and the
 * demo owner's restaurant (insights, upsell), so every page of `npm start` shows them at once. An in-memory demo
 * database starts empty and the CLI cannot reach it, hence here. Seeded again (replacing only seeded rows) on the
 * first start of a UTC day, so "yesterday" in the owner's health alert is yesterday; ≈ 0.4–2 s, a restart the same
 * day ≈ 0.
 */
export async function prepareDemo(db: Db, log: Logger, now: () => number): Promise<void> {
  const demo = await seedDemoTenant(db);
  log({ level: 'info', msg: 'demo tenant ready', tenantId: demo.id, writeKey: demo.writeKey });
  const started = performance.now();
  const seeded = await ensureDemoData(db, demo.id, now());
  log({
    level: 'info',
    msg: seeded ? 'demo data seeded' : 'demo data current',
    owner: DEMO_OWNER_ID,
    restaurant: DEMO_RESTAURANT_ID,
    ...(seeded && { restaurants: seeded.restaurants, dishes: seeded.dishes, orders: seeded.orders }),
    ms: Math.round(performance.now() - started),
  });
}
