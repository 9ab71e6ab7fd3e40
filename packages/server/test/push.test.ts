import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PushKeyResponse, PushPayload, PushSubscriptionResponse } from '@matbakh/contract';
import { type Campaign, defaultPreferences } from '@matbakh/contract';
import { createKeyring } from '../src/crypto/master-key.ts';
import { rotateMasterKey } from '../src/crypto/rotate.ts';
import { sendAutomation } from '../src/messaging/campaigns-run.ts';
import type { OutgoingMessage } from '../src/messaging/channel.ts';
import { createPushAdapter, pushPayloadJson } from '../src/messaging/channels/push.ts';
import { deliveryToken } from '../src/messaging/delivery-token.ts';
import { dispatchDue } from '../src/messaging/dispatcher.ts';
import { enqueueMessage, readJob } from '../src/messaging/queue.ts';
import { latestChannelConsent } from '../src/messaging/send-checks.ts';
import { tenantVapidKeys } from '../src/messaging/vapid.ts';
import { userHashFor } from '../src/subject.ts';
import { createTenant } from '../src/tenants.ts';
import { call, consentRecord, type Setup, setup, T0 } from './helpers.ts';
import {
  type BrowserSubscription,
  browserSubscription,
  decryptAes128gcm,
  type PushEndpoint,
  startPushEndpoint,
  verifyVapid,
} from './push-endpoint.ts';

const SUBSCRIPTIONS = '/v1/push/subscriptions';

let endpoint: PushEndpoint;
before(async () => {
  endpoint = await startPushEndpoint();
});
after(() => endpoint.close());

const pushSetup = () => setup({ pushAllowLocalHttp: true });

async function decide(s: Setup, channels: Record<string, boolean>, anonymousId = 'anon-1'): Promise<void> {
  const { res } = await call(s.app, 'POST', '/v1/consent', {
    writeKey: s.tenant.writeKey,
    body: consentRecord({ anonymousId, channels }),
  });
  assert.equal(res.status, 201);
}

function subscribe(s: Setup, subscription: BrowserSubscription, anonymousId = 'anon-1') {
  const { endpoint: url, keys } = subscription;
  return call<PushSubscriptionResponse>(s.app, 'POST', SUBSCRIPTIONS, {
    writeKey: s.tenant.writeKey,
    body: { anonymousId, endpoint: url, keys, expirationTime: null },
  });
}

const stored = (s: Setup) =>
  s.db.all<{ endpoint: string; recipient: string }>(
    'SELECT endpoint, recipient FROM push_subscriptions ORDER BY endpoint',
  );

function message(s: Setup, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    tenant: s.tenant,
    recipient: 'a:anon-1',
    deliveryId: 42,
    campaignId: 'cmp-reminder',
    topic: 'order_status',
    locale: 'de',
    title: 'Ihre Bestellung ist unterwegs',
    body: 'Falafel-Teller, noch 10 Minuten — guten Appetit!',
    url: 'https://shop.example/orders/7',
    ...overrides,
  };
}

