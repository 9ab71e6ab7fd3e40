import type { ErrorBody, SearchIndexResponse, SearchResponse, SearchSuggestionsResponse } from '@matbakh/contract';
import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createMockApi } from '../src/index.ts';
import { SEARCH_XSS_DISH } from '../src/search.ts';

const BASE = 'http://localhost:8787';
const api = createMockApi({ base: BASE, writeKey: 'pk_test' });
const worker = setupWorker(...api.handlers);
async function get<T>(path: string, query: Record<string, string> = {}) {
  const response = await fetch(`${BASE}${path}?${new URLSearchParams({ writeKey: 'pk_test', ...query })}`);
  return { status: response.status, json: (await response.json()) as T & ErrorBody };
}
const names = (r: SearchResponse) => r.groups.flatMap((g) => g.hits.map((h) => h.name));

describe('mocks: search routes', () => {
  before(() =>
    worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' }),
  );
  after(() => worker.stop());
  beforeEach(() => api.reset());

  it('GET /v1/search runs the contract’s engine: typos, filter words, the hostile name as data; 400 names the field', async () => {
    const typo = await get<SearchResponse>('/v1/search', { q: 'falafl' });
    expect(typo.status).to.equal(200);
    expect(names(typo.json)).to.include('Falafel-Teller');
    const noSesame = await get<SearchResponse>('/v1/search', { q: 'falafel ohne Sesam' });
    expect(names(noSesame.json)).to.include('Falafel Wrap');
    expect(names(noSesame.json)).to.not.include('Falafel-Teller');
    // The chip the element shows: the guest's own words, and the query without them.
    expect(noSesame.json.filters).to.deep.equal({
      diet: [],
      allergens: ['sesame'],
      terms: [{ allergen: 'sesame', words: 'ohne Sesam', without: 'falafel' }],
    });
    expect(names((await get<SearchResponse>('/v1/search', { q: 'onerror' })).json)).to.include(SEARCH_XSS_DISH);
    const bad = await get<SearchResponse>('/v1/search', { q: 'falafel', limit: '0' });
    expect(bad.status).to.equal(400);
    expect(bad.json.error.field).to.equal('limit');
    expect((await fetch(`${BASE}/v1/search?q=falafel`)).status).to.equal(401);
  });

  it('GET /v1/search/suggestions: "your usual" only with a recorded personalization grant', async () => {
    const plain = await get<SearchSuggestionsResponse>('/v1/search/suggestions', { anonymousId: 'a-1', hour: '8' });
    expect(plain.json.groups.map((g) => g.kind)).to.not.include('usual');
    expect(plain.json.daypart).to.equal('breakfast');
    const consent = await fetch(`${BASE}/v1/consent?writeKey=pk_test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        consentId: 'c-1',
        anonymousId: 'a-1',
        policyVersion: 1,
        action: 'accept_all',
        choices: { necessary: true, preferences: true, personalization: true, analytics: true, marketing: true },
        channels: {},
        source: 'banner',
        timestamp: new Date().toISOString(),
        userAgentClass: 'unknown',
      }),
    });
    expect(consent.status).to.be.lessThan(300);
    const mine = await get<SearchSuggestionsResponse>('/v1/search/suggestions', { anonymousId: 'a-1', limit: '2' });
    expect(mine.json.personalized).to.equal(true);
    expect(mine.json.groups[0]!.kind).to.equal('usual');
    expect(mine.json.groups.every((g) => g.hits.length <= 2)).to.equal(true);
    const bad = await get<SearchSuggestionsResponse>('/v1/search/suggestions', { hour: '24' });
    expect(bad.json.error.field).to.equal('hour');
  });

  it('GET /v1/search/index and the modes: empty, error', async () => {
    const index = await get<SearchIndexResponse>('/v1/search/index');
    expect(index.json.version).to.equal(1);
    expect(index.json.dishes.length).to.be.greaterThan(5);
    api.search.setMode('empty');
    expect((await get<SearchResponse>('/v1/search', { q: 'falafel' })).json.total).to.equal(0);
    api.search.setMode('error');
    expect((await get<SearchResponse>('/v1/search', { q: 'falafel' })).status).to.equal(503);
  });
});
