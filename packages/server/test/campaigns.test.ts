// Campaigns through the admin API (issue 19 items 5 and 6): CRUD with its audit trail, who may call it, start/pause,
// the preview per locale, results from message_deliveries (funnel, revenue per send, lift over the holdout), the
// attribution of orders by the KPI worker, and the KPI report's messaging part — through the real app and database.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AuditLogResponse,
  type Campaign,
  type CampaignListResponse,
  type CampaignPreviewResponse,
  type CampaignResults,
  defaultPreferences,
  type KpiReport,
} from '@matbakh/contract';
import type { Db } from '../src/db.ts';
import { refreshTenantKpis } from '../src/kpis/pass.ts';
import { inAppChannel } from '../src/messaging/channels/in-app.ts';
import { dispatchDue } from '../src/messaging/dispatcher.ts';
import { userHashFor } from '../src/subject.ts';
import { validCampaign } from './campaign-fixture.ts';
import { call, consentRecord, insertEvent, type Setup, setup, T0 } from './helpers.ts';

const UNLIMITED = { serverRateLimit: 0 };

function adminKey(s: Setup): string {
  const key = (s.tenant as { adminKey?: string }).adminKey;
  assert.ok(key);
  return key;
}

function admin<T = unknown>(s: Setup, method: string, path: string, body?: unknown) {
  return call<T>(s.app, method, path, {
    headers: { authorization: `Bearer ${adminKey(s)}` },
    ...(body === undefined ? {} : { body }),
  });
}

async function created(s: Setup, body: unknown = validCampaign()): Promise<Campaign> {
  const { res, json } = await admin<Campaign>(s, 'POST', '/v1/admin/campaigns', body);
  assert.equal(res.status, 201, JSON.stringify(json));
  return json;
}