describe('GET /v1/push/key: the tenant’s VAPID key', () => {
  it('is made on first use, stays the same, and its private half is sealed at rest', async () => {
    const s = await pushSetup();
    const first = await call<PushKeyResponse>(s.app, 'GET', '/v1/push/key', { writeKey: s.tenant.writeKey });
    assert.equal(first.res.status, 200);
    const point = Buffer.from(first.json.publicKey, 'base64url');
    assert.equal(point.length, 65);
    assert.equal(point[0], 4, 'an uncompressed P-256 point');
    const again = await call<PushKeyResponse>(s.app, 'GET', '/v1/push/key', { writeKey: s.tenant.writeKey });
    assert.equal(again.json.publicKey, first.json.publicKey);

    const row = await s.db.get<{ private_key: string }>('SELECT private_key FROM push_vapid_keys WHERE tenant_id = ?', [
      s.tenant.id,
    ]);
    const { privateKey } = await tenantVapidKeys(s.db, s.tenant.id, T0);
    assert.match(row!.private_key, /^mk1\./);
    assert.ok(!row!.private_key.includes(privateKey), 'the private key is not stored in plain text');
  });

  it('differs per tenant, and a write key is needed', async () => {
    const s = await pushSetup();
    const other = await createTenant(s.db, { name: 'Other', origins: ['https://other.example'] });
    const mine = await call<PushKeyResponse>(s.app, 'GET', '/v1/push/key', { writeKey: s.tenant.writeKey });
    const theirs = await call<PushKeyResponse>(s.app, 'GET', '/v1/push/key', { writeKey: other.writeKey });
    assert.notEqual(mine.json.publicKey, theirs.json.publicKey);
    const anonymous = await call(s.app, 'GET', '/v1/push/key');
    assert.equal(anonymous.res.status, 401);
    assert.equal(anonymous.json.error.code, 'unauthorized');
  });

  it('a master-key rotation re-seals the private key, which still signs', async () => {
    const s = await pushSetup();
    const before = await tenantVapidKeys(s.db, s.tenant.id, T0);
    const ring = createKeyring([Buffer.alloc(32, 9), Buffer.alloc(32, 7)]);
    const rotated = await rotateMasterKey(s.db, ring);
    assert.equal(rotated.vapidKeys, 1);
    const after = await tenantVapidKeys(s.db, s.tenant.id, T0, createKeyring([Buffer.alloc(32, 9)]));
    assert.deepEqual(after, before);
    await assert.rejects(
      tenantVapidKeys(s.db, s.tenant.id, T0, createKeyring([Buffer.alloc(32, 7)])),
      /does not hold/,
      'sealed by the new key only',
    );
  });
});

describe('POST /v1/push/subscriptions: stored only with the push channel’s consent', () => {
  it('refuses without a decision, and with a decision that does not grant push', async () => {
    const s = await pushSetup();
    const browser = browserSubscription(`${endpoint.origin}/push/a`);
    const none = await subscribe(s, browser);
    assert.equal(none.res.status, 403);
    assert.equal(none.json.error.code, 'consent_required');
    assert.equal(none.json.error.field, 'channels.push');

    await decide(s, { in_app: true, email: true, push: false });
    const refused = await subscribe(s, browser);
    assert.equal(refused.res.status, 403);
    assert.equal(refused.json.error.code, 'consent_required');
    assert.deepEqual(await stored(s), []);
  });

  it('stores with a push grant; a later withdrawal refuses the next one', async () => {
    const s = await pushSetup();
    await decide(s, { push: true });
    const ok = await subscribe(s, browserSubscription(`${endpoint.origin}/push/b`));
    assert.equal(ok.res.status, 201);
    assert.deepEqual(ok.json, { subscribed: true });
    assert.deepEqual(await stored(s), [{ endpoint: `${endpoint.origin}/push/b`, recipient: 'a:anon-1' }]);

    await decide(s, { push: false });
    const later = await subscribe(s, browserSubscription(`${endpoint.origin}/push/c`));
    assert.equal(later.res.status, 403);
    assert.deepEqual(await stored(s), [], 'the withdrawal also deleted the first one');
  });

  it('withdrawing the push channel deletes the subject’s subscriptions, and the audit says so', async () => {
    const s = await pushSetup();
    await decide(s, { push: true });
    await decide(s, { push: true }, 'anon-2');
    await subscribe(s, browserSubscription(`${endpoint.origin}/push/w1`));
    await subscribe(s, browserSubscription(`${endpoint.origin}/push/w2`), 'anon-2');
    await decide(s, { push: false, in_app: true });
    assert.deepEqual(await stored(s), [{ endpoint: `${endpoint.origin}/push/w2`, recipient: 'a:anon-2' }]);
    const audit = await s.db.get<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE target = 'consent' ORDER BY id DESC LIMIT 1",
    );
    assert.equal((JSON.parse(audit!.detail) as { removed: Record<string, number> }).removed.pushSubscriptions, 1);
  });

  it('names the field of a bad subscription', async () => {
    const s = await pushSetup();
    await decide(s, { push: true });
    const browser = browserSubscription(`${endpoint.origin}/push/d`);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ endpoint: 'http://push.example/x' }, 'endpoint'],
      [{ endpoint: 'https://10.0.0.5/x' }, 'endpoint'],
      [{ endpoint: 'not a url' }, 'endpoint'],
      [{ keys: { p256dh: 'abc', auth: browser.keys.auth } }, 'keys.p256dh'],
      [{ keys: { p256dh: browser.keys.p256dh, auth: 'AAAA' } }, 'keys.auth'],
      [{ keys: null }, 'keys'],
      [{ expirationTime: 'soon' }, 'expirationTime'],
      [{ anonymousId: '' }, 'anonymousId'],
    ];
    for (const [change, field] of cases) {
      const body = { anonymousId: 'anon-1', endpoint: browser.endpoint, keys: browser.keys, ...change };
      const { res, json } = await call(s.app, 'POST', SUBSCRIPTIONS, { writeKey: s.tenant.writeKey, body });
      assert.equal(res.status, 400, JSON.stringify(change));
      assert.equal(json.error.code, 'bad_request');
      assert.equal(json.error.field, field, JSON.stringify(change));
    }
    assert.deepEqual(await stored(s), []);
  });

  it('accepts an http endpoint on this machine only when MB_PUSH_ALLOW_LOCAL_HTTP is on', async () => {
    const strict = await setup();
    await decide(strict, { push: true });
    const refused = await subscribe(strict, browserSubscription(`${endpoint.origin}/push/e`));
    assert.equal(refused.res.status, 400);
    assert.equal(refused.json.error.field, 'endpoint');
    const https = await subscribe(strict, browserSubscription('https://fcm.googleapis.com/fcm/send/abc'));
    assert.equal(https.res.status, 201);
  });

  it('DELETE removes the subject’s own subscription, not someone else’s', async () => {
    const s = await pushSetup();
    await decide(s, { push: true });
    const browser = browserSubscription(`${endpoint.origin}/push/f`);
    await subscribe(s, browser);
    const body = (anonymousId: string) => ({ anonymousId, endpoint: browser.endpoint });
    const stranger = await call(s.app, 'DELETE', SUBSCRIPTIONS, { writeKey: s.tenant.writeKey, body: body('anon-2') });
    assert.deepEqual(stranger.json, { subscribed: false, removed: 0 });
    assert.equal((await stored(s)).length, 1);
    const own = await call(s.app, 'DELETE', SUBSCRIPTIONS, { writeKey: s.tenant.writeKey, body: body('anon-1') });
    assert.equal(own.res.status, 200);
    assert.deepEqual(own.json, { subscribed: false, removed: 1 });
    assert.deepEqual(await stored(s), []);
  });
});

