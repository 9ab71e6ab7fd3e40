import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONSENT_CATEGORIES, type ConfigResponse, type ErrorBody, LOCALES } from '@matbakh/contract';
import { groupHashFor } from '../src/insights.ts';
import { createLogger } from '../src/log.ts';
import { userHashFor } from '../src/subject.ts';
import { createTenant } from '../src/tenants.ts';
import { basic, ENGINE, postBatch, SHOP_ORIGIN, setup, track } from './helpers.ts';

describe('GET /health', () => {
  it('reports ok with a working database (readiness: /health and /health/ready)', async () => {
    const { app } = await setup();
    for (const path of ['/health', '/health/ready']) {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('cache-control'), 'no-store', path);
      assert.deepEqual(await res.json(), { status: 'ok', db: 'ok', migrations: 'ok' }, path);
    }
  });

  it('reports 503 once the database is gone', async () => {
    const { app, db } = await setup();
    await db.close();
    for (const path of ['/health', '/health/ready']) {
      const res = await app.request(path);
      assert.equal(res.status, 503, path);
      const json = (await res.json()) as Record<string, unknown>;
      assert.deepEqual(Object.keys(json).sort(), ['db', 'status'], path);
      assert.equal(json.status, 'error', path);
      assert.match(String(json.db), /^not writable: /, path);
    }
  });

  it('/health/live answers ok without touching the database', async () => {
    const { app, db } = await setup();
    await db.close();
    const res = await app.request('/health/live');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });
});

describe('GET /v1/config', () => {
  it('returns the tenant, consent policy, features and locales (key in the query)', async () => {
    const { app, tenant } = await setup();
    const res = await app.request(`/v1/config?writeKey=${tenant.writeKey}`, { headers: { origin: SHOP_ORIGIN } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    const body = (await res.json()) as ConfigResponse;
    assert.deepEqual(body.tenant, { id: tenant.id, name: 'Falafel Haus' });
    assert.deepEqual(body.features, {});
    assert.deepEqual(body.locales, ['de', 'en', 'ar']);
    // German widgets say "Sie" unless the tenant chose "du".
    assert.deepEqual(body.address, { de: 'formal' });
    assert.equal(body.consent.version, 1);
    assert.equal(body.consent.reaskAfterDays, 182);
    assert.deepEqual(
      body.consent.categories.map((c) => c.id),
      [...CONSENT_CATEGORIES],
    );
    assert.deepEqual(
      body.consent.categories.filter((c) => c.required).map((c) => c.id),
      ['necessary'],
    );
    for (const category of body.consent.categories) {
      for (const locale of LOCALES) {
        assert.ok(category.title[locale].trim().length > 0, `${category.id} title ${locale}`);
        assert.ok(category.description[locale].length > 40, `${category.id} description ${locale} is a real sentence`);
      }
      assert.match(category.title.ar, /[\u0600-\u06FF]/, `${category.id} Arabic title is Arabic`);
      assert.match(category.description.ar, /[\u0600-\u06FF]/, `${category.id} Arabic description is Arabic`);
      assert.notEqual(category.description.de, category.description.en, `${category.id} German is translated`);
    }
    // The secret must never reach a browser.
    assert.doesNotMatch(JSON.stringify(body), /sk_/);
  });

  it('accepts the key via Basic auth', async () => {
    const { app, tenant } = await setup();
    const res = await app.request('/v1/config', { headers: { authorization: basic(tenant.writeKey) } });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as ConfigResponse).tenant.id, tenant.id);
  });

  const refusals: Array<{ name: string; path: string; origin?: string; status: number; code: string }> = [
    { name: 'no key', path: '/v1/config', status: 401, code: 'unauthorized' },
    { name: 'unknown key', path: '/v1/config?writeKey=pk_nope', status: 401, code: 'unauthorized' },
    {
      name: 'foreign origin',
      path: '/v1/config?writeKey=KEY',
      origin: 'https://evil.example',
      status: 403,
      code: 'forbidden_origin',
    },
  ];
  for (const { name, path, origin, status, code } of refusals) {
    it(`answers ${status} ${code} for ${name}`, async () => {
      const { app, tenant } = await setup();
      const res = await app.request(path.replace('KEY', tenant.writeKey), { headers: origin ? { origin } : {} });
      assert.equal(res.status, status);
      const body = (await res.json()) as ErrorBody;
      assert.equal(body.error.code, code);
      // A refusal is readable by the refused page itself (so the SDK can name the cause); it carries the reason only.
      assert.equal(res.headers.get('access-control-allow-origin'), origin ?? null);
      assert.deepEqual(Object.keys(body), ['error']);
    });
  }
});

