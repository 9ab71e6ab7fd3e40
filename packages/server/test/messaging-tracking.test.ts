import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { defaultPreferences, type PreferencesDocument } from '@matbakh/contract';
import { simpleParser } from 'mailparser';
import { messagingKpis } from '../src/messaging/campaign-results.ts';
import { sendAutomation } from '../src/messaging/campaigns-run.ts';
import { createEmailChannel, type EmailChannel } from '../src/messaging/channels/email.ts';
import { createWhatsAppChannel } from '../src/messaging/channels/whatsapp.ts';
import { deliveryToken } from '../src/messaging/delivery-token.ts';
import { dispatchDue } from '../src/messaging/dispatcher.ts';
import { call, consentRecord, postBatch, type Setup, setup, T0, track } from './helpers.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

const PUBLIC_URL = 'https://mb.example';
const TARGET = 'https://shop.example/menu?dish=falafel&utm=mail';
const APP_SECRET = 'whatsapp-app-secret';
const CONTENT = { de: { title: 'Neu: Falafel', body: 'Heute frisch.', url: TARGET } };

interface Delivery {
  id: number;
  delivered_at: string | null;
  opened_at: string | null;
  clicked_at: string | null;
}

/**
 * Opens and clicks of e-mail and WhatsApp messages (issue 19 item 5), through the real queue, dispatcher and
 * e-mail channel to a real SMTP server: the click redirect, the open pixel (analytics consent only) and the
 * WhatsApp status webhooks, all counted in the same funnel the KPI report reads.
 */
