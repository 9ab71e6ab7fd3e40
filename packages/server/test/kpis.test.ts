import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KpiPeriod, KpiReport } from '@matbakh/contract';
import type { App } from '../src/app.ts';
import { refreshKpis } from '../src/kpis/pass.ts';
import { kpiSubject } from '../src/kpis/subject.ts';
import { type CreatedTenant, createTenant } from '../src/tenants.ts';
import { basic, call, consentRecord, type Setup, setup } from './helpers.ts';
import { type Expected, expectedKpis, simulate, type Visit } from './kpi-sim.ts';

const START = Date.parse('2025-03-03T00:00:00.000Z'); // a Monday
const DAYS = 42;
const DAY = 86_400_000;
const CATEGORIES = ['necessary', 'preferences', 'personalization', 'analytics', 'marketing'] as const;

/** Sends the visits through the public API as the SDK would: the decision first, then the batch; the clock follows. */
async function send(s: Setup, tenant: CreatedTenant, visits: readonly Visit[], clock: { at: number }) {
  for (const visit of visits) {
    s.advance(visit.at - clock.at);
    clock.at = visit.at;
    if (visit.consent) {
      const { res } = await call(s.app, 'POST', '/v1/consent', {
        writeKey: tenant.writeKey,
        body: consentRecord({
          anonymousId: visit.anonymousId,
          action: 'custom',
          choices: visit.consent,
          timestamp: new Date(visit.at).toISOString(),
        }),
      });
      assert.equal(res.status, 201);
    }
    const { res } = await call(s.app, 'POST', '/v1/batch', {
      writeKey: tenant.writeKey,
      body: { batch: visit.messages },
    });
    assert.equal(res.status, 200);
  }
}

const adminGet = (app: App, key: string, query: string, headers: Record<string, string> = {}) =>
  app.request(`/v1/admin/kpis${query}`, { headers: { authorization: `Bearer ${key}`, ...headers } });

/** Numbers to 9 decimals: the two computations may add floating-point prices in another order. */
const rounded = (value: unknown): unknown =>
  typeof value === 'number'
    ? Math.round(value * 1e9) / 1e9
    : Array.isArray(value)
      ? value.map(rounded)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]))
        : value;

const rate = (n: number, d: number) => (d === 0 ? null : n / d);
const money = (value: number) => Math.round(value * 100) / 100;
const Z = 1.959963984540054;

function expectedExperiment(byVariant: Map<string, { exposed: number; converted: number }>) {
  const variants = [...byVariant].sort(([a], [b]) => (a < b ? -1 : 1));
  if (variants.length === 0) return [];
  const control = byVariant.get('control') ? 'control' : variants[0]![0];
  const c = byVariant.get(control)!;
  return [
    {
      experiment: 'cta',
      control,
      variants: variants.map(([variant, v]) => {
        const isControl = variant === control;
        const own = rate(v.converted, v.exposed);
        const base = rate(c.converted, c.exposed);
        const ci = !isControl && v.converted > 0 && c.converted > 0;
        const se = Math.sqrt(1 / v.converted - 1 / v.exposed + 1 / c.converted - 1 / c.exposed);
        const log = Math.log(v.converted / v.exposed / (c.converted / c.exposed));
        const pooled = (v.converted + c.converted) / (v.exposed + c.exposed);
        const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / v.exposed + 1 / c.exposed));
        return {
          variant,
          exposed: v.exposed,
          converted: v.converted,
          rate: own,
          isControl,
          lift: isControl || own === null || !base ? null : own / base - 1,
          liftLow: ci ? Math.exp(log - Z * se) - 1 : null,
          liftHigh: ci ? Math.exp(log + Z * se) - 1 : null,
          pValue: isControl || sePooled === 0 ? null : 'checked apart',
        };
      }),
    },
  ];
}

