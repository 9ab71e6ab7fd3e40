import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deflateSync, gzipSync } from 'node:zlib';
import type { BatchResponse } from '@matbakh/contract';
import { createApp } from '../src/app.ts';
import { userHashFor } from '../src/subject.ts';
import {
  basic,
  call,
  countRows,
  grantConsent,
  type Setup,
  SHOP_ORIGIN,
  setup as setupServer,
  T0,
  track,
} from './helpers.ts';

/**
 * The server stores a browser's events only under a recorded analytics grant (issue 14): a partner whose own consent
 * tool gates analytics-next records the visitor's decision in the ledger first, as this does for `anon-1`.
 */
async function setup(...args: Parameters<typeof setupServer>): Promise<Setup> {
  const s = await setupServer(...args);
  await grantConsent(s.db, s.tenant.id, { anonymousId: 'anon-1' });
  return s;
}

let seq = 0;
/** A message as analytics-next's default mode posts it to `/v1/<letter>`: no `type` is needed, the path says it. */
function single(fields: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    messageId: `ajs-next-${seq}`,
    timestamp: '2025-03-01T11:59:00.000Z',
    anonymousId: 'anon-1',
    context: { library: { name: 'analytics.js', version: 'npm:next-1.84.3' } },
    ...fields,
  };
}

type Row = { message_id: string; type: string; event: string | null; name: string | null; user_id: string | null };
const rows = (db: Setup['db']) =>
  db.all<Row>(`SELECT message_id, type, event, name, user_id FROM events ORDER BY ${db.sql.eventSeq}`);

const post = (app: Setup['app'], path: string, body: unknown, headers: Record<string, string> = {}) =>
  call<BatchResponse>(app, 'POST', path, { body, headers });

describe('Segment single-message routes: type from the path', () => {
  const routes: Array<{ type: string; fields: Record<string, unknown> }> = [
    { type: 'track', fields: { event: 'Dish Viewed', properties: { dish: 'falafel' } } },
    { type: 'page', fields: { name: 'Menu', properties: { path: '/menu' } } },
    { type: 'identify', fields: { userId: 'user-7', traits: { plan: 'gold' } } },
    { type: 'group', fields: { groupId: 'rest-1', traits: { size: 'small' } } },
    { type: 'alias', fields: { userId: 'user-7', previousId: 'anon-1' } },
  ];
  for (const { type, fields } of routes) {
    for (const path of [`/v1/${type[0]}`, `/v1/${type}`]) {
      it(`POST ${path} stores one ${type} message and answers as a batch of one`, async () => {
        const { app, db, tenant } = await setup();
        const message = single(fields);
        // The secret key, as a backend library (analytics-node, -python) sends it: it vouches for the userId.
        const { res, json } = await post(app, path, message, { authorization: basic(tenant.secret) });
        assert.equal(res.status, 200);
        assert.deepEqual(json, { accepted: 1, duplicate: 0, rejected: 0, errors: [] });
        assert.deepEqual(
          (await rows(db)).map((r) => [r.message_id, r.type]),
          [[message.messageId, type]],
        );
      });
    }
  }

  it('accepts a body type that agrees with the path', async () => {
    const { app, db, tenant } = await setup();
    const { res } = await post(app, '/v1/t', single({ type: 'track', event: 'x' }), {
      authorization: basic(tenant.writeKey),
    });
    assert.equal(res.status, 200);
    assert.equal(await countRows(db), 1);
  });

  for (const [path, type] of [
    ['/v1/t', 'identify'],
    ['/v1/page', 'track'],
    ['/v1/i', 42],
  ] as const) {
    it(`answers 400 naming type when the body says ${JSON.stringify(type)} on ${path}`, async () => {
      const { app, db, tenant } = await setup();
      const { res, json } = await post(app, path, single({ type, event: 'x' }), {
        authorization: basic(tenant.writeKey),
      });
      assert.equal(res.status, 400);
      assert.equal(json.error.code, 'bad_request');
      assert.equal(json.error.field, 'type');
      assert.equal(await countRows(db), 0);
    });
  }

  it('names a rejected field relative to the body (event, not batch[0].event) and stores nothing', async () => {
    const { app, db, tenant } = await setup();
    const message = single({ properties: { dish: 'falafel' } });
    const { res, json } = await post(app, '/v1/track', message, { authorization: basic(tenant.writeKey) });
    assert.equal(res.status, 200);
    assert.deepEqual(json, {
      accepted: 0,
      duplicate: 0,
      rejected: 1,
      errors: [{ index: 0, messageId: message.messageId, field: 'event', message: 'event is required' }],
    });
    assert.equal(await countRows(db), 0);
  });

  for (const path of ['/v1/s', '/v1/screen']) {
    it(`routes ${path}, and the contract (no screen messages) rejects it by type`, async () => {
      const { app, db, tenant } = await setup();
      const { res, json } = await post(app, path, single({ name: 'Home' }), { authorization: basic(tenant.writeKey) });
      assert.equal(res.status, 200);
      assert.equal(json.rejected, 1);
      assert.equal(json.errors[0]?.field, 'type');
      assert.match(json.errors[0]?.message ?? '', /track, page, identify, group, alias/);
      assert.equal(await countRows(db), 0);
    });
  }

  const badBodies: Array<[string, string]> = [
    ['an array', '[{"event":"x"}]'],
    ['JSON null', 'null'],
    ['not JSON', '{"event":'],
  ];
  for (const [name, body] of badBodies) {
    it(`answers 400 naming body for ${name}`, async () => {
      const { app, db, tenant } = await setup();
      const { res, json } = await post(app, '/v1/t', body, { authorization: basic(tenant.writeKey) });
      assert.equal(res.status, 400);
      assert.equal(json.error.field, 'body');
      assert.equal(await countRows(db), 0);
    });
  }
});

