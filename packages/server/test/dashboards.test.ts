import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ConfigResponse, validateDashboardDefaults } from '@matbakh/contract';
import { DEFAULT_DASHBOARDS } from '../src/tenant-config/starter.ts';
import { SHOP_ORIGIN, setup } from './helpers.ts';

describe('GET /v1/config: dashboards', () => {
  it('carries a valid default layout per role', async () => {
    const { app, tenant } = await setup();
    const res = await app.request(`/v1/config?writeKey=${tenant.writeKey}`, { headers: { origin: SHOP_ORIGIN } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as ConfigResponse;
    assert.deepEqual(body.dashboards?.guest?.order, ['next-best-action', 'recommendations', 'orders']);
    assert.deepEqual(body.dashboards?.owner?.order, ['insights', 'next-best-action', 'recommendations', 'orders']);
    assert.deepEqual(validateDashboardDefaults(body.dashboards), { ok: true, value: DEFAULT_DASHBOARDS });
  });
});

describe('validateDashboardDefaults', () => {
  const table: [string, unknown, string][] = [
    ['not an object', [], 'dashboards'],
    ['unknown role', { admin: { order: [] } }, 'dashboards.admin'],
    ['order not a list', { guest: { order: 'a,b' } }, 'dashboards.guest.order'],
    ['bad id', { guest: { order: ['Not OK'] } }, 'dashboards.guest.order'],
    ['duplicate id', { owner: { order: ['a', 'a'] } }, 'dashboards.owner.order'],
    ['hidden not a list', { owner: { order: [], hidden: 3 } }, 'dashboards.owner.hidden'],
  ];
  for (const [name, value, field] of table) {
    it(`refuses ${name}, naming ${field}`, async () => {
      const result = validateDashboardDefaults(value);
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.error.field, field);
    });
  }
  it('fills a missing hidden list', async () => {
    assert.deepEqual(validateDashboardDefaults({ guest: { order: ['orders'] } }), {
      ok: true,
      value: { guest: { order: ['orders'], hidden: [] } },
    });
  });
});
