import type { ConsentLedgerEntry, EraseResponse, Message, PreferencesResponse, PrivacyExport } from '@matbakh/contract';
import { expect } from '@open-wc/testing';
import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import { defaultConfig } from '../src/index.ts';
import { preferenceRoutes } from '../src/preferences.ts';
import { privacyRoutes } from '../src/privacy.ts';

// The privacy routes wired to the preference store, as createMockApi wires them.
const BASE = 'http://localhost:8787';
const accepted: Message[] = [];
const ledger: ConsentLedgerEntry[] = [];
const preferences = preferenceRoutes();
const privacy = privacyRoutes({ config: () => defaultConfig, accepted, ledger, preferences });
const worker = setupWorker(
  ...preferences.handlers(
    BASE,
    (handle) =>
      async ({ request }) =>
        handle(request),
  ),
  http.post(`${BASE}/v1/privacy/export`, ({ request }) => privacy.postExport(request)),
  http.post(`${BASE}/v1/privacy/erase`, ({ request }) => privacy.postErase(request)),
);

const query = (subject: Record<string, string>, writeKey = 'pk_test') =>
  new URLSearchParams({ writeKey, ...subject }).toString();
async function putPreferences(subject: Record<string, string>, doc: object, writeKey = 'pk_test') {
  const response = await fetch(`${BASE}/v1/preferences?${query(subject, writeKey)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', 'If-Match': '*' },
    body: JSON.stringify(doc),
  });
  expect(response.status).to.equal(200);
  return (await response.json()) as PreferencesResponse;
}
const post = async <T>(path: string, body: object, writeKey = 'pk_test') =>
  (await (
    await fetch(`${BASE}${path}?writeKey=${writeKey}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).json()) as T;

describe('mocks: privacy export and erase cover the preferences', () => {
  before(() =>
    worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' }),
  );
  after(() => worker.stop());
  beforeEach(() => preferences.reset());

  it('export shows the stored document; erase deletes it and counts it; the next export has none', async () => {
    await putPreferences({ anonymousId: 'anon-1' }, { theme: 'dark', diet: ['vegan'] });
    await putPreferences({ anonymousId: 'someone-else' }, { theme: 'light' });

    const exported = await post<PrivacyExport>('/v1/privacy/export', { anonymousId: 'anon-1' });
    expect(exported.preferences).to.deep.include({ theme: 'dark', diet: ['vegan'] });

    const erased = await post<EraseResponse>('/v1/privacy/erase', { anonymousId: 'anon-1' });
    expect(erased.erased.preferences).to.equal(1);
    expect(preferences.stored('pk_test', 'a:anon-1')).to.equal(undefined);
    expect(preferences.stored('pk_test', 'a:someone-else')?.preferences.theme).to.equal('light', 'others kept');

    const after = await post<PrivacyExport>('/v1/privacy/export', { anonymousId: 'anon-1' });
    expect(after.preferences).to.equal(null);
    const fresh = await fetch(`${BASE}/v1/preferences?${query({ anonymousId: 'anon-1' })}`);
    expect(((await fresh.json()) as PreferencesResponse).version).to.equal(0, 'back to the defaults');
  });

  it('a verified user sees its document and this device’s anonymous one; erase removes both', async () => {
    await putPreferences({ anonymousId: 'device-a', userId: 'u-1', userHash: 'h' }, { theme: 'dark' });
    await putPreferences({ anonymousId: 'device-a' }, { theme: 'light' });
    const subject = { anonymousId: 'device-a', userId: 'u-1', userHash: 'h' };
    const exported = await post<PrivacyExport>('/v1/privacy/export', subject);
    expect(exported.preferences).to.have.keys(['user', 'anonymous']);
    expect((exported.preferences as { user: { theme: string } }).user.theme).to.equal('dark');
    expect((await post<EraseResponse>('/v1/privacy/erase', subject)).erased.preferences).to.equal(2);
    expect((await post<PrivacyExport>('/v1/privacy/export', subject)).preferences).to.equal(null);
  });

  it('documents are per write key: another tenant’s export and erase do not reach them', async () => {
    await putPreferences({ anonymousId: 'anon-1' }, { theme: 'dark' });
    expect(
      (await post<PrivacyExport>('/v1/privacy/export', { anonymousId: 'anon-1' }, 'pk_other')).preferences,
    ).to.equal(null);
    expect(
      (await post<EraseResponse>('/v1/privacy/erase', { anonymousId: 'anon-1' }, 'pk_other')).erased.preferences,
    ).to.equal(0);
    expect(preferences.stored('pk_test', 'a:anon-1')?.preferences.theme).to.equal('dark');
  });
});
