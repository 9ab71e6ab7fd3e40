/**
 * The consent ledger and the data-subject rights of the mock API:
 *  - `POST /v1/consent` appends one proof of consent (append-only, like the real ledger);
 *  - `GET /v1/consent?anonymousId=&userId=&userHash=` answers the subject's current decision and history;
 *  - `POST /v1/privacy/export` (Art. 15/20) collects the subject's stored messages, ledger entries and
 *    preferences document (of the write key, when the state has the preference store);
 *  - `POST /v1/privacy/erase` (Art. 17) deletes the messages and preferences and anonymizes the ledger entries
 *    (kept as proof with a one-way hash instead of the identifiers), so nothing of the subject can be found
 *    afterwards.
 * A `userId` must come with a `userHash` (403 otherwise); the mock cannot check the HMAC, only its presence.
 */
import {
  CHANNELS,
  CONSENT_CATEGORIES,
  type ConfigResponse,
  type ConsentAction,
  type ConsentLedgerEntry,
  type ConsentLedgerResponse,
  type ConsentRecordRequest,
  type EraseResponse,
  isIsoTimestamp,
  isObject,
  type Message,
  type PrivacyExport,
  type ProfilingStatus,
  type Subject,
  type SubjectEvent,
} from '@matbakh/contract';
import { errorResponse, json, readJsonBody, writeKeyOf } from './http.ts';
import type { PreferenceRoutes } from './preferences.ts';

const ACTIONS: readonly ConsentAction[] = ['accept_all', 'reject_all', 'custom', 'gpc', 'withdraw'];
const SOURCES = ['banner', 'center', 'api'];
const DEVICE_CLASSES = ['mobile', 'tablet', 'desktop', 'bot', 'unknown'];

type Check<T> = { ok: true; value: T } | { ok: false; response: Response };

const optionalString = (value: unknown) => value === undefined || (typeof value === 'string' && value !== '');

/** A subject names itself by anonymousId and/or userId; a userId needs its userHash. */
function checkSubject(raw: Record<string, unknown>): Check<Subject> {
  const { anonymousId, userId, userHash } = raw;
  if (!optionalString(anonymousId) || !optionalString(userId) || !optionalString(userHash) || !(anonymousId || userId))
    return { ok: false, response: errorResponse(400, 'anonymousId or userId is required', { field: 'anonymousId' }) };
  if (userId && !userHash) {
    return {
      ok: false,
      response: errorResponse(403, 'userId needs userHash = HMAC-SHA256(tenant secret, userId)', {
        code: 'forbidden',
        field: 'userHash',
      }),
    };
  }
  const subject: Subject = { anonymousId: (anonymousId as string | undefined) ?? '' };
  if (userId) subject.userId = userId as string;
  if (userHash) subject.userHash = userHash as string;
  return { ok: true, value: subject };
}

const isChoiceMap = (value: unknown, keys: readonly string[]) =>
  isObject(value) && Object.entries(value).every(([key, choice]) => keys.includes(key) && typeof choice === 'boolean');

function checkRecord(body: unknown): Check<ConsentRecordRequest> {
  const bad = (field: string, message: string): Check<ConsentRecordRequest> => ({
    ok: false,
    response: errorResponse(400, message, { field }),
  });
  if (!isObject(body)) return bad('body', 'body must be a JSON object');
  if (typeof body.anonymousId !== 'string' || !body.anonymousId) return bad('anonymousId', 'anonymousId is required');
  const subject = checkSubject(body);
  if (!subject.ok) return subject;
  if (typeof body.consentId !== 'string' || !body.consentId) return bad('consentId', 'consentId is required');
  if (!Number.isInteger(body.policyVersion)) return bad('policyVersion', 'policyVersion must be an integer');
  if (!ACTIONS.includes(body.action as ConsentAction)) return bad('action', `action must be one of ${ACTIONS}`);
  if (!isChoiceMap(body.choices, CONSENT_CATEGORIES)) return bad('choices', 'choices must map categories to booleans');
  if (!isChoiceMap(body.channels, CHANNELS)) return bad('channels', 'channels must map channels to booleans');
  if (!SOURCES.includes(body.source as string)) return bad('source', `source must be one of ${SOURCES}`);
  if (!isIsoTimestamp(body.timestamp)) return bad('timestamp', 'timestamp must be an ISO-8601 time');
  if (!DEVICE_CLASSES.includes(body.userAgentClass as string))
    return bad('userAgentClass', `userAgentClass must be one of ${DEVICE_CLASSES}`);
  return { ok: true, value: body as unknown as ConsentRecordRequest };
}

/** The subject's own rows: its anonymousId's, and its userId's when identified (proven by userHash). */
const belongsTo = (row: { anonymousId?: string | undefined; userId?: string | undefined }, subject: Subject) =>
  (!!subject.anonymousId && row.anonymousId === subject.anonymousId) ||
  (!!subject.userId && row.userId === subject.userId);

/** Not cryptographic: enough for a mock to show that identifiers are replaced, not kept. */
function oneWay(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return `erased:${(hash >>> 0).toString(16)}`;
}

export interface PrivacyState {
  config(): ConfigResponse;
  /** The accepted messages of the mock (erase removes the subject's in place). */
  accepted: Message[];
  /** The consent ledger, oldest first (erase anonymizes the subject's rows in place). */
  ledger: ConsentLedgerEntry[];
  /** The `/v1/preferences` store: export shows the subject's document, erase deletes it. Without: none stored. */
  preferences?: Pick<PreferenceRoutes, 'exportFor' | 'eraseFor'>;
  /**
   * Objections to profiling (GDPR Art. 21) by subject key (`u:<userId>`, `a:<anonymousId>`) → ISO time. The mock
   * computes no churn scores: a subject whose newest decision grants personalization and who did not object is
   * shown one score (a restaurant may hold one), so the privacy center has both states to show.
   */
  objections?: Map<string, string>;
}