describe('the push channel adapter, against a local push endpoint', () => {
  it('delivers a payload the browser decrypts, signed with the tenant’s VAPID key for the endpoint’s origin', async () => {
    const s = await pushSetup();
    await decide(s, { push: true });
    const browser = browserSubscription(`${endpoint.origin}/push/g`);
    await subscribe(s, browser);
    const adapter = createPushAdapter({ contact: 'mailto:ops@shop.example' });
    assert.equal(await adapter.reachable(s.db, s.tenant.id, 'a:anon-1'), true);
    assert.equal(await adapter.reachable(s.db, s.tenant.id, 'a:anon-2'), false);

    endpoint.answer(201);
    const sentAt = Math.floor(Date.now() / 1000);
    const outcome = await adapter.send(s.db, message(s));
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    const request = endpoint.received.at(-1)!;
    assert.equal(request.path, '/push/g');
    assert.equal(request.headers['content-encoding'], 'aes128gcm');
    assert.equal(request.headers.ttl, '3600');
    assert.equal(request.headers.urgency, 'high');

    const payload = JSON.parse(decryptAes128gcm(request.body, browser)) as PushPayload;
    assert.deepEqual(payload, {
      title: 'Ihre Bestellung ist unterwegs',
      body: 'Falafel-Teller, noch 10 Minuten — guten Appetit!',
      url: 'https://shop.example/orders/7',
      deliveryId: 42,
      token: deliveryToken(s.tenant.secret, s.tenant.id, 42),
      tag: 'cmp-reminder',
    });
    const stranger = browserSubscription(browser.endpoint);
    assert.throws(() => decryptAes128gcm(request.body, stranger), 'only the subscribed browser can read it');

    const claims = verifyVapid(request.headers.authorization);
    const { json: key } = await call<PushKeyResponse>(s.app, 'GET', '/v1/push/key', { writeKey: s.tenant.writeKey });
    assert.equal(claims.publicKey, key.publicKey, 'signed by the key the browser subscribed with');
    assert.equal(claims.aud, endpoint.origin);
    assert.equal(claims.sub, 'mailto:ops@shop.example');
    assert.ok(claims.exp > sentAt && claims.exp <= sentAt + 24 * 60 * 60, 'expires within 24 h (RFC 8292)');
  });

  it('sends to every browser of the recipient; a low-urgency topic says so', async () => {
    const s = await pushSetup();
    await decide(s, { push: true });
    const phone = browserSubscription(`${endpoint.origin}/push/phone`);
    const laptop = browserSubscription(`${endpoint.origin}/push/laptop`);
    await subscribe(s, phone);
    await subscribe(s, laptop);
    endpoint.answer(201);
    const before = endpoint.received.length;
    const outcome = await createPushAdapter().send(s.db, message(s, { topic: 'promotions', url: undefined }));
    assert.equal(outcome.ok, true);
    const requests = endpoint.received.slice(before);
    assert.deepEqual(requests.map((r) => r.path).sort(), ['/push/laptop', '/push/phone']);
    for (const request of requests) {
      assert.equal(request.headers.urgency, 'low');
      const browser = request.path === '/push/phone' ? phone : laptop;
      const payload = JSON.parse(decryptAes128gcm(request.body, browser)) as PushPayload;
      assert.equal(payload.url, undefined);
      assert.equal(payload.deliveryId, 42);
    }
  });

  it('a 410 from the push service removes the subscription and reports the recipient not reachable', async () => {
    const s = await pushSetup();
    await decide(s, { push: true });
    await subscribe(s, browserSubscription(`${endpoint.origin}/push/h`));
    endpoint.answer(410);
    const adapter = createPushAdapter();
    const outcome = await adapter.send(s.db, message(s));
    endpoint.answer(201);
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && !outcome.retry && /not reachable/.test(outcome.reason), JSON.stringify(outcome));
    assert.deepEqual(await stored(s), []);
    assert.equal(await adapter.reachable(s.db, s.tenant.id, 'a:anon-1'), false);
  });

  it('429 and 5xx are retried later and keep the subscription; a refused request is not retried', async () => {
    const s = await pushSetup();
    await decide(s, { push: true });
    await subscribe(s, browserSubscription(`${endpoint.origin}/push/i`));
    const adapter = createPushAdapter();
    for (const status of [429, 500, 503]) {
      endpoint.answer(status, status === 429 ? { 'retry-after': '30' } : {});
      const outcome = await adapter.send(s.db, message(s));
      assert.ok(!outcome.ok && outcome.retry, `${status}: ${JSON.stringify(outcome)}`);
      assert.match(outcome.ok ? '' : outcome.reason, new RegExp(String(status)));
    }
    endpoint.answer(400);
    const refused = await adapter.send(s.db, message(s));
    endpoint.answer(201);
    assert.ok(!refused.ok && !refused.retry, JSON.stringify(refused));
    assert.equal((await stored(s)).length, 1);
  });

  it('an endpoint that does not answer is retried', async () => {
    const s = await pushSetup();
    await decide(s, { push: true });
    const closed = await startPushEndpoint();
    await closed.close();
    await subscribe(s, browserSubscription(`${closed.origin}/push/j`));
    const outcome = await createPushAdapter({ timeoutMs: 2000 }).send(s.db, message(s));
    assert.ok(!outcome.ok && outcome.retry, JSON.stringify(outcome));
  });

  it('a body too long for one push message is shortened to fit', () => {
    const long = 'ق'.repeat(5000);
    const json = pushPayloadJson({ title: 'T', body: long, deliveryId: 1, token: 'AAAAAAAAAAAAAAAAAAAAAA' });
    assert.ok(Buffer.byteLength(json) <= 3800);
    const parsed = JSON.parse(json) as PushPayload;
    assert.ok(parsed.body.endsWith('…') && parsed.body.length > 1000);
  });
});

