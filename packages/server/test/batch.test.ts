import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { userHashFor } from '../src/subject.ts';
import { createTenant } from '../src/tenants.ts';
import { basic, countRows, grantConsent, postBatch, SHOP_ORIGIN, setup, T0, track } from './helpers.ts';

describe('POST /v1/batch: write key', () => {
  it('accepts the key from Authorization: Basic', async () => {
    const { app, db, tenant } = await setup();
    const { res, json } = await postBatch(app, { batch: [track()] }, { writeKey: tenant.writeKey });
    assert.equal(res.status, 200);
    assert.deepEqual(json, { accepted: 1, duplicate: 0, rejected: 0, errors: [] });
    assert.equal(await countRows(db, tenant.id), 1);
  });

  it('accepts the key from the body (sendBeacon cannot set headers)', async () => {
    const { app, db, tenant } = await setup();
    const { res, json } = await postBatch(app, { writeKey: tenant.writeKey, batch: [track(), track()] });
    assert.equal(res.status, 200);
    assert.equal(json.accepted, 2);
    assert.equal(await countRows(db, tenant.id), 2);
  });

  it('parses a text/plain body as JSON, as sendBeacon sends it', async () => {
    const { app, db, tenant } = await setup();
    await grantConsent(db, tenant.id, { anonymousId: 'anon-1' }); // the server stores no event without a grant
    const res = await app.request('/v1/batch', {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: SHOP_ORIGIN },
      body: JSON.stringify({ writeKey: tenant.writeKey, batch: [track({ event: 'Page Hidden' })] }),
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { accepted: number }).accepted, 1);
    const row = (await db.get<{ event: string }>('SELECT event FROM events'))!;
    assert.equal(row.event, 'Page Hidden');
  });

  const refusals: Array<{ name: string; headers: Record<string, string>; body: Record<string, unknown> }> = [
    { name: 'no key at all', headers: {}, body: {} },
    { name: 'an unknown Basic key', headers: { authorization: basic('pk_nope') }, body: {} },
    { name: 'an unknown body key', headers: {}, body: { writeKey: 'pk_nope' } },
    { name: 'a non-string body key', headers: {}, body: { writeKey: 42 } },
    { name: 'a Bearer header', headers: { authorization: 'Bearer pk_nope' }, body: {} },
    { name: 'an empty Basic user', headers: { authorization: basic('') }, body: {} },
  ];
  for (const { name, headers, body } of refusals) {
    it(`answers 401 unauthorized for ${name}`, async () => {
      const { app, db } = await setup();
      const { res, json } = await postBatch(app, { ...body, batch: [track()] }, { headers });
      assert.equal(res.status, 401);
      assert.equal(json.error.code, 'unauthorized');
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.equal(await countRows(db), 0);
    });
  }

  it('prefers the header key over the body key', async () => {
    const { app, db, tenant } = await setup();
    const { res } = await postBatch(
      app,
      { writeKey: tenant.writeKey, batch: [track()] },
      { headers: { authorization: basic('pk_unknown') } },
    );
    assert.equal(res.status, 401);
    assert.equal(await countRows(db), 0);
  });
});