/** The expected period, from the independent computation (pValue is compared apart, against the z-test). */
function expectedPeriod(x: Expected, start: string, end: string, week: boolean, computedDay: string) {
  const sum = (metric: string) => {
    let total = 0;
    for (let d = Date.parse(start); d <= Date.parse(end); d += DAY) {
      total += x.days.get(new Date(d).toISOString().slice(0, 10))?.[metric] ?? 0;
    }
    return total;
  };
  const distinct = (mark: string) => (week ? x.distinctWeek : x.distinctDay).get(start)?.get(mark)?.size ?? 0;
  const experiments = new Map<string, { exposed: number; converted: number }>();
  for (let d = Date.parse(start); d <= Date.parse(end); d += DAY) {
    for (const [variant, counts] of x.experiments.get(new Date(d).toISOString().slice(0, 10)) ?? []) {
      const into = experiments.get(variant) ?? { exposed: 0, converted: 0 };
      into.exposed += counts.exposed;
      into.converted += counts.converted;
      experiments.set(variant, into);
    }
  }
  const decisions = sum('decisions');
  const group = (key: string) => {
    const visitors = sum(`cohort.${key}`);
    const retained = sum(`retained.${key}`);
    return { visitors, retained, rate: rate(retained, visitors) };
  };
  const endPlus28 = new Date(Date.parse(end) + 28 * DAY).toISOString().slice(0, 10);
  return {
    start,
    end,
    adoption: {
      activeVisitors: distinct('active'),
      dashboardViews: sum('dashboardViews'),
      dashboardViewers: distinct('dashboard'),
      widgetReorders: sum('reorders'),
      widgetReorderers: distinct('reorder'),
      preferenceUpdates: sum('preferenceUpdates'),
      preferenceUpdaters: distinct('preferences'),
      dashboardAdoption: rate(distinct('dashboard'), distinct('active')),
    },
    consent: {
      decisions,
      optIn: Object.fromEntries(
        CATEGORIES.map((c) => [c, { granted: sum(`optin.${c}`), rate: rate(sum(`optin.${c}`), decisions) }]),
      ),
    },
    recommendations: {
      lists: sum('lists'),
      impressions: sum('impressions'),
      clicks: sum('clicks'),
      clickThroughRate: rate(sum('clicks'), sum('impressions')),
      orders: sum('orders'),
      revenue: money(sum('revenue')),
      attributedOrders: sum('attributedOrders'),
      attributedRevenue: money(sum('attributedRevenue')),
      clickToOrderRate: rate(sum('attributedOrders'), sum('clicks')),
    },
    // The simulation searches nothing (search has its own test: kpis-search.test.ts).
    search: {
      searches: 0,
      zeroResults: 0,
      zeroResultRate: null,
      clicks: 0,
      clickThroughRate: null,
      attributedOrders: 0,
      attributedRevenue: 0,
      clickToOrderRate: null,
    },
    actions: {
      shown: sum('actionsShown'),
      accepted: sum('actionsAccepted'),
      converted: sum('actionsConverted'),
      acceptanceRate: rate(sum('actionsAccepted'), sum('actionsShown')),
      conversionRate: rate(sum('actionsConverted'), sum('actionsAccepted')),
    },
    tours: {
      started: sum('toursStarted'),
      completed: sum('toursCompleted'),
      completionRate: rate(sum('toursCompleted'), sum('toursStarted')),
    },
    retention: { windowComplete: endPlus28 < computedDay, personalized: group('p'), nonPersonalized: group('o') },
    experiments: expectedExperiment(experiments),
  };
}

/** pValue is checked apart (against the z-test of experiments-report.ts): the rest must equal exactly. */
function withoutPValues(period: KpiPeriod | ReturnType<typeof expectedPeriod>) {
  return {
    ...period,
    experiments: period.experiments.map((e) => ({
      ...e,
      variants: e.variants.map(({ pValue: _p, ...v }) => v),
    })),
  };
}

/** The CSV's rows as `start|metric|dimension` → cell text. */
function parseCsv(text: string): { header: string[]; cells: Map<string, string> } {
  const lines = text.trimEnd().split('\r\n');
  const cells = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const [start, , metric, dimension, value] = line.split(',');
    cells.set(`${start}|${metric}|${dimension}`, value!);
  }
  return { header: lines[0]!.split(','), cells };
}

