import type { ErrorBody, InsightsResponse } from '@matbakh/contract';
import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createMockApi } from '../src/index.ts';

const BASE = 'http://localhost:8787';
const api = createMockApi({ base: BASE, writeKey: 'pk_test' });
const worker = setupWorker(...api.handlers);
const OWNER = { groupId: 'rest-42', anonymousId: 'anon-1', userId: 'owner-1', userHash: 'h', groupHash: 'g' };
const get = async (query: Record<string, string | undefined>) => {
  const params = new URLSearchParams({ writeKey: 'pk_test' });
  for (const [key, value] of Object.entries({ ...OWNER, ...query })) if (value !== undefined) params.set(key, value);
  const response = await fetch(`${BASE}/v1/insights?${params}`);
  return { status: response.status, json: (await response.json()) as InsightsResponse & ErrorBody };
};

describe('mocks: GET /v1/insights', () => {
  before(() =>
    worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' }),
  );
  after(() => worker.stop());
  beforeEach(() => api.reset());

  it('answers an owner with userHash and groupHash (any values) in the locale', async () => {
    const { status, json } = await get({ locale: 'en' });
    expect(status).to.equal(200);
    expect(json.groupId).to.equal('rest-42');
    expect(json.insights.map((i) => i.kind)).to.deep.equal(['alert', 'report', 'seasonal']);
    expect(json.insights[0]!.title).to.match(/Far fewer orders/);
  });

  it('403 naming the missing proof: userId, userHash, groupHash; 400 for groupId and locale', async () => {
    for (const [query, status, field] of [
      [{ userId: undefined, userHash: undefined, groupHash: undefined }, 403, 'userId'],
      [{ userHash: undefined }, 403, 'userHash'],
      [{ groupHash: undefined }, 403, 'groupHash'],
      [{ groupHash: '' }, 403, 'groupHash'],
      [{ groupId: undefined }, 400, 'groupId'],
      [{ locale: 'fr' }, 400, 'locale'],
    ] as const) {
      const answer = await get(query);
      expect(answer.status, JSON.stringify(query)).to.equal(status);
      expect(answer.json.error.field).to.equal(field);
    }
    expect((await get({ groupHash: undefined })).json.error.code).to.equal('forbidden');
  });
});
