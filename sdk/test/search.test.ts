import { expect } from '@esm-bundle/chai';
import {
  type CatalogItem,
  createSearchIndex,
  encodeSearchIndex,
  runSearch,
  type SearchResponse,
  type SearchSuggestionsResponse,
  searchDocs,
  type TrackMessage,
} from '@matbakh/contract';
import { createMockApi } from '@matbakh/mocks';
import { HttpResponse, http } from 'msw';
import { setupWorker } from 'msw/browser';
import { definePlugin } from '../src/index.ts';
import type { PreferencesControls } from '../src/preferences/types.ts';
import { searchPlugin } from '../src/search/index.ts';
import type { SearchControls } from '../src/search/types.ts';
import { API, cleanup, sleep, testClient, until } from './helpers.ts';

// ---- a search server (msw) running the contract's engine over a small catalogue, failures on demand --------------

const CATALOG: CatalogItem[] = [
  { id: 'r-1', kind: 'restaurant', name: 'Byblos', cuisine: 'lebanese', diet: [], allergens: [], tags: [] },
  {
    id: 'd-1',
    kind: 'dish',
    name: 'Falafel-Teller',
    restaurantId: 'r-1',
    diet: ['vegan'],
    allergens: ['sesame'],
    tags: ['main'],
  },
  {
    id: 'd-2',
    kind: 'dish',
    name: 'Falafel Wrap',
    restaurantId: 'r-1',
    diet: ['vegan'],
    allergens: ['gluten'],
    tags: ['main'],
  },
  {
    id: 'd-3',
    kind: 'dish',
    name: 'Hähnchenschawarma',
    restaurantId: 'r-1',
    diet: ['halal'],
    allergens: [],
    tags: ['main'],
  },
  {
    id: 'd-4',
    kind: 'dish',
    name: 'تبولة',
    restaurantId: 'r-1',
    diet: ['vegan'],
    allergens: ['gluten'],
    tags: ['side'],
  },
];
const serverIndex = createSearchIndex(searchDocs(CATALOG));

const server = {
  mode: 'ok' as 'ok' | 'error' | 'network' | 'slow',
  searches: [] as URLSearchParams[],
  suggestionRequests: [] as URLSearchParams[],
  indexRequests: 0,
  reset() {
    this.mode = 'ok';
    this.searches = [];
    this.suggestionRequests = [];
    this.indexRequests = 0;
  },
};

