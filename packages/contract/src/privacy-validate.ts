/**
 * Validation of the subject routes (`/v1/consent`, `/v1/privacy/*`), shared by the reference server and the msw
 * mocks like the batch validation. Identity *verification* (the userHash HMAC) needs the tenant secret and so
 * happens on the server only; this checks shapes.
 */
import { boundedString, Invalid, oneOf, runChecks } from './checks.ts';
import { CHANNELS, type ChannelId, CONSENT_CATEGORIES, type ConsentCategoryId } from './config.ts';
import type { DeviceClass } from './messages.ts';
import type { ConsentAction, ConsentRecordRequest, ConsentSource, Subject } from './privacy.ts';
import { type BadRequest, isIsoTimestamp, isPlainObject, type Result } from './validate.ts';

export const CONSENT_ACTIONS: readonly ConsentAction[] = ['accept_all', 'reject_all', 'custom', 'gpc', 'withdraw'];
export const CONSENT_SOURCES: readonly ConsentSource[] = ['banner', 'center', 'api'];
export const DEVICE_CLASSES: readonly DeviceClass[] = ['mobile', 'tablet', 'desktop', 'bot', 'unknown'];

/** Same bound as the ids of tracked messages. */
export const MAX_SUBJECT_ID_LENGTH = 200;
export const MAX_CONSENT_ID_LENGTH = 100;

/** A map of known ids to booleans; a copy with only those keys, so nothing else reaches storage. */
function booleanMap<K extends string>(value: unknown, field: string, known: readonly K[]): Partial<Record<K, boolean>> {
  if (!isPlainObject(value)) {
    throw new Invalid(field, `${field} must be an object of ${known.join(', ')} → true/false`);
  }
  const out: Partial<Record<K, boolean>> = {};
  for (const [key, flag] of Object.entries(value)) {
    // Cut: the key is echoed in the error, and it came from the caller.
    const path = `${field}.${key.slice(0, 50)}`;
    if (!(known as readonly string[]).includes(key)) {
      throw new Invalid(path, `${path} is not a known id; expected one of ${known.join(', ')}`);
    }
    if (typeof flag !== 'boolean') throw new Invalid(path, `${path} must be true or false`);
    out[key as K] = flag;
  }
  return out;
}

function subjectOf(raw: Record<string, unknown>): Subject {
  const subject: Subject = { anonymousId: boundedString(raw.anonymousId, 'anonymousId', MAX_SUBJECT_ID_LENGTH) };
  if (raw.userId !== undefined) subject.userId = boundedString(raw.userId, 'userId', MAX_SUBJECT_ID_LENGTH);
  if (raw.userHash !== undefined) {
    if (subject.userId === undefined) throw new Invalid('userHash', 'userHash is only meaningful with a userId');
    // Its value is checked against the tenant secret on the server; a wrong one is 403, not 400.
    if (typeof raw.userHash !== 'string') throw new Invalid('userHash', 'userHash must be a string');
    subject.userHash = raw.userHash;
  }
  return subject;
}

/**
 * The subject of a request (body of `/v1/privacy/*`, query of `GET /v1/consent`): `anonymousId` required,
 * `userId` optional, `userHash` only together with a `userId`. Other keys (e.g. `writeKey`) are ignored.
 */
export function validateSubject(raw: unknown): Result<Subject, BadRequest> {
  return runChecks(() => {
    if (!isPlainObject(raw)) throw new Invalid('body', 'body must be a JSON object with an anonymousId');
    return subjectOf(raw);
  });
}

/** `POST /v1/consent` body; the first problem found is reported with the field it concerns. */
export function validateConsentRecord(raw: unknown): Result<ConsentRecordRequest, BadRequest> {
  return runChecks((): ConsentRecordRequest => {
    if (!isPlainObject(raw)) throw new Invalid('body', 'body must be a JSON object');
    const subject = subjectOf(raw);
    const consentId = boundedString(raw.consentId, 'consentId', MAX_CONSENT_ID_LENGTH);
    const policyVersion = raw.policyVersion;
    if (typeof policyVersion !== 'number' || !Number.isSafeInteger(policyVersion) || policyVersion < 1) {
      throw new Invalid('policyVersion', 'policyVersion must be a positive whole number');
    }
    const action = oneOf(raw.action, 'action', CONSENT_ACTIONS);
    const choices = booleanMap<ConsentCategoryId>(raw.choices, 'choices', CONSENT_CATEGORIES);
    const channels = booleanMap<ChannelId>(raw.channels, 'channels', CHANNELS);
    const source = oneOf(raw.source, 'source', CONSENT_SOURCES);
    if (!isIsoTimestamp(raw.timestamp)) {
      throw new Invalid('timestamp', 'timestamp must be an ISO-8601 date-time with a zone');
    }
    const userAgentClass = oneOf(raw.userAgentClass, 'userAgentClass', DEVICE_CLASSES);
    return {
      ...subject,
      consentId,
      policyVersion,
      action,
      choices,
      channels,
      source,
      timestamp: raw.timestamp,
      userAgentClass,
    };
  });
}