describe('POST /v1/batch: dedup and storage', () => {
  it('stores a batch once: the same batch again counts as duplicate', async () => {
    const { app, db, tenant } = await setup();
    const body = { batch: [track(), track(), track()] };
    const first = await postBatch(app, body, { writeKey: tenant.writeKey });
    assert.deepEqual(first.json, { accepted: 3, duplicate: 0, rejected: 0, errors: [] });
    const second = await postBatch(app, body, { writeKey: tenant.writeKey });
    assert.deepEqual(second.json, { accepted: 0, duplicate: 3, rejected: 0, errors: [] });
    assert.equal(await countRows(db, tenant.id), 3);
  });

  it('counts a repeated messageId inside one batch as duplicate', async () => {
    const { app, db, tenant } = await setup();
    const message = track();
    const { json } = await postBatch(
      app,
      { batch: [message, { ...message, event: 'Other' }] },
      { writeKey: tenant.writeKey },
    );
    assert.equal(json.accepted, 1);
    assert.equal(json.duplicate, 1);
    assert.equal(await countRows(db, tenant.id), 1);
    // First write wins: a retry never overwrites what was stored.
    assert.equal((await db.get<{ event: string }>('SELECT event FROM events'))!.event, 'Dish Viewed');
  });

  it('scopes messageIds per tenant', async () => {
    const { app, db, tenant } = await setup();
    const other = await createTenant(db, { name: 'Other', origins: ['https://other.example'] });
    const message = track();
    assert.equal((await postBatch(app, { batch: [message] }, { writeKey: tenant.writeKey })).json.accepted, 1);
    assert.equal((await postBatch(app, { batch: [message] }, { writeKey: other.writeKey })).json.accepted, 1);
    assert.equal(await countRows(db, tenant.id), 1);
    assert.equal(await countRows(db, other.id), 1);
  });

  it('stores the columns and JSON payload', async () => {
    const { app, db, tenant } = await setup();
    await postBatch(
      app,
      {
        batch: [
          // A userId is stored only with its proof (see ingest.test.ts for what happens without).
          track({
            messageId: 't1',
            userId: 'user-9',
            properties: { dish: 'shawarma', price: 7.5 },
            context: {
              library: { name: 'test', version: '0.0.0' },
              session: { id: 'sess-1', index: 1, start: '' },
              userHash: userHashFor(tenant.secret, 'user-9'),
            },
          }),
          {
            ...track({ messageId: 'g1', type: 'group', groupId: 'rest-1', traits: { size: 'small' } }),
            event: undefined,
          },
          { ...track({ messageId: 'p1', type: 'page', name: 'Menu', category: 'Shop' }), event: undefined },
        ],
      },
      { writeKey: tenant.writeKey },
    );
    const rows = await db.all<Record<string, string | null>>(
      'SELECT * FROM events WHERE tenant_id = ? ORDER BY message_id',
      [tenant.id],
    );
    const byId = Object.fromEntries(rows.map((r) => [r.message_id, r]));
    assert.equal(byId.t1?.type, 'track');
    assert.equal(byId.t1?.event, 'Dish Viewed');
    assert.equal(byId.t1?.user_id, 'user-9');
    assert.equal(byId.t1?.anonymous_id, 'anon-1');
    assert.equal(byId.t1?.session_id, 'sess-1');
    assert.equal(byId.t1?.received_at, new Date(T0).toISOString());
    assert.deepEqual(JSON.parse(byId.t1?.payload ?? ''), { properties: { dish: 'shawarma', price: 7.5 } });
    assert.equal(JSON.parse(byId.t1?.context ?? '').library.name, 'test');
    assert.deepEqual(JSON.parse(byId.g1?.payload ?? ''), {
      properties: { dish: 'falafel' },
      traits: { size: 'small' },
      groupId: 'rest-1',
    });
    assert.equal(byId.p1?.name, 'Menu');
    assert.equal(JSON.parse(byId.p1?.payload ?? '').category, 'Shop');
  });
});

describe('POST /v1/batch: timestamp correction', () => {
  const cases: Array<{ name: string; message: Record<string, unknown>; batchSentAt?: string; expected: string }> = [
    {
      // Client clock 2 h behind; the call happened 5 s before the send, so 5 s before the server received it.
      name: 'uses receivedAt − (sentAt − timestamp) with the batch sentAt',
      message: { timestamp: '2025-03-01T10:00:00.000Z' },
      batchSentAt: '2025-03-01T10:00:05.000Z',
      expected: '2025-03-01T11:59:55.000Z',
    },
    {
      name: 'prefers the message sentAt over the batch sentAt',
      message: { timestamp: '2025-03-01T14:00:00.000Z', sentAt: '2025-03-01T14:01:00.000Z' },
      batchSentAt: '2025-03-01T10:00:05.000Z',
      expected: '2025-03-01T11:59:00.000Z',
    },
    {
      name: 'keeps the client time (normalised to UTC) without sentAt',
      message: { timestamp: '2025-03-01T13:30:00+01:00' },
      expected: '2025-03-01T12:30:00.000Z',
    },
  ];
  for (const { name, message, batchSentAt, expected } of cases) {
    it(name, async () => {
      const { app, db, tenant } = await setup();
      const msg = track(message);
      const body = batchSentAt === undefined ? { batch: [msg] } : { batch: [msg], sentAt: batchSentAt };
      const { json } = await postBatch(app, body, { writeKey: tenant.writeKey });
      assert.equal(json.accepted, 1);
      const row = (await db.get<Record<string, string>>('SELECT timestamp, original_timestamp, sent_at FROM events'))!;
      assert.equal(row.timestamp, expected);
      assert.equal(row.original_timestamp, message.timestamp);
      assert.equal(row.sent_at, (message.sentAt as string | undefined) ?? batchSentAt ?? null);
    });
  }

  it('refuses a batch whose sentAt is not a date', async () => {
    const { app, tenant } = await setup();
    const { res, json } = await postBatch(app, { batch: [track()], sentAt: 'later' }, { writeKey: tenant.writeKey });
    assert.equal(res.status, 400);
    assert.equal(json.error.field, 'sentAt');
  });
});