describe('POST /v1/messages/:deliveryId/opened|clicked', () => {
  async function delivery(s: Setup): Promise<number> {
    const row = await s.db.get<{ id: number }>(
      `INSERT INTO message_deliveries (tenant_id, job_id, campaign_id, recipient, channel, holdout, sent_at)
       VALUES (?, 1, 'cmp', 'a:anon-1', 'push', 0, ?) RETURNING id`,
      [s.tenant.id, new Date(T0).toISOString()],
    );
    return row!.id;
  }
  const stamps = (s: Setup, id: number) =>
    s.db.get<{ opened_at: string | null; clicked_at: string | null }>(
      'SELECT opened_at, clicked_at FROM message_deliveries WHERE id = ?',
      [id],
    );

  const token = (s: Setup, id: number) => deliveryToken(s.tenant.secret, s.tenant.id, id);

  it('stamps the first open and click; a click counts as an open', async () => {
    const s = await pushSetup();
    const id = await delivery(s);
    const clicked = await call(s.app, 'POST', `/v1/messages/${id}/clicked?token=${token(s, id)}`, {
      writeKey: s.tenant.writeKey,
    });
    assert.equal(clicked.res.status, 204);
    const first = new Date(T0).toISOString();
    assert.deepEqual(await stamps(s, id), { opened_at: first, clicked_at: first });
    s.advance(60_000);
    await call(s.app, 'POST', `/v1/messages/${id}/opened?writeKey=${s.tenant.writeKey}&token=${token(s, id)}`);
    assert.deepEqual(await stamps(s, id), { opened_at: first, clicked_at: first }, 'the first time counts');
  });

  it('refuses a beacon without its delivery’s token, or with another’s, naming the field', async () => {
    const s = await pushSetup();
    const id = await delivery(s);
    const other = await delivery(s);
    const forged = [
      ['', 400],
      [token(s, other), 403],
      [deliveryToken('sk_guessed', s.tenant.id, id), 403],
      ['not-a-token', 403],
    ] as const;
    for (const [given, status] of forged) {
      const query = given === '' ? '' : `?token=${encodeURIComponent(given)}`;
      const res = await call(s.app, 'POST', `/v1/messages/${id}/clicked${query}`, { writeKey: s.tenant.writeKey });
      assert.equal(res.res.status, status, given);
      assert.equal(res.json.error.field, 'token');
    }
    assert.deepEqual(await stamps(s, id), { opened_at: null, clicked_at: null }, 'nothing stamped');
  });

  it('another tenant’s delivery, an unknown one and a bad id are refused in JSON', async () => {
    const s = await pushSetup();
    const id = await delivery(s);
    const other = await createTenant(s.db, { name: 'Other', origins: ['https://other.example'] });
    // Even with the right token: the delivery is not the other tenant's (and its secret signs nothing of ours).
    const foreign = await call(s.app, 'POST', `/v1/messages/${id}/opened?token=${token(s, id)}`, {
      writeKey: other.writeKey,
    });
    assert.equal(foreign.res.status, 403);
    assert.equal(foreign.json.error.field, 'token');
    const unknown = 999_999;
    const missing = await call(s.app, 'POST', `/v1/messages/${unknown}/opened?token=${token(s, unknown)}`, {
      writeKey: s.tenant.writeKey,
    });
    assert.equal(missing.res.status, 404);
    assert.equal(missing.json.error.field, 'deliveryId');
    assert.deepEqual(await stamps(s, id), { opened_at: null, clicked_at: null });
    const bad = await call(s.app, 'POST', '/v1/messages/abc/opened', { writeKey: s.tenant.writeKey });
    assert.equal(bad.res.status, 400);
    assert.equal(bad.json.error.field, 'deliveryId');
    const event = await call(s.app, 'POST', `/v1/messages/${id}/liked`, { writeKey: s.tenant.writeKey });
    assert.equal(event.res.status, 404);
    assert.equal(event.json.error.field, 'event');
  });
});

