import { CATALOG_CSV_COLUMNS, type KpiPeriod, type KpiReport } from '@matbakh/contract';
import { expect, fixture, html } from '@open-wc/testing';
import { Api } from '../src/api.ts';
import type { ConsoleCatalogue } from '../src/pages/catalogue.ts';
import type { ConsoleKeys } from '../src/pages/keys.ts';
import type { ConsoleOverview } from '../src/pages/overview.ts';
import type { ConsoleSignIn } from '../src/pages/sign-in.ts';
import { sampleRatioP } from '../src/stats.ts';
import '../src/pages/sign-in.ts';
import '../src/pages/catalogue.ts';
import '../src/pages/keys.ts';
import '../src/pages/overview.ts';

/** A server answer per path, recorded requests: the e2e runs the real server; these test what each element renders. */
function fakeServer(routes: Record<string, { status: number; body: unknown }>) {
  const requests: { method: string; path: string; headers: Headers }[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const path = String(input);
    requests.push({ method: init?.method ?? 'GET', path, headers: new Headers(init?.headers) });
    const route = routes[`${init?.method ?? 'GET'} ${path.split('?')[0]}`];
    if (!route) {
      return new Response(JSON.stringify({ error: { code: 'not_found', message: `no route for GET ${path}` } }), {
        status: 404,
      });
    }
    return new Response(JSON.stringify(route.body), { status: route.status });
  };
  return { api: new Api(fetcher), requests };
}

const SESSION = {
  tenant: { id: 'ten_1', name: 'Falafel Haus', writeKey: 'pk_x', allowedOrigins: ['https://shop.example'] },
  keyId: 'key_1',
  keyHint: 'ak_Abcd…wxyz',
  csrfToken: 'csrf-123',
  expiresAt: '2026-12-07T12:00:00.000Z',
};

const settle = async (el: HTMLElement & { updateComplete: Promise<unknown> }) => {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
  }
};

describe('mb-console-sign-in', () => {
  it('is accessible', async () => {
    const { api } = fakeServer({});
    const el = await fixture<ConsoleSignIn>(html`<mb-console-sign-in .api=${api} locale="en"></mb-console-sign-in>`);
    await expect(el).to.be.accessible();
  });

  it("shows the server's refusal at the field, and the field says it is invalid", async () => {
    const { api } = fakeServer({
      'POST /console/session': {
        status: 401,
        body: {
          error: { code: 'unauthorized', message: 'this is the write key: sign in with the admin key', field: 'key' },
        },
      },
    });
    const el = await fixture<ConsoleSignIn>(html`<mb-console-sign-in .api=${api} locale="de"></mb-console-sign-in>`);
    const input = el.shadowRoot!.querySelector('input')!;
    input.value = 'pk_demo';
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await settle(el);
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('this is the write key');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('key-error');
    await expect(el).to.be.accessible();
  });

  it('fires mb-console-signed-in once with the session and keeps the CSRF token for later requests', async () => {
    const { api, requests } = fakeServer({ 'POST /console/session': { status: 201, body: SESSION } });
    const el = await fixture<ConsoleSignIn>(html`<mb-console-sign-in .api=${api}></mb-console-sign-in>`);
    const seen: unknown[] = [];
    el.addEventListener('mb-console-signed-in', (event) => seen.push((event as CustomEvent).detail));
    el.shadowRoot!.querySelector('input')!.value = 'ak_x';
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await settle(el);
    expect(seen).to.have.length(1);
    await api.request('POST', '/v1/admin/keys', {}).catch(() => undefined);
    expect(requests.at(-1)!.headers.get('x-csrf-token')).to.equal('csrf-123');
  });
});

describe('mb-console-keys', () => {
  it('renders key data as text, never as markup, and is accessible', async () => {
    const { api } = fakeServer({
      'GET /v1/admin/keys': {
        status: 200,
        body: {
          keys: [
            { id: 'key_1', kind: 'admin', hint: '<img src=x onerror=alert(1)>', createdAt: '2026-12-01T10:00:00.000Z' },
            { id: 'key_2', kind: 'secret', hint: 'sk_Abcd…wxyz', createdAt: '2026-12-01T10:00:00.000Z' },
          ],
        },
      },
    });
    const el = await fixture<ConsoleKeys>(
      html`<mb-console-keys .api=${api} .session=${SESSION} locale="en"></mb-console-keys>`,
    );
    await settle(el);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.contain('<img src=x onerror=alert(1)>');
    expect(el.shadowRoot!.textContent).to.contain('https://shop.example');
    await expect(el).to.be.accessible();
  });
});

