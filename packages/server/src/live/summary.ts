/**
 * What the live event debugger shows of a message (contract `LiveEvent`): its kind, names, ids, time and size, and
 * its property names. Property values only for a message the server stored — its subject granted analytics and the
 * tenant holds it anyway — never for a refused one (no consent, no valid format: the server may not keep it), and
 * never identify traits (personal data, sealed at rest), nor anything from `context` (proofs, device details).
 */
import type { LiveEvent, LiveRefusal } from '@matbakh/contract';
import { isPlainObject } from '@matbakh/contract';

/** Above this many bytes of JSON, a message's property values are left out (names stay). */
const MAX_VALUE_BYTES = 2048;
const MAX_KEYS = 50;
const MAX_TEXT = 200;

export type LiveSummary = Omit<LiveEvent, 'id'>;

/** A message as the ingest route has it: validated (accepted, refused by consent) or as sent (invalid). */
export type LiveMessage = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value.slice(0, MAX_TEXT) : undefined;

function payloadOf(message: LiveMessage): Record<string, unknown> | undefined {
  if (isPlainObject(message.properties)) return message.properties;
  if (isPlainObject(message.traits)) return message.traits;
  return undefined;
}

export function summarize(
  message: LiveMessage,
  base: { receivedAt: string; path: string },
  refusal?: LiveRefusal,
): LiveSummary {
  const summary: LiveSummary = {
    receivedAt: base.receivedAt,
    path: base.path,
    status: refusal ? 'refused' : 'accepted',
  };
  for (const field of ['type', 'event', 'name', 'messageId', 'anonymousId', 'userId'] as const) {
    const value = text(message[field]);
    if (value !== undefined) summary[field] = value;
  }
  const json = JSON.stringify(message) ?? '';
  summary.bytes = Buffer.byteLength(json);
  const payload = payloadOf(message);
  if (payload) {
    summary.keys = Object.keys(payload).slice(0, MAX_KEYS);
    const showValues =
      !refusal && isPlainObject(message.properties) && (message.type === 'track' || message.type === 'page');
    if (showValues && Buffer.byteLength(JSON.stringify(payload)) <= MAX_VALUE_BYTES) summary.properties = payload;
  }
  if (refusal) summary.refusal = refusal;
  return summary;
}

/** A refusal before any message was read (origin, key, rate limit): no message to show, only why. */
export const refusalOnly = (refusal: LiveRefusal, base: { receivedAt: string; path: string }): LiveSummary => ({
  ...base,
  status: 'refused',
  refusal,
});