// Long because: one msw route group: its handlers share the mock's consent ledger, erasures and objections.
export function privacyRoutes(state: PrivacyState) {
  let nextId = 1;
  const subjectFromQuery = (request: Request) =>
    checkSubject(Object.fromEntries(new URL(request.url).searchParams) as Record<string, unknown>);
  /** The subject of a privacy request, and the write key its preferences are kept under. */
  const subjectFromBody = async (request: Request): Promise<Check<{ subject: Subject; writeKey: string }>> => {
    const raw = await readJsonBody(request);
    const body = isObject(raw) ? raw : {};
    const checked = checkSubject(body);
    return checked.ok
      ? { ok: true, value: { subject: checked.value, writeKey: writeKeyOf(request, body) ?? '' } }
      : checked;
  };
  const history = (subject: Subject) => state.ledger.filter((row) => belongsTo(row, subject)).reverse();
  const objections = state.objections ?? new Map<string, string>();
  const keysOf = (subject: Subject) =>
    [subject.userId && `u:${subject.userId}`, subject.anonymousId && `a:${subject.anonymousId}`].filter(
      (key): key is string => !!key,
    );
  const profiling = (subject: Subject): ProfilingStatus => {
    const objectedAt =
      keysOf(subject)
        .map((key) => objections.get(key))
        .find((at) => at !== undefined) ?? null;
    const consentAllows = history(subject)[0]?.choices.personalization === true;
    return { consentAllows, objected: objectedAt !== null, objectedAt, scores: consentAllows && !objectedAt ? 1 : 0 };
  };

  return {
    async postConsent(request: Request): Promise<Response> {
      const checked = checkRecord(await readJsonBody(request));
      if (!checked.ok) return checked.response;
      const { userHash: _proof, ...record } = checked.value;
      const entry: ConsentLedgerEntry = { ...record, id: nextId++, receivedAt: new Date().toISOString() };
      state.ledger.push(entry);
      return json(entry, 201);
    },

    getConsent(request: Request): Response {
      const checked = subjectFromQuery(request);
      if (!checked.ok) return checked.response;
      const rows = history(checked.value);
      const body: ConsentLedgerResponse = { current: rows[0] ?? null, history: rows };
      return json(body);
    },

    async postExport(request: Request): Promise<Response> {
      const checked = await subjectFromBody(request);
      if (!checked.ok) return checked.response;
      const { subject, writeKey } = checked.value;
      const receivedAt = new Date().toISOString();
      const events = state.accepted
        .filter((message) => belongsTo(message, subject))
        .map((message): SubjectEvent => {
          const { messageId, type, timestamp, context } = message;
          const m = message as Message & { event?: string; name?: string; properties?: SubjectEvent['properties'] };
          return {
            messageId,
            type,
            ...(m.event !== undefined && { event: m.event }),
            ...(m.name !== undefined && { name: m.name }),
            timestamp,
            receivedAt,
            properties: m.properties ?? {},
            context: context as SubjectEvent['context'],
          };
        });
      const body: PrivacyExport = {
        schema: 'matbakh.privacy-export/1',
        generatedAt: receivedAt,
        subject: {
          ...(subject.anonymousId && { anonymousId: subject.anonymousId }),
          ...(subject.userId && { userId: subject.userId }),
        },
        tenant: state.config().tenant,
        events,
        consent: history(subject),
        preferences: state.preferences?.exportFor(writeKey, subject) ?? null,
        feedback: [],
      };
      return json(body);
    },

    getProfiling(request: Request): Response {
      const checked = subjectFromQuery(request);
      return checked.ok ? json(profiling(checked.value)) : checked.response;
    },

    async postProfilingObjection(request: Request): Promise<Response> {
      const raw = await readJsonBody(request);
      const body = isObject(raw) ? raw : {};
      const checked = checkSubject(body);
      if (!checked.ok) return checked.response;
      if (typeof body.objected !== 'boolean') {
        return errorResponse(400, 'objected must be true (object) or false (withdraw)', { field: 'objected' });
      }
      for (const key of keysOf(checked.value)) {
        if (!body.objected) objections.delete(key);
        else if (!objections.has(key)) objections.set(key, new Date().toISOString());
      }
      return json(profiling(checked.value));
    },

    async postErase(request: Request): Promise<Response> {
      const checked = await subjectFromBody(request);
      if (!checked.ok) return checked.response;
      const { subject, writeKey } = checked.value;
      const kept = state.accepted.filter((message) => !belongsTo(message, subject));
      const erased = state.accepted.length - kept.length;
      state.accepted.splice(0, state.accepted.length, ...kept);
      let consentAnonymized = 0;
      for (const row of state.ledger) {
        if (!belongsTo(row, subject)) continue;
        row.anonymousId = oneWay(row.anonymousId);
        if (row.userId) row.userId = oneWay(row.userId);
        consentAnonymized++;
      }
      const preferences = state.preferences?.eraseFor(writeKey, subject) ?? 0;
      for (const key of keysOf(subject)) objections.delete(key);
      const body: EraseResponse = { erased: { events: erased, preferences, feedback: 0 }, consentAnonymized };
      return json(body);
    },
  };
}
