import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { applyMergePatch, defaultPreferences, type ErrorBody, validatePreferences } from '@matbakh/contract';
import { createKeyring } from '../src/crypto/master-key.ts';
import { unsubscribeToken, unsubscribeUrl } from '../src/messaging/unsubscribe.ts';
import { readPreferences, writePreferences } from '../src/preferences-store.ts';
import { type Setup, setup, T0 } from './helpers.ts';

const BASE = 'https://mb.example';
const ONE_CLICK = 'List-Unsubscribe=One-Click';

describe('one-click unsubscribe (RFC 8058)', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });
  afterEach(() => s.db.close());

  /** The recipient allowed health alerts and reports by e-mail, and keeps other settings. */
  async function allow(recipient: string) {
    const doc = applyMergePatch(defaultPreferences(), {
      notifications: { channels: { email: { health_alerts: true, reports: true }, whatsapp: { health_alerts: true } } },
      diet: ['vegetarian'],
    });
    const checked = validatePreferences(doc);
    assert.ok(checked.ok);
    const written = await writePreferences(s.db, s.tenant.id, recipient, '*', () => checked, T0);
    assert.ok(written.ok);
  }

  const link = (recipient: string, topic: 'health_alerts' | 'reports' = 'health_alerts') => {
    const url = new URL(unsubscribeUrl(BASE, { tenantId: s.tenant.id, recipient, channel: 'email', topic }));
    return `${url.pathname}${url.search}`;
  };
  /** What a mail client sends for the List-Unsubscribe-Post header. */
  const oneClick = (path: string, headers: Record<string, string> = {}) =>
    s.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: ONE_CLICK,
    });
  const proofs = () =>
    s.db.all<{
      actor: string;
      action: string;
      target: string;
      user_id: string | null;
      anonymous_id: string | null;
      detail: string;
    }>(
      `SELECT actor, action, target, user_id, anonymous_id, detail FROM audit_log
       WHERE tenant_id = ? AND detail LIKE '%one_click_unsubscribe%' ORDER BY id`,
      [s.tenant.id],
    );
  const emailTopics = async (recipient: string) =>
    (await readPreferences(s.db, s.tenant.id, recipient))?.preferences.notifications.channels.email;

  test('one POST turns that topic off on that channel, keeps everything else, and records the proof', async () => {
    await allow('u:owner-1');
    const response = await oneClick(link('u:owner-1'));
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      unsubscribed: true,
      channel: 'email',
      topic: 'health_alerts',
      changed: true,
    });
    const state = await readPreferences(s.db, s.tenant.id, 'u:owner-1');
    assert.equal(state?.version, 2);
    assert.equal(state?.preferences.notifications.channels.email.health_alerts, false);
    assert.equal(state?.preferences.notifications.channels.email.reports, true);
    assert.equal(state?.preferences.notifications.channels.whatsapp.health_alerts, true);
    assert.deepEqual(state?.preferences.diet, ['vegetarian']);

    const rows = await proofs();
    assert.equal(rows.length, 1);
    assert.deepEqual(
      { ...rows[0], detail: JSON.parse(rows[0]!.detail) },
      {
        actor: 'subject',
        action: 'change',
        target: 'preferences',
        user_id: 'owner-1',
        anonymous_id: null,
        detail: { via: 'one_click_unsubscribe', channel: 'email', topic: 'health_alerts', version: 2 },
      },
    );
  });

  test('idempotent: the same link again answers the same and records nothing new', async () => {
    await allow('u:owner-1');
    assert.equal((await oneClick(link('u:owner-1'))).status, 200);
    const again = await oneClick(link('u:owner-1'));
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { changed: boolean }).changed, false);
    assert.equal((await readPreferences(s.db, s.tenant.id, 'u:owner-1'))?.version, 2);
    assert.equal((await proofs()).length, 1);
  });

  test('an anonymous recipient: the proof names the anonymousId', async () => {
    await allow('a:anon-9');
    assert.equal((await oneClick(link('a:anon-9', 'reports'))).status, 200);
    assert.equal((await emailTopics('a:anon-9'))?.reports, false);
    const [row] = await proofs();
    assert.equal(row?.anonymous_id, 'anon-9');
    assert.equal(row?.user_id, null);
  });

  test('two links clicked at once both take effect (merge-safe writes)', async () => {
    await allow('u:owner-1');
    const answers = await Promise.all([oneClick(link('u:owner-1')), oneClick(link('u:owner-1', 'reports'))]);
    assert.deepEqual(
      answers.map((r) => r.status),
      [200, 200],
    );
    assert.equal((await emailTopics('u:owner-1'))?.reports, false);
    assert.equal((await emailTopics('u:owner-1'))?.health_alerts, false);
    assert.equal((await proofs()).length, 2);
  });

  test('a forged, altered or missing token is refused with a JSON error naming token; nothing changes', async () => {
    await allow('u:owner-1');
    const good = new URL(link('u:owner-1'), BASE).searchParams.get('token')!;
    // Flip one character of the sealed data.
    const last = good.at(-1) === 'A' ? 'B' : 'A';
    const altered = `${good.slice(0, -1)}${last}`;
    const otherKey = unsubscribeToken(
      { tenantId: s.tenant.id, recipient: 'u:owner-1', channel: 'email', topic: 'health_alerts' },
      createKeyring([Buffer.alloc(32, 9)]),
    );
    const tokens = [altered, otherKey, 'mk1.abc.def.ghi.jkl', 'u:owner-1', ''];
    for (const token of tokens) {
      const response = await oneClick(`/v1/unsubscribe?token=${encodeURIComponent(token)}`);
      assert.equal(response.status, 400, token);
      const body = (await response.json()) as ErrorBody;
      assert.equal(body.error.code, 'bad_request');
      assert.equal(body.error.field, 'token');
    }
    const missing = await oneClick('/v1/unsubscribe');
    assert.equal(((await missing.json()) as ErrorBody).error.field, 'token');
    assert.equal((await emailTopics('u:owner-1'))?.health_alerts, true);
    assert.equal((await proofs()).length, 0);
  });

  test('a POST without the one-click body is refused naming it', async () => {
    await allow('u:owner-1');
    const response = await s.app.request(link('u:owner-1'), { method: 'POST' });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as ErrorBody).error.field, 'List-Unsubscribe');
    assert.equal((await emailTopics('u:owner-1'))?.health_alerts, true);
  });

  test('GET shows a confirmation page with a button and changes nothing (mail scanners follow links)', async () => {
    await allow('u:owner-1');
    const response = await s.app.request(link('u:owner-1'), { headers: { 'accept-language': 'ar-EG,ar;q=0.9' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    const page = await response.text();
    assert.match(page, /<html lang="ar" dir="rtl">/);
    assert.match(page, /<form method="post" action="\/v1\/unsubscribe\?token=[^"]+">/);
    assert.match(page, /<input type="hidden" name="List-Unsubscribe" value="One-Click">/);
    assert.match(page, /<button type="submit">إلغاء الاشتراك<\/button>/);
    assert.match(page, /Falafel Haus/);
    assert.equal((await emailTopics('u:owner-1'))?.health_alerts, true);
    assert.equal((await proofs()).length, 0);

    // The button: a browser's form POST to the page's action, answered with a page.
    const action = /action="([^"]+)"/.exec(page)![1]!.replaceAll('&amp;', '&');
    const done = await oneClick(action, { accept: 'text/html', 'accept-language': 'en' });
    assert.equal(done.status, 200);
    assert.match(await done.text(), /Done: Falafel Haus will send you no more “Health alerts” messages by e-mail\./);
    assert.equal((await emailTopics('u:owner-1'))?.health_alerts, false);
  });

  test('a multipart form body (some mail clients) works too', async () => {
    await allow('u:owner-1');
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const response = await s.app.request(link('u:owner-1'), { method: 'POST', body: form });
    assert.equal(response.status, 200);
    assert.equal((await emailTopics('u:owner-1'))?.health_alerts, false);
  });
});
