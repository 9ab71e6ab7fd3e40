import { LIMITS, MESSAGE_TYPES, type Message, type MessageRejection } from '@matbakh/contract';

/**
 * Per-message checks of `POST /v1/batch`, as strict as the reference server: a mock that accepts what
 * the server rejects would hide SDK bugs until production. A bad message is rejected alone; the rest of
 * its batch is still accepted (Segment's behaviour).
 */

type Rejection = Omit<MessageRejection, 'index' | 'messageId'>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

const encoder = new TextEncoder();
export const byteLength = (text: string): number => encoder.encode(text).length;

export type Checked = { ok: true; message: Message } | { ok: false; rejection: MessageRejection };

/** The valid message at `batch[index]`, or its first problem. */
export function checkMessage(raw: unknown, index: number): Checked {
  const at = `batch[${index}]`;
  const reject = ({ field, message }: Rejection): Checked => ({
    ok: false,
    rejection: {
      index,
      ...(isObject(raw) && isText(raw.messageId) ? { messageId: raw.messageId } : {}),
      field,
      message,
    },
  });

  if (!isObject(raw)) return reject({ field: at, message: 'must be an object' });
  if (byteLength(JSON.stringify(raw)) > LIMITS.maxMessageBytes)
    return reject({ field: at, message: `larger than ${LIMITS.maxMessageBytes} bytes` });
  if (!(MESSAGE_TYPES as readonly unknown[]).includes(raw.type))
    return reject({ field: `${at}.type`, message: `must be one of ${MESSAGE_TYPES.join(', ')}` });
  if (!isText(raw.messageId) || raw.messageId.length > 100)
    return reject({ field: `${at}.messageId`, message: 'must be a non-empty string of at most 100 characters' });
  if (typeof raw.timestamp !== 'string' || Number.isNaN(Date.parse(raw.timestamp)))
    return reject({ field: `${at}.timestamp`, message: 'must be an ISO-8601 date-time' });
  if (!isText(raw.anonymousId)) return reject({ field: `${at}.anonymousId`, message: 'must be a non-empty string' });
  if (raw.userId !== undefined && !isText(raw.userId))
    return reject({ field: `${at}.userId`, message: 'must be a non-empty string when present' });
  if (!isObject(raw.context)) return reject({ field: `${at}.context`, message: 'must be an object' });

  switch (raw.type) {
    case 'track':
      if (!isText(raw.event)) return reject({ field: `${at}.event`, message: 'must be a non-empty string' });
      if (!isObject(raw.properties)) return reject({ field: `${at}.properties`, message: 'must be an object' });
      break;
    case 'page':
      if (!isObject(raw.properties)) return reject({ field: `${at}.properties`, message: 'must be an object' });
      break;
    case 'group':
      if (!isText(raw.groupId)) return reject({ field: `${at}.groupId`, message: 'must be a non-empty string' });
      if (!isObject(raw.traits)) return reject({ field: `${at}.traits`, message: 'must be an object' });
      break;
    case 'identify':
      if (!isObject(raw.traits)) return reject({ field: `${at}.traits`, message: 'must be an object' });
      break;
    case 'alias':
      if (!isText(raw.previousId)) return reject({ field: `${at}.previousId`, message: 'must be a non-empty string' });
      break;
  }
  return { ok: true, message: raw as unknown as Message };
}
