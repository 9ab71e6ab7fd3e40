import type { JsonValue, Message } from '@matbakh/contract';

/**
 * Runs on every message before it is queued: return the message (changed or not) to keep it,
 * `null` to drop it. A middleware that throws drops the message rather than leak unscrubbed data.
 */
export type Middleware = (message: Message) => Message | null;

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]{2,}/;
/** International (+49…, 0049…) or national (0151…) numbers: 7–15 digits with common separators. */
const PHONE = /^(?:\+|0)[\d\s()./-]{6,}$/;
const PII_KEY = /^(e-?mail|phone|mobile|tel|telephone|password)$/i;

function looksPersonal(key: string, value: JsonValue): boolean {
  if (PII_KEY.test(key)) return true;
  if (typeof value !== 'string') return false;
  if (EMAIL.test(value)) return true;
  if (!PHONE.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}

function scrub(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.filter((item) => !looksPersonal('', item)).map(scrub);
  if (value && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) if (!looksPersonal(key, item)) out[key] = scrub(item);
    return out;
  }
  return value;
}

/**
 * Default middleware: removes properties that look like e-mail addresses or phone numbers, so a
 * careless `track('Signup', { email })` on a partner page does not ship personal data.
 * Identify traits are left alone: identifying is their purpose.
 */
export const scrubPersonalData: Middleware = (message) => {
  if (message.type === 'track' || message.type === 'page') {
    return { ...message, properties: scrub(message.properties) as typeof message.properties };
  }
  return message;
};
