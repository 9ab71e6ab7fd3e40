import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChurnResponse, EraseResponse, PrivacyExport, ProfilingStatus, WinBackResponse } from '@matbakh/contract';
import { type App, createApp } from '../src/app.ts';
import { population } from '../src/churn/eval/populations.ts';
import { guestFeatures } from '../src/churn/features.ts';
import { recordObjection } from '../src/churn/objections.ts';
import { refreshTenantChurn } from '../src/churn/pass.ts';
import { guestRef } from '../src/churn/response.ts';
import { isoWeek } from '../src/churn/win-back.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db.ts';
import { groupHashFor } from '../src/insights.ts';
import { EVENT_COLUMNS, insertEventRows } from '../src/storage/event-rows.ts';
import { userHashFor } from '../src/subject.ts';
import { createTenant, type Tenant } from '../src/tenants.ts';
import { call, grantConsent, openTestDb } from './helpers.ts';

const GROUP = 'rest-falafel-haus';
const OWNER = 'owner-1';
const world = population('steady', { guests: 160, seed: 3 });
const NOW = world.now;
/**
 * Five regulars the model would score (active, two orders or more): four without a consent decision and one who
 * refused personalization. They must never be scored.
 */
const REGULARS = world.histories.filter((h) => guestFeatures(h, NOW)).map((h) => h.guest.slice(2));
const UNDECIDED = REGULARS.slice(0, 4);
const REFUSED = REGULARS[4]!;

async function seed(db: Db, tenantId: string): Promise<void> {
  const rows: (string | number | null)[][] = [];
  for (const history of world.histories) {
    const userId = history.guest.slice(2);
    history.orders.forEach((order, i) => {
      if (order.at >= NOW) return;
      const at = new Date(order.at).toISOString();
      const row: Record<string, string | null> = {
        tenant_id: tenantId,
        message_id: `${userId}-${i}`,
        type: 'track',
        event: 'Order Completed',
        anonymous_id: `anon-${userId}`,
        user_id: userId,
        timestamp: at,
        original_timestamp: at,
        received_at: at,
        context: '{}',
        payload: JSON.stringify({
          properties: { restaurant_id: GROUP, order_id: `${userId}-${i}`, revenue: order.revenue, currency: 'EUR' },
        }),
      };
      rows.push(EVENT_COLUMNS.map((column) => row[column] ?? null));
    });
    if (UNDECIDED.includes(userId)) continue;
    await grantConsent(
      db,
      tenantId,
      { anonymousId: `anon-${userId}`, userId },
      userId === REFUSED
        ? { necessary: true, personalization: false, analytics: true }
        : { necessary: true, personalization: true, analytics: true, marketing: true },
    );
  }
  for (let i = 0; i < rows.length; i += 500) await db.transaction((tx) => insertEventRows(tx, rows.slice(i, i + 500)));
}

let db: Db;
let tenant: Tenant;
let app: App;

const ownerQuery = (extra: Record<string, string> = {}) =>
  new URLSearchParams({
    groupId: GROUP,
    anonymousId: 'owner-device',
    userId: OWNER,
    userHash: userHashFor(tenant.secret, OWNER),
    groupHash: groupHashFor(tenant.secret, OWNER, GROUP),
    ...extra,
  }).toString();

const scoredGuests = async () =>
  new Set(
    (await db.all<{ guest: string }>('SELECT guest FROM churn_scores WHERE tenant_id = ?', [tenant.id])).map(
      (r) => r.guest,
    ),
  );

