// The tenant's configuration through the admin API (issue 16 item 1): draft, preview, publish, versions, rollback,
// the policy version, the ETag of GET /v1/config, who may do it, and the audit trail — through the real app.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditLogResponse, ConfigResponse } from '@matbakh/contract';
import { call, type Setup, SHOP_ORIGIN, setup, T0 } from './helpers.ts';

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

function adminKey(s: Setup): string {
  const key = (s.tenant as { adminKey?: string }).adminKey;
  assert.ok(key, 'createTenant answers the new admin key');
  return key;
}

/** An admin call with the tenant's admin key. */
function admin<T = unknown>(s: Setup, method: string, path: string, body?: unknown) {
  return call<T>(s.app, method, path, { headers: bearer(adminKey(s)), ...(body === undefined ? {} : { body }) });
}

async function publicConfig(s: Setup, headers: Record<string, string> = {}) {
  const res = await s.app.request(`/v1/config?writeKey=${s.tenant.writeKey}`, { headers });
  const text = await res.text();
  return { res, json: (text === '' ? null : JSON.parse(text)) as ConfigResponse };
}

type Version = { version: number; policyVersion: number; action: string; author: string; restored?: number };

async function publish(s: Setup, body: unknown = {}) {
  const { res, json } = await admin<Version>(s, 'POST', '/v1/admin/config/publish', body);
  assert.equal(res.status, 201, JSON.stringify(json));
  return json;
}

/** These tests make many admin calls at one instant of a frozen clock: the per-tenant admin limit is tested elsewhere. */
const UNLIMITED = { serverRateLimit: 0 };
const GERMAN_TEXT = 'Wir verwenden Cookies nur mit Ihrer Zustimmung.';