describe('KPI report (GET /v1/admin/kpis)', () => {
  let s: Setup;
  let other: CreatedTenant;
  let visits: Visit[];
  let otherVisits: Visit[];
  let computedDay: string;
  let adminKey: string;

  before(async () => {
    // The clock stands still between requests: the per-key buckets would never refill.
    s = await setup({ rateLimit: 0, serverRateLimit: 0 });
    adminKey = (s.tenant as CreatedTenant).adminKey!;
    other = await createTenant(s.db, { name: 'Other', origins: ['https://other.example'] });
    visits = simulate(20261207, START, DAYS, 90);
    otherVisits = simulate(7, START, DAYS, 6, 'o');
    const clock = { at: Date.parse('2025-03-01T12:00:00.000Z') };
    const all = [...visits.map((v) => ({ v, t: s.tenant })), ...otherVisits.map((v) => ({ v, t: other }))].sort(
      (a, b) => a.v.at - b.v.at,
    );
    // Sent in three parts with a worker pass after each: the tables grow incrementally, never rebuilt.
    const cut = [Math.floor(all.length / 3), Math.floor((2 * all.length) / 3), all.length];
    let from = 0;
    for (const to of cut) {
      for (const { v, t } of all.slice(from, to)) await send(s, t, [v], clock);
      from = to;
      await refreshKpis(s.db, clock.at, { budgetMs: Number.POSITIVE_INFINITY });
    }
    // A last pass two months on: retention windows have closed.
    s.advance(60 * DAY);
    clock.at += 60 * DAY;
    await refreshKpis(s.db, clock.at, { budgetMs: Number.POSITIVE_INFINITY });
    computedDay = new Date(clock.at).toISOString().slice(0, 10);
  });

  after(() => s.db.close());

  const range = `?from=2025-03-03&to=${new Date(START + (DAYS - 1) * DAY).toISOString().slice(0, 10)}`;

  for (const interval of ['day', 'week'] as const) {
    it(`equals the KPIs computed independently, per ${interval}, in JSON and CSV`, async () => {
      const expected = expectedKpis(visits);
      const res = await adminGet(s.app, adminKey, `${range}&interval=${interval}`);
      assert.equal(res.status, 200);
      const report = (await res.json()) as KpiReport;
      assert.equal(report.periods.length, interval === 'day' ? DAYS : DAYS / 7);
      assert.equal(report.attributionWindowDays, 7);
      assert.equal(report.retentionWindowDays, 28);
      // The data set is not empty where it matters (a test that cannot fail proves nothing).
      const totals = report.periods.reduce(
        (t, p) => ({
          orders: t.orders + p.recommendations.attributedOrders,
          converted: t.converted + p.actions.converted,
          retained: t.retained + p.retention.personalized.retained + p.retention.nonPersonalized.retained,
        }),
        { orders: 0, converted: 0, retained: 0 },
      );
      assert.ok(totals.orders > 3 && totals.converted > 3 && totals.retained > 3, JSON.stringify(totals));

      for (const period of report.periods) {
        const want = expectedPeriod(expected, period.start, period.end, interval === 'week', computedDay);
        assert.deepEqual(rounded(withoutPValues(period)), rounded(withoutPValues(want)), `period ${period.start}`);
        for (const [i, variant] of period.experiments[0]?.variants.entries() ?? []) {
          const wanted = want.experiments[0]!.variants[i]!.pValue;
          assert.equal(variant.pValue === null, wanted === null, `pValue of ${period.start} ${variant.variant}`);
        }
      }

      const csvRes = await adminGet(s.app, adminKey, `${range}&interval=${interval}`, {
        accept: 'text/csv',
      });
      assert.equal(csvRes.status, 200);
      assert.match(csvRes.headers.get('content-type') ?? '', /^text\/csv/);
      const { header, cells } = parseCsv(await csvRes.text());
      assert.deepEqual(header, ['period_start', 'period_end', 'metric', 'dimension', 'value']);
      for (const period of report.periods) {
        const at = (metric: string, dimension = '') => cells.get(`${period.start}|${metric}|${dimension}`);
        assert.equal(at('adoption.activeVisitors'), String(period.adoption.activeVisitors));
        assert.equal(at('recommendations.revenue'), String(period.recommendations.revenue));
        assert.equal(at('recommendations.attributedRevenue'), String(period.recommendations.attributedRevenue));
        assert.equal(
          at('recommendations.clickThroughRate'),
          period.recommendations.clickThroughRate === null ? '' : String(period.recommendations.clickThroughRate),
        );
        assert.equal(at('consent.optIn.granted', 'marketing'), String(period.consent.optIn.marketing.granted));
        assert.equal(at('retention.personalized.retained'), String(period.retention.personalized.retained));
        for (const v of period.experiments[0]?.variants ?? []) {
          assert.equal(at('experiments.exposed', `cta/${v.variant}`), String(v.exposed));
        }
      }
      // Numbers as numbers: no thousands separators, a point for decimals, nothing localised.
      for (const value of cells.values()) {
        assert.match(value, /^(|true|false|-?\d+(\.\d+)?(e-\d+)?)$/);
      }
    });
  }

  it('format=csv answers the same CSV as Accept: text/csv', async () => {
    const viaQuery = await (await adminGet(s.app, adminKey, `${range}&format=csv`)).text();
    const viaAccept = await (await adminGet(s.app, adminKey, range, { accept: 'text/csv' })).text();
    assert.equal(viaQuery, viaAccept);
    assert.ok(viaQuery.split('\r\n').length > 100);
  });

  it('shows a tenant only its own KPIs', async () => {
    const expected = expectedKpis(otherVisits);
    const res = await adminGet(s.app, other.adminKey!, `${range}&interval=week`);
    const report = (await res.json()) as KpiReport;
    assert.equal(report.tenant.id, other.id);
    for (const period of report.periods) {
      const want = expectedPeriod(expected, period.start, period.end, true, computedDay);
      assert.deepEqual(rounded(withoutPValues(period)), rounded(withoutPValues(want)));
    }
    const active = report.periods.reduce((sum, p) => sum + p.adoption.activeVisitors, 0);
    assert.ok(active > 0 && active <= 6 * 6, `other tenant's weekly actives: ${active}`);
  });

  it('refuses the browser write key, the secret key and no key', async () => {
    const write = await s.app.request(`/v1/admin/kpis${range}`, {
      headers: { authorization: basic(s.tenant.writeKey) },
    });
    assert.equal(write.status, 403);
    assert.equal(((await write.json()) as { error: { field: string } }).error.field, 'authorization');
    const viaBearer = await adminGet(s.app, s.tenant.writeKey, range);
    assert.equal(viaBearer.status, 403);
    const secret = await adminGet(s.app, s.tenant.secret, range);
    assert.equal(secret.status, 403);
    const none = await s.app.request(`/v1/admin/kpis${range}`);
    assert.equal(none.status, 401);
  });

  it("forgets a visitor's KPI state when it is erased, and keeps the counters", async () => {
    const visitor = visits.find((v) => v.consent?.analytics)!.anonymousId;
    const subject = kpiSubject(s.tenant.id, null, visitor)!;
    const before = await adminGet(s.app, adminKey, range);
    const state = () =>
      s.db.all('SELECT first_day FROM kpi_visitors WHERE tenant_id = ? AND subject = ?', [s.tenant.id, subject]);
    assert.equal((await state()).length, 1);
    const { res } = await call(s.app, 'POST', '/v1/privacy/erase', {
      writeKey: s.tenant.writeKey,
      body: { anonymousId: visitor },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await state(), []);
    const marks = await s.db.all('SELECT mark FROM kpi_marks WHERE tenant_id = ? AND subject = ?', [
      s.tenant.id,
      subject,
    ]);
    assert.deepEqual(marks, []);
    assert.equal(await (await adminGet(s.app, adminKey, range)).text(), await before.text());
  });

  const bad: Array<[string, string]> = [
    ['?interval=month', 'interval'],
    ['?from=2025-02-30', 'from'],
    ['?from=2025-3-1', 'from'],
    ['?to=tomorrow', 'to'],
    ['?from=2025-04-02&to=2025-04-01', 'from'],
    ['?from=2020-01-01&to=2025-01-01', 'to'],
    ['?format=xml', 'format'],
  ];
  for (const [query, field] of bad) {
    it(`answers 400 naming ${field} for ${query}`, async () => {
      const res = await adminGet(s.app, adminKey, query);
      assert.equal(res.status, 400);
      const body = (await res.json()) as { error: { code: string; field: string } };
      assert.equal(body.error.code, 'bad_request');
      assert.equal(body.error.field, field);
    });
  }
});