describe('OPTIONS /v1/* (CORS preflight)', () => {
  for (const path of ['/v1/batch', '/v1/config', '/v1/preferences']) {
    it(`allows a known origin on ${path}`, async () => {
      const { app } = await setup();
      const res = await app.request(path, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:6006',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:6006');
      assert.equal(res.headers.get('access-control-allow-methods'), 'GET, POST, PUT, PATCH, OPTIONS');
      assert.equal(
        res.headers.get('access-control-allow-headers'),
        'Authorization, Content-Type, If-Match, Last-Event-ID, X-Retry-Count',
      );
      assert.equal(res.headers.get('access-control-max-age'), '600');
      assert.match(res.headers.get('vary') ?? '', /Origin/);
    });
  }

  it('gives an origin no tenant allows no CORS grant', async () => {
    const { app } = await setup();
    const res = await app.request('/v1/batch', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal(res.headers.get('access-control-allow-methods'), null);
  });

  it('knows origins of every tenant', async () => {
    const { app, db } = await setup();
    await createTenant(db, { name: 'Second', origins: ['https://second.example'] });
    const res = await app.request('/v1/batch', { method: 'OPTIONS', headers: { origin: 'https://second.example' } });
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://second.example');
  });
});

describe('errors', () => {
  const unknown: Array<[string, string]> = [
    ['GET', '/'],
    ['GET', '/v1/nothing'],
    ['GET', '/v1/batch'],
    ['DELETE', '/v1/config'],
  ];
  for (const [method, path] of unknown) {
    it(`answers 404 not_found JSON for ${method} ${path}`, async () => {
      const { app } = await setup();
      const res = await app.request(path, { method });
      assert.equal(res.status, 404);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      assert.equal(((await res.json()) as ErrorBody).error.code, 'not_found');
    });
  }

  it('answers 500 internal without leaking the cause, and logs it', async () => {
    const { app, db, tenant, records } = await setup();
    await db.close();
    const { res, json } = await postBatch(app, { batch: [track()] }, { writeKey: tenant.writeKey });
    assert.equal(res.status, 500);
    assert.deepEqual(json, { error: { code: 'internal', message: 'internal server error' } });
    const logged = records.find((r) => r.msg === 'unhandled error');
    assert.ok(logged, 'the error is logged');
    assert.equal(logged.level, 'error');
    // The engine's own error: better-sqlite3's "database connection is not open", pg's "… end on the pool".
    assert.match(String(logged.error), ENGINE === 'postgres' ? /pool/i : /database/i);
  });

  it('marks every response nosniff', async () => {
    const { app } = await setup();
    assert.equal((await app.request('/health')).headers.get('x-content-type-options'), 'nosniff');
    assert.equal((await app.request('/nope')).headers.get('x-content-type-options'), 'nosniff');
  });
});

describe('request log', () => {
  it('writes one record per request with tenant and batch counts, never the query string', async () => {
    const { app, tenant, records } = await setup();
    const dup = track();
    await postBatch(app, { batch: [dup] }, { writeKey: tenant.writeKey });
    records.length = 0;
    await postBatch(app, { batch: [dup, track(), track({ event: '' })] }, { writeKey: tenant.writeKey });
    await app.request(`/v1/config?writeKey=${tenant.writeKey}`);
    assert.equal(records.length, 2);
    const [batch, config] = records;
    assert.equal(typeof batch?.ms, 'number');
    assert.deepEqual(
      { ...batch, ms: 0 },
      {
        level: 'info',
        msg: 'request',
        method: 'POST',
        path: '/v1/batch',
        status: 200,
        ms: 0,
        tenantId: tenant.id,
        accepted: 1,
        duplicate: 1,
        rejected: 1,
      },
    );
    assert.equal(config?.path, '/v1/config');
    assert.equal(config?.tenantId, tenant.id);
    assert.doesNotMatch(JSON.stringify(records), new RegExp(tenant.writeKey));
  });

  it('formats records as one JSON line each, with time first', async () => {
    const lines: string[] = [];
    const log = createLogger('json', (line) => lines.push(line));
    log({ level: 'info', msg: 'request', status: 200 });
    assert.equal(lines.length, 1);
    assert.ok(lines[0]?.endsWith('\n'));
    const parsed = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    assert.equal(Object.keys(parsed)[0], 'time');
    assert.ok(!Number.isNaN(Date.parse(String(parsed.time))));
    assert.equal(parsed.status, 200);
  });

  it('writes nothing when off', async () => {
    const lines: string[] = [];
    createLogger('off', (line) => lines.push(line))({ level: 'error', msg: 'x' });
    assert.equal(lines.length, 0);
  });
});

describe('demo events', () => {
  it('does not exist unless demo mode is on', async () => {
    const { app, tenant } = await setup({ demo: false });
    assert.equal((await app.request(`/v1/demo/events?writeKey=${tenant.writeKey}`)).status, 404);
    assert.equal((await app.request('/demo/events')).status, 404);
  });

  it('lists the latest events of the tenant, newest first, limited', async () => {
    const { app, db, tenant, advance } = await setup({ demo: true });
    const other = await createTenant(db, { name: 'Other', origins: ['*'] });
    await postBatch(
      app,
      { batch: [track({ messageId: 'a' }), track({ messageId: 'b' })] },
      { writeKey: tenant.writeKey },
    );
    advance(1000);
    await postBatch(
      app,
      { batch: [track({ messageId: 'c', properties: { x: '<b>' } })] },
      { writeKey: tenant.writeKey },
    );
    await postBatch(app, { batch: [track({ messageId: 'other' })] }, { writeKey: other.writeKey });

    const res = await app.request(`/v1/demo/events?writeKey=${tenant.writeKey}`);
    assert.equal(res.status, 200);
    const { events } = (await res.json()) as { events: Array<Record<string, unknown>> };
    assert.deepEqual(
      events.map((e) => e.messageId),
      ['c', 'b', 'a'],
    );
    assert.deepEqual(events[0]?.properties, { x: '<b>' });
    assert.equal(events[0]?.event, 'Dish Viewed');
    assert.equal(events[0]?.sessionId, 'sess-1');

    const limited = await app.request(`/v1/demo/events?writeKey=${tenant.writeKey}&limit=1`);
    const body = (await limited.json()) as { events: Array<{ messageId: string }> };
    assert.deepEqual(
      body.events.map((e) => e.messageId),
      ['c'],
    );
  });

  it('signs demo_ user ids only, like a partner backend would, and only in demo mode', async () => {
    const { app, tenant } = await setup({ demo: true });
    const res = await app.request(`/v1/demo/identity?writeKey=${tenant.writeKey}&userId=demo_owner`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { userId: 'demo_owner', userHash: userHashFor(tenant.secret, 'demo_owner') });
    assert.equal((await app.request(`/v1/demo/identity?writeKey=${tenant.writeKey}&userId=alice`)).status, 400);
    const owner = await app.request(
      `/v1/demo/identity?writeKey=${tenant.writeKey}&userId=demo_owner&groupId=rest_demo_beirut`,
    );
    assert.equal(
      ((await owner.json()) as { groupHash: string }).groupHash,
      groupHashFor(tenant.secret, 'demo_owner', 'rest_demo_beirut'),
    );
    assert.equal(
      (await app.request(`/v1/demo/identity?writeKey=${tenant.writeKey}&userId=demo_owner&groupId=r-001`)).status,
      400,
    );
    const off = await setup({ demo: false });
    assert.equal(
      (await off.app.request(`/v1/demo/identity?writeKey=${off.tenant.writeKey}&userId=demo_owner`)).status,
      404,
    );
  });

  it('refuses an unknown key and a bad limit', async () => {
    const { app, tenant } = await setup({ demo: true });
    assert.equal((await app.request('/v1/demo/events?writeKey=pk_nope')).status, 401);
    assert.equal((await app.request(`/v1/demo/events?writeKey=${tenant.writeKey}&limit=zero`)).status, 400);
  });

  it('serves a self-contained page that renders events as text', async () => {
    const { app } = await setup({ demo: true });
    const res = await app.request('/demo/events');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, 'CSP carries a nonce');
    assert.match(csp, /default-src 'none'/);
    const html = await res.text();
    assert.ok(html.includes(`<script nonce="${nonce}">`));
    assert.match(html, /textContent/);
    assert.doesNotMatch(html, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/, 'no external assets');
    assert.match(html, /\/v1\/demo\/events/);
  });
});