describe('a campaign’s push through the queue and the dispatcher’s checks', () => {
  async function campaignSetup() {
    const s = await pushSetup();
    await decide(s, { push: true });
    const doc = defaultPreferences();
    doc.notifications.channels.push.promotions = true;
    const prefs = await call(s.app, 'PUT', '/v1/preferences?anonymousId=anon-1', {
      writeKey: s.tenant.writeKey,
      body: doc,
      headers: { 'if-match': '*' },
    });
    assert.equal(prefs.res.status, 200);
    const iso = new Date(T0).toISOString();
    const campaign: Campaign = {
      id: 'spring',
      name: 'Spring menu',
      topic: 'promotions',
      trigger: { kind: 'once' },
      audience: [],
      content: { de: { title: 'Frühling, {firstName}!', body: 'Neu: {dish}', url: 'https://shop.example/menu' } },
      channels: ['push'],
      frequencyCap: { sends: 10, days: 7 },
      holdout: 0,
      status: 'running',
      createdAt: iso,
      updatedAt: iso,
    };
    await s.db.run(
      'INSERT INTO campaigns (tenant_id, id, doc, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      [s.tenant.id, campaign.id, JSON.stringify(campaign), campaign.status, iso, iso],
    );
    const { id } = await enqueueMessage(
      s.db,
      {
        tenantId: s.tenant.id,
        campaignId: 'spring',
        recipient: 'a:anon-1',
        topic: 'promotions',
        idempotencyKey: 'spring:a:anon-1',
        payload: { fields: { firstName: 'Lina', dish: 'Falafel' } },
        runAt: iso,
      },
      T0,
    );
    const dispatch = () => dispatchDue(s.db, { workerId: 'test', now: () => T0 + 1000, random: () => 0.5 });
    return { s, jobId: id, dispatch };
  }

  it('arrives decrypted at the browser, and its click is counted on the delivery', async () => {
    const { s, jobId, dispatch } = await campaignSetup();
    const browser = browserSubscription(`${endpoint.origin}/push/campaign`);
    await subscribe(s, browser);
    endpoint.answer(201);
    const before = endpoint.received.length;
    const counts = await dispatch();
    assert.equal(counts.sent, 1, JSON.stringify(counts));
    const [request] = endpoint.received.slice(before);
    const payload = JSON.parse(decryptAes128gcm(request!.body, browser)) as PushPayload;
    assert.deepEqual(
      [payload.title, payload.body, payload.url, payload.tag],
      ['Frühling, Lina!', 'Neu: Falafel', 'https://shop.example/menu', 'spring'],
    );
    assert.equal(request!.headers.urgency, 'low');
    assert.equal((await readJob(s.db, jobId))?.status, 'sent');
    const delivery = await s.db.get<{ id: number; channel: string }>(
      'SELECT id, channel FROM message_deliveries WHERE id = ?',
      [payload.deliveryId],
    );
    assert.equal(delivery?.channel, 'push');
    // What matbakh-sw.js sends when the notification is clicked: the delivery's token came with the payload.
    assert.equal(payload.token, deliveryToken(s.tenant.secret, s.tenant.id, payload.deliveryId));
    const clicked = await call(s.app, 'POST', `/v1/messages/${payload.deliveryId}/clicked?token=${payload.token}`, {
      writeKey: s.tenant.writeKey,
    });
    assert.equal(clicked.res.status, 204);
    const stamped = await s.db.get<{ clicked_at: string | null }>(
      'SELECT clicked_at FROM message_deliveries WHERE id = ?',
      [payload.deliveryId],
    );
    assert.ok(stamped?.clicked_at);
  });

  it('an expired subscription (410) is removed and the send is not retried', async () => {
    const { s, jobId, dispatch } = await campaignSetup();
    await subscribe(s, browserSubscription(`${endpoint.origin}/push/expired`));
    endpoint.answer(410);
    const counts = await dispatch();
    endpoint.answer(201);
    assert.equal(counts.sent, 0, JSON.stringify(counts));
    assert.deepEqual(await stored(s), []);
    const job = await readJob(s.db, jobId);
    assert.equal(job?.status, 'dead', JSON.stringify(job));
    assert.match(job?.reason ?? '', /not reachable/);
  });
});

