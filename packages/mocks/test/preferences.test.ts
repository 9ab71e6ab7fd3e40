import { defaultPreferences, type ErrorBody, type PreferencesResponse } from '@matbakh/contract';
import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createMockApi } from '../src/index.ts';

const BASE = 'http://localhost:8787';
const api = createMockApi({ base: BASE, writeKey: 'pk_test' });
const worker = setupWorker(...api.handlers);
const url = (query: Record<string, string> = {}) =>
  `${BASE}/v1/preferences?${new URLSearchParams({ writeKey: 'pk_test', anonymousId: 'anon-1', ...query })}`;
async function send(method: string, body?: unknown, ifMatch?: string, query?: Record<string, string>) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (ifMatch !== undefined) headers['If-Match'] = ifMatch;
  const response = await fetch(url(query), {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    etag: response.headers.get('ETag'),
    json: (await response.json()) as PreferencesResponse & ErrorBody,
  };
}

describe('mocks: /v1/preferences', () => {
  before(() =>
    worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' }),
  );
  after(() => worker.stop());
  beforeEach(() => api.reset());

  it('answers the defaults at version 0, then versions each write like the server', async () => {
    const empty = await send('GET');
    expect(empty.json).to.deep.equal({ preferences: defaultPreferences(), version: 0 });
    expect(empty.etag).to.equal('"0"');
    const put = await send('PUT', { theme: 'dark', units: 'metric' }, '"0"');
    expect(put.status).to.equal(200);
    expect(put.json.version).to.equal(1);
    expect(put.json.preferences.units).to.equal('metric', 'unknown keys kept');
    const patch = await send('PATCH', { diet: ['vegan'], theme: null }, '"1"');
    expect(patch.json.version).to.equal(2);
    expect(patch.json.preferences).to.deep.include({ theme: 'system', diet: ['vegan'], units: 'metric' });
    expect(api.requests.map((r) => `${r.method} ${r.status}`)).to.deep.equal(['GET 200', 'PUT 200', 'PATCH 200']);
  });

  it('428 without If-Match, 412 with the current state when stale, 400 naming the field, 403 without userHash', async () => {
    expect((await send('PUT', { theme: 'dark' })).json.error.code).to.equal('precondition_required');
    await send('PUT', { theme: 'dark' }, '"0"');
    const stale = await send('PATCH', { theme: 'light' }, '"0"');
    expect(stale.status).to.equal(412);
    expect(stale.json).to.deep.include({ version: 1 });
    expect(stale.json.preferences.theme).to.equal('dark');
    const bad = await send('PATCH', { notifications: { channels: { push: { seasonal: 'no' } } } }, '"1"');
    expect(bad.status).to.equal(400);
    expect(bad.json.error.field).to.equal('notifications.channels.push.seasonal');
    expect((await send('GET', undefined, undefined, { userId: 'u-1' })).status).to.equal(403);
    expect((await send('GET')).json.preferences.theme).to.equal('dark', 'nothing lost');
  });

  it('api.reset() forgets the documents', async () => {
    await send('PUT', { theme: 'dark' }, '"0"');
    api.reset();
    expect((await send('GET')).json.version).to.equal(0);
  });
});
