import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { defaultPreferences, type PreferencesDocument } from '@matbakh/contract';
import { simpleParser } from 'mailparser';
import { sendAutomation } from '../src/messaging/campaigns-run.ts';
import { createEmailChannel, type EmailChannel } from '../src/messaging/channels/email.ts';
import { inAppChannel } from '../src/messaging/channels/in-app.ts';
import { dispatchDue } from '../src/messaging/dispatcher.ts';
import { call, consentRecord, postBatch, type Setup, setup, T0, track } from './helpers.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

const ALERT = {
  de: { title: 'Warnung: Bestellungen −40 %', body: 'Bei {restaurant} sind die Bestellungen eingebrochen.' },
  en: { title: 'Alert: orders −40%', body: 'Orders at {restaurant} dropped.' },
  ar: { title: 'تنبيه: الطلبات −40٪', body: 'انخفضت الطلبات في {restaurant}.' },
};

/**
 * The whole path an owner's health alert takes by e-mail: identify (the e-mail and locale traits) → queue →
 * dispatcher's send-time checks → the real e-mail channel → a real SMTP server; then the mail's unsubscribe link.
 */
describe('a health alert by e-mail, through the queue and the dispatcher', () => {
  let s: Setup;
  let sink: SmtpSink;
  let email: EmailChannel;

  beforeEach(async () => {
    s = await setup();
    sink = await startSmtpSink();
    email = createEmailChannel(() => ({
      mail: { host: '127.0.0.1', port: sink.port, secure: false, from: 'alerts@matbakh.example', maxConnections: 1 },
      publicUrl: 'https://mb.example',
    }));
    // The owner: an identify with e-mail and language, e-mail consent, health alerts allowed by e-mail.
    await postBatch(
      s.app,
      {
        batch: [
          track({
            type: 'identify',
            anonymousId: 'owner-device',
            traits: { email: 'samira@owner.example', locale: 'ar-EG' },
            context: { timezone: 'Asia/Riyadh' },
          }),
        ],
      },
      { writeKey: s.tenant.writeKey },
    );
    const consent = await call(s.app, 'POST', '/v1/consent', {
      writeKey: s.tenant.writeKey,
      body: consentRecord({ anonymousId: 'owner-device', channels: { in_app: true, email: true }, action: 'custom' }),
    });
    assert.equal(consent.res.status, 201);
    const doc: PreferencesDocument = defaultPreferences();
    doc.notifications.channels.email.health_alerts = true;
    const prefs = await call(s.app, 'PUT', '/v1/preferences?anonymousId=owner-device', {
      writeKey: s.tenant.writeKey,
      body: doc,
      headers: { 'if-match': '*' },
    });
    assert.equal(prefs.res.status, 200);
  });
  afterEach(async () => {
    email.close();
    await sink.close();
    await s.db.close();
  });

  const alert = (key: string) =>
    sendAutomation(
      s.db,
      {
        tenantId: s.tenant.id,
        recipient: 'a:owner-device',
        topic: 'health_alerts',
        content: ALERT,
        channels: ['email'],
        idempotencyKey: key,
        fields: { restaurant: 'Zaytoun <Mitte>' },
      },
      T0,
    );
  const dispatch = () =>
    dispatchDue(s.db, { workerId: 'test', now: () => T0, random: () => 0.5, adapters: [inAppChannel, email] });

  test('arrives in the owner’s language; its one-click link stops the next one', async () => {
    await alert('alert-1');
    assert.equal((await dispatch()).sent, 1);
    await sink.received(1);
    const mail = await simpleParser(sink.messages[0]!);
    assert.equal(mail.subject, ALERT.ar.title);
    assert.match(mail.text ?? '', /انخفضت الطلبات في Zaytoun <Mitte>\./);
    assert.match(String(mail.html), /<html lang="ar" dir="rtl">/);
    assert.match(String(mail.html), /Zaytoun &lt;Mitte&gt;/);

    const header = mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    const url = new URL(/<([^>]+)>/.exec(header)?.[1] ?? '');
    assert.equal(url.origin, 'https://mb.example');
    const response = await s.app.request(`${url.pathname}${url.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(response.status, 200);

    await alert('alert-2');
    const counts = await dispatch();
    assert.equal(counts.sent, 0);
    const second = await s.db.get<{ status: string; reason: string | null }>(
      `SELECT status, reason FROM message_jobs WHERE idempotency_key LIKE '%alert-2'`,
    );
    assert.deepEqual(second, { status: 'skipped', reason: 'no consented channel for health_alerts' });
    assert.equal(sink.count(), 1, 'no second e-mail after the unsubscribe');
  });
});
