import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Campaign,
  type ChannelId,
  defaultPreferences,
  type NotificationPreferences,
  type PreferencesDocument,
  type PrivacyExport,
} from '@matbakh/contract';
import { appendConsent } from '../src/consent.ts';
import type { ChannelAdapter, OutgoingMessage } from '../src/messaging/channel.ts';
import { inAppChannel } from '../src/messaging/channels/in-app.ts';
import { type DispatchOptions, dispatchDue, inHoldout } from '../src/messaging/dispatcher.ts';
import { enqueueMessage, type NewJob, readJob } from '../src/messaging/queue.ts';
import { call, consentRecord, postBatch, type Setup, setup, T0, track } from './helpers.ts';

const at = (text: string) => Date.parse(text);
const iso = (ms: number) => new Date(ms).toISOString();

/** An e-mail channel that records what it was given (the real one is messaging/channels/email.ts). */
function recordingChannel(id: ChannelId, fail?: { retry: boolean }): ChannelAdapter & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    id,
    sent,
    reachable: async () => true,
    send: async (_db, message) => {
      if (fail) return { ok: false, retry: fail.retry, reason: 'provider said no' };
      sent.push(message);
      return { ok: true };
    },
  };
}

async function giveConsent(s: Setup, anonymousId: string, channels: Partial<Record<ChannelId, boolean>>) {
  const { res } = await call(s.app, 'POST', '/v1/consent', {
    writeKey: s.tenant.writeKey,
    body: consentRecord({ anonymousId, channels, source: 'center', action: 'custom' }),
  });
  assert.equal(res.status, 201);
}

async function setNotifications(s: Setup, anonymousId: string, change: (n: NotificationPreferences) => void) {
  const doc: PreferencesDocument = defaultPreferences();
  change(doc.notifications);
  const { res } = await call(s.app, 'PUT', `/v1/preferences?anonymousId=${anonymousId}`, {
    writeKey: s.tenant.writeKey,
    body: doc,
    headers: { 'if-match': '*' },
  });
  assert.equal(res.status, 200);
}

async function addCampaign(s: Setup, over: Partial<Campaign> = {}): Promise<Campaign> {
  const campaign: Campaign = {
    id: 'spring',
    name: 'Spring menu',
    topic: 'promotions',
    trigger: { kind: 'once' },
    audience: [],
    content: {
      de: { title: 'Frühling, {firstName}!', body: 'Neu: {dish}', url: 'https://shop.example/menu?d={dish}' },
      en: { title: 'Spring, {firstName}!', body: 'New: {dish}' },
    },
    channels: ['in_app'],
    frequencyCap: { sends: 10, days: 7 },
    holdout: 0,
    status: 'running',
    createdAt: iso(T0),
    updatedAt: iso(T0),
    ...over,
  };
  await s.db.run(
    'INSERT INTO campaigns (tenant_id, id, doc, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    [s.tenant.id, campaign.id, JSON.stringify(campaign), campaign.status, campaign.createdAt, campaign.updatedAt],
  );
  return campaign;
}

const job = (s: Setup, recipient: string, over: Partial<NewJob> = {}): NewJob => ({
  tenantId: s.tenant.id,
  campaignId: 'spring',
  recipient,
  topic: 'promotions',
  idempotencyKey: `spring:${recipient}:once`,
  payload: { fields: { firstName: 'Lina', dish: 'Falafel' } },
  runAt: iso(T0),
  ...over,
});

const inbox = (s: Setup, recipient: string) =>
  s.db.all<{ title: string; created_at: string; delivery_id: number }>(
    'SELECT title, created_at, delivery_id FROM inbox_items WHERE tenant_id = ? AND recipient = ? ORDER BY id',
    [s.tenant.id, recipient],
  );

const dispatch = (s: Setup, now: number, options: Partial<DispatchOptions> = {}) =>
  dispatchDue(s.db, { workerId: 'test', now: () => now, random: () => 0.5, ...options });

/** A subject who allows promotions in the app and by e-mail, with a consent for both. */
async function reachableGuest(s: Setup, anonymousId: string, change: (n: NotificationPreferences) => void = () => {}) {
  await giveConsent(s, anonymousId, { in_app: true, email: true });
  await setNotifications(s, anonymousId, (n) => {
    n.channels.in_app.promotions = true;
    n.channels.email.promotions = true;
    change(n);
  });
}

