import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultPreferences, type PreferencesResponse } from '@matbakh/contract';
import { userHashFor } from '../src/subject.ts';
import { createTenant } from '../src/tenants.ts';
import { call, SHOP_ORIGIN, setup } from './helpers.ts';

const ANON = 'anon-prefs-1';
const path = (query: Record<string, string> = {}) =>
  `/v1/preferences?${new URLSearchParams({ anonymousId: ANON, ...query })}`;

/** A fresh app with its tenant, and small helpers speaking the preferences routes. */
async function prefs() {
  const s = await setup();
  const key = s.tenant.writeKey;
  const get = (query?: Record<string, string>, writeKey = key) =>
    call<PreferencesResponse>(s.app, 'GET', path(query), { writeKey });
  const write = (
    method: 'PUT' | 'PATCH',
    body: unknown,
    ifMatch?: string,
    query?: Record<string, string>,
    headers: Record<string, string> = {},
  ) =>
    call<PreferencesResponse>(s.app, method, path(query), {
      writeKey: key,
      body,
      headers: ifMatch === undefined ? headers : { 'if-match': ifMatch, ...headers },
    });
  return { ...s, get, write };
}

describe('GET /v1/preferences', () => {
  it('answers the defaults with version 0 when nothing is stored, ETag "0", not cached', async () => {
    const { get } = await prefs();
    const { res, json } = await get();
    assert.equal(res.status, 200);
    assert.deepEqual(json, { preferences: defaultPreferences(), version: 0 });
    assert.equal(res.headers.get('etag'), '"0"');
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  it('needs the write key and an anonymousId', async () => {
    const { get, app } = await prefs();
    assert.equal((await call(app, 'GET', path())).res.status, 401);
    const noSubject = await call(app, 'GET', '/v1/preferences', { writeKey: (await prefs()).tenant.writeKey });
    assert.equal(noSubject.res.status, 401, 'another tenant key is unknown here');
    const missing = await get({ anonymousId: '' });
    assert.equal(missing.res.status, 400);
    assert.equal(missing.json.error.field, 'anonymousId');
  });

  it('exposes ETag to a cross-origin client', async () => {
    const { get, app, tenant } = await prefs();
    const { res } = await call(app, 'GET', path(), { writeKey: tenant.writeKey, headers: { origin: SHOP_ORIGIN } });
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.equal(res.headers.get('access-control-expose-headers'), 'Retry-After, ETag');
    assert.equal((await get()).res.headers.get('access-control-expose-headers'), null);
  });
});

describe('PUT / PATCH /v1/preferences: conditional writes', () => {
  it('428 without If-Match, nothing stored', async () => {
    const { write, get } = await prefs();
    for (const method of ['PUT', 'PATCH'] as const) {
      const { res, json } = await write(method, { theme: 'dark' });
      assert.equal(res.status, 428);
      assert.equal(json.error.code, 'precondition_required');
      assert.equal(json.error.field, 'If-Match');
    }
    assert.equal((await get()).json.version, 0);
    assert.equal((await write('PUT', { theme: 'dark' }, 'three')).res.status, 400);
  });

  it('PUT then PATCH bump the version; the answer is the new document with its ETag', async () => {
    const { write, get } = await prefs();
    const put = await write('PUT', { ...defaultPreferences(), theme: 'dark', diet: ['vegan'] }, '"0"');
    assert.equal(put.res.status, 200);
    assert.equal(put.json.version, 1);
    assert.equal(put.res.headers.get('etag'), '"1"');
    assert.equal(put.json.preferences.theme, 'dark');

    const patch = await write(
      'PATCH',
      { notifications: { channels: { email: { promotions: true } } }, theme: null },
      'W/"1"',
      {},
      { 'content-type': 'application/merge-patch+json' },
    );
    assert.equal(patch.res.status, 200);
    assert.equal(patch.json.version, 2);
    const doc = patch.json.preferences;
    assert.equal(doc.theme, 'system', 'null resets to the default');
    assert.deepEqual(doc.diet, ['vegan'], 'untouched fields stay');
    assert.equal(doc.notifications.channels.email.promotions, true);
    assert.equal(doc.notifications.channels.in_app.order_status, true);
    assert.deepEqual((await get()).json, patch.json);
  });

  it('412 with the current state when the version is stale; nothing changes', async () => {
    const { write, get } = await prefs();
    await write('PUT', { theme: 'dark' }, '"0"');
    await write('PATCH', { locale: 'ar' }, '"1"');
    const stale = await write('PATCH', { theme: 'light' }, '"1"');
    assert.equal(stale.res.status, 412);
    assert.equal(stale.json.error.code, 'precondition_failed');
    assert.equal(stale.json.version, 2);
    assert.equal(stale.json.preferences.theme, 'dark');
    assert.equal(stale.json.preferences.locale, 'ar');
    assert.equal(stale.res.headers.get('etag'), '"2"');
    const alsoStale = await write('PUT', { theme: 'light' }, '"0"');
    assert.equal(alsoStale.res.status, 412);
    assert.equal((await get()).json.preferences.theme, 'dark');
    const forced = await write('PUT', { theme: 'light' }, '*');
    assert.equal(forced.json.version, 3);
  });

  it('400 naming the field, for whole documents, patches and patched results; nothing stored is lost', async () => {
    const { write, get } = await prefs();
    await write('PUT', { diet: ['halal'] }, '"0"');
    const cases: [method: 'PUT' | 'PATCH', body: unknown, field: string][] = [
      ['PUT', { theme: 'neon' }, 'theme'],
      [
        'PATCH',
        { notifications: { channels: { email: { promotions: 'yes' } } } },
        'notifications.channels.email.promotions',
      ],
      ['PATCH', { favorites: { dishes: ['x'.repeat(65)] } }, 'favorites.dishes.0'],
      ['PATCH', { allergens: ['milk', 'chocolate'] }, 'allergens.1'],
      ['PATCH', [], 'patch'],
      ['PUT', ['dark'], 'preferences'],
      ['PUT', 'not json', 'body'],
    ];
    for (const [method, body, field] of cases) {
      const { res, json } = await write(method, body, '"1"');
      assert.equal(res.status, 400, field);
      assert.equal(json.error.code, 'bad_request');
      assert.equal(json.error.field, field);
    }
    // Valid alone, too many once applied: 20 stored dashboards plus one.
    const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`d${i}`, { order: ['w'] }]));
    assert.equal((await write('PATCH', { layout: twenty }, '"1"')).json.version, 2);
    const more = await write('PATCH', { layout: { extra: { order: [] } } }, '"2"');
    assert.equal(more.res.status, 400);
    assert.equal(more.json.error.field, 'layout');
    const now = await get();
    assert.equal(now.json.version, 2);
    assert.deepEqual(now.json.preferences.diet, ['halal']);
  });

  it('keeps keys of a newer schema; migrates an old document; refuses a body over the limit', async () => {
    const { write } = await prefs();
    const newer = await write('PUT', { schema: 2, theme: 'dark', units: { weight: 'kg' } }, '"0"');
    assert.equal(newer.res.status, 200);
    assert.deepEqual(newer.json.preferences.units, { weight: 'kg' });
    assert.equal(newer.json.preferences.schema, 2);
    const patched = await write('PATCH', { theme: 'light' }, '"1"');
    assert.deepEqual(patched.json.preferences.units, { weight: 'kg' }, 'a patch keeps them too');
    const old = await write('PUT', { schema: 0, language: 'ar-EG', dietary: ['gluten-free'] }, '"2"');
    assert.equal(old.json.preferences.locale, 'ar');
    assert.deepEqual(old.json.preferences.diet, ['gluten_free']);
    assert.equal('language' in old.json.preferences, false);
    const big = await write('PUT', { notes: 'x'.repeat(20_000) }, '"3"');
    assert.equal(big.res.status, 413);
  });
});