describe('churn scores (issue 21)', () => {
  before(async () => {
    db = await openTestDb();
    tenant = await createTenant(db, { name: 'Falafel Haus', origins: ['https://owner.example'] });
    await seed(db, tenant.id);
    app = createApp({ db, config: loadConfig({ MB_DB_PATH: ':memory:' }), now: () => NOW });
    await refreshTenantChurn(db, tenant.id, NOW);
  });
  after(() => db.close());

  it('scores regulars whose consent allows profiling, and no guest without it', async () => {
    const scored = await scoredGuests();
    assert.ok(scored.size > 40, `scored ${scored.size}`);
    assert.equal(scored.size, REGULARS.length - 5);
    for (const userId of [...UNDECIDED, REFUSED]) {
      assert.equal(scored.has(`u:${userId}`), false, `${userId} has no profiling consent and must not be scored`);
    }
  });

  it('GET /v1/insights/churn: the at-risk regulars by pseudonym, most at risk first, with reasons', async () => {
    const { res, json } = await call<ChurnResponse>(app, 'GET', `/v1/insights/churn?${ownerQuery({ locale: 'en' })}`, {
      writeKey: tenant.writeKey,
    });
    assert.equal(res.status, 200, JSON.stringify(json));
    assert.equal(json.groupId, GROUP);
    assert.equal(json.locale, 'en');
    assert.equal(json.currency, 'EUR');
    assert.equal(json.generatedAt, new Date(NOW).toISOString());
    assert.match(json.method, /^Logistic regression/);
    assert.ok(json.regulars >= (await scoredGuests()).size);
    assert.ok(json.atRisk.length > 0 && json.atRisk.length <= 50);
    const probabilities = json.atRisk.map((r) => r.probability);
    assert.deepEqual(
      probabilities,
      [...probabilities].sort((a, b) => b - a),
    );
    for (const risk of json.atRisk) {
      assert.match(risk.guestRef, /^G-[0-9A-F]{8}$/);
      assert.ok(risk.probability >= 0.5 && risk.probability <= 1);
      assert.ok(risk.orders >= 2 && risk.usualIntervalDays >= 1 && risk.averageOrder > 0);
      for (const reason of risk.reasons) assert.ok(reason.text.length > 10);
    }
    assert.ok(json.atRisk.some((r) => r.reasons.some((reason) => reason.code === 'overdue')));
    assert.ok(json.revenueAtRisk > 0);
    assert.equal(json.action.kind, 'campaign');
    assert.equal(JSON.stringify(json).includes('guest-'), false, 'no user id reaches the owner');
    const refs = new Set([...(await scoredGuests())].map((g) => guestRef(tenant.pseudonymKey, GROUP, g)));
    for (const risk of json.atRisk) assert.ok(refs.has(risk.guestRef));
  });

  it('needs an owner proven by groupHash, and names the field that is wrong', async () => {
    const without = await call(app, 'GET', `/v1/insights/churn?${ownerQuery({ groupHash: '' })}`, {
      writeKey: tenant.writeKey,
    });
    assert.equal(without.res.status, 403);
    assert.equal(without.json.error.field, 'groupHash');
    const otherGroup = await call(
      app,
      'GET',
      `/v1/insights/churn?${ownerQuery({ groupId: 'someone-else', groupHash: groupHashFor(tenant.secret, OWNER, GROUP) })}`,
      { writeKey: tenant.writeKey },
    );
    assert.equal(otherGroup.res.status, 403);
    const badLocale = await call(app, 'GET', `/v1/insights/churn?${ownerQuery({ locale: 'fr' })}`, {
      writeKey: tenant.writeKey,
    });
    assert.equal(badLocale.res.status, 400);
    assert.equal(badLocale.json.error.field, 'locale');
    const audit = await db.all<{ target: string }>(
      "SELECT target FROM audit_log WHERE tenant_id = ? AND purpose = 'owner_insights'",
      [tenant.id],
    );
    assert.ok(audit.some((a) => a.target === 'churn'));
  });

  it('POST /v1/insights/win-back queues one message per at-risk regular, once per group and ISO week', async () => {
    const body = {
      groupId: GROUP,
      anonymousId: 'owner-device',
      userId: OWNER,
      userHash: userHashFor(tenant.secret, OWNER),
      groupHash: groupHashFor(tenant.secret, OWNER, GROUP),
    };
    const { json: churn } = await call<ChurnResponse>(app, 'GET', `/v1/insights/churn?${ownerQuery()}`, {
      writeKey: tenant.writeKey,
    });
    const atRisk = (
      await db.all<{ n: number }>(
        'SELECT count(*) AS n FROM churn_scores WHERE tenant_id = ? AND group_id = ? AND probability >= 0.5',
        [tenant.id, GROUP],
      )
    )[0]!.n;
    assert.ok(Number(atRisk) >= churn.atRisk.length);
    const first = await call<WinBackResponse>(app, 'POST', '/v1/insights/win-back', {
      writeKey: tenant.writeKey,
      body,
    });
    assert.equal(first.res.status, 201, JSON.stringify(first.json));
    assert.equal(first.json.alreadyRunning, false);
    assert.equal(first.json.queued, Number(atRisk));
    assert.ok(first.json.campaignId.endsWith(isoWeek(NOW)));
    const jobs = await db.all<{ recipient: string; topic: string; status: string }>(
      'SELECT recipient, topic, status FROM message_jobs WHERE tenant_id = ? AND campaign_id = ?',
      [tenant.id, first.json.campaignId],
    );
    assert.equal(jobs.length, Number(atRisk));
    assert.ok(jobs.every((j) => j.topic === 'promotions' && j.status === 'queued'));
    const scored = await scoredGuests();
    assert.ok(jobs.every((j) => scored.has(j.recipient)));

    const again = await call<WinBackResponse>(app, 'POST', '/v1/insights/win-back', {
      writeKey: tenant.writeKey,
      body,
    });
    assert.equal(again.res.status, 200);
    assert.deepEqual(again.json, { campaignId: first.json.campaignId, queued: 0, alreadyRunning: true });

    const stranger = await call(app, 'POST', '/v1/insights/win-back', {
      writeKey: tenant.writeKey,
      body: { ...body, groupHash: 'ab'.repeat(32) },
    });
    assert.equal(stranger.res.status, 403);
    assert.equal(stranger.json.error.field, 'groupHash');
  });

  it('admin CSV export: every scored regular of the group by pseudonym', async () => {
    const refused = await call(app, 'GET', `/v1/admin/churn.csv?groupId=${GROUP}`);
    assert.equal(refused.res.status, 401);
    const res = await app.request(`/v1/admin/churn.csv?groupId=${GROUP}`, {
      headers: { authorization: `Bearer ${(tenant as { adminKey?: string }).adminKey}` },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      'guest_ref,probability,orders,usual_interval_days,days_since_last_order,average_order,revenue_90d,currency,reasons,computed_at',
    );
    assert.equal(lines.length - 1, (await scoredGuests()).size);
    assert.match(lines[1]!, /^G-[0-9A-F]{8},0\.\d+,\d+,/);
    assert.equal(lines.join('\n').includes('guest-'), false);
  });

  it("an objection to profiling removes the guest's scores at once and keeps them out of the next pass", async () => {
    const [victim] = [...(await scoredGuests())];
    const userId = victim!.slice(2);
    const { scoresRemoved } = await recordObjection(db, tenant.id, { anonymousId: `anon-${userId}`, userId }, NOW);
    assert.equal(scoresRemoved, 1);
    assert.equal((await scoredGuests()).has(victim!), false);
    await refreshTenantChurn(db, tenant.id, NOW);
    const after = await scoredGuests();
    assert.ok(after.size > 40);
    assert.equal(after.has(victim!), false);
  });

  it('the guest sees that a score exists, objects (scores gone at once), sees it in the export, withdraws', async () => {
    const [guest] = [...(await scoredGuests())].sort();
    const userId = guest!.slice(2);
    const subject = { anonymousId: `anon-${userId}`, userId, userHash: userHashFor(tenant.secret, userId) };
    const query = new URLSearchParams(subject).toString();
    const status = await call<ProfilingStatus>(app, 'GET', `/v1/privacy/profiling?${query}`, {
      writeKey: tenant.writeKey,
    });
    assert.equal(status.res.status, 200);
    assert.deepEqual(status.json, { consentAllows: true, objected: false, objectedAt: null, scores: 1 });

    const before = await call<PrivacyExport>(app, 'POST', '/v1/privacy/export', {
      writeKey: tenant.writeKey,
      body: subject,
    });
    assert.equal(before.json.profiling?.objectedAt, null);
    assert.equal(before.json.profiling?.churnScores.length, 1);
    assert.equal(before.json.profiling?.churnScores[0]?.groupId, GROUP);

    const objected = await call<ProfilingStatus>(app, 'POST', '/v1/privacy/profiling-objection', {
      writeKey: tenant.writeKey,
      body: { ...subject, objected: true },
    });
    assert.equal(objected.res.status, 200, JSON.stringify(objected.json));
    assert.deepEqual(objected.json, {
      consentAllows: true,
      objected: true,
      objectedAt: new Date(NOW).toISOString(),
      scores: 0,
    });
    assert.equal((await scoredGuests()).has(guest!), false);
    const { json: churn } = await call<ChurnResponse>(app, 'GET', `/v1/insights/churn?${ownerQuery()}`, {
      writeKey: tenant.writeKey,
    });
    const ref = guestRef(tenant.pseudonymKey, GROUP, guest!);
    assert.equal(
      churn.atRisk.some((r) => r.guestRef === ref),
      false,
    );

    const exported = await call<PrivacyExport>(app, 'POST', '/v1/privacy/export', {
      writeKey: tenant.writeKey,
      body: subject,
    });
    assert.deepEqual(exported.json.profiling, { objectedAt: new Date(NOW).toISOString(), churnScores: [] });

    const withdrawn = await call<ProfilingStatus>(app, 'POST', '/v1/privacy/profiling-objection', {
      writeKey: tenant.writeKey,
      body: { ...subject, objected: false },
    });
    assert.deepEqual(withdrawn.json, { consentAllows: true, objected: false, objectedAt: null, scores: 0 });
    await refreshTenantChurn(db, tenant.id, NOW);
    assert.equal((await scoredGuests()).has(guest!), true, 'scored again by the next pass');
  });

  it('the objection route needs the proven subject and a boolean', async () => {
    const userId = 'guest-7';
    const missing = await call(app, 'POST', '/v1/privacy/profiling-objection', {
      writeKey: tenant.writeKey,
      body: { anonymousId: 'anon-guest-7', userId, userHash: userHashFor(tenant.secret, userId) },
    });
    assert.equal(missing.res.status, 400);
    assert.equal(missing.json.error.field, 'objected');
    const forged = await call(app, 'POST', '/v1/privacy/profiling-objection', {
      writeKey: tenant.writeKey,
      body: { anonymousId: 'anon-guest-7', userId, userHash: 'ab'.repeat(32), objected: true },
    });
    assert.equal(forged.res.status, 403);
    assert.equal(forged.json.error.field, 'userHash');
  });

  it('an erasure removes the scores and the objection', async () => {
    const [guest] = [...(await scoredGuests())].sort();
    const userId = guest!.slice(2);
    const subject = { anonymousId: `anon-${userId}`, userId, userHash: userHashFor(tenant.secret, userId) };
    await recordObjection(db, tenant.id, subject, NOW);
    await db.run(
      `INSERT INTO churn_scores (tenant_id, group_id, guest, probability, stats, reasons, computed_at)
       VALUES (?, 'other-restaurant', ?, 0.7, '{}', '[]', ?)`,
      [tenant.id, guest!, new Date(NOW).toISOString()],
    );
    const erased = await call<EraseResponse>(app, 'POST', '/v1/privacy/erase', {
      writeKey: tenant.writeKey,
      body: subject,
    });
    assert.equal(erased.res.status, 200);
    assert.equal(
      erased.json.erased.profiling,
      3,
      "the score and the objection of both the user's and the device's key",
    );
    const left = await db.all('SELECT * FROM profiling_objections WHERE tenant_id = ? AND subject_key IN (?, ?)', [
      tenant.id,
      guest!,
      `a:anon-${userId}`,
    ]);
    assert.deepEqual(left, []);
    assert.equal((await scoredGuests()).has(guest!), false);
  });
});
