/**
 * The WhatsApp channel: the Business Cloud API's documented send, `POST {base}/{phone-number-id}/messages` with a
 * Bearer token and a template message (`messaging_product: "whatsapp"`, `type: "template"`, the template's language
 * code and its body parameters). A business may start a conversation only with an approved template and only with
 * people who opted in: the dispatcher checks the WhatsApp consent and the channel × topic preference before calling
 * `send`; this adapter refuses a recipient without a phone number.
 *
 * Outcomes: HTTP 429 and 5xx, and the API's throttling / temporary error codes, are transient (the queue retries with
 * backoff); any other error (bad number, template missing, token refused) is permanent, with the API's reason.
 */
import type { Locale } from '@matbakh/contract';
import type { ChannelAdapter, KnownRecipient, OutgoingMessage, SendOutcome } from '../channel.ts';
import { readContact } from '../contacts.ts';
import { trackedLink } from '../tracking.ts';
import { publicBaseUrl } from './email-config.ts';
import { loadWhatsAppConfig, type WhatsAppConfig } from './whatsapp-config.ts';

/** The template language codes of our locales. */
const LANGUAGE: Record<Locale, string> = { de: 'de', en: 'en', ar: 'ar' };

/**
 * Error codes the API documents as temporary: 1 API unknown / 2 API service (outage, overload), 4 too many calls,
 * 80007 account rate limit, 130429 throughput reached, 131000 something went wrong, 131016 service unavailable,
 * 131056 too many messages to one number, 133004 server temporarily unavailable.
 */
const TRANSIENT_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131056, 133004]);

/** The documented request body of a template message. */
export interface TemplateMessageRequest {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
  type: 'template';
  template: {
    name: string;
    language: { policy: 'deterministic'; code: string };
    components: { type: 'body'; parameters: { type: 'text'; text: string }[] }[];
  };
  /** Returned in the status webhooks: ties a status back to the delivery. */
  biz_opaque_callback_data?: string;
}

/**
 * A phone number as E.164 (`+` and 7–15 digits), spaces, dashes, dots and brackets dropped and a leading `00` read
 * as `+`; `undefined` when it is not one.
 */
export function e164(raw: string): string | undefined {
  const compact = raw.replace(/[\s\-.()/]/g, '').replace(/^00/, '+');
  const withPlus = compact.startsWith('+') ? compact : `+${compact}`;
  return /^\+[1-9]\d{6,14}$/.test(withPlus) ? withPlus : undefined;
}

/**
 * A template parameter: the API refuses new lines, tabs and runs of more than four spaces in one (error 132018),
 * and a body's parameters must fit its 1024 characters.
 */
function parameter(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export function templateRequest(config: WhatsAppConfig, to: string, message: OutgoingMessage): TemplateMessageRequest {
  const text = message.url ? `${parameter(message.body, 700)} ${message.url}` : parameter(message.body, 900);
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'template',
    template: {
      name: config.template,
      language: { policy: 'deterministic', code: LANGUAGE[message.locale] ?? LANGUAGE.de },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: parameter(message.title, 100) },
            { type: 'text', text },
          ],
        },
      ],
    },
    biz_opaque_callback_data: `delivery:${message.deliveryId}`,
  };
}

interface ApiError {
  error?: { code?: unknown; message?: unknown; error_data?: { details?: unknown } };
}

/** A non-2xx answer as a send outcome, from the documented error object (`error.code`, `error.message`). */
export async function failureOf(response: Response): Promise<Extract<SendOutcome, { ok: false }>> {
  const body = (await response.json().catch(() => ({}))) as ApiError;
  const code = typeof body.error?.code === 'number' ? body.error.code : undefined;
  const message = typeof body.error?.message === 'string' ? body.error.message : response.statusText;
  const details = body.error?.error_data?.details;
  const reason = `whatsapp ${response.status}${code === undefined ? '' : ` #${code}`}: ${message}${
    typeof details === 'string' ? ` (${details})` : ''
  }`.slice(0, 500);
  const transient =
    response.status === 429 || response.status >= 500 || (code !== undefined && TRANSIENT_CODES.has(code));
  return { ok: false, retry: transient, reason };
}

export interface WhatsAppOptions {
  /** This server's public base (`MB_PUBLIC_URL`): a message's link goes through its click redirect (tracking.ts). */
  publicUrl?: () => string;
  /** Default the global fetch. */
  fetch?: typeof fetch;
  /** Per request (default 10 s): a provider that hangs is a transient failure, not a stuck job. */
  timeoutMs?: number;
}

/** A WhatsApp adapter reading its settings on first use (`undefined`: not configured, nobody is reachable). */
export function createWhatsAppChannel(
  settings: () => WhatsAppConfig | undefined,
  options: WhatsAppOptions = {},
): ChannelAdapter {
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let loaded: { config: WhatsAppConfig | undefined } | undefined;
  const current = () => {
    loaded ??= { config: settings() };
    return loaded.config;
  };
  const phoneOf = async (
    db: Parameters<ChannelAdapter['reachable']>[0],
    tenantId: string,
    recipient: string,
    known: KnownRecipient | undefined,
  ) => {
    const stored = (known ? known.contact : await readContact(db, tenantId, recipient))?.phone;
    // contacts.ts stores E.164 from identify; checked again here because a send must never go to a malformed number.
    return stored === undefined ? undefined : e164(stored);
  };

  // The link counts its click on the way (tracking.ts); without a public URL it is sent as it is.
  const tracked = (message: OutgoingMessage): OutgoingMessage => {
    if (!message.url || options.publicUrl === undefined) return message;
    const link = trackedLink(options.publicUrl(), message.tenant, message.deliveryId, message.url);
    return link ? { ...message, url: link } : message;
  };
  return {
    id: 'whatsapp',
    async reachable(db, tenantId, recipient, known) {
      return current() !== undefined && (await phoneOf(db, tenantId, recipient, known)) !== undefined;
    },
    async send(db, message): Promise<SendOutcome> {
      const config = current();
      if (config === undefined) {
        return { ok: false, retry: false, reason: 'WhatsApp is not configured (MB_WHATSAPP_TOKEN)' };
      }
      const to = await phoneOf(db, message.tenant.id, message.recipient, message.known);
      if (to === undefined) return { ok: false, retry: false, reason: 'the recipient has no valid phone number' };
      let response: Response;
      try {
        response = await send(`${config.apiUrl}/${config.phoneNumberId}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(templateRequest(config, to, tracked(message))),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        return { ok: false, retry: true, reason: `whatsapp unreachable: ${(error as Error).message}`.slice(0, 500) };
      }
      if (!response.ok) return failureOf(response);
      const body = (await response.json().catch(() => ({}))) as { messages?: { id?: unknown }[] };
      const id = body.messages?.[0]?.id;
      return typeof id === 'string' ? { ok: true, providerId: id } : { ok: true };
    },
  };
}

/** The registry's WhatsApp channel: settings from the environment (whatsapp-config.ts). */
export const whatsAppChannel: ChannelAdapter = createWhatsAppChannel(() => loadWhatsAppConfig(process.env), {
  publicUrl: () => publicBaseUrl(process.env),
});