describe('dispatcher: send-time checks on real rows', () => {
  it('a reminder due inside quiet hours is delivered at the window’s end, not dropped', async () => {
    const s = await setup();
    await addCampaign(s);
    await reachableGuest(s, 'night-owl', (n) => {
      n.quietHours = { start: '22:00', end: '07:00' };
    });
    // 23:30 in Berlin (the tenant default zone; no contact row)
    const due = at('2025-03-01T22:30:00Z');
    const { id } = await enqueueMessage(s.db, job(s, 'a:night-owl', { runAt: iso(due) }), T0);
    assert.equal((await dispatch(s, due)).deferred, 1);
    const deferred = await readJob(s.db, id);
    assert.deepEqual(
      [deferred?.status, deferred?.runAt, deferred?.reason],
      ['queued', '2025-03-02T06:00:00.000Z', 'quiet hours'],
    );
    assert.equal((await dispatch(s, at('2025-03-02T05:59:59Z'))).claimed, 0, 'nothing before 07:00 local');
    assert.equal((await dispatch(s, at('2025-03-02T06:00:00Z'))).sent, 1);
    const items = await inbox(s, 'a:night-owl');
    assert.deepEqual(
      items.map((i) => [i.title, i.created_at]),
      [['Frühling, Lina!', '2025-03-02T06:00:00.000Z']],
    );
    assert.equal((await readJob(s.db, id))?.status, 'sent');
  });

  it('a recipient at the daily cap gets the next message the next (local) day', async () => {
    const s = await setup();
    await addCampaign(s);
    await reachableGuest(s, 'busy', (n) => {
      n.maxPerDay = 2;
    });
    for (const n of [1, 2, 3]) {
      await enqueueMessage(s.db, job(s, 'a:busy', { idempotencyKey: `spring:a:busy:${n}`, runAt: iso(T0 + n) }), T0);
    }
    const first = await dispatch(s, T0 + 10);
    assert.deepEqual([first.sent, first.deferred], [2, 1]);
    assert.equal((await inbox(s, 'a:busy')).length, 2);
    // Midnight in Berlin is 23:00 UTC in March
    assert.equal((await dispatch(s, at('2025-03-01T22:59:59Z'))).claimed, 0);
    assert.equal((await dispatch(s, at('2025-03-01T23:00:00Z'))).sent, 1);
    assert.deepEqual(
      (await inbox(s, 'a:busy')).map((i) => i.created_at),
      [iso(T0 + 10), iso(T0 + 10), '2025-03-01T23:00:00.000Z'],
    );
  });

  it('withdrawing e-mail consent in the privacy center cancels the queued e-mail; other channels still go', async () => {
    const s = await setup();
    await addCampaign(s, { id: 'mail', channels: ['email'] });
    await addCampaign(s, { id: 'either', channels: ['email', 'in_app'] });
    await reachableGuest(s, 'leaver');
    const tomorrow = T0 + 86_400_000;
    const mail = await enqueueMessage(
      s.db,
      job(s, 'a:leaver', { campaignId: 'mail', idempotencyKey: 'mail:1', runAt: iso(tomorrow) }),
      T0,
    );
    const either = await enqueueMessage(
      s.db,
      job(s, 'a:leaver', { campaignId: 'either', idempotencyKey: 'either:1', runAt: iso(tomorrow) }),
      T0,
    );
    await giveConsent(s, 'leaver', { in_app: true, email: false });
    const cancelled = await readJob(s.db, mail.id);
    assert.deepEqual([cancelled?.status, cancelled?.reason], ['cancelled', 'consent withdrawn: email']);
    const email = recordingChannel('email');
    const counts = await dispatch(s, tomorrow, { adapters: [inAppChannel, email] });
    assert.deepEqual([counts.claimed, counts.sent], [1, 1]);
    assert.equal(email.sent.length, 0, 'no e-mail after the withdrawal');
    assert.equal((await readJob(s.db, either.id))?.channel, 'in_app');
  });

  it('checks consent again at send time: a channel refused after queueing is not used', async () => {
    const s = await setup();
    await addCampaign(s, { channels: ['email'] });
    await reachableGuest(s, 'late-no');
    const { id } = await enqueueMessage(s.db, job(s, 'a:late-no', { payload: { channels: ['email'] } }), T0);
    // Recorded straight in the ledger (as an import does), so no cancellation ran: the dispatcher must still refuse.
    const record = consentRecord({ anonymousId: 'late-no', channels: { email: false } }) as never;
    await appendConsent(s.db, s.tenant.id, { anonymousId: 'late-no' }, record, T0);
    const email = recordingChannel('email');
    assert.equal((await dispatch(s, T0, { adapters: [email] })).skipped, 1);
    assert.equal(email.sent.length, 0);
    assert.match((await readJob(s.db, id))?.reason ?? '', /no consented channel/);
  });

  it('renders the recipient’s locale with fields as text and a sanitised link; the campaign’s frequency cap skips', async () => {
    const s = await setup();
    await addCampaign(s, {
      channels: ['email'],
      frequencyCap: { sends: 1, days: 7 },
      content: { en: { title: 'Hi {firstName}', body: '{dish}', url: 'javascript:alert({dish})' } },
    });
    await reachableGuest(s, 'eng');
    await postBatch(
      s.app,
      {
        batch: [
          track({
            type: 'identify',
            anonymousId: 'eng',
            traits: { locale: 'en-GB', email: 'eng@example.com' },
            context: { timezone: 'Asia/Riyadh' },
          }),
        ],
      },
      { writeKey: s.tenant.writeKey },
    );
    const email = recordingChannel('email');
    const html = '<img src=x onerror=alert(1)>';
    await enqueueMessage(s.db, job(s, 'a:eng', { payload: { fields: { firstName: html, dish: 'Foul' } } }), T0);
    await enqueueMessage(s.db, job(s, 'a:eng', { idempotencyKey: 'second' }), T0);
    const counts = await dispatch(s, T0, { adapters: [email], concurrency: 1 });
    assert.deepEqual([counts.sent, counts.skipped], [1, 1]);
    const [message] = email.sent;
    assert.equal(message?.locale, 'en');
    assert.equal(message?.title, `Hi ${html}`, 'fields are text: the adapter escapes for its medium');
    assert.equal(message?.url, undefined, 'a javascript: link is dropped');
    const skipped = await s.db.get<{ reason: string }>(
      "SELECT reason FROM message_jobs WHERE idempotency_key = 'second'",
    );
    assert.equal(skipped?.reason, 'frequency cap: 1 per 7 days');
  });

  it('fills the recipient’s own fields at send time (name, favourite dish, days since the last order); the queue holds none', async () => {
    const s = await setup();
    await addCampaign(s, {
      content: {
        de: { title: 'Hallo {firstName}', body: 'Wieder {dish}? {daysSinceLastOrder} Tage, {orders} Bestellungen' },
      },
    });
    await reachableGuest(s, 'fav');
    await s.db.run(
      `INSERT INTO catalog_items (tenant_id, id, kind, restaurant_id, region, data, created_at, updated_at)
       VALUES (?, 'd-7', 'dish', NULL, NULL, ?, ?, ?)`,
      [s.tenant.id, JSON.stringify({ id: 'd-7', kind: 'dish', name: 'Falafel-Teller' }), iso(T0), iso(T0)],
    );
    const order = (day: number, ids: string[]) =>
      track({
        anonymousId: 'fav',
        event: 'Order Completed',
        timestamp: iso(T0 - day * 86_400_000),
        properties: { revenue: 12, products: ids.map((product_id) => ({ product_id })) },
      });
    const identify = track({ type: 'identify', anonymousId: 'fav', traits: { name: 'Lina Haddad' } });
    await postBatch(
      s.app,
      { batch: [identify, order(9, ['d-7', 'd-2']), order(5, ['d-2']), order(3, ['d-7'])] },
      {
        writeKey: s.tenant.writeKey,
      },
    );
    await enqueueMessage(s.db, job(s, 'a:fav', { payload: {} }), T0);
    const stored = await s.db.get<{ payload: string }>('SELECT payload FROM message_jobs WHERE recipient = ?', [
      'a:fav',
    ]);
    assert.equal(stored?.payload, '{}', 'no personal data waits in the queue');
    assert.deepEqual((await dispatch(s, T0)).sent, 1);
    const [item] = await s.db.all<{ title: string; body: string }>(
      'SELECT title, body FROM inbox_items WHERE recipient = ?',
      ['a:fav'],
    );
    assert.equal(item?.title, 'Hallo Lina');
    assert.equal(item?.body, 'Wieder Falafel-Teller? 3 Tage, 3 Bestellungen');
  });

  it('retries a transient failure on the same delivery row, dead-letters after the last attempt', async () => {
    const s = await setup();
    await addCampaign(s, { channels: ['email'] });
    await reachableGuest(s, 'flaky');
    const { id } = await enqueueMessage(s.db, job(s, 'a:flaky'), T0);
    const down = recordingChannel('email', { retry: true });
    let now = T0;
    for (let attempt = 1; attempt <= 3; attempt++) {
      await dispatch(s, now, { adapters: [down], maxAttempts: 3 });
      const stored = await readJob(s.db, id);
      const rows = await s.db.all('SELECT id FROM message_deliveries WHERE job_id = ?', [id]);
      if (attempt < 3) {
        assert.equal(stored?.status, 'queued');
        assert.equal(rows.length, 1, 'one delivery row across retries');
        now = Date.parse(stored!.runAt);
      } else {
        assert.equal(stored?.status, 'dead');
        assert.equal(stored?.reason, 'email: provider said no (after 3 attempts)');
        assert.equal(rows.length, 0, 'never delivered: no send in the funnel');
      }
    }
  });

  it('records sends while the claim runs (every 16), so a crash repeats a few, not a whole claim', async () => {
    const s = await setup();
    await addCampaign(s, { channels: ['email'] });
    const recordedAtSend: number[] = [];
    const email: ChannelAdapter = {
      id: 'email',
      reachable: async () => true,
      send: async () => {
        const row = await s.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM message_jobs WHERE status = 'sent'");
        recordedAtSend.push(Number(row?.n));
        return { ok: true };
      },
    };
    for (let n = 0; n < 20; n++) {
      await reachableGuest(s, `guest-${n}`);
      await enqueueMessage(s.db, job(s, `a:guest-${n}`), T0);
    }
    const counts = await dispatch(s, T0, { adapters: [email], batch: 100, concurrency: 1 });
    assert.equal(counts.sent, 20);
    // The 17th send sees the first 16 recorded as sent; the last 4 are recorded when the claim ends.
    assert.deepEqual([recordedAtSend[15], recordedAtSend[16], recordedAtSend[19]], [0, 16, 16]);
  });

  it('keeps a deterministic holdout: a delivery row with holdout=1 and nothing sent', async () => {
    const s = await setup({ rateLimit: 0 });
    await addCampaign(s, { holdout: 0.5 });
    const guests = Array.from({ length: 30 }, (_, i) => `g${i}`);
    for (const g of guests) {
      await reachableGuest(s, g);
      await enqueueMessage(s.db, job(s, `a:${g}`), T0);
    }
    const counts = await dispatch(s, T0);
    const held = guests.filter((g) => inHoldout('spring', `a:${g}`, 0.5));
    assert.ok(held.length > 5 && held.length < 25, `about half held out (${held.length})`);
    assert.deepEqual([counts.holdout, counts.sent], [held.length, guests.length - held.length]);
    const rows = await s.db.all<{ recipient: string }>(
      'SELECT recipient FROM message_deliveries WHERE holdout = 1 AND channel IS NULL ORDER BY recipient',
    );
    assert.deepEqual(
      rows.map((r) => r.recipient),
      held.map((g) => `a:${g}`).sort(),
    );
    for (const g of held) assert.equal((await inbox(s, `a:${g}`)).length, 0);
  });

  it('export shows the subject’s messaging rows; erase deletes them and cancels what was queued', async () => {
    const s = await setup();
    await addCampaign(s);
    await reachableGuest(s, 'me');
    await postBatch(
      s.app,
      {
        batch: [
          track({ type: 'identify', anonymousId: 'me', traits: { email: 'me@example.com', phone: '+49 30 123456' } }),
        ],
      },
      { writeKey: s.tenant.writeKey },
    );
    await enqueueMessage(s.db, job(s, 'a:me'), T0);
    await enqueueMessage(s.db, job(s, 'a:me', { idempotencyKey: 'later', runAt: iso(T0 + 3_600_000) }), T0);
    await dispatch(s, T0);
    const sealed = await s.db.get<{ email: string }>('SELECT email FROM message_contacts WHERE recipient = ?', [
      'a:me',
    ]);
    assert.match(sealed?.email ?? '', /^sd1\./, 'e-mail sealed at rest');
    const exported = await call<PrivacyExport>(s.app, 'POST', '/v1/privacy/export', {
      writeKey: s.tenant.writeKey,
      body: { anonymousId: 'me' },
    });
    const messaging = exported.json.messaging;
    assert.equal(messaging?.inbox.length, 1);
    assert.deepEqual(
      messaging?.contacts.map((c) => [c.email, c.phone]),
      [['me@example.com', '+4930123456']],
    );
    assert.equal(messaging?.deliveries.length, 1);
    assert.deepEqual(messaging?.jobs.map((j) => j.status).sort(), ['queued', 'sent']);
    const erased = await call<{ erased: { messaging?: number } }>(s.app, 'POST', '/v1/privacy/erase', {
      writeKey: s.tenant.writeKey,
      body: { anonymousId: 'me' },
    });
    assert.equal(erased.json.erased.messaging, 5);
    for (const table of ['inbox_items', 'message_deliveries', 'message_contacts', 'message_jobs']) {
      const row = await s.db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE recipient = 'a:me'`);
      assert.equal(row?.n, 0, table);
    }
  });
});
