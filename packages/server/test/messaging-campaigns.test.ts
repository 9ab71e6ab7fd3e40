import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Campaign, defaultPreferences, type NotificationPreferences } from '@matbakh/contract';
import { appendConsent } from '../src/consent.ts';
import type { Db } from '../src/db.ts';
import { matches } from '../src/messaging/audience.ts';
import { runTriggers, sendAutomation, usualInterval } from '../src/messaging/campaigns-run.ts';
import { contactFrom } from '../src/messaging/contacts.ts';
import { dispatchDue } from '../src/messaging/dispatcher.ts';
import { writePreferences } from '../src/preferences-store.ts';
import { createTenant, type Tenant } from '../src/tenants.ts';
import { consentRecord, insertEvent, openTestDb } from './helpers.ts';

const DAY = 86_400_000;
const at = (text: string) => Date.parse(text);
const iso = (ms: number) => new Date(ms).toISOString();
let seq = 0;

interface World {
  db: Db;
  tenant: Tenant;
}

async function world(): Promise<World> {
  const db = await openTestDb();
  const tenant = await createTenant(db, { name: 'Campaigns', origins: ['https://shop.example'] });
  return { db, tenant };
}

/** A subject (`a:<id>` or `u:<id>`) with consent for the app and the given topics allowed there. */
async function subscriber(w: World, key: string, change: (n: NotificationPreferences) => void) {
  const id = key.slice(2);
  const subject = key.startsWith('u:') ? { anonymousId: `dev-${id}`, userId: id } : { anonymousId: id };
  await appendConsent(
    w.db,
    w.tenant.id,
    subject,
    consentRecord({ ...subject, channels: { in_app: true } }) as never,
    0,
  );
  const doc = defaultPreferences();
  change(doc.notifications);
  const written = await writePreferences(w.db, w.tenant.id, key, '*', () => ({ ok: true, value: doc }), 0);
  assert.ok(written.ok);
}

async function addCampaign(w: World, campaign: Partial<Campaign> & Pick<Campaign, 'id' | 'trigger'>) {
  const full: Campaign = {
    name: campaign.id,
    topic: 'promotions',
    audience: [],
    content: { de: { title: 'Hallo', body: 'Text' } },
    channels: ['in_app'],
    frequencyCap: { sends: 5, days: 7 },
    holdout: 0,
    status: 'running',
    createdAt: iso(0),
    updatedAt: iso(0),
    ...campaign,
  };
  await w.db.run(
    'INSERT INTO campaigns (tenant_id, id, doc, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    [w.tenant.id, full.id, JSON.stringify(full), full.status, full.createdAt, full.updatedAt],
  );
}

function event(
  w: World,
  row: { type?: string; event?: string; userId?: string; anonymousId?: string; at: number; payload?: unknown },
) {
  const time = iso(row.at);
  return insertEvent(w.db, {
    tenant_id: w.tenant.id,
    message_id: `m-${++seq}`,
    type: row.type ?? 'track',
    event: row.event ?? null,
    anonymous_id: row.anonymousId ?? 'anon',
    user_id: row.userId ?? null,
    timestamp: time,
    original_timestamp: time,
    received_at: time,
    context: '{}',
    payload: JSON.stringify(row.payload ?? {}),
  });
}

const jobs = (w: World) =>
  w.db.all<{ recipient: string; idempotency_key: string; run_at: string; campaign_id: string }>(
    'SELECT recipient, idempotency_key, run_at, campaign_id FROM message_jobs ORDER BY id',
  );

