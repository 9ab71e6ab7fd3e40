/**
 * `GET / PUT / PATCH /v1/preferences` of the mock API, in memory, with the reference server's rules: the same
 * validation (contract), versions with `ETag` / `If-Match` (428 without, 412 with the current
 * `{preferences, version}` when stale), JSON merge patches, userId documents shared across devices. A userId needs
 * a userHash (403); the mock cannot check the HMAC, only its presence. Documents are kept per write key.
 * `exportFor` / `eraseFor` give the privacy routes (./privacy.ts) the subject's documents, like the server's
 * preferences data source.
 */
import {
  applyMergePatch,
  defaultPreferences,
  isObject,
  type JsonObject,
  type PreferencesResponse,
  type Subject,
  validatePreferences,
  validatePreferencesPatch,
  validateSubject,
} from '@matbakh/contract';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { CORS_HEADERS, errorResponse, readJsonBody, writeKeyOf } from './http.ts';

type Handle = (request: Request) => Response | Promise<Response>;

const answer = (state: PreferencesResponse, status = 200, error?: { code: string; message: string }) =>
  HttpResponse.json(error ? { ...state, error } : state, {
    status,
    headers: { ...CORS_HEADERS, 'Access-Control-Expose-Headers': 'Retry-After, ETag', ETag: `"${state.version}"` },
  });

export interface PreferenceRoutes {
  /** The three routes under `root`; `wrap` adds the mock's shared behaviour (request log, failures, write key). */
  handlers(root: string, wrap: (handle: Handle) => (info: { request: Request }) => Promise<Response>): HttpHandler[];
  /** The stored state of a subject (`u:<userId>` or `a:<anonymousId>`), for assertions. */
  stored(writeKey: string, subjectKey: string): PreferencesResponse | undefined;
  /**
   * `PrivacyExport.preferences` of a subject (the server's rule): its document — a user's, else the device's
   * anonymous one — or `{ user, anonymous }` when a user also left one on this device; `null` when none.
   */
  exportFor(writeKey: string, subject: Subject): JsonObject | null;
  /** Deletes the documents {@link PreferenceRoutes.exportFor} shows; answers how many (`erased.preferences`). */
  eraseFor(writeKey: string, subject: Subject): number;
  reset(): void;
}

/** The document keys a subject owns: a (verified) user's and this device's anonymous one. */
const ownedKeys = (writeKey: string, { anonymousId, userId }: Subject): string[] => [
  ...(userId ? [`${writeKey}|u:${userId}`] : []),
  ...(anonymousId ? [`${writeKey}|a:${anonymousId}`] : []),
];

export function preferenceRoutes(): PreferenceRoutes {
  const documents = new Map<string, PreferencesResponse>();

  /** Write key + subject → the document's key; a Response means refused. */
  const keyOf = (request: Request): string | Response => {
    const query = new URL(request.url).searchParams;
    const subject = validateSubject({
      anonymousId: query.get('anonymousId') ?? undefined,
      userId: query.get('userId') ?? undefined,
      userHash: query.get('userHash') ?? undefined,
    });
    if (!subject.ok) return errorResponse(400, subject.error.message, { field: subject.error.field });
    const { anonymousId, userId, userHash } = subject.value;
    if (userId !== undefined && !userHash) {
      return errorResponse(403, 'a userId needs its userHash', { code: 'forbidden', field: 'userHash' });
    }
    return `${writeKeyOf(request)}|${userId === undefined ? `a:${anonymousId}` : `u:${userId}`}`;
  };
  const current = (key: string) => documents.get(key) ?? { preferences: defaultPreferences(), version: 0 };

  const get: Handle = (request) => {
    const key = keyOf(request);
    return key instanceof Response ? key : answer(structuredClone(current(key)));
  };

  const write =
    (kind: 'put' | 'patch'): Handle =>
    async (request) => {
      const key = keyOf(request);
      if (key instanceof Response) return key;
      const header = request.headers.get('If-Match')?.trim();
      if (header === undefined) {
        return errorResponse(428, 'send If-Match: "<version>"', { code: 'precondition_required', field: 'If-Match' });
      }
      const expected = header === '*' ? '*' : Number(/^(?:W\/)?"(\d+)"$/.exec(header)?.[1] ?? Number.NaN);
      if (Number.isNaN(expected)) return errorResponse(400, 'If-Match must be "<version>" or *', { field: 'If-Match' });
      const raw = await readJsonBody(request);
      if (raw === undefined) return errorResponse(400, 'body is not valid JSON', { field: 'body' });
      const body = isObject(raw) && 'writeKey' in raw ? { ...raw, writeKey: undefined } : raw;
      const checked = kind === 'put' ? validatePreferences(body) : validatePreferencesPatch(body);
      if (!checked.ok) return errorResponse(400, checked.error.message, { field: checked.error.field });
      const now = current(key);
      if (expected !== '*' && expected !== now.version) {
        return answer(structuredClone(now), 412, {
          code: 'precondition_failed',
          message: `version ${expected} is not the current one (${now.version})`,
        });
      }
      const next =
        kind === 'put' ? checked : validatePreferences(applyMergePatch(now.preferences, checked.value as object));
      if (!next.ok) return errorResponse(400, next.error.message, { field: next.error.field });
      const state = { preferences: next.value as PreferencesResponse['preferences'], version: now.version + 1 };
      documents.set(key, structuredClone(state));
      return answer(state);
    };

  return {
    handlers: (root, wrap) => [
      http.get(`${root}/v1/preferences`, wrap(get)),
      http.put(`${root}/v1/preferences`, wrap(write('put'))),
      http.patch(`${root}/v1/preferences`, wrap(write('patch'))),
    ],
    stored: (writeKey, subjectKey) => structuredClone(documents.get(`${writeKey}|${subjectKey}`)),
    exportFor(writeKey, subject) {
      const doc = (key: string) => documents.get(key)?.preferences;
      const user = subject.userId ? doc(`${writeKey}|u:${subject.userId}`) : undefined;
      const anonymous = subject.anonymousId ? doc(`${writeKey}|a:${subject.anonymousId}`) : undefined;
      const copy = (doc: unknown) => structuredClone(doc) as JsonObject;
      if (user && anonymous) return { user: copy(user), anonymous: copy(anonymous) };
      const only = user ?? anonymous;
      return only ? copy(only) : null;
    },
    eraseFor(writeKey, subject) {
      let deleted = 0;
      for (const key of ownedKeys(writeKey, subject)) if (documents.delete(key)) deleted++;
      return deleted;
    },
    reset: () => documents.clear(),
  };
}