describe('push consent given on a device before signing in (one person, two ids)', () => {
  const USER = 'lina';
  const DEVICE = 'device-1';

  async function signedInSetup() {
    const s = await pushSetup();
    const userHash = userHashFor(s.tenant.secret, USER);
    const signedIn = { anonymousId: DEVICE, userId: USER, userHash };
    const doc = defaultPreferences();
    doc.notifications.channels.push.promotions = true;
    doc.notifications.maxPerDay = 50;
    const prefs = await call(s.app, 'PUT', `/v1/preferences?${new URLSearchParams(signedIn)}`, {
      writeKey: s.tenant.writeKey,
      body: doc,
      headers: { 'if-match': '*' },
    });
    assert.equal(prefs.res.status, 200);
    const decideAs = async (who: Record<string, string>, push: boolean) => {
      const { res } = await call(s.app, 'POST', '/v1/consent', {
        writeKey: s.tenant.writeKey,
        body: consentRecord({ ...who, channels: { push }, action: 'custom' }),
      });
      assert.equal(res.status, 201);
    };
    let sends = 0;
    const pushOne = async () => {
      sends++;
      await sendAutomation(
        s.db,
        {
          tenantId: s.tenant.id,
          recipient: `u:${USER}`,
          topic: 'promotions',
          content: { de: { title: `Angebot ${sends}`, body: 'Heute −10 %' } },
          channels: ['push'],
          idempotencyKey: `offer-${sends}`,
        },
        T0,
      );
      const counts = await dispatchDue(s.db, { workerId: 'test', now: () => T0 + 1000, random: () => 0.5 });
      const job = await s.db.get<{ status: string; reason: string | null }>(
        'SELECT status, reason FROM message_jobs WHERE idempotency_key LIKE ?',
        [`%offer-${sends}`],
      );
      return { sent: counts.sent, job };
    };
    return { s, signedIn, decideAs, pushOne };
  }

  it('the grant counts for the signed-in user once a request proves the device is theirs; a later withdrawal under either id wins', async () => {
    const { s, signedIn, decideAs, pushOne } = await signedInSetup();
    // Anonymous on the device: the privacy center's push switch on.
    await decideAs({ anonymousId: DEVICE }, true);
    // Nothing ties the device to the user yet: no decision speaks for u:lina.
    assert.equal(await latestChannelConsent(s.db, s.tenant.id, `u:${USER}`), undefined);

    // Signed in, the page subscribes: the route accepts on the device's grant, and now so does the dispatcher.
    const browser = browserSubscription(`${endpoint.origin}/push/signed-in`);
    const subscribed = await call(s.app, 'POST', SUBSCRIPTIONS, {
      writeKey: s.tenant.writeKey,
      body: { ...signedIn, endpoint: browser.endpoint, keys: browser.keys, expirationTime: null },
    });
    assert.equal(subscribed.res.status, 201);
    assert.deepEqual(await stored(s), [{ endpoint: browser.endpoint, recipient: `u:${USER}` }]);
    endpoint.answer(201);
    const before = endpoint.received.length;
    assert.deepEqual(await pushOne(), { sent: 1, job: { status: 'sent', reason: null } });
    const payload = JSON.parse(decryptAes128gcm(endpoint.received[before]!.body, browser)) as PushPayload;
    assert.equal(payload.title, 'Angebot 1');

    // Signed out again, the device withdraws push: newer than the grant, so it wins for the user too.
    await decideAs({ anonymousId: DEVICE }, false);
    assert.deepEqual(await pushOne(), {
      sent: 0,
      job: { status: 'skipped', reason: 'no consented channel for promotions' },
    });

    // Signed in, the user grants push again: the newest decision, under the user's id, wins.
    await decideAs(signedIn, true);
    assert.equal((await pushOne()).sent, 1);
    // And a withdrawal under the user's id wins over the device's older grant.
    await decideAs({ anonymousId: DEVICE }, true);
    await decideAs(signedIn, false);
    assert.equal((await pushOne()).sent, 0);
  });

  it('another device of someone else stays out, and an erasure forgets the link', async () => {
    const { s, signedIn, decideAs } = await signedInSetup();
    // A grant on a device the user was never proven to use does not count for them.
    await decideAs({ anonymousId: 'someone-elses-phone' }, true);
    assert.equal(await latestChannelConsent(s.db, s.tenant.id, `u:${USER}`), undefined);
    await decideAs({ anonymousId: DEVICE }, true);
    const inbox = await call(s.app, 'GET', `/v1/inbox?${new URLSearchParams(signedIn)}`, {
      writeKey: s.tenant.writeKey,
    });
    assert.equal(inbox.res.status, 200);
    assert.deepEqual(await latestChannelConsent(s.db, s.tenant.id, `u:${USER}`), { push: true });

    const erased = await call(s.app, 'POST', '/v1/privacy/erase', { writeKey: s.tenant.writeKey, body: signedIn });
    assert.equal(erased.res.status, 200);
    const links = await s.db.all('SELECT user_id FROM subject_links WHERE tenant_id = ?', [s.tenant.id]);
    assert.deepEqual(links, []);
  });
});
