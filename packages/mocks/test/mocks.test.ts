import type { BatchResponse, ConfigResponse, ErrorBody, Message } from '@matbakh/contract';
import { expect, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createMockApi, defaultConfig } from '../src/index.ts';

const BASE = 'http://localhost:8787';
const api = createMockApi({ base: BASE });
const worker = setupWorker(...api.handlers);

let n = 0;
function track(event = 'Dish Viewed'): Message {
  return {
    type: 'track',
    messageId: `msg-${++n}-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    anonymousId: 'anon-1',
    context: { library: { name: '@matbakh/sdk', version: '0.1.0' } },
    event,
    properties: { dish: 'Mansaf' },
  };
}

const auth = { Authorization: `Basic ${btoa('pk_test:')}`, 'Content-Type': 'application/json' };
const postBatch = (batch: unknown[], init: RequestInit = {}) =>
  fetch(`${BASE}/v1/batch`, { method: 'POST', headers: auth, body: JSON.stringify({ batch }), ...init });

describe('createMockApi (msw in the browser)', () => {
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
  });
  after(() => worker.stop());
  beforeEach(() => api.reset());

  it('serves the config with a consent policy in de, en and ar', async () => {
    const response = await fetch(`${BASE}/v1/config?writeKey=pk_test`);
    expect(response.status).to.equal(200);
    const config = (await response.json()) as ConfigResponse;
    expect(config).to.deep.equal(defaultConfig);
    expect(config.consent.categories.map((c) => c.id)).to.include.members(['necessary', 'analytics', 'marketing']);
    for (const category of config.consent.categories) {
      for (const locale of ['de', 'en', 'ar'] as const) {
        expect(category.title[locale], `${category.id}.title.${locale}`).to.be.a('string').and.not.be.empty;
        expect(category.description[locale], `${category.id}.description.${locale}`).to.be.a('string').and.not.be.empty;
      }
    }
    expect(config.consent.categories.filter((c) => c.required).map((c) => c.id)).to.deep.equal(['necessary']);
  });

  it('deduplicates a batch posted twice by messageId, like the real server', async () => {
    const batch = [track(), track('Order Completed')];
    const first = (await (await postBatch(batch)).json()) as BatchResponse;
    expect(first).to.deep.equal({ accepted: 2, duplicate: 0, rejected: 0, errors: [] });

    const second = await postBatch(batch);
    expect(second.status).to.equal(200);
    expect((await second.json()) as BatchResponse).to.deep.equal({
      accepted: 0,
      duplicate: 2,
      rejected: 0,
      errors: [],
    });

    expect(api.batches).to.have.length(2);
    expect(api.messages()).to.have.length(2);
    expect(api.messages().map((m) => m.messageId)).to.deep.equal(batch.map((m) => m.messageId));
  });

  it('parses text/plain bodies (what sendBeacon sends) with the write key in the body', async () => {
    const response = await fetch(`${BASE}/v1/batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ batch: [track()], writeKey: 'pk_test' }),
    });
    expect(((await response.json()) as BatchResponse).accepted).to.equal(1);
    expect(api.batches[0]?.writeKey).to.equal('pk_test');
  });

  it('rejects invalid messages one by one and accepts the rest', async () => {
    const bad = { ...track(), event: '' };
    const response = await postBatch([track(), bad, { type: 'screen' }]);
    const result = (await response.json()) as BatchResponse;
    expect(result.accepted).to.equal(1);
    expect(result.rejected).to.equal(2);
    expect(result.errors[0]).to.deep.include({ index: 1, messageId: bad.messageId, field: 'batch[1].event' });
    expect(result.errors[1]).to.deep.include({ index: 2, field: 'batch[2].type' });
  });

  it('answers 400 for a body that is not JSON and 401 without a write key', async () => {
    const notJson = await fetch(`${BASE}/v1/batch`, { method: 'POST', headers: auth, body: '{"batch": [' });
    expect(notJson.status).to.equal(400);
    expect(((await notJson.json()) as ErrorBody).error.code).to.equal('bad_request');

    const anonymous = await postBatch([track()], { headers: { 'Content-Type': 'application/json' } });
    expect(anonymous.status).to.equal(401);
    expect(((await anonymous.json()) as ErrorBody).error.code).to.equal('unauthorized');
    expect(api.messages()).to.have.length(0);
  });

  it('failNext(503) answers 503 with Retry-After once, then recovers', async () => {
    api.failNext(503);
    const failed = await postBatch([track()]);
    expect(failed.status).to.equal(503);
    expect(failed.headers.get('Retry-After')).to.equal('1');
    expect(((await failed.json()) as ErrorBody).error.code).to.equal('internal');
    expect(api.batches).to.have.length(0);

    const retried = await postBatch([track()]);
    expect(retried.status).to.equal(200);
    expect(api.requests.map((r) => r.status)).to.deep.equal([503, 200]);
  });

  it('failNext can target a path, repeat, and set Retry-After', async () => {
    api.failNext(429, { retryAfter: 30, times: 2, path: '/v1/batch' });
    expect((await fetch(`${BASE}/v1/config`)).status).to.equal(200);
    const first = await postBatch([track()]);
    expect(first.status).to.equal(429);
    expect(first.headers.get('Retry-After')).to.equal('30');
    expect(((await first.json()) as ErrorBody).error.code).to.equal('rate_limited');
    expect((await postBatch([track()])).status).to.equal(429);
    expect((await postBatch([track()])).status).to.equal(200);
  });

  it('goOffline makes fetch reject like a network error until goOnline', async () => {
    api.goOffline();
    let error: unknown;
    try {
      await postBatch([track()]);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(TypeError);
    api.goOnline();
    expect((await postBatch([track()])).status).to.equal(200);
    expect(api.requests.map((r) => r.status)).to.deep.equal([0, 200]);
  });

  it('reset() forgets messages, so the same messageId is accepted again', async () => {
    const message = track();
    await postBatch([message]);
    api.reset();
    expect(api.batches).to.have.length(0);
    const result = (await (await postBatch([message])).json()) as BatchResponse;
    expect(result.accepted).to.equal(1);
  });

  it('receives navigator.sendBeacon batches', async () => {
    const sent = navigator.sendBeacon(`${BASE}/v1/batch`, JSON.stringify({ batch: [track()], writeKey: 'pk_test' }));
    expect(sent).to.equal(true);
    await waitUntil(() => api.messages().length === 1, 'beacon not received', { timeout: 3000 });
  });
});