describe('campaigns admin API', () => {
  it('creates a draft, lists, reads, replaces it, and audits each change with its key and time', async () => {
    const s = await setup(UNLIMITED);
    const campaign = await created(s);
    assert.match(campaign.id, /^cmp_\w{16}$/);
    assert.equal(campaign.status, 'draft');
    assert.equal(campaign.createdAt, new Date(T0).toISOString());
    assert.deepEqual(campaign.channels, ['push', 'email', 'in_app']);

    const list = await admin<CampaignListResponse>(s, 'GET', '/v1/admin/campaigns');
    assert.deepEqual(
      list.json.campaigns.map((c) => c.id),
      [campaign.id],
    );
    const read = await admin<Campaign>(s, 'GET', `/v1/admin/campaigns/${campaign.id}`);
    assert.deepEqual(read.json, campaign);

    s.advance(60_000);
    const replaced = await admin<Campaign>(s, 'PUT', `/v1/admin/campaigns/${campaign.id}`, {
      ...validCampaign(),
      name: 'Comeback',
      holdout: 0.2,
    });
    assert.equal(replaced.res.status, 200, JSON.stringify(replaced.json));
    assert.equal(replaced.json.name, 'Comeback');
    assert.equal(replaced.json.holdout, 0.2);
    assert.equal(replaced.json.createdAt, campaign.createdAt);
    assert.equal(replaced.json.updatedAt, new Date(T0 + 60_000).toISOString());

    const audit = await admin<AuditLogResponse>(s, 'GET', '/v1/admin/audit');
    const entries = audit.json.entries.filter((e) => e.target === 'campaign');
    assert.deepEqual(
      entries.map((e) => [e.detail.change, e.detail.campaign, e.actor, e.at]),
      [
        ['create', campaign.id, 'admin_key', new Date(T0).toISOString()],
        ['update', campaign.id, 'admin_key', new Date(T0 + 60_000).toISOString()],
      ],
    );
    assert.match(entries[0]?.actorId ?? '', /^key_/);
  });

  it('refuses a bad campaign naming the field, and stores nothing', async () => {
    const s = await setup(UNLIMITED);
    const bad = await admin(s, 'POST', '/v1/admin/campaigns', { ...validCampaign(), holdout: 0.9 });
    assert.equal(bad.res.status, 400);
    assert.equal(bad.json.error.field, 'campaign.holdout');
    const html = await admin(s, 'POST', '/v1/admin/campaigns', {
      ...validCampaign(),
      content: { de: { title: 'Hallo {firstName}', body: 'Mehr', url: 'javascript:alert(1)' } },
    });
    assert.equal(html.json.error.field, 'campaign.content.de.url');
    const broken = await s.app.request('/v1/admin/campaigns', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey(s)}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    assert.equal(broken.status, 400);
    const list = await admin<CampaignListResponse>(s, 'GET', '/v1/admin/campaigns');
    assert.deepEqual(list.json.campaigns, []);
  });

  it('is the admin key’s: no key 401, the write key 403, another tenant’s campaign 404', async () => {
    const s = await setup(UNLIMITED);
    const campaign = await created(s);
    assert.equal((await call(s.app, 'GET', '/v1/admin/campaigns')).res.status, 401);
    const write = await call(s.app, 'GET', '/v1/admin/campaigns', {
      headers: { authorization: `Bearer ${s.tenant.writeKey}` },
    });
    assert.equal(write.res.status, 403);
    assert.equal(write.json.error.field, 'authorization');
    const { createTenant } = await import('../src/tenants.ts');
    const other = await createTenant(s.db, { name: 'Other', origins: ['https://other.example'] });
    const foreign = await call(s.app, 'GET', `/v1/admin/campaigns/${campaign.id}`, {
      headers: { authorization: `Bearer ${(other as { adminKey: string }).adminKey}` },
    });
    assert.equal(foreign.res.status, 404);
    assert.equal(foreign.json.error.field, 'id');
  });

  it('starts and pauses; deletes only drafts', async () => {
    const s = await setup(UNLIMITED);
    const campaign = await created(s);
    const pauseDraft = await admin(s, 'POST', `/v1/admin/campaigns/${campaign.id}/pause`);
    assert.equal(pauseDraft.res.status, 409);
    const started = await admin<Campaign>(s, 'POST', `/v1/admin/campaigns/${campaign.id}/start`);
    assert.equal(started.json.status, 'running');
    const again = await admin<Campaign>(s, 'POST', `/v1/admin/campaigns/${campaign.id}/start`);
    assert.equal(again.json.status, 'running');
    const refused = await admin(s, 'DELETE', `/v1/admin/campaigns/${campaign.id}`);
    assert.equal(refused.res.status, 409);
    assert.equal(refused.json.error.field, 'status');
    const paused = await admin<Campaign>(s, 'POST', `/v1/admin/campaigns/${campaign.id}/pause`);
    assert.equal(paused.json.status, 'paused');
    const row = await s.db.get<{ status: string }>('SELECT status FROM campaigns WHERE id = ?', [campaign.id]);
    assert.equal(row?.status, 'paused');

    const draft = await created(s);
    assert.equal((await admin(s, 'DELETE', `/v1/admin/campaigns/${draft.id}`)).res.status, 200);
    assert.equal((await admin(s, 'GET', `/v1/admin/campaigns/${draft.id}`)).res.status, 404);
    assert.equal((await admin(s, 'DELETE', `/v1/admin/campaigns/${draft.id}`)).res.status, 404);
    const audit = await admin<AuditLogResponse>(s, 'GET', '/v1/admin/audit');
    assert.deepEqual(
      audit.json.entries.filter((e) => e.target === 'campaign').map((e) => e.detail.change),
      ['create', 'start', 'pause', 'create', 'delete'],
    );
  });

  it('previews each locale with sample fields, as text', async () => {
    const s = await setup(UNLIMITED);
    const campaign = await created(s);
    const sample = await admin<CampaignPreviewResponse>(s, 'POST', `/v1/admin/campaigns/${campaign.id}/preview`);
    assert.equal(sample.res.status, 200);
    assert.deepEqual(sample.json.previews, [
      {
        locale: 'de',
        title: 'Hallo Lina',
        body: 'Ihr Falafel bei Falafel Haus wartet.',
        url: 'https://shop.example/menu',
      },
      { locale: 'en', title: 'Hello Lina', body: 'Your Falafel at Falafel Haus is waiting.' },
    ]);
    const own = await admin<CampaignPreviewResponse>(s, 'POST', `/v1/admin/campaigns/${campaign.id}/preview`, {
      locale: 'en',
      fields: { firstName: '<img src=x onerror=alert(1)>', dish: 'Shawarma' },
    });
    assert.deepEqual(own.json.previews, [
      { locale: 'en', title: 'Hello <img src=x onerror=alert(1)>', body: 'Your Shawarma at  is waiting.' },
    ]);
    const bad = await admin(s, 'POST', `/v1/admin/campaigns/${campaign.id}/preview`, { fields: { email: 'x' } });
    assert.equal(bad.res.status, 400);
    assert.equal(bad.json.error.field, 'fields.email');
    const locale = await admin(s, 'POST', `/v1/admin/campaigns/${campaign.id}/preview`, { locale: 'fr' });
    assert.equal(locale.json.error.field, 'locale');
  });

  it('test-send queues the campaign to the admin’s own user through the usual checks: it reaches their inbox, draft or not, and counts nowhere', async () => {
    const s = await setup(UNLIMITED);
    const campaign = await created(s, { ...validCampaign(), channels: ['in_app'] });
    const me = { anonymousId: 'admin-device', userId: 'owner-lina' };
    const userHash = userHashFor((s.tenant as { secret: string }).secret, me.userId);
    const consent = await call(s.app, 'POST', '/v1/consent', {
      writeKey: s.tenant.writeKey,
      body: consentRecord({ ...me, userHash, channels: { in_app: true }, source: 'center', action: 'custom' }),
    });
    assert.equal(consent.res.status, 201, JSON.stringify(consent.json));
    const doc = defaultPreferences();
    doc.notifications.channels.in_app.promotions = true;
    const put = await call(
      s.app,
      'PUT',
      `/v1/preferences?anonymousId=${me.anonymousId}&userId=${me.userId}&userHash=${userHash}`,
      {
        writeKey: s.tenant.writeKey,
        body: doc,
        headers: { 'if-match': '*' },
      },
    );
    assert.equal(put.res.status, 200, JSON.stringify(put.json));

    const missing = await admin(s, 'POST', `/v1/admin/campaigns/${campaign.id}/test-send`, {});
    assert.equal(missing.res.status, 400);
    assert.equal(missing.json.error.field, 'userId');
    const sent = await admin<{ jobId: number; recipient: string }>(
      s,
      'POST',
      `/v1/admin/campaigns/${campaign.id}/test-send`,
      {
        userId: me.userId,
        fields: { firstName: 'Lina', dish: 'Falafel', restaurant: 'Falafel Haus' },
      },
    );
    assert.equal(sent.res.status, 202, JSON.stringify(sent.json));
    assert.equal(sent.json.recipient, 'u:owner-lina');

    await dispatchDue(s.db, { workerId: 'test', now: () => T0 + 1000, random: () => 0.5, adapters: [inAppChannel] });
    const items = await s.db.all<{ title: string; body: string }>(
      'SELECT title, body FROM inbox_items WHERE tenant_id = ? AND recipient = ?',
      [s.tenant.id, 'u:owner-lina'],
    );
    assert.deepEqual(items, [{ title: 'Hallo Lina', body: 'Ihr Falafel bei Falafel Haus wartet.' }]);
    const results = await admin<CampaignResults>(s, 'GET', `/v1/admin/campaigns/${campaign.id}/results`);
    assert.equal(results.json.total.sent, 0, 'a test is no campaign send');
    const audit = await admin<AuditLogResponse>(s, 'GET', '/v1/admin/audit');
    assert.ok(audit.json.entries.some((e) => e.detail.change === 'test_send' && e.detail.campaign === campaign.id));
  });
});