describe('Segment routes: write key', () => {
  it('takes the key from Authorization: Basic', async () => {
    const { app, db, tenant } = await setup();
    const { res } = await post(app, '/v1/t', single({ event: 'x' }), { authorization: basic(tenant.writeKey) });
    assert.equal(res.status, 200);
    assert.equal(await countRows(db, tenant.id), 1);
  });

  it('takes the key from the body writeKey, in a text/plain body (a CORS-simple request)', async () => {
    const { app, db, tenant } = await setup();
    const { res } = await post(app, '/v1/t', single({ event: 'x', writeKey: tenant.writeKey }), {
      'content-type': 'text/plain',
      origin: SHOP_ORIGIN,
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.equal(await countRows(db, tenant.id), 1);
  });

  it('lets the header key win over the body key', async () => {
    const { app, db, tenant } = await setup();
    const { res } = await post(app, '/v1/t', single({ event: 'x', writeKey: tenant.writeKey }), {
      authorization: basic('pk_unknown'),
    });
    assert.equal(res.status, 401);
    assert.equal(await countRows(db), 0);
  });

  for (const path of ['/v1/t', '/v1/b']) {
    it(`answers 401 on ${path} without a key`, async () => {
      const { app, db } = await setup();
      const body = path === '/v1/b' ? { batch: [track()] } : single({ event: 'x' });
      const { res, json } = await post(app, path, body);
      assert.equal(res.status, 401);
      assert.equal(json.error.code, 'unauthorized');
      assert.equal(await countRows(db), 0);
    });
  }
});

describe('Segment routes: what real clients send', () => {
  it('stores an analytics-next default-mode message as sent (text/plain, writeKey, sentAt, _metadata, userId null)', async () => {
    const { app, db, tenant } = await setup();
    // The shape of analytics-next 1.84's segmentio plugin (normalize.ts): Facade JSON + writeKey, sentAt, _metadata.
    const message = {
      timestamp: '2025-03-01T10:00:00.000Z',
      integrations: {},
      type: 'track',
      event: 'Dish Viewed',
      properties: { dish: 'falafel' },
      context: {
        page: { path: '/', referrer: '', search: '', title: 'Menu', url: 'https://shop.example/' },
        userAgent: 'Mozilla/5.0',
        locale: 'de-DE',
        library: { name: 'analytics.js', version: 'npm:next-1.84.3' },
      },
      messageId: 'ajs-next-1740823200000-3d1b3c4e-6e1a-4b0e-9d2f-1c7b5a6e8f90',
      anonymousId: 'c0ffee00-0000-4000-8000-000000000001',
      userId: null,
      writeKey: tenant.writeKey,
      sentAt: '2025-03-01T10:00:01.000Z',
      _metadata: { bundled: ['Segment.io'], unbundled: [], bundledIds: [] },
    };
    await grantConsent(db, tenant.id, { anonymousId: message.anonymousId });
    const { res, json } = await post(app, '/v1/t', message, {
      'content-type': 'text/plain',
      authorization: basic(tenant.writeKey),
    });
    assert.equal(res.status, 200);
    assert.equal(json.accepted, 1);
    const row = (await db.get<Record<string, string | null>>('SELECT * FROM events'))!;
    assert.equal(row.user_id, null);
    assert.equal(row.anonymous_id, message.anonymousId);
    assert.equal(row.sent_at, message.sentAt);
    // Skew correction with the message's own sentAt: the call was 1 s before the send.
    assert.equal(row.timestamp, new Date(T0 - 1000).toISOString());
  });

  it('stores an analytics-next batching-mode body on /v1/b with the batch sentAt', async () => {
    const { app, db, tenant } = await setup();
    const batch = [
      { ...track({ event: 'A' }), writeKey: tenant.writeKey, userId: null, _metadata: { bundled: [] } },
      { ...single({ type: 'page', name: 'Menu' }), writeKey: tenant.writeKey, integrations: {} },
      // A signed-in visitor: the partner's backend put the userHash on the page (identify's options.context).
      {
        ...single({ type: 'identify', userId: 'user-7', traits: { plan: 'gold' } }),
        context: { userHash: userHashFor(tenant.secret, 'user-7') },
        writeKey: tenant.writeKey,
      },
    ];
    const sentAt = '2025-03-01T11:59:30.000Z';
    const { res, json } = await post(
      app,
      '/v1/b',
      { writeKey: tenant.writeKey, batch, sentAt },
      {
        'content-type': 'text/plain',
        authorization: basic(tenant.writeKey),
      },
    );
    assert.equal(res.status, 200);
    assert.deepEqual(json, { accepted: 3, duplicate: 0, rejected: 0, errors: [] });
    assert.deepEqual(
      (await rows(db)).map((r) => r.type),
      ['track', 'page', 'identify'],
    );
    const sent = await db.all<{ sent_at: string }>('SELECT DISTINCT sent_at FROM events');
    assert.deepEqual(sent, [{ sent_at: sentAt }]);
  });

  it('reads null and empty ids as absent and originalTimestamp as the call time (Python, Ruby, Rudder habits)', async () => {
    const { app, db, tenant } = await setup();
    const python = track({ userId: 'user-9', anonymousId: null, integrations: null, options: null });
    const rudder = track({ userId: '', channel: 'web', timestamp: undefined });
    rudder.originalTimestamp = '2025-03-01T11:58:00.000Z';
    // Server libraries send the secret key: the backend vouches for the userId.
    const { json } = await post(app, '/v1/batch', { batch: [python, rudder] }, { authorization: basic(tenant.secret) });
    assert.deepEqual(json, { accepted: 2, duplicate: 0, rejected: 0, errors: [] });
    const stored = await db.all(
      `SELECT user_id, anonymous_id, original_timestamp FROM events ORDER BY ${db.sql.eventSeq}`,
    );
    assert.deepEqual(stored, [
      { user_id: 'user-9', anonymous_id: null, original_timestamp: '2025-03-01T11:59:00.000Z' },
      { user_id: null, anonymous_id: 'anon-1', original_timestamp: '2025-03-01T11:58:00.000Z' },
    ]);
  });

  it('merges a batch-level context into each message, the message winning field by field', async () => {
    const { app, db, tenant } = await setup();
    const context = { device: { type: 'phone' }, locale: 'de-DE', library: { name: 'batch', version: '1' } };
    const batch = [track({ context: { locale: 'ar' } }), track({ context: undefined }), track({ context: 'bad' })];
    const { json } = await post(app, '/v1/batch', { batch, context }, { authorization: basic(tenant.writeKey) });
    assert.equal(json.accepted, 2);
    assert.deepEqual(
      json.errors.map((e) => e.field),
      ['batch[2].context'],
    );
    const stored = (await db.all<{ context: string }>(`SELECT context FROM events ORDER BY ${db.sql.eventSeq}`)).map(
      (r) => JSON.parse(r.context),
    );
    assert.deepEqual(stored, [
      { device: { type: 'phone' }, locale: 'ar', library: { name: 'batch', version: '1' } },
      context,
    ]);
  });

  it('still rejects a message with no id at all once nulls are dropped', async () => {
    const { app, db, tenant } = await setup();
    const { json } = await post(app, '/v1/t', single({ event: 'x', userId: null, anonymousId: null }), {
      authorization: basic(tenant.writeKey),
    });
    assert.equal(json.rejected, 1);
    assert.equal(json.errors[0]?.field, 'anonymousId');
    assert.equal(await countRows(db), 0);
  });

  it('stores a message once whichever route delivers it again (a retry after a lost answer)', async () => {
    const { app, db, tenant } = await setup();
    const message = single({ type: 'track', event: 'Order Completed' });
    const auth = { authorization: basic(tenant.writeKey) };
    assert.equal((await post(app, '/v1/t', message, auth)).json.accepted, 1);
    assert.deepEqual((await post(app, '/v1/track', message, auth)).json, {
      accepted: 0,
      duplicate: 1,
      rejected: 0,
      errors: [],
    });
    assert.equal((await post(app, '/v1/b', { batch: [message] }, auth)).json.duplicate, 1);
    assert.equal(await countRows(db), 1);
  });

  it('logs a retry count (X-Retry-Count) on the request line', async () => {
    const { app, tenant, records } = await setup();
    await post(app, '/v1/t', single({ event: 'x' }), { authorization: basic(tenant.writeKey), 'x-retry-count': '2' });
    const line = records.find((r) => r.path === '/v1/t');
    assert.equal(line?.retry, 2);
    assert.equal(line?.accepted, 1);
  });
});

describe('Segment routes: compressed bodies (server-side SDKs gzip their batches)', () => {
  const send = (app: Setup['app'], body: Uint8Array, encoding: string, writeKey: string) =>
    app.request('/v1/batch', {
      method: 'POST',
      headers: { authorization: basic(writeKey), 'content-type': 'application/json', 'content-encoding': encoding },
      body,
    });

  for (const [encoding, encode] of [
    ['gzip', gzipSync],
    ['deflate', deflateSync],
  ] as const) {
    it(`stores a ${encoding} batch`, async () => {
      const { app, db, tenant } = await setup();
      const res = await send(app, encode(JSON.stringify({ batch: [track(), track()] })), encoding, tenant.writeKey);
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as BatchResponse).accepted, 2);
      assert.equal(await countRows(db), 2);
    });
  }

  it('counts the decoded bytes against the cap: a small gzip that inflates past it is a 413', async () => {
    const { app, db, tenant } = await setup({ maxBodyBytes: 4096 });
    const inflating = gzipSync(JSON.stringify({ batch: [track({ properties: { pad: ' '.repeat(100_000) } })] }));
    assert.ok(inflating.length < 4096);
    const res = await send(app, inflating, 'gzip', tenant.writeKey);
    assert.equal(res.status, 413);
    assert.equal(await countRows(db), 0);
  });

  for (const [name, body, encoding] of [
    ['a broken gzip body', Buffer.from('not gzip at all'), 'gzip'],
    ['an encoding we cannot read (br)', Buffer.from('{"batch":[]}'), 'br'],
  ] as const) {
    it(`answers 400 naming batch for ${name}`, async () => {
      const { app, tenant } = await setup();
      const res = await send(app, body, encoding, tenant.writeKey);
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { error: { field: string } }).error.field, 'batch');
    });
  }
});

