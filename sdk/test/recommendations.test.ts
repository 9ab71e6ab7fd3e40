import { expect } from '@esm-bundle/chai';
import {
  ALLERGENS,
  type Allergen,
  type CatalogItem,
  DIETS,
  type Diet,
  type ExplanationStatement,
  type FeedbackRequest,
  type RecommendationItem,
  type RecommendationsResponse,
  reasonText,
} from '@matbakh/contract';
import { createMockApi } from '@matbakh/mocks';
import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { setupWorker } from 'msw/browser';
import { atom } from 'nanostores';
import { type ClientOptions, type ConsentExtension, definePlugin, type ExtensibleClient } from '../src/index.ts';
import type { PreferencesControls } from '../src/preferences/types.ts';
import {
  passesHardFilters,
  type RecommendationsClient,
  type RecommendationsOptions,
  recommendationsPlugin,
} from '../src/recommendations/index.ts';
import { rank } from '../src/recommendations/ranker.ts';
import { API, cleanup, sleep, testClient, until } from './helpers.ts';

// ---- a small recommendations server (msw), with failures and latency on demand -------------------------------

const server = {
  mode: 'ok' as 'ok' | 'error' | 'network',
  catalogMode: 'ok' as 'ok' | 'error' | 'network',
  delayMs: 0,
  queries: [] as URLSearchParams[],
  catalogRequests: 0,
  feedback: [] as FeedbackRequest[],
  /** Items the next answers contain. */
  items: [] as RecommendationItem[],
  reset() {
    this.mode = 'ok';
    this.catalogMode = 'ok';
    this.delayMs = 0;
    this.queries = [];
    this.catalogRequests = 0;
    this.feedback = [];
    this.items = [
      dish('d-1', 'Falafel Wrap'),
      dish('d-2', 'Hummus', { allergens: ['sesame'] }),
      dish('d-3', 'Fattoush'),
    ];
  },
};
let served = 0;

function dish(id: string, title: string, patch: Partial<RecommendationItem> = {}): RecommendationItem {
  return {
    id,
    kind: 'dish',
    title,
    restaurantId: 'r-1',
    restaurantName: 'Beirut Kitchen',
    price: { amount: 9.5, currency: 'EUR' },
    tags: [],
    diet: ['vegetarian'],
    allergens: [],
    reasons: [{ code: 'popular', params: {}, text: reasonText('popular', {}, 'en') }],
    score: 1,
    ...patch,
  };
}

/** A catalogue of `n` dishes over 10 restaurants, with varied diets, allergens and popularity. */
function catalog(n: number): CatalogItem[] {
  const items: CatalogItem[] = [];
  for (let r = 0; r < 10; r++) {
    items.push({
      id: `r-${r}`,
      kind: 'restaurant',
      name: `Restaurant ${r}`,
      cuisine: `c${r % 3}`,
      region: r % 2 ? 'Berlin' : 'Hamburg',
      diet: [],
      allergens: [],
      tags: [],
      popularity: 50 + r,
    });
  }
  for (let i = 0; i < n; i++) {
    items.push({
      id: `d-${i}`,
      kind: 'dish',
      name: `Dish ${i}`,
      restaurantId: `r-${i % 10}`,
      cuisine: `c${i % 3}`,
      region: i % 2 ? 'Berlin' : 'Hamburg',
      diet: DIETS.filter((_, k) => (i >> k) & 1),
      allergens: ALLERGENS.filter((_, k) => (i * 7 + k) % 5 === 0),
      price: { amount: 5 + (i % 20), currency: 'EUR' },
      tags: [],
      popularity: (i * 37) % 101,
      trend: 1 + ((i % 7) - 3) / 5,
    });
  }
  return items;
}