describe('campaign triggers', () => {
  it('a health alert reaches the restaurant’s owner once, in the owner’s language', async () => {
    const w = await world();
    const NOW = at('2026-03-04T15:00:00Z'); // yesterday: Tuesday 3 March
    await event(w, {
      type: 'group',
      userId: 'owner-1',
      at: at('2026-01-10T10:00:00Z'),
      payload: { groupId: 'rest-1' },
    });
    for (const weeks of [1, 2, 3, 4]) {
      for (let i = 0; i < 6; i++) {
        const day = NOW - DAY - weeks * 7 * DAY;
        await event(w, {
          event: 'Order Completed',
          at: day - 10 * 3_600_000 + i * 60_000,
          payload: { properties: { restaurant_id: 'rest-1', revenue: 10 } },
        });
      }
    }
    await subscriber(w, 'u:owner-1', (n) => {
      n.channels.in_app.health_alerts = true;
    });
    await w.db.run(
      "INSERT INTO message_contacts (tenant_id, recipient, locale, updated_at) VALUES (?, 'u:owner-1', 'en', ?)",
      [w.tenant.id, iso(NOW)],
    );
    await addCampaign(w, {
      id: 'alerts',
      topic: 'health_alerts',
      trigger: { kind: 'insight', insight: 'health_alert' },
      content: {},
    });
    assert.equal(await runTriggers(w.db, NOW), 1);
    assert.equal(await runTriggers(w.db, NOW + 60_000), 0, 'the same alert is queued once');
    const counts = await dispatchDue(w.db, { workerId: 't', now: () => NOW + 60_000 });
    assert.equal(counts.sent, 1);
    const item = await w.db.get<{ recipient: string; title: string; topic: string }>(
      'SELECT recipient, title, topic FROM inbox_items',
    );
    assert.equal(item?.recipient, 'u:owner-1');
    assert.equal(item?.topic, 'health_alerts');
    assert.match(item?.title ?? '', /Tuesday|Tue/, `English alert title: ${item?.title}`);
  });

  it('a health alert skipped for want of consent goes out the same day once the owner consents, once', async () => {
    const w = await world();
    const NOW = at('2026-03-04T15:00:00Z');
    await event(w, {
      type: 'group',
      userId: 'owner-2',
      at: at('2026-01-10T10:00:00Z'),
      payload: { groupId: 'rest-2' },
    });
    for (const weeks of [1, 2, 3, 4]) {
      for (let i = 0; i < 6; i++) {
        await event(w, {
          event: 'Order Completed',
          at: NOW - DAY - weeks * 7 * DAY - 10 * 3_600_000 + i * 60_000,
          payload: { properties: { restaurant_id: 'rest-2', revenue: 10 } },
        });
      }
    }
    // Alerts allowed in the app, but no consent decision yet.
    const doc = defaultPreferences();
    doc.notifications.channels.in_app.health_alerts = true;
    assert.ok((await writePreferences(w.db, w.tenant.id, 'u:owner-2', '*', () => ({ ok: true, value: doc }), 0)).ok);
    await addCampaign(w, {
      id: 'alerts',
      topic: 'health_alerts',
      trigger: { kind: 'insight', insight: 'health_alert' },
      content: {},
    });
    const status = () => w.db.get<{ status: string; reason: string | null }>('SELECT status, reason FROM message_jobs');
    assert.equal(await runTriggers(w.db, NOW), 1);
    assert.equal((await dispatchDue(w.db, { workerId: 't', now: () => NOW })).skipped, 1);
    assert.deepEqual(await status(), { status: 'skipped', reason: 'no consented channel for health_alerts' });
    assert.equal(await runTriggers(w.db, NOW + 60_000), 0, 'nothing changed: not queued again');

    const subject = { anonymousId: 'dev-owner-2', userId: 'owner-2' };
    const record = consentRecord({ ...subject, channels: { in_app: true }, timestamp: iso(NOW + 120_000) });
    await appendConsent(w.db, w.tenant.id, subject, record as never, NOW + 120_000);
    assert.equal(await runTriggers(w.db, NOW + 180_000), 1, 'queued again once consent arrived');
    assert.equal(await runTriggers(w.db, NOW + 240_000), 0, 'and only once');
    assert.equal((await dispatchDue(w.db, { workerId: 't', now: () => NOW + 240_000 })).sent, 1);
    assert.equal((await w.db.all('SELECT id FROM inbox_items WHERE recipient = ?', ['u:owner-2'])).length, 1);
    assert.equal(await runTriggers(w.db, NOW + 300_000), 0, 'a sent alert is never queued again');
  });

  it('lapsed: a regular past their usual interval gets one reminder, before their usual ordering hour', async () => {
    const w = await world();
    const NOW = at('2025-03-01T09:00:00Z');
    // Orders every 7 days at 19:xx Berlin (18:xx UTC), the last 20 days ago; another guest ordered 5 days ago.
    for (const daysAgo of [41, 34, 27, 20]) {
      await event(w, { event: 'Order Completed', anonymousId: 'regular', at: NOW - daysAgo * DAY + 9 * 3_600_000 });
    }
    for (const daysAgo of [19, 12, 5]) {
      await event(w, { event: 'Order Completed', anonymousId: 'recent', at: NOW - daysAgo * DAY });
    }
    for (const key of ['a:regular', 'a:recent', 'a:never']) {
      await subscriber(w, key, (n) => {
        n.channels.in_app.promotions = true;
      });
    }
    await addCampaign(w, { id: 'miss-you', trigger: { kind: 'lapsed', days: 7, minOrders: 3 } });
    assert.equal(await runTriggers(w.db, NOW), 1);
    assert.equal(await runTriggers(w.db, NOW + DAY), 0, 'one reminder per lapse');
    const [queued] = await jobs(w);
    assert.equal(queued?.recipient, 'a:regular');
    assert.equal(queued?.run_at, '2025-03-01T17:30:00.000Z', '18:30 Berlin: half an hour before they usually order');
    assert.equal(usualInterval([0, 7, 14, 30].map((d) => d * DAY)), 7 * DAY);
  });

  it('schedule: at the local time in the recipient’s zone, once per day', async () => {
    const w = await world();
    await subscriber(w, 'a:berlin', (n) => {
      n.channels.in_app.reports = true;
    });
    await subscriber(w, 'a:riyadh', (n) => {
      n.channels.in_app.reports = true;
    });
    await w.db.run(
      "INSERT INTO message_contacts (tenant_id, recipient, time_zone, updated_at) VALUES (?, 'a:riyadh', 'Asia/Riyadh', '')",
      [w.tenant.id],
    );
    // Saturday 1 March 2025; 09:00 is 08:00 UTC in Berlin, 06:00 UTC in Riyadh
    await addCampaign(w, { id: 'weekly', topic: 'reports', trigger: { kind: 'schedule', weekday: 6, at: '09:00' } });
    assert.equal(await runTriggers(w.db, at('2025-03-01T05:59:00Z')), 0);
    assert.equal(await runTriggers(w.db, at('2025-03-01T06:05:00Z')), 1);
    assert.equal(await runTriggers(w.db, at('2025-03-01T08:05:00Z')), 1);
    assert.equal(await runTriggers(w.db, at('2025-03-01T09:05:00Z')), 0);
    assert.deepEqual(
      (await jobs(w)).map((j) => [j.idempotency_key, j.run_at]),
      [
        ['weekly:a:riyadh:2025-03-01', '2025-03-01T06:00:00.000Z'],
        ['weekly:a:berlin:2025-03-01', '2025-03-01T08:00:00.000Z'],
      ],
    );
    assert.equal(await runTriggers(w.db, at('2025-03-02T08:05:00Z')), 0, 'Sunday is not the weekday');
  });

  it('once, with an audience rule over order aggregates and preferences', async () => {
    const w = await world();
    const NOW = at('2025-03-01T12:00:00Z');
    for (const key of ['a:big', 'a:small']) {
      await subscriber(w, key, (n) => {
        n.channels.in_app.promotions = true;
      });
    }
    for (let i = 0; i < 3; i++)
      await event(w, { event: 'Order Completed', anonymousId: 'big', at: NOW - (i + 1) * DAY });
    await addCampaign(w, {
      id: 'vip',
      trigger: { kind: 'once' },
      audience: [
        { field: 'orders.count', op: 'gte', value: 3 },
        { field: 'preference.notifications.channels.in_app.promotions', op: 'eq', value: true },
      ],
    });
    await addCampaign(w, { id: 'paused-one', trigger: { kind: 'once' }, status: 'paused' });
    assert.equal(await runTriggers(w.db, NOW), 1);
    assert.deepEqual(
      (await jobs(w)).map((j) => [j.campaign_id, j.recipient]),
      [['vip', 'a:big']],
    );
  });

  it('sendAutomation queues once per key, with its own content and channels', async () => {
    const w = await world();
    const message = {
      tenantId: w.tenant.id,
      recipient: 'u:o',
      topic: 'health_alerts' as const,
      content: { de: { title: 'A', body: 'B' } },
      idempotencyKey: 'alert:rest-1:2025-03-01:u:o',
    };
    const first = await sendAutomation(w.db, message, 0);
    assert.deepEqual(await sendAutomation(w.db, message, 0), { id: first.id, created: false });
    const [job] = await jobs(w);
    assert.equal(job?.campaign_id, 'automation:health_alerts');
  });
});

