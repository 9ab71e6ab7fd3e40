import { expect } from '@esm-bundle/chai';
import { defaultPreferences, type PreferencesResponse } from '@matbakh/contract';
import { type PreferencesClient, preferencesPlugin } from '../src/preferences/index.ts';
import { API, cleanup, type MockApi, mockApi, testClient, until, WRITE_KEY, watchSideEffects } from './helpers.ts';

const KEY = `mb.prefs.${WRITE_KEY}`;

function prefsClient(options: Parameters<typeof testClient>[0] = {}): PreferencesClient {
  return testClient({ ...options, plugins: [preferencesPlugin(), ...(options.plugins ?? [])] }) as PreferencesClient;
}
const grant = (client: PreferencesClient) => client.consent.set({ preferences: true });
/** The core keeps the anonymous id across page loads only with analytics consent: reload tests need both. */
const grantWithId = (client: PreferencesClient) => client.consent.set({ preferences: true, analytics: true });
const synced = (client: PreferencesClient) =>
  until(() => {
    const { sync, pending } = client.preferences.$status.get();
    return sync === 'idle' && pending === 0;
  }, 'preferences to be synced');

/** What the server holds, as another device would see it. */
async function server(anonymousId: string, query: Record<string, string> = {}): Promise<PreferencesResponse> {
  const params = new URLSearchParams({ writeKey: WRITE_KEY, anonymousId, ...query });
  return (await fetch(`${API}/v1/preferences?${params}`)).json();
}
/** A write from another device. */
async function otherDevice(anonymousId: string, patch: object, version: number) {
  const params = new URLSearchParams({ writeKey: WRITE_KEY, anonymousId });
  const response = await fetch(`${API}/v1/preferences?${params}`, {
    method: 'PATCH',
    headers: { 'If-Match': `"${version}"`, 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify(patch),
  });
  expect(response.status).to.equal(200);
}
const prefRequests = (api: MockApi) => api.requests.filter((r) => r.path === '/v1/preferences');

describe('preferences: without consent', () => {
  let watch: ReturnType<typeof watchSideEffects>;
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
    watch = watchSideEffects();
  });
  afterEach(() => {
    watch.restore();
    cleanup();
  });

  it('lives in memory for the session: nothing stored, nothing sent', async () => {
    const client = prefsClient();
    const prefs = client.preferences;
    await prefs.ready;
    expect(prefs.get()).to.deep.equal(defaultPreferences());
    expect(prefs.set('theme', 'dark')).to.deep.equal({ ok: true });
    expect(prefs.update({ diet: ['vegan'] })).to.deep.equal({ ok: true });
    expect(prefs.get().theme).to.equal('dark');
    expect(prefs.$status.get()).to.deep.equal({ persistence: 'session', sync: 'off', pending: 2 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(watch.writes).to.deep.equal([]);
    expect(watch.requests).to.deep.equal([]);
    expect(prefRequests(api)).to.deep.equal([]);
  });

  it('subscribe is called at once and on every change; unsubscribe stops it', () => {
    const prefs = prefsClient().preferences;
    const seen: string[] = [];
    const stop = prefs.subscribe((doc) => seen.push(doc.theme));
    prefs.set('theme', 'light');
    prefs.set('theme', 'light'); // no change: no call
    stop();
    prefs.set('theme', 'dark');
    expect(seen).to.deep.equal(['system', 'light']);
  });

  it('refuses invalid values naming the field, and changes nothing', () => {
    const prefs = prefsClient().preferences;
    prefs.update({ favorites: { restaurants: ['r1'] } });
    const before = prefs.get();
    const cases: [() => unknown, string][] = [
      [() => prefs.set('theme', 'neon' as 'dark'), 'theme'],
      [
        () => prefs.update({ notifications: { channels: { email: { promotions: 'yes' } } } }),
        'notifications.channels.email.promotions',
      ],
      [() => prefs.update({ favorites: { dishes: ['x'.repeat(65)] } }), 'favorites.dishes.0'],
      [() => prefs.set('allergens', ['milk', 'chocolate'] as never), 'allergens.1'],
      [() => prefs.setLayout('home', { order: [1 as unknown as string], hidden: [] }), 'layout.home.order.0'],
      [() => prefs.update([] as never), 'patch'],
    ];
    for (const [attempt, field] of cases) {
      const result = attempt() as { ok: boolean; error?: { field: string; message: string } };
      expect(result.ok, field).to.equal(false);
      expect(result.error?.field).to.equal(field);
      expect(result.error?.message).to.contain(field);
    }
    expect(prefs.get()).to.equal(before, 'the same document: nothing changed');
    expect(prefs.$status.get().pending).to.equal(1);
  });

  it('effectiveLocale: the chosen locale, else detected from navigator.languages', () => {
    const prefs = prefsClient().preferences;
    const detected = ['de', 'en', 'ar'].find((l) => navigator.languages.some((tag) => tag.startsWith(l))) ?? 'de';
    expect(prefs.effectiveLocale()).to.equal(detected);
    prefs.set('locale', 'ar');
    expect(prefs.effectiveLocale()).to.equal('ar');
  });
});

describe('preferences: with consent', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
  });
  afterEach(() => cleanup());

  it('a grant stores and syncs the session’s changes; withdrawal removes the stored copy only', async () => {
    const client = prefsClient();
    const prefs = client.preferences;
    prefs.set('theme', 'dark');
    grant(client);
    expect(prefs.$status.get().persistence).to.equal('device');
    expect(JSON.parse(localStorage.getItem(KEY)!).d.theme).to.equal('dark');
    await synced(client);
    const { anonymousId } = client.user();
    expect(await server(anonymousId)).to.deep.include({ version: 1 });
    expect((await server(anonymousId)).preferences.theme).to.equal('dark');

    client.consent.set({ preferences: false });
    expect(localStorage.getItem(KEY)).to.equal(null);
    expect(prefs.get().theme).to.equal('dark', 'the page keeps its copy');
    expect(prefs.$status.get()).to.deep.include({ persistence: 'session', sync: 'off' });
    const requests = prefRequests(api).length;
    prefs.set('theme', 'light');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(prefRequests(api).length).to.equal(requests);
    expect(localStorage.getItem(KEY)).to.equal(null);
  });

  it('loads the stored copy synchronously, then adopts the server’s newer document', async () => {
    const first = prefsClient();
    grantWithId(first);
    first.preferences.set('diet', ['halal']);
    await synced(first);
    const { anonymousId } = first.user();
    await otherDevice(anonymousId, { theme: 'dark' }, 1);
    first.destroy();

    const second = prefsClient();
    expect(second.preferences.get().diet).to.deep.equal(['halal'], 'from storage, before any request');
    await second.preferences.ready;
    expect(second.preferences.get()).to.deep.include({ theme: 'dark', diet: ['halal'] });
    expect(second.preferences.$status.get()).to.deep.equal({ persistence: 'device', sync: 'idle', pending: 0 });
  });

  it('412: merges the server’s changes with the local ones per field and sends again', async () => {
    const client = prefsClient();
    grant(client);
    const prefs = client.preferences;
    prefs.update({ favorites: { restaurants: ['r1'] } });
    await synced(client);
    const { anonymousId } = client.user();
    // Another device: theme and one more favourite, and an email topic.
    await otherDevice(
      anonymousId,
      {
        theme: 'dark',
        favorites: { restaurants: ['r1', 'r2'] },
        notifications: { channels: { email: { reports: true } } },
      },
      1,
    );
    prefs.update({ locale: 'en', favorites: { restaurants: ['r1', 'r3'] } });
    await synced(client);
    const statuses = prefRequests(api).map((r) => `${r.method} ${r.status}`);
    expect(statuses).to.include('PUT 412');
    const expected = {
      theme: 'dark',
      locale: 'en',
      favorites: { restaurants: ['r1', 'r2', 'r3'], dishes: [] },
    };
    expect(prefs.get()).to.deep.include(expected);
    expect(prefs.get().notifications.channels.email.reports).to.equal(true);
    const stored = await server(anonymousId);
    expect(stored.version).to.equal(3);
    expect(stored.preferences).to.deep.include(expected);
  });

  it('offline: writes stay stored and pending, and are sent when the browser is back online', async () => {
    const client = prefsClient();
    grant(client);
    await client.preferences.ready;
    api.goOffline();
    client.preferences.setLayout('home', { order: ['b', 'a'], hidden: ['c'] });
    await until(() => client.preferences.$status.get().sync === 'offline', 'offline status');
    expect(client.preferences.$status.get().pending).to.equal(1);
    expect(JSON.parse(localStorage.getItem(KEY)!).n).to.equal(1);
    api.goOnline();
    dispatchEvent(new Event('online'));
    await synced(client);
    const stored = await server(client.user().anonymousId);
    expect(stored.preferences.layout).to.deep.equal({ home: { order: ['b', 'a'], hidden: ['c'] } });
  });

  it('other tabs (clients on the same storage) see changes', async () => {
    const a = prefsClient();
    grant(a);
    const b = prefsClient();
    await Promise.all([a.preferences.ready, b.preferences.ready]);
    const seen: string[] = [];
    b.preferences.subscribe((doc) => seen.push(doc.theme));
    a.preferences.set('theme', 'dark');
    await until(() => b.preferences.get().theme === 'dark', 'the other client to follow');
    expect(seen).to.deep.equal(['system', 'dark']);
  });

  it('keeps unknown keys of a newer schema, and migrates a stored v0 document', async () => {
    const client = prefsClient();
    grantWithId(client);
    await client.preferences.ready;
    const { anonymousId } = client.user();
    await otherDevice(anonymousId, { units: { weight: 'kg' } }, 0);
    client.destroy();

    const again = prefsClient();
    await again.preferences.ready;
    expect(again.preferences.get().units).to.deep.equal({ weight: 'kg' });
    again.preferences.set('theme', 'light');
    again.preferences.reset();
    await synced(again);
    expect((await server(anonymousId)).preferences.units).to.deep.equal({ weight: 'kg' });
    again.destroy();

    const v0 = { language: 'ar-EG', dietary: ['gluten-free'] };
    localStorage.setItem(KEY, JSON.stringify({ d: v0, b: v0, v: 0, n: 1, k: `a:${anonymousId}` }));
    const migrated = prefsClient();
    expect(migrated.preferences.get()).to.deep.include({ locale: 'ar', diet: ['gluten_free'] });
    expect('language' in migrated.preferences.get()).to.equal(false);
  });

  it('identify: syncs against the user’s document and merges local changes in', async () => {
    const client = prefsClient();
    grant(client);
    await client.preferences.ready;
    client.preferences.set('theme', 'dark');
    await synced(client);
    client.identify('u-1', {}, { userHash: 'a'.repeat(64) });
    await synced(client);
    const user = await server('elsewhere', { userId: 'u-1', userHash: 'a'.repeat(64) });
    expect(user.preferences.theme).to.equal('dark', 'an empty user document takes the device’s');
    client.reset();
    expect(client.preferences.get()).to.deep.equal(defaultPreferences(), 'forgotten with the user');
  });
});