const handlers = [
  http.get(`${API}/v1/recommendations`, async ({ request }) => {
    const query = new URL(request.url).searchParams;
    server.queries.push(query);
    if (server.delayMs) await sleep(server.delayMs);
    if (server.mode === 'network') return HttpResponse.error();
    if (server.mode === 'error')
      return HttpResponse.json({ error: { code: 'unavailable', message: 'down' } }, { status: 503 });
    const profiled = query.get('profiling') === '1';
    const body: RecommendationsResponse = {
      requestId: `req-${++served}`,
      slot: query.get('slot') ?? 'default',
      audience: (query.get('audience') as 'guest' | 'owner') ?? 'guest',
      personalized: profiled,
      basis: profiled ? { history: true } : { history: false, reason: 'no_consent' },
      locale: (query.get('locale') as 'de') ?? 'de',
      items: server.items.slice(0, Number(query.get('limit') ?? 10)),
      generatedAt: new Date().toISOString(),
    };
    return HttpResponse.json(body);
  }),
  http.get(`${API}/v1/catalog`, () => {
    server.catalogRequests++;
    if (server.catalogMode === 'network') return HttpResponse.error();
    if (server.catalogMode === 'error') return HttpResponse.json({}, { status: 500 });
    return HttpResponse.json({ items: catalog(60), generatedAt: new Date().toISOString() });
  }),
  http.post(`${API}/v1/feedback`, async ({ request }) => {
    server.feedback.push((await request.json()) as FeedbackRequest);
    return HttpResponse.json({ id: server.feedback.length, receivedAt: new Date().toISOString() }, { status: 201 });
  }),
  http.get(`${API}/v1/recommendations/explanation`, ({ request }) => {
    const locale = new URL(request.url).searchParams.get('locale') as 'en';
    const body: ExplanationStatement = {
      locale,
      title: `How recommendations work (${locale})`,
      intro: 'We rank by…',
      parameters: [{ name: 'Popularity', description: 'What many guests order' }],
      controls: ['Switch personalization off in the privacy center'],
      nonProfiled: 'Without personalization you see popular dishes.',
    };
    return HttpResponse.json(body);
  }),
];

const batchApi = createMockApi({ base: API });
const worker = setupWorker(...handlers, ...batchApi.handlers);
before(() =>
  worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' }),
);
after(() => worker.stop());
beforeEach(() => {
  server.reset();
  batchApi.reset();
});
afterEach(cleanup);

// ---- helpers ------------------------------------------------------------------------------------------------

interface Setup {
  options?: RecommendationsOptions;
  prefs?: { diet?: Diet[]; allergens?: Allergen[]; locale?: string };
  /** Simulates the privacy plugin's per-feature switch. */
  feature?: boolean;
  client?: Partial<ClientOptions>;
}

/** Stands in for the preferences plugin: only what recommendations read. */
const fakePreferences = (api: Partial<PreferencesControls>) =>
  definePlugin({ name: 'preferences', setup: () => ({ api: api as PreferencesControls }) });

/** Stands in for the privacy plugin's per-feature switch (its consent view). */
const fakePrivacy = (recommendations: boolean) =>
  definePlugin({
    name: 'privacy',
    setup: () => ({ consent: { $view: atom({ features: { recommendations } }) } as unknown as ConsentExtension }),
  });

function setup({ options, prefs, feature, client: clientOptions }: Setup = {}) {
  const extras = [
    ...(prefs ? [fakePreferences({ get: () => ({ diet: [], allergens: [], ...prefs }) as never })] : []),
    ...(feature !== undefined ? [fakePrivacy(feature)] : []),
  ];
  return testClient({
    flushAt: 1,
    ...clientOptions,
    plugins: [...extras, recommendationsPlugin(options)],
  }) as RecommendationsClient;
}

const recoKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('mb.reco.'));

// ---- tests --------------------------------------------------------------------------------------------------

