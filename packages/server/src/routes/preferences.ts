/**
 * `GET / PUT / PATCH /v1/preferences?writeKey=&anonymousId=&userId=&userHash=`: the subject's preferences with
 * optimistic concurrency. Every answer carries `ETag: "<version>"`; writes need `If-Match` with the version they
 * were based on (428 without it, 412 with the current `{preferences, version}` when it is stale, for the client's
 * three-way merge). `PUT` replaces the document, `PATCH` applies a JSON merge patch (RFC 7396; `null` resets a
 * field to its default). Bad values are refused with 400 naming the field; keys a newer schema added are kept.
 */
import {
  applyMergePatch,
  defaultPreferences,
  type ErrorBody,
  type PreferencesResponse,
  validatePreferences,
  validatePreferencesPatch,
} from '@matbakh/contract';
import { readPreferences, subjectKey, writePreferences } from '../preferences-store.ts';
import type { App, Ctx, RouteKit } from '../route-kit.ts';

const PATH = '/v1/preferences';

/** `"3"`, `W/"3"` or `*`; `undefined` when absent, `null` when unreadable. */
function ifMatch(header: string | undefined): number | '*' | undefined | null {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return '*';
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(value);
  return match ? Number(match[1]) : null;
}

// Long because: one route module: GET and PUT with their ETag / If-Match handling are registered together.
export function registerPreferenceRoutes(app: App, kit: RouteKit): void {
  /** The browser client reads the version from the ETag: CORS must expose it. */
  const answer = (c: Ctx, state: PreferencesResponse, status: 200 | 412 = 200, error?: ErrorBody['error']) => {
    c.header('ETag', `"${state.version}"`);
    c.header('Cache-Control', 'no-store');
    if (c.req.header('origin') !== undefined) c.header('Access-Control-Expose-Headers', 'Retry-After, ETag');
    return c.json(error ? { ...state, error } : state, status);
  };

  app.get(PATH, async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    const subject = kit.subjectFromQuery(c, tenant);
    if (subject instanceof Response) return subject;
    const state = await readPreferences(kit.db, tenant.id, subjectKey(subject));
    if (state)
      await kit.audit(c, tenant, {
        purpose: 'personalization_settings',
        action: 'read',
        target: 'preferences',
        subject,
      });
    kit.logFields(c, { version: state?.version ?? 0 });
    return answer(c, state ?? { preferences: defaultPreferences(), version: 0 });
  });

  const write = (kind: 'put' | 'patch') => async (c: Ctx) => {
    const auth = await kit.authorizeWithBody(c, kit.subjectBody);
    if (auth instanceof Response) return auth;
    const { tenant } = auth;
    const subject = kit.subjectFromQuery(c, tenant);
    if (subject instanceof Response) return subject;

    const expected = ifMatch(c.req.header('if-match'));
    if (expected === undefined) {
      return kit.fail(
        c,
        428,
        'precondition_required',
        'send If-Match: "<version>" (the ETag of your last read)',
        'If-Match',
      );
    }
    if (expected === null) return kit.fail(c, 400, 'bad_request', 'If-Match must be "<version>" or *', 'If-Match');

    let body = auth.body;
    // A write key sent in the body authenticated the request: it is not a preference.
    if (body !== null && typeof body === 'object' && 'writeKey' in body) {
      const { writeKey: _key, ...rest } = body as Record<string, unknown>;
      body = rest;
    }
    const checked = kind === 'put' ? validatePreferences(body) : validatePreferencesPatch(body);
    if (!checked.ok) return kit.fail(c, 400, 'bad_request', checked.error.message, checked.error.field);

    // A patch is checked again once applied: a valid patch can still make an invalid whole (e.g. a 21st dashboard).
    const outcome = await writePreferences(
      kit.db,
      tenant.id,
      subjectKey(subject),
      expected,
      (current) =>
        kind === 'put'
          ? (checked as ReturnType<typeof validatePreferences>)
          : validatePreferences(applyMergePatch(current?.preferences ?? defaultPreferences(), checked.value)),
      kit.now(),
    );
    if ('invalid' in outcome) return kit.fail(c, 400, 'bad_request', outcome.invalid.message, outcome.invalid.field);
    if (!outcome.ok) {
      kit.logFields(c, { conflict: 1 });
      return answer(c, outcome.current, 412, {
        code: 'precondition_failed',
        message: `version ${expected} is not the current one (${outcome.current.version}): merge and send again`,
      });
    }
    await kit.audit(c, tenant, {
      purpose: 'personalization_settings',
      action: 'change',
      target: 'preferences',
      subject,
      detail: { version: outcome.state.version, kind },
    });
    kit.logFields(c, { version: outcome.state.version });
    return answer(c, outcome.state);
  };

  app.put(PATH, write('put'));
  app.patch(PATH, write('patch'));
}
