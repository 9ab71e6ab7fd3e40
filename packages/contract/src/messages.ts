/**
 * Wire format of tracked messages: the Segment Spec (https://segment.com/docs/connections/spec/).
 * Shared by the SDK (producer), the reference server (collector) and the msw mocks.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type DeviceClass = 'mobile' | 'tablet' | 'desktop' | 'bot' | 'unknown';

export interface MessageContext {
  library: { name: string; version: string };
  page?: { url: string; path: string; referrer: string; title: string; search: string };
  userAgent?: string;
  device?: { type: DeviceClass };
  locale?: string;
  timezone?: string;
  screen?: { width: number; height: number; density: number };
  campaign?: { source?: string; medium?: string; name?: string; term?: string; content?: string };
  /** matbakh extension: the client-side session (30 min inactivity, ends at local midnight). */
  session?: { id: string; index: number; start: string };
  /** HMAC-SHA256(tenant secret, userId) from the host's backend: proves the userId. */
  userHash?: string;
  /** `group` messages: HMAC-SHA256(tenant secret, userId + ':' + groupId) from the host's backend: proves membership. */
  groupHash?: string;
  [key: string]: JsonValue | undefined;
}

interface MessageBase {
  messageId: string;
  /** ISO-8601 time the call was made on the client (the pre-load queue keeps its original time). */
  timestamp: string;
  anonymousId: string;
  userId?: string;
  context: MessageContext;
  /** Set by the client when the batch leaves; the server uses it to correct clock skew. */
  sentAt?: string;
}

export interface TrackMessage extends MessageBase {
  type: 'track';
  event: string;
  properties: JsonObject;
}
export interface PageMessage extends MessageBase {
  type: 'page';
  category?: string;
  name?: string;
  properties: JsonObject;
}
export interface IdentifyMessage extends MessageBase {
  type: 'identify';
  traits: JsonObject;
}
export interface GroupMessage extends MessageBase {
  type: 'group';
  groupId: string;
  traits: JsonObject;
}
export interface AliasMessage extends MessageBase {
  type: 'alias';
  previousId: string;
}

export type Message = TrackMessage | PageMessage | IdentifyMessage | GroupMessage | AliasMessage;
export type MessageType = Message['type'];
export const MESSAGE_TYPES: readonly MessageType[] = ['track', 'page', 'identify', 'group', 'alias'];

/** `POST /v1/batch` body (Segment HTTP API batch). */
export interface BatchRequest {
  batch: Message[];
  sentAt?: string;
  /** Alternative to `Authorization: Basic base64(writeKey:)`, needed by `navigator.sendBeacon`. */
  writeKey?: string;
}

export interface MessageRejection {
  index: number;
  messageId?: string;
  /** Dotted path of the offending field, e.g. `batch[3].event`. */
  field: string;
  message: string;
}

/** `POST /v1/batch` 200 response. */
export interface BatchResponse {
  accepted: number;
  duplicate: number;
  rejected: number;
  errors: MessageRejection[];
  /**
   * Valid messages not stored because the subject's latest consent decision does not grant their category
   * (`analytics`), or because the subject has recorded none (privacy by default). Optional: older servers omit it.
   */
  refused?: number;
  /**
   * Messages whose `userId` came without a valid `context.userHash` (HMAC-SHA256(tenant secret, userId)): stored
   * without the userId, as the anonymous visitor's. Optional: older servers omit it.
   */
  unverified?: number;
}

/** Largest single message (Segment HTTP API). */
export const MAX_MESSAGE_BYTES = 32 * 1024;
/** `navigator.sendBeacon` refuses more than 64 KiB of queued data. */
export const MAX_BEACON_BYTES = 64 * 1024;

/** Limits of the Segment HTTP API, which the reference server enforces too. */
export const LIMITS = {
  /** Largest accepted batch body. */
  maxBatchBytes: 500 * 1024,
  maxMessageBytes: MAX_MESSAGE_BYTES,
  /** Most messages in one batch. */
  maxBatchMessages: 2500,
  maxBeaconBytes: MAX_BEACON_BYTES,
} as const;