describe('mb-console-catalogue', () => {
  it('offers a CSV template naming every column the upload takes, and is accessible', async () => {
    const { api } = fakeServer({ 'GET /v1/catalog': { status: 200, body: { items: [], generatedAt: '' } } });
    const el = await fixture<ConsoleCatalogue>(
      html`<mb-console-catalogue .api=${api} .session=${SESSION} locale="de"></mb-console-catalogue>`,
    );
    await settle(el);
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[download]')!;
    expect(link.textContent).to.equal('CSV-Vorlage mit allen Spalten herunterladen');
    const csv = await (await fetch(link.href)).text();
    const [header, restaurant, dish] = csv.split('\r\n');
    expect(header).to.equal(CATALOG_CSV_COLUMNS.join(','));
    expect(restaurant).to.match(/^r-1,restaurant,/);
    expect(dish).to.match(/^d-1,dish,Falafel-Teller,/);
    await expect(el).to.be.accessible();
  });
});

describe('mb-console-overview', () => {
  it('says the report is not available on a server without /v1/admin/kpis', async () => {
    const { api } = fakeServer({});
    const el = await fixture<ConsoleOverview>(
      html`<mb-console-overview .api=${api} .session=${SESSION} locale="en"></mb-console-overview>`,
    );
    await settle(el);
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('Not available on this server');
    await expect(el).to.be.accessible();
  });

  it('draws the charts with a table alternative and warns of a sample ratio mismatch', async () => {
    const variant = (name: string, exposed: number, isControl: boolean) => ({
      variant: name,
      exposed,
      converted: Math.round(exposed / 10),
      rate: 0.1,
      isControl,
      lift: isControl ? null : 0.05,
      liftLow: isControl ? null : -0.02,
      liftHigh: isControl ? null : 0.12,
      pValue: null,
    });
    const report: KpiReport = {
      tenant: { id: 't1', name: 'Console Bistro' },
      interval: 'day',
      attributionWindowDays: 7,
      retentionWindowDays: 28,
      from: '2026-12-01',
      to: '2026-12-02',
      computedAt: '2026-12-02T10:00:00.000Z',
      periods: ['2026-12-01', '2026-12-02'].map((day, i) => ({
        ...quietPeriod(day),
        adoption: { ...quietPeriod(day).adoption, activeVisitors: 10 + i * 5, dashboardAdoption: 0.5 },
        recommendations: {
          ...quietPeriod(day).recommendations,
          impressions: 100,
          clicks: 7 + i,
          attributedOrders: 1,
          attributedRevenue: 12.5,
        },
      })),
      experiments: [
        { experiment: 'welcome-copy', control: 'a', variants: [variant('a', 1000, true), variant('b', 800, false)] },
      ],
      zeroResultQueries: [],
    };
    const { api } = fakeServer({ 'GET /v1/admin/kpis': { status: 200, body: report } });
    const el = await fixture<ConsoleOverview>(
      html`<mb-console-overview .api=${api} .session=${SESSION} locale="en"></mb-console-overview>`,
    );
    await settle(el);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('svg[role=img] rect')).to.have.length(4);
    const firstTable = root.querySelector('details table')!;
    expect(firstTable.textContent).to.contain('15');
    expect(root.textContent).to.contain('sample ratio mismatch');
    expect(root.textContent).to.contain('+5');
    await expect(el).to.be.accessible();
  });

  it('labels the axis and the scale, and weighs the dashboard adoption by visitors over the range', async () => {
    const days = Array.from({ length: 28 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
    const periods = days.map((day, i) => {
      const quiet = quietPeriod(day);
      // The last day has no visitors yet (today): the range's figure must not read "–" because of it.
      const visitors = i === days.length - 1 ? 0 : 10;
      return {
        ...quiet,
        adoption: { ...quiet.adoption, activeVisitors: visitors, dashboardViewers: visitors / 2 },
        consent: {
          decisions: 4,
          optIn: { ...quiet.consent.optIn, necessary: { granted: 4, rate: 1 }, marketing: { granted: 1, rate: 0.25 } },
        },
      };
    });
    const report: KpiReport = {
      tenant: { id: 't1', name: 'Console Bistro' },
      interval: 'day',
      attributionWindowDays: 7,
      retentionWindowDays: 28,
      from: days[0]!,
      to: days.at(-1)!,
      computedAt: '2026-11-28T10:00:00.000Z',
      periods,
      experiments: [],
      zeroResultQueries: [],
    };
    const { api } = fakeServer({ 'GET /v1/admin/kpis': { status: 200, body: report } });
    const el = await fixture<ConsoleOverview>(
      html`<mb-console-overview .api=${api} .session=${SESSION} locale="en"></mb-console-overview>`,
    );
    await settle(el);
    const root = el.shadowRoot!;
    const figure = (title: string) =>
      [...root.querySelectorAll('figure')].find((f) => f.querySelector('figcaption')!.textContent!.includes(title))!;
    const texts = (parent: Element, selector: string) =>
      [...parent.querySelectorAll(selector)].map((node) => node.textContent!.trim());
    const visitors = figure('Active visitors');
    expect(texts(visitors, '.axis span')).to.deep.equal(['Nov 1', 'Nov 14', 'Nov 28']);
    expect(texts(visitors, '.scale')).to.deep.equal(['10']);
    const optIn = figure('Opt-in');
    expect(texts(optIn, '.axis span')).to.deep.equal([
      'Necessary',
      'Preferences',
      'Personalization',
      'Statistics',
      'Marketing',
    ]);
    expect(texts(optIn, '.scale')).to.deep.equal(['100%']);
    const adoption = [...root.querySelectorAll('dl.cards > div')].find((d) => d.textContent!.includes('Dashboard'))!;
    expect(adoption.querySelector('dd')!.textContent).to.equal('50%');
    await expect(el).to.be.accessible();
  });
});

describe('overview: search', () => {
  it('shows the search figures and the table "Searches without results", texts as text', async () => {
    const period = (day: string, searches: number, zeroResults: number, clicks: number) => ({
      ...quietPeriod(day),
      search: { ...quietPeriod(day).search, searches, zeroResults, clicks, attributedOrders: 1 },
    });
    const report: KpiReport = {
      tenant: { id: 't1', name: 'Console Bistro' },
      interval: 'day',
      attributionWindowDays: 7,
      retentionWindowDays: 28,
      from: '2026-12-01',
      to: '2026-12-02',
      computedAt: '2026-12-02T10:00:00.000Z',
      periods: [period('2026-12-01', 30, 3, 12), period('2026-12-02', 10, 1, 8)],
      experiments: [],
      zeroResultQueries: [
        { query: 'sushi', searches: 3, lastDay: '2026-12-02' },
        { query: '<img src=x onerror=alert(1)>', searches: 1, lastDay: '2026-12-01' },
      ],
    };
    const { api } = fakeServer({ 'GET /v1/admin/kpis': { status: 200, body: report } });
    const el = await fixture<ConsoleOverview>(
      html`<mb-console-overview .api=${api} .session=${SESSION} locale="en"></mb-console-overview>`,
    );
    await settle(el);
    const root = el.shadowRoot!;
    const card = (label: string) =>
      [...root.querySelectorAll('dl.cards > div')].find((d) => d.querySelector('dt')!.textContent === label)!;
    expect(card('Searches').querySelector('dd')!.textContent).to.equal('40');
    expect(card('Searches without results').querySelector('dd')!.textContent).to.equal('10%');
    expect(card('Results picked per search').querySelector('dd')!.textContent).to.equal('50%');
    expect(card('Orders after a search').querySelector('dd')!.textContent).to.equal('2');
    const table = root.querySelector('table[aria-labelledby=zero-results]')!;
    expect(root.getElementById('zero-results')!.textContent).to.equal('Searches without results');
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(rows).to.deep.equal([
      ['sushi', '3', 'Dec 2'],
      ['<img src=x onerror=alert(1)>', '1', 'Dec 1'],
    ]);
    expect(root.querySelector('img')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('sample ratio mismatch', () => {
  it('is quiet for an even split and loud for a skewed one', () => {
    expect(sampleRatioP([500, 500])).to.equal(1);
    expect(sampleRatioP([510, 490])).to.be.greaterThan(0.3);
    expect(sampleRatioP([1000, 800])).to.be.lessThan(0.001);
    // 1074 vs 926: chi-square 10.95 with one degree of freedom, p = 0.00094
    expect(sampleRatioP([1074, 926])).to.be.closeTo(0.00094, 0.0001);
  });
});

/** A day of the KPI report in which nothing was counted (the contract's whole shape, every figure zero or none). */
function quietPeriod(day: string): KpiPeriod {
  const none = { granted: 0, rate: null };
  const group = { visitors: 0, retained: 0, rate: null };
  return {
    start: day,
    end: day,
    adoption: {
      activeVisitors: 0,
      dashboardViews: 0,
      dashboardViewers: 0,
      widgetReorders: 0,
      widgetReorderers: 0,
      preferenceUpdates: 0,
      preferenceUpdaters: 0,
      dashboardAdoption: null,
    },
    consent: {
      decisions: 0,
      optIn: { necessary: none, preferences: none, personalization: none, analytics: none, marketing: none },
    },
    recommendations: {
      lists: 0,
      impressions: 0,
      clicks: 0,
      clickThroughRate: null,
      orders: 0,
      revenue: 0,
      attributedOrders: 0,
      attributedRevenue: 0,
      clickToOrderRate: null,
    },
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
    actions: { shown: 0, accepted: 0, converted: 0, acceptanceRate: null, conversionRate: null },
    tours: { started: 0, completed: 0, completionRate: null },
    retention: { windowComplete: false, personalized: group, nonPersonalized: group },
    experiments: [],
  };
}