describe('CORS on every response', () => {
  const readable = (res: Response, origin: string) => {
    assert.equal(res.headers.get('access-control-allow-origin'), origin);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    assert.match(res.headers.get('vary') ?? '', /Origin/);
  };

  for (const path of ['/v1/nope', '/t', '/v1/batch/extra']) {
    it(`lets a known origin read a 404 on POST ${path}, and an unknown one not`, async () => {
      const { app } = await setup();
      const known = await post(app, path, {}, { origin: SHOP_ORIGIN });
      assert.equal(known.res.status, 404);
      assert.equal(known.json.error.code, 'not_found');
      readable(known.res, SHOP_ORIGIN);
      const foreign = await post(app, path, {}, { origin: 'https://evil.example' });
      assert.equal(foreign.res.status, 404);
      assert.equal(foreign.res.headers.get('access-control-allow-origin'), null);
      assert.match(foreign.res.headers.get('vary') ?? '', /Origin/);
    });
  }

  it('on a 401 (unknown key)', async () => {
    const { app } = await setup();
    const { res } = await post(app, '/v1/t', single({ event: 'x' }), {
      authorization: basic('pk_nope'),
      origin: SHOP_ORIGIN,
    });
    assert.equal(res.status, 401);
    readable(res, SHOP_ORIGIN);
  });

  it('on a 400 (contradictory type)', async () => {
    const { app, tenant } = await setup();
    const { res } = await post(app, '/v1/p', single({ type: 'track', event: 'x' }), {
      authorization: basic(tenant.writeKey),
      origin: SHOP_ORIGIN,
    });
    assert.equal(res.status, 400);
    readable(res, SHOP_ORIGIN);
  });

  it('on a 413 (a single message over its cap, key in the body)', async () => {
    const { app, db } = await setup();
    const body = JSON.stringify(single({ event: 'x', properties: { blob: 'x'.repeat(70 * 1024) } }));
    const { res, json } = await post(app, '/v1/t', body, { 'content-type': 'text/plain', origin: SHOP_ORIGIN });
    assert.equal(res.status, 413);
    assert.equal(json.error.code, 'payload_too_large');
    readable(res, SHOP_ORIGIN);
    assert.equal(await countRows(db), 0);
  });

  it('on a 429 with Retry-After exposed', async () => {
    const { app, tenant } = await setup({ rateLimit: 1 });
    const send = () =>
      post(app, '/v1/t', single({ event: 'x' }), { authorization: basic(tenant.writeKey), origin: SHOP_ORIGIN });
    assert.equal((await send()).res.status, 200);
    assert.equal((await send()).res.status, 200);
    const { res } = await send();
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '1');
    readable(res, SHOP_ORIGIN);
  });

  it('on a 500', async () => {
    const s = await setup();
    const app = createApp({
      db: s.db,
      config: s.config,
      routes: [
        (a) =>
          a.get('/v1/broken', () => {
            throw new Error('boom');
          }),
      ],
    });
    const res = await app.request('/v1/broken', { headers: { origin: SHOP_ORIGIN } });
    assert.equal(res.status, 500);
    readable(res, SHOP_ORIGIN);
  });

  it('and a foreign origin is refused with 403 and can read only the reason', async () => {
    const { app, db, tenant } = await setup();
    const { res, json } = await post(app, '/v1/t', single({ event: 'x' }), {
      authorization: basic(tenant.writeKey),
      origin: 'https://evil.example',
    });
    assert.equal(res.status, 403);
    assert.equal(json.error.code, 'forbidden_origin');
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://evil.example');
    assert.deepEqual(Object.keys(json), ['error']);
    assert.deepEqual(Object.keys(json.error).sort(), ['code', 'field', 'message']);
    assert.equal(await countRows(db), 0);
  });
});

describe('CORS preflight', () => {
  for (const path of ['/v1/t', '/v1/b', '/v1/identify', '/v1/batch']) {
    it(`grants analytics-next's retry headers on ${path}`, async () => {
      const { app } = await setup();
      const res = await app.request(path, {
        method: 'OPTIONS',
        headers: {
          origin: SHOP_ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-retry-count',
        },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
      const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
      for (const header of ['authorization', 'content-type', 'x-retry-count', 'if-match']) {
        assert.ok(allowed.includes(header), `${header} allowed`);
      }
      assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
    });
  }

  it('answers a preflight outside /v1 too, so the real request can get its readable 404', async () => {
    const { app } = await setup();
    const res = await app.request('/t', {
      method: 'OPTIONS',
      headers: { origin: SHOP_ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
  });
});