describe('POST /v1/batch: origins (CORS)', () => {
  it('refuses a foreign origin with 403, readable by that page but with the reason only', async () => {
    const { app, db, tenant } = await setup();
    const { res, json } = await postBatch(
      app,
      { batch: [track()] },
      { writeKey: tenant.writeKey, headers: { origin: 'https://evil.example' } },
    );
    assert.equal(res.status, 403);
    assert.equal(json.error.code, 'forbidden_origin');
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://evil.example');
    assert.deepEqual(Object.keys(json), ['error']);
    assert.equal(await countRows(db), 0);
  });

  const origins: Array<{ origin: string; allowed: boolean }> = [
    { origin: SHOP_ORIGIN, allowed: true },
    { origin: 'http://localhost:5173', allowed: true },
    { origin: 'http://localhost', allowed: true },
    { origin: 'https://shop.example:8443', allowed: false },
    { origin: 'http://shop.example', allowed: false },
    { origin: 'https://localhost:5173', allowed: false },
    { origin: 'http://localhost.evil.test:5173', allowed: false },
    { origin: 'null', allowed: false },
  ];
  for (const { origin, allowed } of origins) {
    it(`${allowed ? 'allows' : 'refuses'} ${origin}`, async () => {
      const { app, tenant } = await setup();
      const { res } = await postBatch(app, { batch: [track()] }, { writeKey: tenant.writeKey, headers: { origin } });
      assert.equal(res.status, allowed ? 200 : 403);
      // Refused or not, the page may read the answer: the data, or why it was refused.
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
    });
  }

  it('echoes an allowed origin, varies on Origin and exposes Retry-After', async () => {
    const { app, tenant } = await setup();
    const { res } = await postBatch(
      app,
      { batch: [track()] },
      { writeKey: tenant.writeKey, headers: { origin: SHOP_ORIGIN } },
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.match(res.headers.get('vary') ?? '', /Origin/);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
  });

  it('allows requests without an Origin (server to server) and sends no CORS headers', async () => {
    const { app, tenant } = await setup();
    const { res } = await postBatch(app, { batch: [track()] }, { writeKey: tenant.writeKey });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });
});

describe('POST /v1/batch: limits', () => {
  it('answers 413 when Content-Length announces too much, without reading on', async () => {
    const { app, db, tenant } = await setup({ maxBodyBytes: 1024 });
    const body = JSON.stringify({ batch: [track()] });
    const res = await app.request('/v1/batch', {
      method: 'POST',
      headers: { authorization: basic(tenant.writeKey), 'content-length': '999999' },
      body,
    });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'payload_too_large');
    assert.equal(await countRows(db), 0);
  });

  it('answers 413 when the real body is over the cap (no Content-Length)', async () => {
    const { app, db, tenant } = await setup({ maxBodyBytes: 1024 });
    const batch = Array.from({ length: 10 }, () => track());
    const body = JSON.stringify({ writeKey: tenant.writeKey, batch });
    assert.ok(body.length > 1024);
    const stream = new Blob([body]).stream();
    const res = await app.request('/v1/batch', {
      method: 'POST',
      body: stream,
      headers: { origin: SHOP_ORIGIN },
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'payload_too_large');
    // The origin is allowed by a tenant, so a browser may read why it was refused.
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.equal(await countRows(db), 0);
  });

  it('accepts a body exactly at the cap', async () => {
    const { app, tenant } = await setup({ maxBodyBytes: 1024 });
    let body = JSON.stringify({ writeKey: tenant.writeKey, batch: [track()] });
    body = body.padEnd(1024, ' ');
    const res = await app.request('/v1/batch', { method: 'POST', body });
    assert.equal(res.status, 200);
  });

  it('answers 429 with Retry-After once the bucket (2 × rate) is empty, and recovers', async () => {
    const { app, db, tenant, advance } = await setup({ rateLimit: 1 });
    const send = () =>
      postBatch(app, { batch: [track()] }, { writeKey: tenant.writeKey, headers: { origin: SHOP_ORIGIN } });
    assert.equal((await send()).res.status, 200);
    assert.equal((await send()).res.status, 200);
    const limited = await send();
    assert.equal(limited.res.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    assert.equal(limited.res.headers.get('retry-after'), '1');
    assert.equal(limited.res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.equal(await countRows(db), 2);

    advance(999);
    assert.equal((await send()).res.status, 429);
    advance(1);
    assert.equal((await send()).res.status, 200);
    assert.equal(await countRows(db), 3);
  });

  it('limits per write key', async () => {
    const { app, db, tenant } = await setup({ rateLimit: 1 });
    const other = await createTenant(db, { name: 'Other', origins: ['*'] });
    for (let i = 0; i < 2; i++) await postBatch(app, { batch: [track()] }, { writeKey: tenant.writeKey });
    assert.equal((await postBatch(app, { batch: [track()] }, { writeKey: tenant.writeKey })).res.status, 429);
    assert.equal((await postBatch(app, { batch: [track()] }, { writeKey: other.writeKey })).res.status, 200);
  });
});