describe('e-mail and WhatsApp opens and clicks', () => {
  let s: Setup;
  let sink: SmtpSink;
  let email: EmailChannel;

  /** A guest with an address, e-mail consent (analytics as given) and promotions allowed by e-mail. */
  async function guest(device: string, analytics: boolean) {
    await postBatch(
      s.app,
      { batch: [track({ type: 'identify', anonymousId: device, traits: { email: `${device}@guest.example` } })] },
      { writeKey: s.tenant.writeKey },
    );
    const choices = { necessary: true, preferences: true, personalization: true, analytics, marketing: true };
    const consent = await call(s.app, 'POST', '/v1/consent', {
      writeKey: s.tenant.writeKey,
      body: consentRecord({ anonymousId: device, channels: { email: true }, choices, action: 'custom' }),
    });
    assert.equal(consent.res.status, 201);
    const doc: PreferencesDocument = defaultPreferences();
    doc.notifications.channels.email.promotions = true;
    const prefs = await call(s.app, 'PUT', `/v1/preferences?anonymousId=${device}`, {
      writeKey: s.tenant.writeKey,
      body: doc,
      headers: { 'if-match': '*' },
    });
    assert.equal(prefs.res.status, 200);
  }

  /** Queues, dispatches and receives one e-mail to `device`; answers the parsed mail and its delivery id. */
  async function mailTo(device: string) {
    const before = sink.count();
    await sendAutomation(
      s.db,
      {
        tenantId: s.tenant.id,
        recipient: `a:${device}`,
        topic: 'promotions',
        content: CONTENT,
        channels: ['email'],
        idempotencyKey: `offer:${device}`,
      },
      T0,
    );
    const counts = await dispatchDue(s.db, { workerId: 'test', now: () => T0, adapters: [email] });
    assert.equal(counts.sent, 1);
    await sink.received(before + 1);
    const mail = await simpleParser(sink.messages[before]!);
    const row = await s.db.get<{ id: number }>('SELECT id FROM message_deliveries WHERE recipient = ?', [
      `a:${device}`,
    ]);
    return { mail, deliveryId: Number(row!.id) };
  }

  const delivery = async (id: number) =>
    (await s.db.get<Delivery>('SELECT id, delivered_at, opened_at, clicked_at FROM message_deliveries WHERE id = ?', [
      id,
    ]))!;
  const get = (url: string) => s.app.request(url.replace(PUBLIC_URL, ''), { redirect: 'manual' });
  const clickLinkOf = (text: string) => /(https:\/\/mb\.example\/v1\/messages\/\d+\/click\?\S+)/.exec(text)?.[1];

  beforeEach(async () => {
    s = await setup({ whatsAppAppSecret: APP_SECRET });
    sink = await startSmtpSink();
    email = createEmailChannel(() => ({
      mail: { host: '127.0.0.1', port: sink.port, secure: false, from: 'news@falafel.example', maxConnections: 1 },
      publicUrl: PUBLIC_URL,
    }));
  });
  afterEach(async () => {
    email.close();
    await sink.close();
    await s.db.close();
  });

  test('an e-mail link counts its click once and redirects to the URL the content named', async () => {
    await guest('g1', false);
    const { mail, deliveryId } = await mailTo('g1');
    const link = clickLinkOf(mail.text ?? '');
    assert.ok(link, 'the text part carries the tracked link');
    assert.ok(String(mail.html).includes(link.replaceAll('&', '&amp;')), 'the HTML button carries it too');

    s.advance(60_000);
    const first = await get(link);
    assert.equal(first.status, 302);
    assert.equal(first.headers.get('location'), TARGET);
    assert.equal(first.headers.get('referrer-policy'), 'no-referrer');
    const clicked = await delivery(deliveryId);
    assert.equal(clicked.clicked_at, new Date(T0 + 60_000).toISOString());
    assert.equal(clicked.opened_at, clicked.clicked_at, 'a clicked message was opened');

    s.advance(60_000);
    const again = await get(link);
    assert.equal(again.status, 302);
    assert.equal((await delivery(deliveryId)).clicked_at, clicked.clicked_at, 'the first click counts, once');

    const kpis = await messagingKpis(s.db, s.tenant.id, { from: '2000-01-01', to: '2100-01-01' });
    const funnel = kpis.channels.find((c) => c.channel === 'email');
    assert.equal(funnel?.clicked, 1);
    assert.equal(funnel?.opened, 1);
  });

  test('a forged or altered link token is refused and counts nothing; only http(s) targets', async () => {
    await guest('g2', true);
    const { mail, deliveryId } = await mailTo('g2');
    const link = new URL(clickLinkOf(mail.text ?? '')!);
    const token = link.searchParams.get('token')!;

    const elsewhere = new URL(link);
    elsewhere.searchParams.set('u', 'https://evil.example/phish');
    const flipped = new URL(link);
    flipped.searchParams.set('token', `${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`);
    const otherDelivery = new URL(link);
    otherDelivery.pathname = `/v1/messages/${deliveryId + 1}/click`;
    for (const forged of [elsewhere, flipped, otherDelivery]) {
      const res = await get(forged.href);
      assert.equal(res.status, 403, forged.href);
      assert.equal(((await res.json()) as { error: { field: string } }).error.field, 'token');
      assert.equal(res.headers.get('location'), null);
    }
    const script = new URL(link);
    script.searchParams.set('u', 'javascript:alert(1)');
    const bad = await get(script.href);
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { field: string } }).error.field, 'u');
    assert.equal((await delivery(deliveryId)).clicked_at, null);
  });

  test('the open pixel is in the mail and counts only with analytics consent', async () => {
    await guest('with', true);
    await guest('without', false);
    const tracked = await mailTo('with');
    const untracked = await mailTo('without');

    const pixel = /<img src="([^"]+open\.gif[^"]*)"/.exec(String(tracked.mail.html))?.[1]?.replaceAll('&amp;', '&');
    assert.ok(pixel, 'the mail to a guest who allowed analytics carries the pixel');
    assert.doesNotMatch(String(untracked.mail.html), /open\.gif|<img/, 'no pixel without the consent');

    s.advance(1000);
    const opened = await get(pixel);
    assert.equal(opened.status, 200);
    assert.equal(opened.headers.get('content-type'), 'image/gif');
    assert.equal((await delivery(tracked.deliveryId)).opened_at, new Date(T0 + 1000).toISOString());

    // A pixel for the other delivery, built with its valid token: still nothing without the consent.
    const token = deliveryToken(s.tenant.secret, s.tenant.id, untracked.deliveryId);
    const res = await get(`/v1/messages/${untracked.deliveryId}/open.gif?tenant=${s.tenant.id}&token=${token}`);
    assert.equal(res.status, 200);
    assert.equal((await delivery(untracked.deliveryId)).opened_at, null);

    const forged = await get(`/v1/messages/${tracked.deliveryId}/open.gif?tenant=${s.tenant.id}&token=${token}`);
    assert.equal(forged.status, 403);
  });

  test('a WhatsApp message’s link goes through the same click redirect', async () => {
    const requests: { template: { components: { parameters: { text: string }[] }[] } }[] = [];
    const whatsapp = createWhatsAppChannel(
      () => ({ apiUrl: 'https://graph.example/v21.0', phoneNumberId: '123', token: 't', template: 'matbakh_message' }),
      {
        publicUrl: () => PUBLIC_URL,
        fetch: async (_url, init) => {
          requests.push(JSON.parse(String(init?.body)));
          return Response.json({ messages: [{ id: 'wamid.1' }] });
        },
      },
    );
    const sent = await whatsapp.send(s.db, {
      tenant: s.tenant,
      recipient: 'a:wa',
      deliveryId: 41,
      campaignId: 'offer',
      topic: 'promotions',
      locale: 'de',
      title: 'Neu',
      body: 'Heute frisch.',
      url: TARGET,
      known: { contact: { phone: '+4915112345678' }, openTracking: false },
    });
    assert.equal(sent.ok, true);
    const text = requests[0]!.template.components[0]!.parameters[1]!.text;
    const link = clickLinkOf(text);
    assert.ok(link, text);
    const res = await get(link);
    assert.equal(res.status, 302, 'the signed link verifies (no delivery 41: nothing counted, still redirected)');
    assert.equal(res.headers.get('location'), TARGET);
  });

  describe('WhatsApp status webhooks', () => {
    const sign = (body: string, secret = APP_SECRET) =>
      `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const statuses = (deliveryId: number, ...list: string[]) =>
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '1',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  statuses: list.map((status, i) => ({
                    id: `wamid.${i}`,
                    status,
                    timestamp: String(T0 / 1000 + 10 * (i + 1)),
                    recipient_id: '4915112345678',
                    biz_opaque_callback_data: `delivery:${deliveryId}`,
                  })),
                },
              },
            ],
          },
        ],
      });
    const post = (body: string, signature?: string) =>
      s.app.request('/v1/webhooks/whatsapp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
        body,
      });
    const whatsAppDelivery = async () => {
      const row = await s.db.get<{ id: number }>(
        `INSERT INTO message_deliveries (tenant_id, job_id, campaign_id, recipient, channel, holdout, sent_at)
         VALUES (?, 1, 'offer', 'a:wa', 'whatsapp', 0, ?) RETURNING id`,
        [s.tenant.id, new Date(T0).toISOString()],
      );
      return Number(row!.id);
    };

    test('delivered and read statuses stamp the delivery, once', async () => {
      const id = await whatsAppDelivery();
      const body = statuses(id, 'sent', 'delivered', 'read');
      const res = await post(body, sign(body));
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { received: 3, applied: 2 });
      const row = await delivery(id);
      assert.equal(row.delivered_at, new Date(T0 + 20_000).toISOString());
      assert.equal(row.opened_at, new Date(T0 + 30_000).toISOString());
      const repeat = statuses(id, 'read', 'read');
      assert.equal((await post(repeat, sign(repeat))).status, 200);
      assert.equal((await delivery(id)).opened_at, row.opened_at, 'a repeated status changes nothing');
    });

    test('a missing or wrong signature is 401 JSON and changes nothing; a malformed body is 400', async () => {
      const id = await whatsAppDelivery();
      const body = statuses(id, 'read');
      for (const signature of [undefined, sign(body, 'another-secret'), 'sha256=zz', sign(`${body} `)]) {
        const res = await post(body, signature);
        assert.equal(res.status, 401, String(signature));
        assert.equal(((await res.json()) as { error: { field: string } }).error.field, 'X-Hub-Signature-256');
      }
      assert.equal((await delivery(id)).opened_at, null);
      const broken = '{"entry": [';
      assert.equal((await post(broken, sign(broken))).status, 400);
      const shapeless = '{"entry": 5}';
      assert.equal((await post(shapeless, sign(shapeless))).status, 400);
    });
  });
});

test('without an app secret configured the webhook refuses every call (401)', async () => {
  const s = await setup();
  try {
    const body = '{"entry":[]}';
    const res = await s.app.request('/v1/webhooks/whatsapp', {
      method: 'POST',
      headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', '').update(body).digest('hex')}` },
      body,
    });
    assert.equal(res.status, 401);
  } finally {
    await s.db.close();
  }
});
