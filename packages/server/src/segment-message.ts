/**
 * What real Segment-style clients put on the wire, read as the contract's message before the contract validates it.
 * The contract's rules stay the rules (a messageId, a timestamp, an id, the type's own field); this only undoes the
 * habits of clients that mean "absent" in other ways:
 * - `null` for an absent field: analytics-next sends `userId: null` for every anonymous visitor, analytics-python
 *   and analytics-ruby send `anonymousId: null`, `integrations: null`, `options: null` once a user is known;
 * - an empty `userId` / `anonymousId` for "no id yet" (RudderStack's SDKs);
 * - `originalTimestamp` without `timestamp`: RudderStack's SDKs send the call time under that name and leave
 *   `timestamp` to the server, which is what our skew correction computes from it.
 * Every other field (`integrations`, `_metadata`, `channel`, `receivedAt`, …) passes through: the contract
 * ignores what it does not store.
 */
import { isPlainObject } from '@matbakh/contract';

const IDENTIFIERS = ['userId', 'anonymousId'] as const;

export function fromSegmentClient(raw: unknown): unknown {
  if (!isPlainObject(raw)) return raw;
  const message: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== null) message[key] = value;
  }
  for (const key of IDENTIFIERS) {
    if (message[key] === '') delete message[key];
  }
  if (message.timestamp === undefined && message.originalTimestamp !== undefined) {
    message.timestamp = message.originalTimestamp;
  }
  return message;
}
