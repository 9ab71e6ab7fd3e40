import {
  type ConfigResponse,
  checkJsonShape,
  type ErrorCode,
  isPlainObject,
  parseJson,
  validateSubject,
} from '@matbakh/contract';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { appendAudit } from './audit.ts';
import { authorizeKey, keyRule, plausibleKey, tenantForIngestKey } from './auth.ts';
import type { ServerConfig } from './config.ts';
import type { Db } from './db.ts';
import { basicAuthUser, errorBody, readBody } from './http.ts';
import { noteRefusal, noteRefusedKey } from './live/hooks.ts';
import type { RateDecision } from './rate-limit.ts';
import type { AuditRecord, Authorized, BodyOptions, Ctx, RouteKit } from './route-kit.ts';
import { verifySubject } from './subject.ts';
import { isOriginAllowed, type Tenant } from './tenants.ts';

export interface RouteKitOptions {
  db: Db;
  config: ServerConfig;
  now: () => number;
  /** Rate limiting per write key. */
  limiter: { take(key: string): RateDecision | Promise<RateDecision> };
}

/** A consent record or a subject is well under 1 KiB; nothing on the subject routes needs the batch allowance. */
const SUBJECT_MAX_BODY_BYTES = 16 * 1024;

const fail = (c: Ctx, status: ContentfulStatusCode, code: ErrorCode, message: string, field?: string) =>
  c.json(errorBody(code, message, field), status);

/** The shared checks of every `/v1` route (route-kit.ts says what each does), built once per app. */
export function createRouteKit({ db, config, now, limiter }: RouteKitOptions): RouteKit {
  const authorize = writeKeyAuthorizer(db, now, limiter);
  const verify: RouteKit['verify'] = (c, tenant, subject) => {
    const verified = verifySubject(tenant.secrets, subject);
    c.set('logFields', { ...c.get('logFields'), subject: subject.userId === undefined ? 'anonymous' : 'user' });
    if (verified) return verified;
    return fail(
      c,
      403,
      'forbidden',
      subject.userHash === undefined
        ? 'a userId needs its userHash: hex HMAC-SHA256(tenant secret, userId), computed by your backend'
        : 'userHash does not match the userId',
      'userHash',
    );
  };
  /**
   * `/v1/admin/*` (catalogue, audit log): the admin key, and the secret key too — integrations uploaded catalogues
   * and read reports with it before admin keys existed. Key management itself is admin-only (routes/admin-keys.ts).
   */
  const adminRule = keyRule({ config, now }, ['admin', 'secret'], 'use the admin routes');
  const configSections: ((tenant: Tenant) => Partial<ConfigResponse>)[] = [];
  const kit: RouteKit = {
    db,
    config,
    now,
    fail,
    authorize,
    authorizeRequest: (c) => authorize(c, basicAuthUser(c.req.header('authorization')) ?? c.req.query('writeKey')),
    authorizeWithBody: (c, options) => authorizeWithBody(authorize, c, options),
    authorizeAdmin: async (c) => {
      const auth = await authorizeKey(kit, c, adminRule);
      if (auth instanceof Response) return auth;
      c.set('serverKey', auth.key.kind === 'secret');
      return auth.tenant;
    },
    audit: (c, tenant, entry) => audit(db, now, c, tenant, entry),
    subjectBody: { maxBytes: Math.min(config.maxBodyBytes, SUBJECT_MAX_BODY_BYTES), queryKey: true, field: 'body' },
    verify,
    subjectFromQuery: (c, tenant) => {
      const parsed = validateSubject({
        anonymousId: c.req.query('anonymousId'),
        userId: c.req.query('userId'),
        userHash: c.req.query('userHash'),
      });
      if (!parsed.ok) return fail(c, 400, 'bad_request', parsed.error.message, parsed.error.field);
      return verify(c, tenant, parsed.value);
    },
    logFields: (c, fields) => c.set('logFields', { ...c.get('logFields'), ...fields }),
    addConfig: (section) => void configSections.push(section),
    configSections: (tenant) => Object.assign({}, ...configSections.map((section) => section(tenant))),
  };
  return kit;
}