describe('admin configuration API', () => {
  it('publishing a new privacy-policy link and a German banner text changes GET /v1/config and its ETag', async () => {
    const s = await setup(UNLIMITED);
    const before = await publicConfig(s);
    assert.equal(before.res.status, 200);
    const etag = before.res.headers.get('etag');
    assert.match(etag ?? '', /^"[\w-]+"$/, 'a strong ETag');

    const patch = await admin<{ config: { consent: { privacyPolicyUrl: string } }; saved: boolean }>(
      s,
      'PATCH',
      '/v1/admin/config/draft/consent',
      { privacyPolicyUrl: 'https://falafel.example/datenschutz', texts: { de: { 'banner.text': GERMAN_TEXT } } },
    );
    assert.equal(patch.res.status, 200, JSON.stringify(patch.json));
    assert.equal(patch.json.saved, true);
    // A draft is not live.
    assert.equal((await publicConfig(s)).json.consent.privacyPolicyUrl, 'https://matbakh.app/datenschutz');

    const preview = await admin<ConfigResponse>(s, 'GET', '/v1/admin/config/preview');
    assert.equal(preview.json.consent.privacyPolicyUrl, 'https://falafel.example/datenschutz');

    const published = await publish(s);
    assert.equal(published.version, 2);
    const after = await publicConfig(s);
    assert.equal(after.json.consent.privacyPolicyUrl, 'https://falafel.example/datenschutz');
    assert.equal(after.json.consent.texts?.de?.['banner.text'], GERMAN_TEXT);
    assert.notEqual(after.res.headers.get('etag'), etag);
    // The preview was exactly what is now served.
    assert.deepEqual(after.json, preview.json);
  });

  it('answers If-None-Match with 304 while nothing changed, and 200 after a publish', async () => {
    const s = await setup(UNLIMITED);
    const first = await publicConfig(s);
    const etag = first.res.headers.get('etag')!;
    const again = await publicConfig(s, { 'if-none-match': etag });
    assert.equal(again.res.status, 304);
    assert.equal(again.json, null);
    assert.equal(again.res.headers.get('etag'), etag);
    assert.equal((await publicConfig(s, { 'if-none-match': `W/${etag}, "other"` })).res.status, 304);

    await admin(s, 'PUT', '/v1/admin/config/draft/rules', []);
    await publish(s);
    const changed = await publicConfig(s, { 'if-none-match': etag });
    assert.equal(changed.res.status, 200);
    assert.deepEqual(changed.json.rules, []);
  });

  it('a category change bumps the policy version (visitors are asked again); a text change does not', async () => {
    const s = await setup(UNLIMITED);
    assert.equal((await publicConfig(s)).json.consent.version, 1);

    await admin(s, 'PATCH', '/v1/admin/config/draft/consent', { texts: { en: { 'banner.title': 'Cookies?' } } });
    assert.equal((await publish(s)).policyVersion, 1);
    assert.equal((await publicConfig(s)).json.consent.version, 1);

    const current = (
      await admin<{ config: { consent: { categories: { id: string }[] } } }>(s, 'GET', '/v1/admin/config')
    ).json.config.consent;
    const categories = current.categories.filter((c) => c.id !== 'marketing');
    await admin(s, 'PATCH', '/v1/admin/config/draft/consent', { categories });
    assert.equal((await admin<ConfigResponse>(s, 'GET', '/v1/admin/config/preview')).json.consent.version, 2);
    assert.equal((await publish(s)).policyVersion, 2);
    const served = (await publicConfig(s)).json.consent;
    assert.equal(served.version, 2);
    assert.ok(!served.categories.some((c) => c.id === 'marketing'));

    // A wording change that matters in law: the admin asks for the re-ask explicitly.
    await admin(s, 'PATCH', '/v1/admin/config/draft/consent', { reaskAfterDays: 90 });
    assert.equal((await publish(s, { reask: true })).policyVersion, 3);
  });

  it('rolls back to an earlier version as a new version, never reusing a policy version', async () => {
    const s = await setup(UNLIMITED);
    const original = (await publicConfig(s)).json;
    await admin(s, 'PATCH', '/v1/admin/config/draft/consent', {
      privacyPolicyUrl: 'https://falafel.example/privacy',
      categories: original.consent.categories.filter((c) => c.id !== 'analytics'),
    });
    await admin(s, 'PUT', '/v1/admin/config/draft/tours', []);
    assert.equal((await publish(s)).policyVersion, 2);

    const rolled = await admin<Version>(s, 'POST', '/v1/admin/config/rollback', { version: 1 });
    assert.equal(rolled.res.status, 201, JSON.stringify(rolled.json));
    assert.deepEqual([rolled.json.version, rolled.json.action, rolled.json.restored], [3, 'rollback', 1]);
    // The categories differ from version 2's: asked again, under a number no visitor has agreed to before.
    assert.equal(rolled.json.policyVersion, 3);
    const restored = (await publicConfig(s)).json;
    assert.deepEqual(
      { ...restored, consent: { ...restored.consent, version: 1 } },
      { ...original, consent: { ...original.consent, version: 1 } },
    );

    const versions = await admin<{ versions: Version[] }>(s, 'GET', '/v1/admin/config/versions');
    assert.deepEqual(
      versions.json.versions.map((v) => [v.version, v.action]),
      [
        [3, 'rollback'],
        [2, 'publish'],
        [1, 'seed'],
      ],
    );
    const v2 = await admin<{ config: { tours: unknown[] } }>(s, 'GET', '/v1/admin/config/versions/2');
    assert.deepEqual(v2.json.config.tours, []);
    // A version stored under looser checks is named, never published again unchecked (nor a 500).
    const stored = (await s.db.get<{ doc: string }>('SELECT doc FROM tenant_config_versions WHERE version = 1'))!;
    const loose = { ...JSON.parse(stored.doc), origins: ['not an origin'] };
    await s.db.run(
      `INSERT INTO tenant_config_versions (tenant_id, version, policy_version, action, author, created_at, doc)
       VALUES (?, 4, 3, 'publish', 'older-server', ?, ?)`,
      [s.tenant.id, new Date(T0).toISOString(), JSON.stringify(loose)],
    );
    const refused = await admin(s, 'POST', '/v1/admin/config/rollback', { version: 4 });
    assert.equal(refused.res.status, 409);
    assert.equal(refused.json.error.field, 'version');
    assert.match(refused.json.error.message, /origins\[0\]/);
    const missing = await admin(s, 'POST', '/v1/admin/config/rollback', { version: 9 });
    assert.equal(missing.res.status, 404);
    assert.equal(missing.json.error.field, 'version');
  });

  it('validation errors name the field, and nothing is stored', async () => {
    const s = await setup(UNLIMITED);
    const cases: [string, string, unknown, string][] = [
      ['PATCH', 'consent', { privacyPolicyUrl: 'javascript:alert(1)' }, 'consent.privacyPolicyUrl'],
      ['PATCH', 'consent', { texts: { fr: { 'banner.text': 'Bonjour' } } }, 'consent.texts.fr'],
      ['PATCH', 'consent', { reaskAfterDays: 0 }, 'consent.reaskAfterDays'],
      [
        'PATCH',
        'consent',
        {
          categories: [
            { id: 'necessary', required: true, title: { de: 'N' } },
            { id: 'spying', title: { en: 'x' } },
          ],
        },
        'consent.categories[1].id',
      ],
      ['PATCH', 'consent', { categories: [{ id: 'analytics', title: { en: 'A' } }] }, 'consent.categories'],
      ['PUT', 'rules', [{ id: 'r1', priority: 1, placement: 'home', when: {} }], 'rules[0].action'],
      [
        'PUT',
        'tours',
        [{ id: 'guest-welcome', steps: [{ id: 's', anchor: '', title: { de: 'x' }, body: { de: 'y' } }] }],
        'tours[0].steps[0].anchor',
      ],
      [
        'PUT',
        'experiments',
        [
          {
            key: 'x',
            variants: [
              { key: 'a', weight: 1 },
              { key: 'b', weight: 1 },
            ],
            allocation: 2,
            status: 'running',
          },
        ],
        'experiments[0].allocation',
      ],
      [
        'PUT',
        'experiments',
        [
          {
            key: 'x',
            variants: [
              { key: 'a', weight: 1 },
              { key: 'b', weight: 1 },
            ],
            allocation: 1,
            status: 'live',
          },
        ],
        'experiments[0].status',
      ],
      ['PUT', 'dashboards', { chef: { order: [] } }, 'dashboards.chef'],
      ['PUT', 'origins', ['https://ok.example', 'not an origin'], 'origins[1]'],
      ['PATCH', 'rules', { upsert: [{ priority: 1 }] }, 'patch.upsert[0].id'],
    ];
    for (const [method, section, body, field] of cases) {
      const { res, json } = await admin(s, method, `/v1/admin/config/draft/${section}`, body);
      assert.equal(res.status, 400, `${section}: ${JSON.stringify(json)}`);
      assert.equal(json.error.field, field, `${section}: ${json.error.message}`);
    }
    const unknownSection = await admin(s, 'PUT', '/v1/admin/config/draft/theme', {});
    assert.equal(unknownSection.res.status, 404);
    assert.equal(unknownSection.json.error.field, 'section');
    const notJson = await call(s.app, 'PUT', '/v1/admin/config/draft/rules', {
      headers: bearer(adminKey(s)),
      body: '[{',
    });
    assert.equal(notJson.res.status, 400);
    const draft = await admin<{ saved: boolean }>(s, 'GET', '/v1/admin/config/draft');
    assert.equal(draft.json.saved, false, 'no refused edit left a draft behind');
    const nothing = await admin(s, 'POST', '/v1/admin/config/publish', {});
    assert.equal(nothing.res.status, 409);
    assert.equal(nothing.json.error.field, 'draft');
  });

  it('fills missing locales from the built-in texts and stores the sanitised link', async () => {
    const s = await setup(UNLIMITED);
    const { json } = await admin<{
      config: { consent: { privacyPolicyUrl: string; categories: ConfigResponse['consent']['categories'] } };
    }>(s, 'PATCH', '/v1/admin/config/draft/consent', {
      privacyPolicyUrl: 'HTTPS://Falafel.Example/daten schutz',
      categories: [
        { id: 'necessary', title: { de: 'Technisch nötig' } },
        { id: 'analytics', title: { en: 'Stats' }, storageKeys: ['_ga', '_ga_*'], services: [] },
      ],
    });
    assert.equal(json.config.consent.privacyPolicyUrl, 'https://falafel.example/daten%20schutz');
    const [necessary, analytics] = json.config.consent.categories;
    assert.deepEqual(necessary!.title, { de: 'Technisch nötig', en: 'Necessary', ar: 'ضرورية' });
    assert.equal(necessary!.required, true);
    assert.equal(analytics!.title.de, 'Statistik');
    assert.deepEqual(analytics!.storageKeys, ['_ga', '_ga_*']);
  });

  it('experiments go draft → running → stopped, and only running ones reach visitors', async () => {
    const s = await setup(UNLIMITED);
    const experiment = {
      key: 'cta-colour',
      variants: [
        { key: 'control', weight: 1 },
        { key: 'green', weight: 1 },
      ],
      allocation: 0.5,
      holdout: 0.05,
    };
    await admin(s, 'PUT', '/v1/admin/config/draft/experiments', [experiment]);
    await publish(s);
    assert.deepEqual((await publicConfig(s)).json.experiments, [], 'a draft experiment (the default) is not served');
    await admin(s, 'PATCH', '/v1/admin/config/draft/experiments', { upsert: [{ ...experiment, status: 'running' }] });
    await publish(s);
    assert.deepEqual((await publicConfig(s)).json.experiments, [experiment]);
    await admin(s, 'PATCH', '/v1/admin/config/draft/experiments', { upsert: [{ ...experiment, status: 'stopped' }] });
    await publish(s);
    assert.deepEqual((await publicConfig(s)).json.experiments, []);
    const back = await admin(s, 'PATCH', '/v1/admin/config/draft/experiments', {
      upsert: [{ ...experiment, status: 'running' }],
    });
    assert.equal(back.res.status, 409);
    assert.equal(back.json.error.field, 'experiments[0].status');
  });

  it('publishing origins changes which pages may use the write key', async () => {
    const s = await setup(UNLIMITED);
    const page = (origin: string) => s.app.request(`/v1/config?writeKey=${s.tenant.writeKey}`, { headers: { origin } });
    assert.equal((await page('https://new-shop.example')).status, 403);
    const patched = await admin(s, 'PATCH', '/v1/admin/config/draft/origins', {
      add: ['https://New-Shop.example/'],
      remove: [SHOP_ORIGIN],
    });
    assert.equal(patched.res.status, 200, JSON.stringify(patched.json));
    await publish(s);
    assert.equal((await page('https://new-shop.example')).status, 200);
    assert.equal((await page(SHOP_ORIGIN)).status, 403);
  });

  it('a draft started before another publish cannot silently undo it', async () => {
    const s = await setup(UNLIMITED);
    await admin(s, 'PUT', '/v1/admin/config/draft/rules', []);
    await publish(s);
    await admin(s, 'PUT', '/v1/admin/config/draft/tours', []);
    const rolled = await admin(s, 'POST', '/v1/admin/config/rollback', { version: 1 });
    assert.equal(rolled.res.status, 201);
    const stale = await admin(s, 'POST', '/v1/admin/config/publish', {});
    assert.equal(stale.res.status, 409);
    assert.equal(stale.json.error.field, 'draft');
    const discarded = await admin<{ discarded: boolean }>(s, 'DELETE', '/v1/admin/config/draft');
    assert.equal(discarded.json.discarded, true);
  });

  it('the write key, the secret key and unknown keys cannot use it', async () => {
    const s = await setup(UNLIMITED);
    const attempts: [Record<string, string>, number][] = [
      [{}, 401],
      [bearer(s.tenant.writeKey), 403],
      [{ authorization: `Basic ${Buffer.from(`${s.tenant.writeKey}:`).toString('base64')}` }, 403],
      [bearer(s.tenant.secret), 403],
      [bearer('ak_not_a_real_key_at_all_0000000000'), 401],
    ];
    for (const [headers, status] of attempts) {
      for (const [method, path] of [
        ['GET', '/v1/admin/config'],
        ['PUT', '/v1/admin/config/draft/rules'],
        ['POST', '/v1/admin/config/publish'],
        ['POST', '/v1/admin/config/rollback'],
      ] as const) {
        const { res, json } = await call(s.app, method, path, { headers, body: method === 'GET' ? undefined : [] });
        assert.equal(res.status, status, `${method} ${path} with ${JSON.stringify(headers).slice(0, 40)}`);
        assert.equal(json.error.field, 'authorization');
      }
    }
    assert.equal((await admin<{ saved: boolean }>(s, 'GET', '/v1/admin/config/draft')).json.saved, false);
  });

  it('every change is in the audit log with the admin key that made it', async () => {
    const s = await setup(UNLIMITED);
    const keys = await admin<{ keys: { id: string; kind: string }[] }>(s, 'GET', '/v1/admin/keys');
    const keyId = keys.json.keys.find((k) => k.kind === 'admin')!.id;
    await admin(s, 'PATCH', '/v1/admin/config/draft/consent', { reaskAfterDays: 100 });
    await admin(s, 'PUT', '/v1/admin/config/draft/rules', []);
    await publish(s);
    await admin(s, 'POST', '/v1/admin/config/rollback', { version: 1 });
    await admin(s, 'PUT', '/v1/admin/config/draft/tours', []);
    await admin(s, 'DELETE', '/v1/admin/config/draft');
    const log = await admin<AuditLogResponse>(s, 'GET', '/v1/admin/audit');
    const config = log.json.entries.filter((e) => e.target === 'config');
    assert.deepEqual(
      config.map((e) => [e.actor, e.actorId, e.action, e.detail.change, e.detail.section ?? e.detail.version ?? null]),
      [
        ['admin_key', keyId, 'admin_change', 'draft', 'consent'],
        ['admin_key', keyId, 'admin_change', 'draft', 'rules'],
        ['admin_key', keyId, 'admin_change', 'publish', 2],
        ['admin_key', keyId, 'admin_change', 'rollback', 3],
        ['admin_key', keyId, 'admin_change', 'draft', 'tours'],
        ['admin_key', keyId, 'admin_change', 'discard', null],
      ],
    );
    const versions = await admin<{ versions: Version[] }>(s, 'GET', '/v1/admin/config/versions');
    assert.deepEqual(
      versions.json.versions.map((v) => v.author),
      [keyId, keyId, 'create-tenant'],
    );
  });
});
