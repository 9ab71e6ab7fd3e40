import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_WIDGETS, type ConfigResponse } from '@matbakh/contract';
import { DEMO_EXPERIMENTS, DEMO_RULES, DEMO_TOURS } from '@matbakh/demo';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { STARTER_RULES } from '../src/tenant-config/starter.ts';
import { createTenant, seedDemoTenant, type Tenant } from '../src/tenants.ts';
import { call, openTestDb } from './helpers.ts';

// The experiments section reads this file when set; these tests are about the built-in defaults.
delete process.env.MB_EXPERIMENTS;

/** The reference server with all its route modules (ROUTE_MODULES), a demo tenant and another one. */
async function world(demo: boolean) {
  const db = await openTestDb();
  const demoTenant = await seedDemoTenant(db);
  const other = await createTenant(db, { name: 'Falafel Haus', origins: ['https://shop.example'] });
  const app = createApp({ db, config: { ...loadConfig({ MB_DB_PATH: ':memory:' }), demo } });
  const config = async (tenant: Tenant) => {
    const { res, json } = await call<ConfigResponse>(app, 'GET', `/v1/config?writeKey=${tenant.writeKey}`);
    assert.equal(res.status, 200, JSON.stringify(json));
    return json;
  };
  return { demoTenant, other, config };
}

const ids = (list: readonly { id: string }[] | undefined) => (list ?? []).map((item) => item.id);

describe('GET /v1/config: feature sections', () => {
  it('the demo tenant gets the demo rules and tours, the dashboards, and (demo mode) the demo experiments', async () => {
    const w = await world(true);
    const config = await w.config(w.demoTenant);
    assert.deepEqual(ids(config.rules), ids(DEMO_RULES));
    assert.ok(config.rules!.length > 0);
    assert.deepEqual(ids(config.tours), ids(DEMO_TOURS));
    assert.ok(config.tours!.every((tour) => tour.steps.length > 0));
    assert.deepEqual(
      config.experiments?.map((e) => e.key),
      DEMO_EXPERIMENTS.map((e) => e.key),
    );
    assert.deepEqual(config.dashboards?.guest?.order, [...BUILT_IN_WIDGETS.guest]);
    assert.deepEqual(config.dashboards?.owner?.order, [...BUILT_IN_WIDGETS.owner]);
    // The core sections are still there.
    assert.equal(config.tenant.id, w.demoTenant.id);
    assert.ok(config.consent.categories.length > 0);
  });

  it('a new tenant gets the starter welcome tour and example rules, no experiments, and the same dashboards', async () => {
    const w = await world(true);
    const config = await w.config(w.other);
    assert.deepEqual(ids(config.rules), ids(STARTER_RULES));
    assert.deepEqual(ids(config.tours), ['guest-welcome']);
    assert.deepEqual(config.experiments, []);
    assert.deepEqual(config.dashboards?.owner?.order, [...BUILT_IN_WIDGETS.owner]);
    assert.equal(config.tenant.id, w.other.id);
  });

  it("the demo tenant's experiments are its stored configuration: served with or without demo mode", async () => {
    const w = await world(false);
    const config = await w.config(w.demoTenant);
    assert.deepEqual(ids(config.rules), ids(DEMO_RULES));
    assert.deepEqual(ids(config.tours), ids(DEMO_TOURS));
    assert.deepEqual(
      config.experiments?.map((e) => e.key),
      DEMO_EXPERIMENTS.map((e) => e.key),
    );
  });

  it('a tenant from before stored configurations keeps what it was served: no rules, tours or experiments', async () => {
    const db = await openTestDb();
    const legacy = await createTenant(db, { name: 'Old', origins: ['https://old.example'] });
    await db.run('DELETE FROM tenant_config_versions WHERE tenant_id = ?', [legacy.id]);
    const app = createApp({ db, config: loadConfig({ MB_DB_PATH: ':memory:' }) });
    const { res, json } = await call<ConfigResponse>(app, 'GET', `/v1/config?writeKey=${legacy.writeKey}`);
    assert.equal(res.status, 200);
    assert.deepEqual([json.rules, json.tours, json.experiments], [[], [], []]);
    assert.equal(json.consent.version, 1);
  });
});