/** Write key → tenant, then the tenant's origin rule, then its rate limit; a Response means refused. */
function writeKeyAuthorizer(db: Db, now: () => number, limiter: RouteKitOptions['limiter']): RouteKit['authorize'] {
  return async (c, writeKey) => {
    c.header('Vary', 'Origin');
    /** A refusal of the key or the origin: reason only, so any page may read it (cors.ts). */
    const refuse: typeof fail = (...args) => {
      c.set('readableRefusal', true);
      return fail(...args);
    };
    const found = plausibleKey(writeKey) ? await tenantForIngestKey(db, writeKey, now()) : undefined;
    if (found && 'admin' in found) {
      const message = 'the admin key is for /v1/admin/* only: send the write key or the secret key';
      noteRefusedKey(db, writeKey, { at: now(), path: c.req.path }, 'the admin key cannot send events');
      return refuse(c, 403, 'forbidden', message, 'writeKey');
    }
    if (!found) {
      const message =
        writeKey === undefined
          ? 'missing write key: send Authorization: Basic base64(writeKey:) or a writeKey field'
          : 'unknown write key';
      noteRefusedKey(db, writeKey, { at: now(), path: c.req.path }, 'unknown, expired or revoked key');
      return refuse(c, 401, 'unauthorized', message, 'writeKey');
    }
    const { tenant, serverKey } = found;
    c.set('tenantId', tenant.id);
    // The secret key: the partner's backend, which vouches for identity (server-to-server, `ingest.ts`).
    c.set('serverKey', serverKey);
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (!isOriginAllowed(tenant.allowedOrigins, origin)) {
        noteRefusal(db, { tenantId: tenant.id, at: now(), path: c.req.path }, { reason: 'origin', origin });
        return refuse(c, 403, 'forbidden_origin', `origin ${origin} is not allowed for this write key`, 'origin');
      }
      c.set('originAllowed', true);
    }
    const decision = await limiter.take(tenant.writeKey);
    if (!decision.allowed) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      const message = `too many requests for this write key, retry in ${decision.retryAfterSeconds}s`;
      const refusal = { reason: 'rate_limited' as const, retryAfterSeconds: decision.retryAfterSeconds };
      noteRefusal(db, { tenantId: tenant.id, at: now(), path: c.req.path }, refusal);
      return fail(c, 429, 'rate_limited', message);
    }
    return tenant;
  };
}

/**
 * Write key, origin and rate limit, then the JSON body. A key in the header (or, with `queryKey`, the query) is
 * checked before the body is read, so refused callers cost no body parsing; otherwise the body's `writeKey` is used.
 * Any content type: sendBeacon and CORS-simple requests post text/plain.
 */
async function authorizeWithBody(
  authorize: RouteKit['authorize'],
  c: Ctx,
  options: BodyOptions,
): Promise<Authorized | Response> {
  const earlyKey =
    basicAuthUser(c.req.header('authorization')) ?? (options.queryKey ? c.req.query('writeKey') : undefined);
  let tenant: Tenant | undefined;
  if (earlyKey !== undefined) {
    const auth = await authorize(c, earlyKey);
    if (auth instanceof Response) return auth;
    tenant = auth;
  }
  const body = await readBody(c.req.raw, options.maxBytes);
  if (!body.ok) {
    return body.reason === 'too_large'
      ? fail(c, 413, 'payload_too_large', `body is larger than ${options.maxBytes} bytes`, options.field)
      : fail(c, 400, 'bad_request', 'body could not be read: UTF-8, plain or gzip/deflate-encoded', options.field);
  }
  const parsed = parseJson(body.text);
  if (!parsed.ok) return fail(c, 400, 'bad_request', parsed.error.message, options.field);
  // Depth, NUL and __proto__ before any recursive work; a batch checks each message alone instead, so one bad
  // message never fails the others.
  const shape = options.shape === 'messages' ? undefined : checkJsonShape(parsed.value, 'body');
  if (shape) return fail(c, 400, 'bad_request', shape.message, shape.field);
  if (tenant) return { tenant, body: parsed.value };
  const bodyKey = isPlainObject(parsed.value) ? parsed.value.writeKey : undefined;
  const auth = await authorize(c, typeof bodyKey === 'string' ? bodyKey : undefined);
  return auth instanceof Response ? auth : { tenant: auth, body: parsed.value };
}

function audit(db: Db, now: () => number, c: Ctx, tenant: Tenant, entry: AuditRecord): Promise<void> {
  const key = c.get('apiKey');
  const actor =
    key?.kind === 'admin'
      ? 'admin_key'
      : c.get('serverKey') === true
        ? 'secret_key'
        : entry.subject
          ? 'subject'
          : 'write_key';
  return appendAudit(db, {
    tenantId: tenant.id,
    at: now(),
    actor,
    // Which key acted (its id, never the key): tells a rotated or revoked key's actions apart.
    ...(key === undefined ? {} : { actorId: key.id }),
    ...entry,
  });
}
