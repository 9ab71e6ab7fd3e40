// Search in the KPI report (issue 20), through the public API on SQLite and PostgreSQL: searches and zero-result
// searches counted, picks of results (`Product Clicked` with a `search_id`) apart from recommendation clicks, an
// order of a picked product by the same visitor within the window attributed to search, and the zero-result texts
// listed for the tenant — only those that arrived with the text (the SDK sends it only under analytics consent).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KpiReport } from '@matbakh/contract';
import { refreshKpis } from '../src/kpis/pass.ts';
import { type CreatedTenant, createTenant } from '../src/tenants.ts';
import { postBatch, type Setup, setup, T0, track } from './helpers.ts';

const DAY = 86_400_000;
const at = (days: number, hours = 0) => new Date(T0 + days * DAY + hours * 3_600_000).toISOString();

const searched = (anonymousId: string, timestamp: string, results: number, query?: string) =>
  track({
    event: 'Products Searched',
    anonymousId,
    timestamp,
    properties: { query_length: query?.length ?? 5, results, search_id: `s-${timestamp}`, ...(query ? { query } : {}) },
  });
const picked = (anonymousId: string, timestamp: string, productId: string, searchId?: string) =>
  track({
    event: 'Product Clicked',
    anonymousId,
    timestamp,
    properties: { product_id: productId, position: 1, ...(searchId ? { search_id: searchId } : {}) },
  });
const order = (anonymousId: string, timestamp: string, lines: [string, number][]) =>
  track({
    event: 'Order Completed',
    anonymousId,
    timestamp,
    properties: { products: lines.map(([product_id, price]) => ({ product_id, price, quantity: 1 })) },
  });

/** As the SDK sends it: the visitor's analytics grant is recorded first (postBatch does). */
async function send(s: Setup, tenant: { writeKey: string }, batch: Record<string, unknown>[]) {
  const { res } = await postBatch(s.app, { batch }, { writeKey: tenant.writeKey });
  assert.equal(res.status, 200);
}

async function report(s: Setup, tenant: CreatedTenant, query = '?from=2025-03-01&to=2025-03-14&interval=week') {
  const res = await s.app.request(`/v1/admin/kpis${query}`, {
    headers: { authorization: `Bearer ${tenant.adminKey}` },
  });
  assert.equal(res.status, 200);
  return (await res.json()) as KpiReport;
}

describe('KPI report: search', () => {
  it('counts searches, zero results, picks and orders after a pick; lists the zero-result texts of the tenant', async () => {
    const s = await setup({ rateLimit: 0, serverRateLimit: 0 });
    const tenant = s.tenant as CreatedTenant;
    const other = await createTenant(s.db, { name: 'Other', origins: ['https://other.example'] });
    await send(s, tenant, [
      searched('guest-a', at(0, 1), 4),
      picked('guest-a', at(0, 1.1), 'falafel', `s-${at(0, 1)}`),
      // Ordered within the window: attributed to search (the falafel line only), not to recommendations.
      order('guest-a', at(2), [
        ['falafel', 7.5],
        ['ayran', 2],
      ]),
      searched('guest-b', at(0, 2), 0, 'Sushi '),
      searched('guest-c', at(1, 2), 0, 'sushi'),
      searched('guest-c', at(1, 3), 0, 'Schawarma  XXL'),
      // Without analytics consent the SDK sends no text: counted, not listed.
      searched('guest-d', at(1, 4), 0),
      searched('guest-b', at(1, 5), 2),
      picked('guest-b', at(1, 5.1), 'hummus', `s-${at(1, 5)}`),
      // Ordered after the window: not attributed.
      order('guest-b', at(10), [['hummus', 5]]),
      // A recommendation click stays a recommendation click.
      picked('guest-e', at(0, 3), 'tabbouleh'),
    ]);
    await send(s, other, [searched('stranger', at(0, 1), 0, 'secret dish')]);
    await refreshKpis(s.db, T0 + 12 * DAY, { budgetMs: Number.POSITIVE_INFINITY });

    const weekly = await report(s, tenant);
    const [first, second] = weekly.periods;
    // Weeks run Monday to Sunday: 1–2 March is the end of a week that began in February.
    assert.deepEqual(
      weekly.periods.map((p) => [p.start, p.end]),
      [
        ['2025-02-24', '2025-03-02'],
        ['2025-03-03', '2025-03-09'],
        ['2025-03-10', '2025-03-16'],
      ],
    );
    assert.deepEqual(first!.search, {
      searches: 6,
      zeroResults: 4,
      zeroResultRate: 4 / 6,
      clicks: 2,
      clickThroughRate: 2 / 6,
      attributedOrders: 0,
      attributedRevenue: 0,
      clickToOrderRate: 0,
    });
    assert.equal(first!.recommendations.clicks, 1);
    assert.equal(second!.search.attributedOrders, 1);
    assert.equal(second!.search.attributedRevenue, 7.5);
    assert.equal(second!.recommendations.attributedOrders, 0);
    assert.equal(weekly.periods[2]!.search.attributedOrders, 0);
    assert.deepEqual(weekly.zeroResultQueries, [
      { query: 'sushi', searches: 2, lastDay: '2025-03-02' },
      { query: 'schawarma xxl', searches: 1, lastDay: '2025-03-02' },
    ]);
    // The range decides which texts are listed.
    const lastWeek = await report(s, tenant, '?from=2025-03-03&to=2025-03-09&interval=day');
    assert.deepEqual(lastWeek.zeroResultQueries, []);

    // The texts are what guests typed: kept 90 days, then only the counts remain.
    await refreshKpis(s.db, T0 + 100 * DAY, { budgetMs: Number.POSITIVE_INFINITY });
    const later = await report(s, tenant);
    assert.deepEqual(later.zeroResultQueries, []);
    assert.equal(later.periods[0]!.search.zeroResults, 4);

    const csv = await (
      await s.app.request('/v1/admin/kpis?from=2025-03-01&to=2025-03-02&interval=day&format=csv', {
        headers: { authorization: `Bearer ${tenant.adminKey}` },
      })
    ).text();
    assert.match(csv, /2025-03-01,2025-03-01,search\.searches,,2\r\n/);
  });
});
