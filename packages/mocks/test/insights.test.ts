import type { ChurnResponse, ErrorBody, ForecastResponse, InsightsResponse, WinBackResponse } from '@matbakh/contract';
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

describe('mocks: forecast, churn and win-back (issue 21)', () => {
  before(() =>
    worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' }),
  );
  after(() => worker.stop());
  beforeEach(() => api.reset());

  const url = (path: string, query: Record<string, string | undefined> = {}) => {
    const params = new URLSearchParams({ writeKey: 'pk_test' });
    for (const [key, value] of Object.entries({ ...OWNER, ...query })) if (value !== undefined) params.set(key, value);
    return `${BASE}${path}?${params}`;
  };

  it('forecast: intervals around the mean, holidays named in the locale; 400 naming horizon', async () => {
    const response = await fetch(url('/v1/insights/forecast', { horizon: '28', locale: 'ar' }));
    const body = (await response.json()) as ForecastResponse;
    expect(body.orders.points).to.have.length(28);
    for (const p of body.orders.points) {
      expect(p.lo95 <= p.lo80 && p.lo80 <= p.mean && p.mean <= p.hi80 && p.hi80 <= p.hi95, p.date).to.equal(true);
    }
    expect(body.orders.points.find((p) => p.date === '2027-01-01')?.holiday).to.equal('رأس السنة الميلادية');
    const wrong = await fetch(url('/v1/insights/forecast', { horizon: '14' }));
    expect(wrong.status).to.equal(400);
    expect(((await wrong.json()) as ErrorBody).error.field).to.equal('horizon');
  });

  it('churn: pseudonyms only; win-back once per group, then alreadyRunning; 403 naming a missing proof', async () => {
    const churn = (await (await fetch(url('/v1/insights/churn'))).json()) as ChurnResponse;
    expect(churn.atRisk.every((risk) => /^G-[0-9A-F]{4}$/.test(risk.guestRef))).to.equal(true);
    const post = (body: object) =>
      fetch(`${BASE}/v1/insights/win-back?writeKey=pk_test`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const first = (await (await post(OWNER)).json()) as WinBackResponse;
    expect(first).to.include({ queued: churn.atRisk.length, alreadyRunning: false });
    const second = (await (await post(OWNER)).json()) as WinBackResponse;
    expect(second).to.include({ queued: 0, alreadyRunning: true });
    const refused = await post({ ...OWNER, groupHash: undefined });
    expect(refused.status).to.equal(403);
    expect(((await refused.json()) as ErrorBody).error.field).to.equal('groupHash');
    expect(api.predictive.winBacks).to.deep.equal(['rest-42']);
  });
});
