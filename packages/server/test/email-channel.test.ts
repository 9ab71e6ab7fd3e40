import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locale } from '@matbakh/contract';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { Db } from '../src/db.ts';
import type { OutgoingMessage } from '../src/messaging/channel.ts';
import { createEmailChannel, type EmailChannel } from '../src/messaging/channels/email.ts';
import { loadMailConfig, publicBaseUrl } from '../src/messaging/channels/email-config.ts';
import { recordContact } from '../src/messaging/contacts.ts';
import { readUnsubscribeToken } from '../src/messaging/unsubscribe.ts';
import { createTenant, type Tenant } from '../src/tenants.ts';
import { openTestDb, T0 } from './helpers.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

const PUBLIC_URL = 'https://mb.example';

/** As an identify with an `email` trait records it (contacts.ts). */
const saveEmail = (db: Db, tenantId: string, recipient: string, email: string) =>
  recordContact(db, tenantId, recipient, { email }, T0);

let deliveries = 0;
const message = (tenant: Tenant, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  tenant,
  recipient: 'u:owner-1',
  deliveryId: ++deliveries,
  campaignId: 'cmp-health',
  topic: 'health_alerts',
  locale: 'en',
  title: 'Orders dropped <script>alert(1)</script> & more',
  body: 'Hello <b>Samira</b>,\norders at "Zaytoun" fell 40% & <img src=x onerror=alert(1)>.\n\nSee the report.',
  url: 'https://shop.example/insights?restaurant=r1&range=7d',
  ...overrides,
});