interface Delivery {
  recipient: string;
  channel: string | null;
  holdout?: boolean;
  sentAt: string;
  delivered?: boolean;
  openedAt?: string;
  clickedAt?: string;
  campaignId: string;
}

let jobs = 0;
async function deliver(db: Db, tenantId: string, d: Delivery): Promise<number> {
  await db.run(
    `INSERT INTO message_deliveries (tenant_id, job_id, campaign_id, recipient, channel, holdout, sent_at, delivered_at,
       opened_at, clicked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      tenantId,
      ++jobs,
      d.campaignId,
      d.recipient,
      d.channel,
      d.holdout ? 1 : 0,
      d.sentAt,
      d.delivered === false ? null : d.sentAt,
      d.openedAt ?? null,
      d.clickedAt ?? null,
    ],
  );
  const row = await db.get<{ id: number }>('SELECT MAX(id) AS id FROM message_deliveries');
  return Number(row?.id);
}

let orders = 0;
function order(db: Db, tenantId: string, who: { userId?: string; anonymousId?: string }, at: string, revenue: number) {
  return insertEvent(db, {
    tenant_id: tenantId,
    message_id: `order-${++orders}`,
    type: 'track',
    event: 'Order Completed',
    anonymous_id: who.anonymousId ?? 'anon-x',
    user_id: who.userId ?? null,
    timestamp: at,
    original_timestamp: at,
    received_at: at,
    payload: JSON.stringify({ properties: { order_id: `o${orders}`, revenue } }),
  });
}

type DeliveryState = { converted_at: string | null; revenue: number; ordered_at: string | null };
const stateOf = async (db: Db, id: number) =>
  db.get<DeliveryState>('SELECT converted_at, revenue, ordered_at FROM message_deliveries WHERE id = ?', [id]);

describe('campaign results and order attribution', () => {
  it('an order converts the last-touched delivery within 7 days; holdout on its send; later orders change nothing', async () => {
    const s = await setup(UNLIMITED);
    const t = s.tenant.id;
    const c = 'cmp_a';
    const day = (n: number, h = 10) => new Date(Date.UTC(2025, 2, n, h)).toISOString();
    const email = await deliver(s.db, t, {
      campaignId: c,
      recipient: 'u:ana',
      channel: 'email',
      sentAt: day(1),
      clickedAt: day(2),
    });
    const push = await deliver(s.db, t, {
      campaignId: c,
      recipient: 'u:ana',
      channel: 'push',
      sentAt: day(3),
      openedAt: day(3, 11),
    });
    const unopened = await deliver(s.db, t, { campaignId: c, recipient: 'u:bo', channel: 'email', sentAt: day(1) });
    const inApp = await deliver(s.db, t, { campaignId: c, recipient: 'a:dev-1', channel: 'in_app', sentAt: day(1) });
    const tooOld = await deliver(s.db, t, {
      campaignId: c,
      recipient: 'u:cem',
      channel: 'email',
      sentAt: day(1),
      clickedAt: day(1, 12),
    });
    const held = await deliver(s.db, t, {
      campaignId: c,
      recipient: 'u:dana',
      channel: null,
      holdout: true,
      sentAt: day(2),
    });

    await order(s.db, t, { userId: 'ana' }, day(4), 30);
    await order(s.db, t, { userId: 'ana' }, day(5), 99);
    await order(s.db, t, { userId: 'bo' }, day(2), 20);
    await order(s.db, t, { anonymousId: 'dev-1' }, day(6), 12.5);
    await order(s.db, t, { userId: 'cem' }, day(9), 40); // 7 days 22 h after the click: outside
    await order(s.db, t, { userId: 'dana' }, day(8), 25);
    await refreshTenantKpis(s.db, t, T0);

    // The push was opened after the e-mail was clicked: the last touch gets the order, the e-mail none.
    assert.deepEqual(await stateOf(s.db, push), { converted_at: day(4), revenue: 30, ordered_at: day(4) });
    assert.deepEqual(await stateOf(s.db, email), { converted_at: null, revenue: 0, ordered_at: day(4) });
    // Sent but never opened: not converted, but ordered after the send (intent to treat).
    assert.deepEqual(await stateOf(s.db, unopened), { converted_at: null, revenue: 0, ordered_at: day(2) });
    assert.deepEqual(await stateOf(s.db, inApp), { converted_at: day(6), revenue: 12.5, ordered_at: day(6) });
    assert.deepEqual(await stateOf(s.db, tooOld), { converted_at: null, revenue: 0, ordered_at: null });
    assert.deepEqual(await stateOf(s.db, held), { converted_at: day(8), revenue: 25, ordered_at: day(8) });

    // A second pass reads nothing again.
    await refreshTenantKpis(s.db, t, T0);
    assert.deepEqual(await stateOf(s.db, push), { converted_at: day(4), revenue: 30, ordered_at: day(4) });
  });

  it('results: funnel per channel in the campaign’s order, revenue per send, lift over the holdout with its interval', async () => {
    const s = await setup(UNLIMITED);
    const t = s.tenant.id;
    const campaign = await created(s, { ...validCampaign(), channels: ['push', 'email'] });
    const at = '2025-03-01T10:00:00.000Z';
    // Treated: 200 recipients by e-mail (150 delivered, 60 opened, 30 clicked), 40 ordered of them, 20 converted;
    // holdout: 100 recipients, 10 ordered.
    for (let i = 0; i < 200; i++) {
      const id = await deliver(s.db, t, {
        campaignId: campaign.id,
        recipient: `u:t${i}`,
        channel: 'email',
        sentAt: at,
        delivered: i < 150,
        ...(i < 60 ? { openedAt: at } : {}),
        ...(i < 30 ? { clickedAt: at } : {}),
      });
      if (i < 20) await s.db.run('UPDATE message_deliveries SET converted_at = ?, revenue = 10 WHERE id = ?', [at, id]);
      if (i < 40) await s.db.run('UPDATE message_deliveries SET ordered_at = ? WHERE id = ?', [at, id]);
    }
    for (let i = 0; i < 100; i++) {
      const id = await deliver(s.db, t, {
        campaignId: campaign.id,
        recipient: `u:h${i}`,
        channel: null,
        holdout: true,
        sentAt: at,
      });
      if (i < 10)
        await s.db.run('UPDATE message_deliveries SET ordered_at = ?, converted_at = ? WHERE id = ?', [at, at, id]);
    }
    // Another campaign's deliveries are not this one's.
    await deliver(s.db, t, { campaignId: 'cmp_other', recipient: 'u:t1', channel: 'push', sentAt: at });

    const { res, json } = await admin<CampaignResults>(s, 'GET', `/v1/admin/campaigns/${campaign.id}/results`);
    assert.equal(res.status, 200);
    assert.equal(json.attributionWindowDays, 7);
    assert.deepEqual(json.channels, [
      { channel: 'push', sent: 0, delivered: 0, opened: 0, clicked: 0, converted: 0, revenue: 0, revenuePerSend: null },
      {
        channel: 'email',
        sent: 200,
        delivered: 150,
        opened: 60,
        clicked: 30,
        converted: 20,
        revenue: 200,
        revenuePerSend: 1,
      },
    ]);
    assert.equal(json.total.sent, 200);
    assert.deepEqual(json.lift.treated, { recipients: 200, converted: 40, rate: 0.2 });
    assert.deepEqual(json.lift.holdout, { recipients: 100, converted: 10, rate: 0.1 });
    assert.ok(Math.abs((json.lift.lift ?? 0) - 1) < 1e-9, 'twice the holdout rate: +100 %');
    // Katz: se = √(1/40 − 1/200 + 1/10 − 1/100) = 0.3317; RR 2 → [1.044, 3.831] → lift [+4.4 %, +283 %].
    assert.ok(Math.abs((json.lift.liftLow ?? 0) - 0.044) < 0.001, String(json.lift.liftLow));
    assert.ok(Math.abs((json.lift.liftHigh ?? 0) - 2.831) < 0.001, String(json.lift.liftHigh));

    const missing = await admin(s, 'GET', '/v1/admin/campaigns/cmp_nope/results');
    assert.equal(missing.res.status, 404);
  });

  it('the KPI report has messaging per channel and per campaign for deliveries sent in its range', async () => {
    const s = await setup(UNLIMITED);
    const t = s.tenant.id;
    const campaign = await created(s);
    await deliver(s.db, t, {
      campaignId: campaign.id,
      recipient: 'u:ana',
      channel: 'in_app',
      sentAt: '2025-02-27T09:00:00.000Z',
    });
    await deliver(s.db, t, {
      campaignId: campaign.id,
      recipient: 'u:bo',
      channel: 'push',
      sentAt: '2025-02-27T09:00:00.000Z',
      openedAt: '2025-02-27T10:00:00.000Z',
    });
    await deliver(s.db, t, {
      campaignId: 'health_alert',
      recipient: 'u:owner',
      channel: 'email',
      sentAt: '2025-02-28T08:00:00.000Z',
    });
    // Outside the range: not counted.
    await deliver(s.db, t, {
      campaignId: campaign.id,
      recipient: 'u:cem',
      channel: 'push',
      sentAt: '2025-01-01T09:00:00.000Z',
    });
    await order(s.db, t, { userId: 'bo' }, '2025-02-28T12:00:00.000Z', 18);
    await refreshTenantKpis(s.db, t, T0);

    const res = await s.app.request('/v1/admin/kpis?from=2025-02-20&to=2025-03-01', {
      headers: { authorization: `Bearer ${adminKey(s)}` },
    });
    const report = (await res.json()) as KpiReport;
    const messaging = report.messaging;
    assert.ok(messaging);
    const push = messaging.channels.find((c) => c.channel === 'push');
    assert.deepEqual(push, {
      channel: 'push',
      sent: 1,
      delivered: 1,
      opened: 1,
      clicked: 0,
      converted: 1,
      revenue: 18,
      revenuePerSend: 18,
    });
    assert.equal(messaging.channels.find((c) => c.channel === 'in_app')?.sent, 1);
    assert.deepEqual(
      messaging.campaigns.map((c) => [c.campaignId, c.name, c.status, c.sent, c.converted, c.revenue]),
      [
        [campaign.id, 'Wir vermissen Sie', 'draft', 2, 1, 18],
        ['health_alert', 'health_alert', null, 1, 0, 0],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });
});
