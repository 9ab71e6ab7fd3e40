/**
 * The WhatsApp channel's settings (WhatsApp Business Cloud API) from the environment, read like config.ts: a typo
 * stops the start with the variable named. Neither token nor phone number id set: the channel is off.
 *
 * - `MB_WHATSAPP_TOKEN`: the access token (sent as `Authorization: Bearer …`);
 * - `MB_WHATSAPP_PHONE_NUMBER_ID`: the business phone number's id (digits), the path of `POST /{id}/messages`;
 * - `MB_WHATSAPP_API_URL`: the API's base including its version (default `https://graph.facebook.com/v21.0`);
 * - `MB_WHATSAPP_TEMPLATE`: the approved template every message uses (default `matbakh_message`), with two body
 *   parameters: {{1}} the title, {{2}} the text (and link). Approve it in de, en and ar.
 */
import { type Env, httpUrl, trimmed, withoutTrailingSlash } from './env.ts';

export interface WhatsAppConfig {
  /** Without a trailing slash. */
  apiUrl: string;
  phoneNumberId: string;
  token: string;
  template: string;
}

export const DEFAULT_WHATSAPP_API_URL = 'https://graph.facebook.com/v21.0';

function apiUrl(raw: string | undefined): string {
  if (raw === undefined) return DEFAULT_WHATSAPP_API_URL;
  return withoutTrailingSlash(httpUrl('MB_WHATSAPP_API_URL', raw));
}

/** `undefined`: WhatsApp is not configured, the channel is off. */
export function loadWhatsAppConfig(env: Env): WhatsAppConfig | undefined {
  const token = trimmed(env, 'MB_WHATSAPP_TOKEN');
  const phoneNumberId = trimmed(env, 'MB_WHATSAPP_PHONE_NUMBER_ID');
  if (token === undefined && phoneNumberId === undefined) return undefined;
  if (token === undefined) throw new Error('MB_WHATSAPP_TOKEN must be set when MB_WHATSAPP_PHONE_NUMBER_ID is');
  if (phoneNumberId === undefined) {
    throw new Error('MB_WHATSAPP_PHONE_NUMBER_ID must be set when MB_WHATSAPP_TOKEN is');
  }
  if (!/^\d{1,30}$/.test(phoneNumberId)) {
    throw new Error(`MB_WHATSAPP_PHONE_NUMBER_ID must be the phone number's numeric id, got "${phoneNumberId}"`);
  }
  const template = trimmed(env, 'MB_WHATSAPP_TEMPLATE') ?? 'matbakh_message';
  if (!/^[a-z0-9_]{1,512}$/.test(template)) {
    throw new Error(`MB_WHATSAPP_TEMPLATE must be a template name (a-z, 0-9, _), got "${template}"`);
  }
  return { apiUrl: apiUrl(trimmed(env, 'MB_WHATSAPP_API_URL')), phoneNumberId, token, template };
}