const handlers = [
  http.get(`${API}/v1/search`, async ({ request }) => {
    const query = new URL(request.url).searchParams;
    server.searches.push(query);
    if (server.mode === 'slow') await sleep(300);
    if (server.mode === 'network') return HttpResponse.error();
    if (server.mode === 'error')
      return HttpResponse.json({ error: { code: 'internal', message: 'down' } }, { status: 503 });
    const body: SearchResponse = runSearch(serverIndex, { q: query.get('q') ?? '', limit: 5, diet: [], allergens: [] });
    return HttpResponse.json(body);
  }),
  http.get(`${API}/v1/search/suggestions`, ({ request }) => {
    server.suggestionRequests.push(new URL(request.url).searchParams);
    if (server.mode === 'network') return HttpResponse.error();
    const hit = (id: string) => {
      const item = CATALOG.find((i) => i.id === id)!;
      return { id, type: 'dish' as const, name: item.name, highlights: [], score: 1 };
    };
    const body: SearchSuggestionsResponse = {
      groups: [{ kind: 'popular', hits: [hit('d-1'), hit('d-2'), hit('d-3')] }],
      personalized: false,
      daypart: 'lunch',
      season: 'spring',
    };
    return HttpResponse.json(body);
  }),
  http.get(`${API}/v1/search/index`, () => {
    server.indexRequests++;
    if (server.mode === 'network') return HttpResponse.error();
    return HttpResponse.json(encodeSearchIndex(CATALOG, new Date().toISOString()));
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

const fakePreferences = (prefs: { diet?: string[]; allergens?: string[] }) =>
  definePlugin({
    name: 'preferences',
    setup: () => ({ api: { get: () => ({ diet: [], allergens: [], ...prefs }) } as unknown as PreferencesControls }),
  });

function setup(prefs?: { diet?: string[]; allergens?: string[] }, timeoutMs = 200) {
  const client = testClient({
    flushAt: 1,
    plugins: [...(prefs ? [fakePreferences(prefs)] : []), searchPlugin({ timeoutMs })],
  });
  return { client, search: (client as unknown as { search: SearchControls }).search };
}

const names = (result: SearchResponse) => result.groups.flatMap((g) => g.hits.map((h) => h.name));

describe('search plugin', () => {
  it('without personalization consent: the device answers, from the index fetched once, and the server is never asked', async () => {
    const { search } = setup();
    const first = await search.query('falafl');
    const second = await search.query('schawarma');
    expect(first.source).to.equal('device');
    expect(names(first)).to.include('Falafel-Teller');
    expect(names(second)).to.deep.equal(['Hähnchenschawarma']);
    expect(server.searches).to.have.length(0);
    expect(server.indexRequests).to.equal(1);
    expect(names(await search.query('تبوله'))).to.deep.equal(['تبولة']);
  });

  it('with consent: the server answers with the subject; the page’s diet and allergens filter its answer too', async () => {
    const { client, search } = setup({ allergens: ['sesame'] });
    client.consent.set({ personalization: true });
    const result = await search.query('falafel');
    expect(result.source).to.equal('server');
    expect(server.searches[0]!.get('anonymousId')).to.be.a('string');
    expect(names(result)).to.deep.equal(['Falafel Wrap']);
  });

  it('falls back to the device when the server fails or is unreachable, with the same filters', async () => {
    const { client, search } = setup({ allergens: ['sesame'] });
    client.consent.set({ personalization: true });
    server.mode = 'error';
    const failed = await search.query('falafel');
    expect(failed.source).to.equal('device');
    expect(failed.error).to.match(/503/);
    expect(names(failed)).to.deep.equal(['Falafel Wrap']);
  });

  it('an aborted query rejects with the signal’s reason and its answer is never used', async () => {
    const { client, search } = setup();
    client.consent.set({ personalization: true });
    server.mode = 'slow';
    const abort = new AbortController();
    const pending = search.query('falafel', { signal: abort.signal });
    await until(() => server.searches.length === 1, 'the request');
    abort.abort(new DOMException('newer keystroke', 'AbortError'));
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as DOMException).name).to.equal('AbortError');
  });

  it('tracks Products Searched once per call, with the query length, result count and (under analytics consent) the text', async () => {
    const { client, search } = setup();
    client.consent.set({ analytics: true });
    search.track('falafl', 2);
    const searched = () =>
      batchApi.messages().filter((m) => m.type === 'track' && m.event === 'Products Searched') as TrackMessage[];
    await until(() => searched().length > 0, 'the event');
    expect(searched()).to.have.length(1);
    expect(searched()[0]!.properties).to.deep.include({ query_length: 6, results: 2, query: 'falafl' });
  });

  it('a pick is Product Clicked with the search’s id; a suggestion picked before typing names its group instead', async () => {
    const { client, search } = setup();
    client.consent.set({ analytics: true });
    const searchId = search.track('falafl', 2);
    expect(searchId).to.match(/^[0-9a-f-]{36}$/);
    const hit = {
      id: 'd-1',
      type: 'dish' as const,
      name: 'Falafel-Teller',
      highlights: [],
      score: 1,
      restaurantId: 'r-1',
    };
    search.select(hit, { position: 1, searchId: searchId! });
    search.select(hit, { position: 2, suggestion: 'popular' });
    const events = () =>
      batchApi
        .messages()
        .filter(
          (m) => m.type === 'track' && ['Products Searched', 'Product Clicked'].includes(String(m.event)),
        ) as TrackMessage[];
    await until(() => events().length >= 3, 'the events');
    const [searched, picked, suggested] = events();
    expect(searched!.properties).to.deep.include({ search_id: searchId });
    expect(picked).to.deep.include({ event: 'Product Clicked' });
    expect(picked!.properties).to.deep.equal({
      product_id: 'd-1',
      name: 'Falafel-Teller',
      position: 1,
      restaurant_id: 'r-1',
      search_id: searchId,
    });
    expect(suggested!.properties).to.deep.include({ position: 2, suggestion: 'popular' });
    expect(suggested!.properties).to.not.have.property('search_id');
  });

  it('suggestions: the tenant’s groups without the subject unless personalization is granted; the page’s allergens filter them', async () => {
    // A patient client: the page filter needs the compact index, which a loaded machine may serve slowly.
    const { client, search } = setup({ allergens: ['sesame'] }, 5_000);
    const plain = await search.suggestions();
    expect(plain.source).to.equal('server');
    expect(plain.groups[0]!.hits.map((h) => h.name)).to.deep.equal(['Falafel Wrap', 'Hähnchenschawarma']);
    expect(server.suggestionRequests[0]!.has('anonymousId')).to.equal(false);
    expect(Number(server.suggestionRequests[0]!.get('hour'))).to.equal(new Date().getHours());
    client.consent.set({ personalization: true });
    await search.suggestions();
    expect(server.suggestionRequests[1]!.get('anonymousId')).to.be.a('string');
  });

  it('recent searches: kept on the device only with the preferences consent, never sent, clearable, gone on withdrawal', async () => {
    const { client, search } = setup();
    client.consent.set({ analytics: true });
    search.track('falafl', 2);
    expect(search.recent()).to.deep.equal([]);
    client.consent.set({ analytics: true, preferences: true });
    search.track('falafl', 2);
    search.track('nothing here', 0);
    search.track('schawarma', 1);
    search.track('FALAFL', 3);
    expect(search.recent()).to.deep.equal(['FALAFL', 'schawarma']);
    const offered = await search.suggestions();
    expect(offered.recent).to.deep.equal(['FALAFL', 'schawarma']);
    for (const params of server.suggestionRequests) {
      expect([...params.values()].join(' ').toLowerCase()).to.not.include('falafl');
    }
    search.clearRecent();
    expect(search.recent()).to.deep.equal([]);
    search.track('hummus', 1);
    expect(search.recent()).to.deep.equal(['hummus']);
    const key = Object.keys(localStorage).find((k) => k.startsWith('mb.search.recent.'));
    expect(key).to.be.a('string');
    client.consent.set({ analytics: true, preferences: false });
    expect(search.recent()).to.deep.equal([]);
    expect(localStorage.getItem(key!)).to.equal(null);
  });

  it('suggestions offline or after a failure: the recent searches alone, with the error', async () => {
    const { client, search } = setup();
    client.consent.set({ preferences: true });
    search.track('falafel', 2);
    server.mode = 'network';
    const answer = await search.suggestions();
    expect(answer).to.deep.include({ groups: [], recent: ['falafel'], source: 'device' });
    expect(answer.error).to.be.a('string');
  });
});