describe('audience and contacts (pure)', () => {
  it('rules over traits, preferences and order aggregates', () => {
    const facts = {
      traits: { plan: 'gold', age: 30 },
      preferences: defaultPreferences(),
      orders: { times: [at('2025-02-01T00:00:00Z')], total: 42 },
    };
    const now = at('2025-03-01T00:00:00Z');
    assert.ok(matches([{ field: 'trait.plan', op: 'in', value: ['gold', 'silver'] }], facts, now));
    assert.ok(matches([{ field: 'orders.daysSinceLast', op: 'gt', value: 27 }], facts, now));
    assert.ok(!matches([{ field: 'orders.total', op: 'gt', value: 42 }], facts, now));
    assert.ok(!matches([{ field: 'trait.missing', op: 'exists' }], facts, now));
    assert.ok(matches([{ field: 'preference.notifications.maxPerDay', op: 'eq', value: 5 }], facts, now));
    assert.ok(matches([], facts, now));
  });

  it('takes e-mail, phone, locale and time zone from an identify only when they are well-formed', () => {
    assert.deepEqual(
      contactFrom({ email: ' a@b.de ', phone: '+49 (30) 123-456', locale: 'ar-EG' }, { timezone: 'Africa/Cairo' }),
      { email: 'a@b.de', phone: '+4930123456', locale: 'ar', timeZone: 'Africa/Cairo' },
    );
    assert.deepEqual(contactFrom({ email: 'nope', phone: '123', locale: 'xx' }, { timezone: 'Mars/Base' }), {});
  });
});