describe('e-mail channel against a real SMTP server', () => {
  let db: Db;
  let tenant: Tenant;
  let sink: SmtpSink;
  let channel: EmailChannel;
  const parsed: ParsedMail[] = [];

  /** Sends and parses what arrived. */
  async function deliver(msg: OutgoingMessage): Promise<ParsedMail> {
    const before = sink.count();
    const outcome = await channel.send(db, msg);
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    await sink.received(before + 1);
    const mail = await simpleParser(sink.messages.at(-1)!);
    parsed.push(mail);
    return mail;
  }

  before(async () => {
    db = await openTestDb();
    tenant = await createTenant(db, { name: 'Café <Zaytoun> & Söhne', origins: ['https://shop.example'] });
    sink = await startSmtpSink();
    channel = createEmailChannel(() => ({
      mail: {
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        from: 'Zaytoun <news@zaytoun.example>',
        maxConnections: 2,
      },
      publicUrl: PUBLIC_URL,
    }));
    await saveEmail(db, tenant.id, 'u:owner-1', 'samira@owner.example');
  });
  after(async () => {
    channel.close();
    await sink.close();
    await db.close();
  });

  test('reachable only with a stored e-mail address', async () => {
    assert.equal(await channel.reachable(db, tenant.id, 'u:owner-1'), true);
    assert.equal(await channel.reachable(db, tenant.id, 'u:nobody'), false);
    const outcome = await channel.send(db, message(tenant, { recipient: 'u:nobody' }));
    assert.deepEqual(outcome, { ok: false, retry: false, reason: 'the recipient has no e-mail address' });
  });

  test('a multipart mail arrives: subject, text and HTML as sent, every data value escaped in the HTML', async () => {
    const mail = await deliver(message(tenant));
    assert.equal(mail.subject, 'Orders dropped <script>alert(1)</script> & more');
    assert.deepEqual(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : [], [
      'samira@owner.example',
    ]);
    assert.equal(mail.from?.value[0]?.address, 'news@zaytoun.example');
    assert.match(
      mail.text ?? '',
      /Hello <b>Samira<\/b>,\norders at "Zaytoun" fell 40% & <img src=x onerror=alert\(1\)>\./,
    );
    // The link goes through the click redirect, which leads to the message's own URL (tracking.ts).
    const link = new URL(/(\S+\/click\?\S+)/.exec(mail.text ?? '')?.[1] ?? 'http://missing.invalid');
    assert.equal(`${link.origin}${link.pathname}`, `${PUBLIC_URL}/v1/messages/${deliveries}/click`);
    assert.equal(link.searchParams.get('u'), 'https://shop.example/insights?restaurant=r1&range=7d');
    const html = String(mail.html);
    // Data is text: nothing from it became an element or an attribute.
    assert.doesNotMatch(html, /<script|<img|<b>/);
    assert.match(html, /Orders dropped &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; more/);
    assert.match(html, /Hello &lt;b&gt;Samira&lt;\/b&gt;,<br>orders at &quot;Zaytoun&quot; fell 40% &amp; &lt;img/);
    assert.match(html, /Café &lt;Zaytoun&gt; &amp; Söhne/);
    assert.ok(html.includes(`href="${link.href.replaceAll('&', '&amp;')}"`), 'the button carries the same link');
    assert.match(html, /<html lang="en" dir="ltr">/);
    assert.match(html, /Unsubscribe from this topic/);
    assert.equal(mail.messageId, `<delivery-${deliveries}.${tenant.id}@zaytoun.example>`);
  });

  test('RFC 8058 headers on every mail: List-Unsubscribe names a token for this recipient, channel and topic', async () => {
    const mail = await deliver(message(tenant, { topic: 'reports' }));
    const line = (key: string) => mail.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n[ \t]/g, ' ');
    assert.equal(line('list-unsubscribe-post'), 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const header = /^List-Unsubscribe: <([^>\s]+)>$/.exec(line('list-unsubscribe') ?? '');
    assert.ok(header, `List-Unsubscribe is one <https://…> URL: ${line('list-unsubscribe')}`);
    const url = new URL(header[1]!);
    assert.equal(`${url.origin}${url.pathname}`, `${PUBLIC_URL}/v1/unsubscribe`);
    assert.deepEqual(readUnsubscribeToken(url.searchParams.get('token')), {
      tenantId: tenant.id,
      recipient: 'u:owner-1',
      channel: 'email',
      topic: 'reports',
    });
    // The recipient's id is not readable in the link (scanners and proxies log URLs).
    assert.doesNotMatch(header[1]!, /owner-1/);
    assert.ok(mail.text?.includes(header[1]!), 'the text part carries the same link');
  });

  const cases: [Locale, RegExp, RegExp, 'ltr' | 'rtl'][] = [
    ['de', /Keine E-Mails mehr zu „Warnungen zum Betrieb“: https:/, /Sie erhalten diese E-Mail von Café/, 'ltr'],
    ['en', /Unsubscribe from “Health alerts” e-mails: https:/, /You get this e-mail from Café/, 'ltr'],
    ['ar', /لإلغاء الاشتراك في رسائل «تنبيهات التشغيل»: https:/, /تصلك هذه الرسالة من Café/, 'rtl'],
  ];
  for (const [locale, unsubscribeLine, reason, dir] of cases) {
    test(`in the recipient's language: ${locale}`, async () => {
      const title = { de: 'Bestellungen eingebrochen', en: 'Orders dropped', ar: 'انخفضت الطلبات' }[locale];
      const mail = await deliver(message(tenant, { locale, title, body: `${title}.` }));
      assert.equal(mail.subject, title);
      assert.match(mail.text ?? '', unsubscribeLine);
      assert.match(mail.text ?? '', reason);
      assert.match(String(mail.html), new RegExp(`<html lang="${locale}" dir="${dir}">`));
      assert.match(String(mail.html), new RegExp(`<div dir="${dir}"`));
    });
  }

  test('a 4xx reply is transient (retry), a 5xx reply permanent; a refused connection is transient', async () => {
    await saveEmail(db, tenant.id, 'u:full', 'reply-452@owner.example');
    await saveEmail(db, tenant.id, 'u:gone', 'reply-550@owner.example');
    const full = await channel.send(db, message(tenant, { recipient: 'u:full' }));
    assert.equal(full.ok, false);
    assert.equal(!full.ok && full.retry, true);
    assert.match(!full.ok ? full.reason : '', /^smtp 452/);
    const gone = await channel.send(db, message(tenant, { recipient: 'u:gone' }));
    assert.equal(!gone.ok && gone.retry, false);
    assert.match(!gone.ok ? gone.reason : '', /^smtp 550/);

    const closed = await startSmtpSink();
    const port = closed.port;
    await closed.close();
    const offline = createEmailChannel(() => ({
      mail: { host: '127.0.0.1', port, secure: false, from: 'news@zaytoun.example', maxConnections: 1 },
      publicUrl: PUBLIC_URL,
    }));
    const refused = await offline.send(db, message(tenant));
    offline.close();
    assert.equal(!refused.ok && refused.retry, true, JSON.stringify(refused));
  });

  test('without SMTP configured nobody is reachable and a send is refused for good', async () => {
    const off = createEmailChannel(() => undefined);
    assert.equal(await off.reachable(db, tenant.id, 'u:owner-1'), false);
    const outcome = await off.send(db, message(tenant));
    assert.equal(!outcome.ok && outcome.retry, false);
  });

  test('one pooled transport carries many sends', async () => {
    const before = sink.count();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => channel.send(db, message(tenant))));
    assert.ok(outcomes.every((o) => o.ok));
    await sink.received(before + 20);
  });
});

