import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Db } from '../src/db.ts';
import type { ChannelAdapter, OutgoingMessage } from '../src/messaging/channel.ts';
import { createWhatsAppChannel, e164 } from '../src/messaging/channels/whatsapp.ts';
import { DEFAULT_WHATSAPP_API_URL, loadWhatsAppConfig } from '../src/messaging/channels/whatsapp-config.ts';
import { recordContact } from '../src/messaging/contacts.ts';
import { createTenant, type Tenant } from '../src/tenants.ts';
import { openTestDb, T0 } from './helpers.ts';

const TOKEN = 'EAAG-test-token';
const PHONE_ID = '106540352242922';
const TEMPLATE = 'matbakh_message';
/** The languages the template is approved in at the fake provider. */
const APPROVED = ['de', 'en'];

interface Received {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

const apiError = (code: number, message: string, details?: string) => ({
  error: {
    message: `(#${code}) ${message}`,
    type: 'OAuthException',
    code,
    error_data: { messaging_product: 'whatsapp', details: details ?? message },
    fbtrace_id: 'Az8or2yhqkZfEZ-_4Qn_Bam',
  },
});

/**
 * A local stand-in for the Cloud API's `POST /{version}/{phone-number-id}/messages`, implementing its documented
 * request checks and response shapes (success: `messaging_product`, `contacts[].input/wa_id`, `messages[].id`;
 * failure: `error.code`, `error.message`, `error.error_data.details`). `script` queues answers to give first
 * (e.g. a 429 before the next request goes through).
 */
function fakeCloudApi() {
  const received: Received[] = [];
  const script: { status: number; body: unknown }[] = [];
  let sent = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return answer(400, apiError(100, 'Invalid parameter', 'body is not JSON'));
      }
      received.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
      if (req.method !== 'POST' || req.url !== `/v21.0/${PHONE_ID}/messages`) {
        return answer(400, apiError(100, 'Invalid parameter', 'unknown path'));
      }
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        return answer(401, apiError(190, 'Access token has expired'));
      }
      const scripted = script.shift();
      if (scripted) return answer(scripted.status, scripted.body);
      const template = body.template as
        | {
            name?: string;
            language?: { code?: string };
            components?: { type: string; parameters: { text: string }[] }[];
          }
        | undefined;
      if (body.messaging_product !== 'whatsapp' || body.type !== 'template' || typeof body.to !== 'string') {
        return answer(400, apiError(100, 'Invalid parameter'));
      }
      if (template?.name !== TEMPLATE || !APPROVED.includes(template.language?.code ?? '')) {
        return answer(404, apiError(132001, 'Template name does not exist in the translation'));
      }
      const parameters = template.components?.find((c) => c.type === 'body')?.parameters ?? [];
      if (parameters.length !== 2) return answer(400, apiError(132000, 'Number of parameters does not match'));
      if (parameters.some((p) => /[\n\t]| {5}/.test(p.text))) {
        return answer(400, apiError(132018, 'There was an issue with the parameters in your template'));
      }
      sent++;
      answer(200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: String(body.to).replace('+', '') }],
        messages: [{ id: `wamid.TEST${sent}` }],
      });
    });
  });
  return { server, received, script };
}

let deliveries = 0;
const message = (tenant: Tenant, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  tenant,
  recipient: 'u:guest-1',
  deliveryId: ++deliveries,
  campaignId: 'cmp-lapsed',
  topic: 'promotions',
  locale: 'de',
  title: 'Wir vermissen Sie',
  body: 'Hallo Samira,\n\nIhr Falafel-Teller wartet.\tHeute 10 % Rabatt.',
  url: 'https://shop.example/r/zaytoun',
  ...overrides,
});

