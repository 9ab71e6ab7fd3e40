/**
 * Validation of `POST /v1/batch` bodies, shared by the reference server and the msw mocks: a mock that
 * accepts what the server rejects would hide client bugs until production.
 */
import { isObject } from './is-object.ts';
import { checkJsonShape } from './json-shape.ts';
import { type JsonObject, LIMITS, MESSAGE_TYPES, type MessageRejection, type MessageType } from './messages.ts';

/** A message that passed validation, reduced to what the collector stores. */
export interface ValidMessage {
  index: number;
  type: MessageType;
  messageId: string;
  timestamp: string;
  sentAt?: string;
  anonymousId?: string;
  userId?: string;
  event?: string;
  name?: string;
  category?: string;
  groupId?: string;
  previousId?: string;
  properties?: JsonObject;
  traits?: JsonObject;
  context: JsonObject;
}

export interface BadRequest {
  message: string;
  field: string;
}

export interface BatchEnvelope {
  batch: unknown[];
  sentAt?: string;
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

const MAX_ID_LENGTH = 200;
const MAX_MESSAGE_ID_LENGTH = 100;
// Date.parse alone accepts "2024", "March 7" and zone-less local times; a collector needs an unambiguous instant.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

const encoder = new TextEncoder();
/** UTF-8 size, the unit of every limit. */
export const byteLength = (text: string): number => encoder.encode(text).length;

/** The same test as {@link isObject} (is-object.ts), under the name the validators and the server use. */
export const isPlainObject = isObject;

export function isIsoTimestamp(value: unknown): value is string {
  return typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value));
}

export function parseJson(text: string): Result<unknown, BadRequest> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: { message: 'body is not valid JSON', field: 'batch' } };
  }
}

/** Checks the envelope only; problems here refuse the whole request, unlike per-message problems. */
export function checkEnvelope(body: unknown): Result<BatchEnvelope, BadRequest> {
  if (!isPlainObject(body) || !Array.isArray(body.batch)) {
    return { ok: false, error: { message: 'body must be a JSON object with a "batch" array', field: 'batch' } };
  }
  if (body.batch.length > LIMITS.maxBatchMessages) {
    return {
      ok: false,
      error: { message: `batch has ${body.batch.length} messages, at most ${LIMITS.maxBatchMessages}`, field: 'batch' },
    };
  }
  if (body.sentAt !== undefined && !isIsoTimestamp(body.sentAt)) {
    return { ok: false, error: { message: 'sentAt must be an ISO-8601 date-time with a zone', field: 'sentAt' } };
  }
  return { ok: true, value: { batch: body.batch, ...(body.sentAt === undefined ? {} : { sentAt: body.sentAt }) } };
}

class Rejected extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function optionalString(msg: Record<string, unknown>, key: string, path: string, max = MAX_ID_LENGTH) {
  const value = msg[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new Rejected(`${path}.${key}`, `${key} must be a non-empty string of at most ${max} characters`);
  }
  return value;
}

function requiredString(msg: Record<string, unknown>, key: string, path: string, max = MAX_ID_LENGTH): string {
  const value = optionalString(msg, key, path, max);
  if (value === undefined) throw new Rejected(`${path}.${key}`, `${key} is required`);
  return value;
}

function optionalObject(msg: Record<string, unknown>, key: string, path: string): JsonObject | undefined {
  const value = msg[key];
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw new Rejected(`${path}.${key}`, `${key} must be an object`);
  // Came out of JSON.parse, so every nested value is JSON already.
  return value as JsonObject;
}

function check(raw: unknown, index: number): ValidMessage {
  const path = `batch[${index}]`;
  if (!isPlainObject(raw)) throw new Rejected(path, 'message must be an object');

  // Shape first, without recursion: JSON.stringify below (and the database's JSON functions) would overflow the
  // stack on a message nested thousands of levels deep.
  const shape = checkJsonShape(raw, path);
  if (shape) throw new Rejected(shape.field, shape.message);
  // Measured next: an oversized message is refused whatever else is wrong with it.
  const bytes = byteLength(JSON.stringify(raw));
  if (bytes > LIMITS.maxMessageBytes) {
    throw new Rejected(path, `message is ${bytes} bytes, at most ${LIMITS.maxMessageBytes}`);
  }

  const type = raw.type;
  if (typeof type !== 'string' || !(MESSAGE_TYPES as readonly string[]).includes(type)) {
    throw new Rejected(`${path}.type`, `type must be one of ${MESSAGE_TYPES.join(', ')}`);
  }
  const messageId = requiredString(raw, 'messageId', path, MAX_MESSAGE_ID_LENGTH);
  if (!isIsoTimestamp(raw.timestamp)) {
    throw new Rejected(`${path}.timestamp`, 'timestamp must be an ISO-8601 date-time with a zone');
  }
  if (raw.sentAt !== undefined && !isIsoTimestamp(raw.sentAt)) {
    throw new Rejected(`${path}.sentAt`, 'sentAt must be an ISO-8601 date-time with a zone');
  }
  const anonymousId = optionalString(raw, 'anonymousId', path);
  const userId = optionalString(raw, 'userId', path);
  if (anonymousId === undefined && userId === undefined) {
    throw new Rejected(`${path}.anonymousId`, 'anonymousId or userId is required');
  }

  const message: ValidMessage = {
    index,
    type: type as MessageType,
    messageId,
    timestamp: raw.timestamp,
    context: optionalObject(raw, 'context', path) ?? {},
  };
  if (raw.sentAt !== undefined) message.sentAt = raw.sentAt as string;
  if (anonymousId !== undefined) message.anonymousId = anonymousId;
  if (userId !== undefined) message.userId = userId;

  const properties = optionalObject(raw, 'properties', path);
  const traits = optionalObject(raw, 'traits', path);
  if (properties !== undefined) message.properties = properties;
  if (traits !== undefined) message.traits = traits;

  switch (message.type) {
    case 'track':
      message.event = requiredString(raw, 'event', path);
      break;
    case 'page': {
      const name = optionalString(raw, 'name', path);
      const category = optionalString(raw, 'category', path);
      if (name !== undefined) message.name = name;
      if (category !== undefined) message.category = category;
      break;
    }
    case 'group':
      message.groupId = requiredString(raw, 'groupId', path);
      break;
    case 'alias':
      message.previousId = requiredString(raw, 'previousId', path);
      break;
    case 'identify':
      break;
  }
  return message;
}

export function validateMessage(raw: unknown, index: number): Result<ValidMessage, MessageRejection> {
  try {
    return { ok: true, value: check(raw, index) };
  } catch (error) {
    if (!(error instanceof Rejected)) throw error;
    const rejection: MessageRejection = { index, field: error.field, message: error.message };
    // Echoed so the client can drop exactly that message from its queue; an oversized id is not echoed back.
    const id = isPlainObject(raw) ? raw.messageId : undefined;
    if (typeof id === 'string' && id.length <= MAX_MESSAGE_ID_LENGTH) rejection.messageId = id;
    return { ok: false, error: rejection };
  }
}

/** Splits a batch: valid messages are stored, each invalid one is reported on its own. */
export function validateBatch(batch: readonly unknown[]): { valid: ValidMessage[]; errors: MessageRejection[] } {
  const valid: ValidMessage[] = [];
  const errors: MessageRejection[] = [];
  batch.forEach((raw, index) => {
    const result = validateMessage(raw, index);
    if (result.ok) valid.push(result.value);
    else errors.push(result.error);
  });
  return { valid, errors };
}