describe('preferences: subjects, privacy rights, tenants', () => {
  it('a userId needs its userHash (403); with it the document follows the user across devices', async () => {
    const { write, get, tenant } = await prefs();
    const refused = await get({ userId: 'u-7' });
    assert.equal(refused.res.status, 403);
    assert.equal(refused.json.error.field, 'userHash');
    assert.equal((await get({ userId: 'u-7', userHash: 'f'.repeat(64) })).res.status, 403);
    assert.equal((await write('PUT', { theme: 'dark' }, '"0"', { userId: 'u-7' })).res.status, 403);

    const user = { userId: 'u-7', userHash: userHashFor(tenant.secret, 'u-7') };
    await write('PUT', { theme: 'dark' }, '"0"', user);
    const otherDevice = await get({ ...user, anonymousId: 'anon-other-device' });
    assert.equal(otherDevice.json.preferences.theme, 'dark');
    assert.equal(otherDevice.json.version, 1);
    assert.equal((await get()).json.version, 0, 'the anonymous document is separate');
  });

  it('export includes the preferences and erase removes them (user and device documents)', async () => {
    const { write, app, tenant } = await prefs();
    const hash = userHashFor(tenant.secret, 'u-9');
    const subject = { anonymousId: ANON, userId: 'u-9', userHash: hash };
    const rights = (route: 'export' | 'erase', body: unknown) =>
      call<Record<string, unknown>>(app, 'POST', `/v1/privacy/${route}`, { writeKey: tenant.writeKey, body });

    assert.equal((await rights('export', { anonymousId: ANON })).json.preferences, null);
    await write('PUT', { theme: 'dark' }, '"0"');
    const anonymous = await rights('export', { anonymousId: ANON });
    assert.equal((anonymous.json.preferences as { theme: string }).theme, 'dark');

    await write('PUT', { theme: 'light' }, '"0"', { userId: 'u-9', userHash: hash });
    const both = (await rights('export', subject)).json.preferences as Record<string, { theme: string }>;
    assert.equal(both.user?.theme, 'light');
    assert.equal(both.anonymous?.theme, 'dark');

    const erased = await rights('erase', subject);
    assert.deepEqual((erased.json.erased as { preferences: number }).preferences, 2);
    assert.equal((await rights('export', subject)).json.preferences, null);
  });

  it('tenants never see each other’s documents', async () => {
    const { write, get, db } = await prefs();
    await write('PUT', { theme: 'dark' }, '"0"');
    const other = await createTenant(db, { name: 'Other', origins: [SHOP_ORIGIN] });
    const theirs = await get({}, other.writeKey);
    assert.equal(theirs.res.status, 200);
    assert.deepEqual(theirs.json, { preferences: defaultPreferences(), version: 0 });
  });
});