describe('WhatsApp channel against a local Cloud API', () => {
  let db: Db;
  let tenant: Tenant;
  let api: ReturnType<typeof fakeCloudApi>;
  let channel: ChannelAdapter;
  let apiUrl: string;

  /** As contacts.ts records an identify's `phone` trait (no check here: the adapter must refuse a bad one itself). */
  const savePhone = (recipient: string, phone: string) => recordContact(db, tenant.id, recipient, { phone }, T0);

  before(async () => {
    db = await openTestDb();
    tenant = await createTenant(db, { name: 'Zaytoun', origins: ['https://shop.example'] });
    api = fakeCloudApi();
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}/v21.0`;
    channel = createWhatsAppChannel(() => ({ apiUrl, phoneNumberId: PHONE_ID, token: TOKEN, template: TEMPLATE }));
    await savePhone('u:guest-1', '+49 171 1234-567');
  });
  beforeEach(() => {
    api.received.length = 0;
    api.script.length = 0;
  });
  after(async () => {
    await new Promise((resolve) => api.server.close(resolve));
    await db.close();
  });

  test('sends the documented template request and reports the message id', async () => {
    const outcome = await channel.send(db, message(tenant));
    assert.deepEqual(outcome, { ok: true, providerId: 'wamid.TEST1' });
    assert.equal(api.received.length, 1);
    const [request] = api.received;
    assert.equal(request?.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(request?.body, {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+491711234567',
      type: 'template',
      template: {
        name: TEMPLATE,
        language: { policy: 'deterministic', code: 'de' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Wir vermissen Sie' },
              // One line: the API refuses new lines and tabs inside a parameter.
              {
                type: 'text',
                text: 'Hallo Samira, Ihr Falafel-Teller wartet. Heute 10 % Rabatt. https://shop.example/r/zaytoun',
              },
            ],
          },
        ],
      },
      biz_opaque_callback_data: `delivery:${deliveries}`,
    });
  });

  test('the template language follows the recipient: en', async () => {
    const outcome = await channel.send(db, message(tenant, { locale: 'en', title: 'We miss you', body: 'Hi' }));
    assert.equal(outcome.ok, true);
    assert.equal((api.received[0]!.body.template as { language: { code: string } }).language.code, 'en');
  });

  test('an error response is permanent with the API code as reason (template not approved in ar)', async () => {
    const outcome = await channel.send(db, message(tenant, { locale: 'ar', title: 'نفتقدك' }));
    assert.deepEqual(outcome, {
      ok: false,
      retry: false,
      reason:
        'whatsapp 404 #132001: (#132001) Template name does not exist in the translation (Template name does not exist in the translation)',
    });
  });

  test('429 (throughput, #130429) is transient: the retry goes through', async () => {
    api.script.push({
      status: 429,
      body: apiError(130429, 'Rate limit hit', 'Message failed to send because there were too many messages sent'),
    });
    const job = message(tenant);
    const first = await channel.send(db, job);
    assert.equal(first.ok, false);
    assert.equal(!first.ok && first.retry, true);
    assert.match(!first.ok ? first.reason : '', /^whatsapp 429 #130429/);
    // What the queue does with `retry: true` after its backoff: the same message again.
    const again = await channel.send(db, job);
    assert.equal(again.ok, true);
    assert.equal(api.received.length, 2);
    assert.deepEqual(api.received[0]?.body, api.received[1]?.body);
  });

  test('5xx and temporary codes are transient; a refused token is not', async () => {
    api.script.push({ status: 503, body: apiError(2, 'Service temporarily unavailable') });
    api.script.push({
      status: 400,
      body: apiError(131056, '(Business Account, Consumer Account) pair rate limit hit'),
    });
    const down = await channel.send(db, message(tenant));
    assert.equal(!down.ok && down.retry, true);
    const pair = await channel.send(db, message(tenant));
    assert.equal(!pair.ok && pair.retry, true);

    const wrongToken = createWhatsAppChannel(() => ({
      apiUrl,
      phoneNumberId: PHONE_ID,
      token: 'nope',
      template: TEMPLATE,
    }));
    const refused = await wrongToken.send(db, message(tenant));
    assert.equal(!refused.ok && refused.retry, false);
    assert.match(!refused.ok ? refused.reason : '', /^whatsapp 401 #190/);
  });

  test('no phone number, or not a valid one: unreachable and refused without a request', async () => {
    await savePhone('u:landline', '0171 123');
    for (const recipient of ['u:nobody', 'u:landline']) {
      assert.equal(await channel.reachable(db, tenant.id, recipient), false);
      const outcome = await channel.send(db, message(tenant, { recipient }));
      assert.deepEqual(outcome, { ok: false, retry: false, reason: 'the recipient has no valid phone number' });
    }
    assert.equal(await channel.reachable(db, tenant.id, 'u:guest-1'), true);
    assert.equal(api.received.length, 0);
  });

  test('a provider that cannot be reached is transient; not configured means nobody is reachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const offline = createWhatsAppChannel(() => ({
      apiUrl: `http://127.0.0.1:${port}/v21.0`,
      phoneNumberId: PHONE_ID,
      token: TOKEN,
      template: TEMPLATE,
    }));
    const outcome = await offline.send(db, message(tenant));
    assert.equal(!outcome.ok && outcome.retry, true);

    const off = createWhatsAppChannel(() => undefined);
    assert.equal(await off.reachable(db, tenant.id, 'u:guest-1'), false);
    assert.equal((await off.send(db, message(tenant))).ok, false);
  });
});

describe('WhatsApp settings and numbers', () => {
  test('off without variables; errors name the variable', () => {
    assert.equal(loadWhatsAppConfig({}), undefined);
    assert.deepEqual(loadWhatsAppConfig({ MB_WHATSAPP_TOKEN: 't', MB_WHATSAPP_PHONE_NUMBER_ID: '123' }), {
      apiUrl: DEFAULT_WHATSAPP_API_URL,
      phoneNumberId: '123',
      token: 't',
      template: 'matbakh_message',
    });
    const refused: [Record<string, string>, RegExp][] = [
      [{ MB_WHATSAPP_TOKEN: 't' }, /^MB_WHATSAPP_PHONE_NUMBER_ID/],
      [{ MB_WHATSAPP_PHONE_NUMBER_ID: '1' }, /^MB_WHATSAPP_TOKEN/],
      [{ MB_WHATSAPP_TOKEN: 't', MB_WHATSAPP_PHONE_NUMBER_ID: '+49 1' }, /^MB_WHATSAPP_PHONE_NUMBER_ID/],
      [{ MB_WHATSAPP_TOKEN: 't', MB_WHATSAPP_PHONE_NUMBER_ID: '1', MB_WHATSAPP_API_URL: 'x' }, /^MB_WHATSAPP_API_URL/],
      [
        { MB_WHATSAPP_TOKEN: 't', MB_WHATSAPP_PHONE_NUMBER_ID: '1', MB_WHATSAPP_TEMPLATE: 'Hi!' },
        /^MB_WHATSAPP_TEMPLATE/,
      ],
    ];
    for (const [env, error] of refused)
      assert.throws(() => loadWhatsAppConfig(env), { message: error }, JSON.stringify(env));
  });

  test('E.164 numbers', () => {
    assert.equal(e164('+49 (171) 123-4567'), '+491711234567');
    assert.equal(e164('0049 171 1234567'), '+491711234567');
    assert.equal(e164('966501234567'), '+966501234567');
    assert.equal(e164('0171 1234567'), undefined);
    assert.equal(e164('+12'), undefined);
    assert.equal(e164('call me'), undefined);
  });
});