describe('e-mail settings from the environment', () => {
  test('off without SMTP variables; a URL or host parts; errors name the variable', () => {
    assert.equal(loadMailConfig({}), undefined);
    assert.deepEqual(
      loadMailConfig({ MB_SMTP_URL: 'smtps://me%40x:p%3Ass@mail.example', MB_MAIL_FROM: 'a@b.example' }),
      {
        host: 'mail.example',
        port: 465,
        secure: true,
        auth: { user: 'me@x', pass: 'p:ss' },
        from: 'a@b.example',
        maxConnections: 5,
      },
    );
    assert.deepEqual(
      loadMailConfig({ MB_SMTP_HOST: 'mail.example', MB_MAIL_FROM: 'Zaytoun <a@b.example>', MB_SMTP_POOL: '3' }),
      { host: 'mail.example', port: 587, secure: false, from: 'Zaytoun <a@b.example>', maxConnections: 3 },
    );
    const refused: [Record<string, string>, RegExp][] = [
      [{ MB_SMTP_URL: 'http://mail.example', MB_MAIL_FROM: 'a@b.example' }, /^MB_SMTP_URL/],
      [{ MB_SMTP_HOST: 'mail.example' }, /^MB_MAIL_FROM/],
      [{ MB_SMTP_HOST: 'mail.example', MB_MAIL_FROM: 'nobody' }, /^MB_MAIL_FROM/],
      [{ MB_SMTP_HOST: 'mail.example', MB_SMTP_PORT: '99999', MB_MAIL_FROM: 'a@b.example' }, /^MB_SMTP_PORT/],
      [{ MB_SMTP_HOST: 'mail.example', MB_SMTP_SECURE: 'maybe', MB_MAIL_FROM: 'a@b.example' }, /^MB_SMTP_SECURE/],
      [{ MB_SMTP_HOST: 'mail.example', MB_SMTP_USER: 'me', MB_MAIL_FROM: 'a@b.example' }, /^MB_SMTP_PASS/],
      [{ MB_SMTP_HOST: 'mail.example', MB_SMTP_POOL: '0', MB_MAIL_FROM: 'a@b.example' }, /^MB_SMTP_POOL/],
    ];
    for (const [env, error] of refused)
      assert.throws(() => loadMailConfig(env), { message: error }, JSON.stringify(env));
  });

  test('MB_PUBLIC_URL, defaulting to where the server listens', () => {
    assert.equal(publicBaseUrl({}), 'http://127.0.0.1:8787');
    assert.equal(publicBaseUrl({ PORT: '4000', HOST: '0.0.0.0' }), 'http://127.0.0.1:4000');
    assert.equal(publicBaseUrl({ MB_PUBLIC_URL: 'https://api.example.com/mb/' }), 'https://api.example.com/mb');
    assert.throws(() => publicBaseUrl({ MB_PUBLIC_URL: 'ftp://x' }), { message: /^MB_PUBLIC_URL/ });
    assert.throws(() => publicBaseUrl({ MB_PUBLIC_URL: 'nope' }), { message: /^MB_PUBLIC_URL/ });
  });
});