describe('recommendations plugin', () => {
  describe('profiling follows consent', () => {
    it('asks without profiling and without any identifier before the visitor decides', async () => {
      const client = setup();
      const result = await client.recommendations.get({ slot: 'home', limit: 3 });
      expect(result.source).to.equal('server');
      expect(result.items.map((i) => i.id)).to.deep.equal(['d-1', 'd-2', 'd-3']);
      const [query] = server.queries;
      expect(query!.get('profiling')).to.equal('0');
      expect(query!.has('anonymousId')).to.equal(false);
      expect(query!.get('slot')).to.equal('home');
      expect(query!.get('limit')).to.equal('3');
      expect(query!.get('writeKey')).to.equal('pk_test_unit');
      expect(client.recommendations.profiling()).to.equal(false);
    });

    it('sends profiling=1 and the subject only once personalization is granted', async () => {
      const client = setup();
      client.consent.set({ personalization: true });
      await client.recommendations.get({ slot: 'home' });
      const query = server.queries.at(-1)!;
      expect(query.get('profiling')).to.equal('1');
      expect(query.get('anonymousId')).to.equal(client.user().anonymousId);
      client.consent.set({ personalization: false });
      await client.recommendations.get({ slot: 'home' });
      expect(server.queries.at(-1)!.get('profiling')).to.equal('0');
      expect(server.queries.at(-1)!.has('anonymousId')).to.equal(false);
    });

    it('does not profile when the privacy center switched the recommendations feature off', async () => {
      const client = setup({ feature: false });
      client.consent.set({ personalization: true });
      await client.recommendations.get({ slot: 'home' });
      expect(server.queries.at(-1)!.get('profiling')).to.equal('0');
    });

    it('sends diet, allergens and locale from the preferences, and the context', async () => {
      const client = setup({ prefs: { diet: ['vegan'], allergens: ['peanuts', 'milk'], locale: 'ar' } });
      await client.recommendations.get({ slot: 'menu', context: { region: 'Berlin', hour: 19, audience: 'owner' } });
      const query = server.queries.at(-1)!;
      expect(query.get('diet')).to.equal('vegan');
      expect(query.get('allergens')).to.equal('peanuts,milk');
      expect(query.get('locale')).to.equal('ar');
      expect(query.get('region')).to.equal('Berlin');
      expect(query.get('hour')).to.equal('19');
      expect(query.get('audience')).to.equal('owner');
    });
  });

  describe('cache and dedup', () => {
    it('serves a fresh cached answer without asking again', async () => {
      const client = setup();
      const first = await client.recommendations.get({ slot: 'home' });
      const second = await client.recommendations.get({ slot: 'home' });
      expect(server.queries).to.have.length(1);
      expect(second.source).to.equal('cache');
      expect(second.requestId).to.equal(first.requestId);
    });

    it('serves a stale answer at once and refreshes it in the background into $recommendations', async () => {
      const client = setup({ options: { freshFor: 0 } });
      const first = await client.recommendations.get({ slot: 'home' });
      const $home = client.recommendations.$recommendations('home');
      expect($home.get()?.requestId).to.equal(first.requestId);
      server.delayMs = 80;
      const second = await client.recommendations.get({ slot: 'home' });
      expect(second.source).to.equal('cache');
      expect(second.stale).to.equal(true);
      expect(second.requestId).to.equal(first.requestId);
      await until(() => $home.get()?.requestId !== first.requestId, 'the background refresh');
      expect($home.get()!.source).to.equal('server');
      expect(server.queries).to.have.length(2);
    });

    it('keeps the stale answer when the background refresh fails', async () => {
      const client = setup({ options: { freshFor: 0 } });
      const first = await client.recommendations.get({ slot: 'home' });
      server.mode = 'error';
      await client.recommendations.get({ slot: 'home' });
      await until(() => server.queries.length === 2, 'the refresh');
      await sleep(30);
      expect(client.recommendations.$recommendations('home').get()!.requestId).to.equal(first.requestId);
    });

    it('sends one request for concurrent identical calls', async () => {
      const client = setup();
      server.delayMs = 50;
      const [a, b, c] = await Promise.all([
        client.recommendations.get({ slot: 'home', limit: 2 }),
        client.recommendations.get({ slot: 'home', limit: 2 }),
        client.recommendations.get({ slot: 'home', limit: 2 }),
      ]);
      expect(server.queries).to.have.length(1);
      expect(a!.requestId).to.equal(b!.requestId);
      expect(c!.requestId).to.equal(a!.requestId);
    });

    it('keys the cache by consent state: a personalized answer is not served after withdrawal', async () => {
      const client = setup();
      client.consent.set({ personalization: true });
      const personal = await client.recommendations.get({ slot: 'home' });
      expect(personal.personalized).to.equal(true);
      client.consent.set({ personalization: false });
      const after = await client.recommendations.get({ slot: 'home' });
      expect(after.personalized).to.equal(false);
      expect(after.requestId).not.to.equal(personal.requestId);
    });
  });

  describe('storage', () => {
    it('writes nothing to storage without personalization consent', async () => {
      const client = setup({ client: { storage: 'local' } });
      client.consent.set({ analytics: true, personalization: false });
      await client.recommendations.get({ slot: 'home' });
      client.track('Order Completed', { products: [{ product_id: 'd-1' }] });
      server.mode = 'error';
      await client.recommendations.get({ slot: 'other' });
      expect(recoKeys()).to.deep.equal([]);
    });

    it('keeps history, cache and catalogue with consent, and forgets them on withdrawal', async () => {
      const client = setup();
      client.consent.set({ personalization: true });
      await client.recommendations.get({ slot: 'home' });
      client.track('Order Completed', { products: [{ product_id: 'd-4' }] });
      await until(() => server.catalogRequests === 1, 'the catalogue prefetch');
      await until(
        () => (localStorage.getItem('mb.reco.pk_test_unit') ?? '').includes('"snapshot"'),
        'the stored catalogue',
      );
      const stored = JSON.parse(localStorage.getItem('mb.reco.pk_test_unit')!);
      expect(stored.o[0].ids).to.deep.equal(['d-4']);
      expect(stored.c).to.have.length(1);
      expect(stored.k.snapshot.items.length).to.be.greaterThan(0);
      client.consent.set({ personalization: false });
      expect(recoKeys()).to.deep.equal([]);
      expect(client.recommendations.$recommendations('home').get()).to.equal(undefined);
    });
  });

  describe('on-device fallback', () => {
    it('ranks the catalogue on the device when the server fails, and says why', async () => {
      const client = setup({ prefs: { locale: 'en' } });
      server.mode = 'error';
      const result = await client.recommendations.get({ slot: 'home', limit: 5, context: { region: 'Berlin' } });
      expect(result.source).to.equal('device');
      expect(result.error).to.include({ code: 'server', status: 503 });
      expect(result.items).to.have.length(5);
      expect(result.requestId).to.match(/^device-/);
      expect(result.personalized).to.equal(false);
      expect(result.basis).to.deep.equal({ history: false, reason: 'no_consent' });
      for (const item of result.items) expect(item.reasons.length).to.be.greaterThan(0);
    });

    it('ranks offline from the snapshot kept earlier, with the local history', async () => {
      const client = setup({ prefs: { locale: 'en' } });
      client.consent.set({ personalization: true });
      await client.recommendations.get({ slot: 'home' });
      await until(() => server.catalogRequests === 1, 'the catalogue prefetch');
      client.track('Order Completed', { products: [{ product_id: 'd-13' }] });
      server.mode = 'network';
      server.catalogMode = 'network';
      const result = await client.recommendations.get({ slot: 'menu', limit: 4 });
      expect(result.source).to.equal('device');
      expect(result.error!.code).to.equal('offline');
      expect(result.personalized).to.equal(true);
      expect(result.items).to.have.length(4);
      const codes = result.items.flatMap((i) => i.reasons.map((r) => r.code));
      expect(codes).to.include('because_you_ordered');
      expect(result.items[0]!.reasons[0]!.text).to.match(/^(Because you ordered|You often order)/);
    });

    it('answers with no items and the error when there is nothing to rank', async () => {
      const client = setup();
      server.mode = 'network';
      server.catalogMode = 'network';
      const result = await client.recommendations.get({ slot: 'home' });
      expect(result.items).to.deep.equal([]);
      expect(result.error!.code).to.equal('offline');
    });

    it('ranks on the device instead of profiling on the server in device-only mode', async () => {
      const client = setup({ options: { serverProfiling: false }, prefs: { locale: 'de' } });
      client.consent.set({ personalization: true });
      client.track('Order Completed', { products: [{ product_id: 'd-3' }] });
      const result = await client.recommendations.get({ slot: 'home', limit: 3 });
      expect(server.queries).to.have.length(0);
      expect(result.source).to.equal('device');
      expect(result.error).to.equal(undefined);
      expect(result.personalized).to.equal(true);
      expect(result.items[0]!.reasons[0]!.text).to.match(/^(Weil Sie|Sie bestellen)/);
    });

    it('remembers no orders without personalization consent', async () => {
      const client = setup({ options: { serverProfiling: false } });
      client.track('Order Completed', { products: [{ product_id: 'd-3' }] });
      client.consent.set({ personalization: true });
      const result = await client.recommendations.get({ slot: 'home' });
      expect(result.personalized).to.equal(false);
      expect(result.basis.reason).to.equal('cold_start');
    });
  });

  describe('hard filters', () => {
    it('drops server items that do not fit the preferences', async () => {
      const client = setup({ prefs: { diet: ['vegetarian'], allergens: ['sesame'] } });
      server.items.push(dish('d-9', 'Kebab', { diet: [] }));
      const result = await client.recommendations.get({ slot: 'home' });
      expect(result.items.map((i) => i.id)).to.deep.equal(['d-1', 'd-3']);
    });

    it('drops what no longer fits at once and asks again when the visitor changes diet or allergens', async () => {
      const $preferences = atom({ diet: [] as Diet[], allergens: [] as Allergen[] });
      const extras = fakePreferences({ get: () => $preferences.get() as never, $preferences: $preferences as never });
      const client = testClient({ flushAt: 1, plugins: [extras, recommendationsPlugin()] }) as RecommendationsClient;
      server.items.push(dish('d-9', 'Lamm Rogan Josh', { diet: [] }));
      const first = await client.recommendations.get({ slot: 'home', limit: 4 });
      expect(first.items.map((i) => i.id)).to.deep.equal(['d-1', 'd-2', 'd-3', 'd-9']);
      const $home = client.recommendations.$recommendations('home');
      server.delayMs = 80;
      $preferences.set({ diet: ['vegetarian'], allergens: [] });
      // At once, before the server answers: the meat dish is gone from what is shown.
      await until(() => $home.get()?.items.every((i) => i.id !== 'd-9') === true, 'the shown answer re-screened');
      expect($home.get()!.items.map((i) => i.id)).to.deep.equal(['d-1', 'd-2', 'd-3']);
      // Then asked again with the new diet, as a new answer.
      await until(() => $home.get()?.requestId !== first.requestId, 'the refresh with the new diet');
      expect(server.queries.at(-1)!.get('diet')).to.equal('vegetarian');
      expect(server.queries.at(-1)!.get('limit')).to.equal('4');
      expect($home.get()!.items.map((i) => i.id)).to.not.include('d-9');
      // A change that leaves diet and allergens as they are asks nothing.
      const count = server.queries.length;
      $preferences.set({ ...$preferences.get() });
      await sleep(120);
      expect(server.queries).to.have.length(count);
    });

    it('stored diet and allergens hold on the device for any set, with no constraint in the request (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.subarray([...DIETS], { maxLength: 2 }),
          fc.subarray([...ALLERGENS], { maxLength: 6 }),
          fc.boolean(),
          fc.constantFrom('device-only', 'server-down'),
          async (diet, allergens, personalization, path) => {
            server.reset();
            if (path === 'server-down') server.mode = 'error';
            // A server that ignores the constraints: its items must be screened on the device too.
            server.items.push(dish('d-milk', 'Milchreis', { allergens: ['milk'], diet: [] }));
            const client = setup({
              options: path === 'device-only' ? { serverProfiling: false } : {},
              prefs: { diet, allergens },
            });
            if (personalization) client.consent.set({ personalization: true });
            const result = await client.recommendations.get({ slot: 'home', limit: 20 });
            for (const item of result.items) {
              expect(passesHardFilters(item, diet, allergens), `${item.id} vs ${diet}/${allergens}`).to.equal(true);
            }
            cleanup();
          },
        ),
        { numRuns: 25, seed: 14 },
      );
    });

    it('never returns an item with an avoided allergen or outside a chosen diet (property)', () => {
      const item = fc.record({
        id: fc.string({ minLength: 1, maxLength: 6 }),
        kind: fc.constantFrom('dish' as const, 'restaurant' as const, 'feature' as const),
        name: fc.string({ maxLength: 8 }),
        restaurantId: fc.option(fc.constantFrom('r-1', 'r-2', 'r-3'), { nil: undefined }),
        cuisine: fc.option(fc.constantFrom('levant', 'asia'), { nil: undefined }),
        region: fc.option(fc.constantFrom('Berlin', 'Hamburg'), { nil: undefined }),
        diet: fc.subarray([...DIETS]),
        allergens: fc.subarray([...ALLERGENS]),
        tags: fc.constant([] as string[]),
        popularity: fc.option(fc.nat(1000), { nil: undefined }),
        trend: fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: undefined }),
        seasonMonths: fc.option(fc.subarray([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), { nil: undefined }),
      });
      fc.assert(
        fc.property(
          fc.array(item, { maxLength: 80 }),
          fc.subarray([...DIETS], { maxLength: 3 }),
          fc.subarray([...ALLERGENS]),
          fc.array(
            fc.record({
              ids: fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 4 }),
              hour: fc.integer({ min: 0, max: 23 }),
            }),
            { maxLength: 10 },
          ),
          fc.integer({ min: 1, max: 50 }),
          fc.constantFrom('guest' as const, 'owner' as const),
          (items, diet, allergens, history, limit, audience) => {
            const ranked = rank({
              catalog: items as CatalogItem[],
              history,
              liked: history.flatMap((o) => o.ids).slice(0, 2),
              diet,
              allergens,
              audience,
              region: 'Berlin',
              hour: 12,
              month: 6,
              limit,
              locale: 'en',
            });
            expect(ranked.length).to.be.at.most(limit);
            for (const r of ranked) {
              expect(passesHardFilters(r, diet, allergens), r.id).to.equal(true);
              for (const a of allergens) expect(r.allergens).not.to.include(a);
              for (const d of diet) expect(r.diet).to.include(d);
              expect(r.reasons.length).to.be.greaterThan(0);
            }
          },
        ),
        { numRuns: 300 },
      );
    });

    it('keeps at most two dishes of one restaurant', () => {
      const ranked = rank({
        catalog: catalog(200),
        history: [],
        diet: [],
        allergens: [],
        audience: 'guest',
        hour: 12,
        month: 1,
        limit: 10,
        locale: 'de',
      });
      const counts = new Map<string, number>();
      for (const r of ranked) if (r.restaurantId) counts.set(r.restaurantId, (counts.get(r.restaurantId) ?? 0) + 1);
      expect(Math.max(...counts.values())).to.be.at.most(2);
    });
  });

  describe('reasons', () => {
    it('gives every item reasons whose texts are in the asked locale', () => {
      const history = [{ ids: ['d-3', 'd-5'], hour: 19 }];
      for (const locale of ['de', 'en', 'ar'] as const) {
        const ranked = rank({
          catalog: catalog(100),
          history,
          diet: ['vegetarian'],
          allergens: [],
          audience: 'guest',
          region: 'Berlin',
          hour: 19,
          month: 7,
          limit: 8,
          locale,
        });
        expect(ranked).to.have.length(8);
        for (const r of ranked) {
          expect(r.reasons.length).to.be.within(1, 3);
          for (const reason of r.reasons) {
            expect(reason.text).to.equal(reasonText(reason.code, reason.params, locale));
            expect(reason.text).not.to.match(/\{\w+\}/);
          }
        }
        const texts = ranked.flatMap((r) => r.reasons.map((x) => x.text)).join(' ');
        if (locale === 'ar') expect(texts).to.match(/[\u0600-\u06FF]/);
        if (locale === 'en') expect(texts).to.match(/Fits your diet \(vegetarian\)/);
      }
    });
  });

  describe('feedback', () => {
    it('sends feedback with the request id only with consent, and drops the item from the next answer', async () => {
      const client = setup();
      const first = await client.recommendations.get({ slot: 'home' });
      await client.recommendations.feedback(first.requestId, 'd-1', 'not_interested');
      expect(server.feedback).to.deep.equal([]);
      const next = await client.recommendations.get({ slot: 'home' });
      expect(next.items.map((i) => i.id)).not.to.include('d-1');

      client.consent.set({ personalization: true });
      const personal = await client.recommendations.get({ slot: 'home' });
      await client.recommendations.feedback(personal.requestId, 'd-3', 'more_like_this');
      expect(server.feedback).to.have.length(1);
      expect(server.feedback[0]).to.include({
        requestId: personal.requestId,
        itemId: 'd-3',
        kind: 'more_like_this',
        anonymousId: client.user().anonymousId,
      });
    });

    it('never rejects, also for a bad kind or a failing server', async () => {
      const client = setup();
      client.consent.set({ personalization: true });
      await client.recommendations.feedback('r', 'd-1', 'bogus' as 'not_interested');
      server.mode = 'network';
      worker.use(http.post(`${API}/v1/feedback`, () => HttpResponse.error(), { once: true }));
      await client.recommendations.feedback('r', 'd-1', 'not_interested');
      expect(client.stats().errors).to.be.greaterThan(0);
    });
  });

  describe('explanation', () => {
    it('loads the statement in the locale, once', async () => {
      const client = setup();
      const a = await client.recommendations.explanation('en');
      const b = await client.recommendations.explanation('en');
      expect(a.title).to.equal('How recommendations work (en)');
      expect(b).to.equal(a);
    });
  });

  describe('tracking with the request id', () => {
    it('sends Product List Viewed and Product Clicked through the consent gate, and attributes a later Product Added', async () => {
      const client = setup();
      const result = await client.recommendations.get({ slot: 'home' });
      client.recommendations.trackListViewed(result, result.items.slice(0, 2));
      client.recommendations.trackClick(result, result.items[1]!);
      client.track('Product Added', { product_id: 'd-2', price: 9.5 });
      client.consent.set({ analytics: true });
      await client.flush();
      await until(
        () => batchApi.messages().filter((m) => m.type === 'track' && !m.event.startsWith('Session')).length === 3,
        'three tracks',
      );
      const tracks = batchApi.messages().filter((m) => m.type === 'track' && !m.event.startsWith('Session'));
      const [viewed, clickedMsg, added] = tracks.map((m) => (m.type === 'track' ? m : undefined)!);
      expect(viewed!.event).to.equal('Product List Viewed');
      expect(viewed!.properties).to.deep.include({ request_id: result.requestId, slot: 'home', list_id: 'home' });
      expect(viewed!.properties.products).to.deep.equal([
        { product_id: 'd-1', position: 1, name: 'Falafel Wrap', category: 'dish', price: 9.5, currency: 'EUR' },
        { product_id: 'd-2', position: 2, name: 'Hummus', category: 'dish', price: 9.5, currency: 'EUR' },
      ]);
      expect(clickedMsg!.event).to.equal('Product Clicked');
      expect(clickedMsg!.properties).to.deep.include({
        request_id: result.requestId,
        slot: 'home',
        position: 2,
        product_id: 'd-2',
      });
      expect(added!.properties).to.deep.include({ product_id: 'd-2', request_id: result.requestId, slot: 'home' });
    });

    it('sends nothing when analytics is refused', async () => {
      const client = setup();
      client.consent.set({ analytics: false });
      const result = await client.recommendations.get({ slot: 'home' });
      client.recommendations.trackListViewed(result);
      await sleep(80);
      expect(batchApi.messages()).to.deep.equal([]);
      expect(client.stats().discarded).to.be.greaterThan(0);
    });
  });

  describe('never throws into the page', () => {
    it('answers a bad request with an error naming the field', async () => {
      const client = setup();
      const noSlot = await client.recommendations.get({ slot: '' });
      expect(noSlot.error).to.deep.include({ code: 'bad_request' });
      expect(noSlot.error!.message).to.contain('slot');
      const badLimit = await client.recommendations.get({ slot: 'x', limit: 500 });
      expect(badLimit.error!.message).to.contain('limit');
      expect(server.queries).to.have.length(0);
    });

    it('is idempotent: a second plugin keeps the first API', () => {
      const client = setup();
      const first = client.recommendations;
      (client as unknown as ExtensibleClient).extend(recommendationsPlugin());
      expect(client.recommendations).to.equal(first);
    });
  });
});
