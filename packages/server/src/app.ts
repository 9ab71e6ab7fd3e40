import { randomBytes } from 'node:crypto';
import {
  type BatchResponse,
  type ConfigResponse,
  type ConsentLedgerEntry,
  type ConsentLedgerResponse,
  checkJsonShape,
  DEFAULT_ADDRESS,
  DEFAULT_CONSENT_POLICY,
  type EraseResponse,
  type ErrorCode,
  LOCALES,
  type PrivacyExport,
  type Subject,
  validateConsentRecord,
  validateSubject,
} from '@matbakh/contract';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { adminKeyRoutes } from './admin-keys-routes.ts';
import { appendAudit, appendErasure } from './audit.ts';
import { authorizeKey, type KeyRule, plausibleKey, tenantForIngestKey } from './auth.ts';
import type { ServerConfig } from './config.ts';
import { appendConsent, consentEntries } from './consent.ts';
import { corsRule } from './cors.ts';
import { dashboardRoutes } from './dashboards.ts';
import type { Db } from './db.ts';
import { demoPage } from './demo-page.ts';
import { latestEvents } from './events.ts';
import { experimentsConfig } from './experiments-config.ts';
import { basicAuthUser, errorBody, readBody } from './http.ts';
import { importRoutes } from './import-routes.ts';
import { groupHashFor } from './insights.ts';
import { insightsRoutes } from './insights-routes.ts';
import type { KeyRecord } from './keys.ts';
import { noteRefusal, noteRefusedKey } from './live/hooks.ts';
import { type Logger, silentLogger } from './log.ts';
import { registerPreferenceRoutes } from './preferences-routes.ts';
import { defaultSubjectRegistry, type SubjectRegistry } from './privacy.ts';
import { type RateDecision, RateLimiter } from './rate-limit.ts';
import { recommendationRoutes } from './recommendations-routes.ts';
import { recommenderAdminRoutes } from './recommender-admin-routes.ts';
import type { AuditRecord, Authorized, BodyOptions, RouteKit } from './route-kit.ts';
import { auditRoutes } from './routes/audit.ts';
import { kpiRoutes } from './routes/kpis.ts';
import { liveEventRoutes } from './routes/live-events.ts';
import { sdkFileRoutes } from './routes/sdk-files.ts';
import { segmentRoutes } from './routes/segment.ts';
import rulesConfig from './rules-config.ts';
import { userHashFor, type VerifiedSubject, verifySubject } from './subject.ts';
import { isOriginAllowed, type Tenant } from './tenants.ts';
import { isPlainObject, parseJson } from './validate.ts';
import { removeWithdrawnData } from './withdrawal.ts';
import type { WorkerStatus } from './worker.ts';

/** A feature's routes, in its own module: `(app, kit) => { app.get('/v1/…', …) }`. */
export type RouteModule = (app: App, kit: RouteKit) => void;

export interface AppOptions {
  db: Db;
  config: ServerConfig;
  log?: Logger;
  /** Clock for receive times and the rate limiter; tests pin it. */
  now?: () => number;
  /** The data sources behind `/v1/privacy/*`; default `defaultSubjectRegistry()`. */
  subjects?: SubjectRegistry;
  /** Feature route modules, registered after the core routes; default `ROUTE_MODULES`. */
  routes?: readonly RouteModule[];
  /** The aggregation worker of this process, or the heartbeat of a separate one (`/health/ready` reports a stall). */
  worker?: WorkerStatus;
  /** Rate limiting per write key; default an in-memory bucket per key (`config.rateLimit`). */
  limiter?: { take(key: string): RateDecision | Promise<RateDecision> };
}

/** The feature route modules of the reference server (preferences, recommendations, …), in registration order. */
export const ROUTE_MODULES: readonly RouteModule[] = [
  dashboardRoutes,
  registerPreferenceRoutes,
  rulesConfig,
  experimentsConfig(),
  insightsRoutes,
  recommendationRoutes,
  recommenderAdminRoutes,
  adminKeyRoutes,
  importRoutes,
  auditRoutes,
  kpiRoutes,
  liveEventRoutes(),
];

export type BatchCounts = Pick<BatchResponse, 'accepted' | 'duplicate' | 'rejected' | 'refused' | 'unverified'>;
/** Extra fields of the request log line: counts and kinds only, never identifiers, hashes or bodies. */
type LogFields = Record<string, string | number>;

export interface AppEnv {
  Variables: {
    tenantId: string | undefined;
    batch: BatchCounts | undefined;
    logFields: LogFields | undefined;
    /** The request's tenant allows its Origin (the CORS rule then needs no scan of every tenant). */
    originAllowed: boolean | undefined;
    /** Authorized with the tenant's secret key rather than its publishable write key. */
    serverKey: boolean | undefined;
    /** The secret or admin key a key-authorized route (`/v1/admin/*`, `/v1/import/*`) was called with (auth.ts). */
    apiKey: KeyRecord | undefined;
  };
}

export type App = Hono<AppEnv>;
type Ctx = Context<AppEnv>;

const DEMO_LIMIT_DEFAULT = 50;
const DEMO_LIMIT_MAX = 200;
/** A consent record or a subject is well under 1 KiB; nothing on the subject routes needs the batch allowance. */
const SUBJECT_MAX_BODY_BYTES = 16 * 1024;

export function createApp({
  db,
  config,
  log = silentLogger,
  now = Date.now,
  subjects = defaultSubjectRegistry(),
  routes = ROUTE_MODULES,
  worker,
  limiter = new RateLimiter({ rate: config.rateLimit, now }),
}: AppOptions): App {
  const app = new Hono<AppEnv>();

  const fail = (c: Ctx, status: ContentfulStatusCode, code: ErrorCode, message: string, field?: string) =>
    c.json(errorBody(code, message, field), status);

  /** Write key → tenant, then the tenant's origin rule, then its rate limit; a Response means refused. */
  const authorize = async (c: Ctx, writeKey: string | undefined): Promise<Tenant | Response> => {
    c.header('Vary', 'Origin');
    const found = plausibleKey(writeKey) ? await tenantForIngestKey(db, writeKey, now()) : undefined;
    if (found && 'admin' in found) {
      noteRefusedKey(db, writeKey, { at: now(), path: c.req.path }, 'the admin key cannot send events');
      return fail(
        c,
        403,
        'forbidden',
        'the admin key is for /v1/admin/* only: send the write key or the secret key',
        'writeKey',
      );
    }
    if (!found) {
      noteRefusedKey(db, writeKey, { at: now(), path: c.req.path }, 'unknown, expired or revoked key');
      return fail(
        c,
        401,
        'unauthorized',
        writeKey === undefined
          ? 'missing write key: send Authorization: Basic base64(writeKey:) or a writeKey field'
          : 'unknown write key',
        'writeKey',
      );
    }
    const { tenant, serverKey } = found;
    c.set('tenantId', tenant.id);
    // The secret key: the partner's backend, which vouches for identity (server-to-server, `ingest.ts`).
    c.set('serverKey', serverKey);
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (!isOriginAllowed(tenant.allowedOrigins, origin)) {
        noteRefusal(db, { tenantId: tenant.id, at: now(), path: c.req.path }, { reason: 'origin', origin });
        return fail(c, 403, 'forbidden_origin', `origin ${origin} is not allowed for this write key`, 'origin');
      }
      c.set('originAllowed', true);
    }
    const decision = await limiter.take(tenant.writeKey);
    if (!decision.allowed) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      const refusal = { reason: 'rate_limited' as const, retryAfterSeconds: decision.retryAfterSeconds };
      noteRefusal(db, { tenantId: tenant.id, at: now(), path: c.req.path }, refusal);
      return fail(
        c,
        429,
        'rate_limited',
        `too many requests for this write key, retry in ${decision.retryAfterSeconds}s`,
      );
    }
    return tenant;
  };

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    log({
      level: status >= 500 ? 'error' : 'info',
      msg: 'request',
      method: c.req.method,
      // The path only: query strings can carry a write key, which has no place in logs.
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      tenantId: c.get('tenantId'),
      ...c.get('batch'),
      ...c.get('logFields'),
    });
  });

  // No query value may carry NUL (PostgreSQL's text cannot hold it): refused before any route reads one.
  app.use('/v1/*', async (c, next) => {
    for (const [name, values] of Object.entries(c.req.queries())) {
      if (name.includes('\u0000') || values.some((value) => value.includes('\u0000'))) {
        return fail(
          c,
          400,
          'bad_request',
          'query parameters must not contain NUL characters',
          name.replaceAll('\u0000', ''),
        );
      }
    }
    await next();
  });

  app.use('*', async (c, next) => {
    // Every body here is JSON or the demo page: never let a browser sniff it into something executable.
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  });

  // CORS headers on every response and the preflight of every path: one rule, see cors.ts.
  app.use('*', corsRule(db));

  /** Process up: answers without touching the database, so a busy database never makes an instance look dead. */
  app.get('/health/live', (c) => c.json({ status: 'ok' }));

  /**
   * Ready for traffic: the database takes a write (a full disk or a read-only file fails here), the schema is the
   * one this server knows, and the aggregation worker (when it runs in this process) has not stalled.
   */
  const ready = async (c: Ctx) => {
    c.header('Cache-Control', 'no-store');
    const checks: Record<string, string> = {};
    let healthy = true;
    try {
      await db.run(
        `INSERT INTO health_probe (id, checked_at) VALUES (1, ?)
         ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at`,
        [new Date(now()).toISOString()],
      );
      const schema = await db.schema();
      checks.db = 'ok';
      checks.migrations = schema.applied === schema.known ? 'ok' : `applied ${schema.applied} of ${schema.known}`;
      healthy = schema.applied === schema.known;
    } catch (error) {
      healthy = false;
      checks.db = `not writable: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (worker) {
      // A separate worker's heartbeat is a database read: an unreadable one counts as stalled, not as a 500.
      const since = await Promise.resolve(worker.sinceLastPass(now())).catch(() => Number.POSITIVE_INFINITY);
      const stalled = since > worker.stallAfterMs;
      checks.worker = !stalled
        ? 'ok'
        : Number.isFinite(since)
          ? `no aggregation pass for ${Math.round(since / 1000)} s`
          : 'worker heartbeat unreadable';
      if (stalled) healthy = false;
    }
    return c.json({ status: healthy ? 'ok' : 'error', ...checks }, healthy ? 200 : 503);
  };
  app.get('/health/ready', ready);
  app.get('/health', ready);

  /**
   * Write key, origin and rate limit, then the JSON body. A key in the header (or, with `queryKey`, the query) is
   * checked before the body is read, so refused callers cost no body parsing; otherwise the body's `writeKey` is used.
   * Any content type: sendBeacon and CORS-simple requests post text/plain.
   */
  const authorizeWithBody = async (c: Ctx, options: BodyOptions): Promise<Authorized | Response> => {
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

    if (!tenant) {
      const bodyKey = isPlainObject(parsed.value) ? parsed.value.writeKey : undefined;
      const auth = await authorize(c, typeof bodyKey === 'string' ? bodyKey : undefined);
      if (auth instanceof Response) return auth;
      tenant = auth;
    }
    return { tenant, body: parsed.value };
  };

  const subjectBody = {
    maxBytes: Math.min(config.maxBodyBytes, SUBJECT_MAX_BODY_BYTES),
    queryKey: true,
    field: 'body',
  };

  /** The userHash check of DESIGN.md; a Response means refused (403). */
  const verify = (c: Ctx, tenant: Tenant, subject: Subject): VerifiedSubject | Response => {
    const verified = verifySubject(tenant.secrets, subject);
    c.set('logFields', { ...c.get('logFields'), subject: subject.userId === undefined ? 'anonymous' : 'user' });
    if (!verified) {
      return fail(
        c,
        403,
        'forbidden',
        subject.userHash === undefined
          ? 'a userId needs its userHash: hex HMAC-SHA256(tenant secret, userId), computed by your backend'
          : 'userHash does not match the userId',
        'userHash',
      );
    }
    return verified;
  };

  const subjectFromQuery = (c: Ctx, tenant: Tenant): VerifiedSubject | Response => {
    const parsed = validateSubject({
      anonymousId: c.req.query('anonymousId'),
      userId: c.req.query('userId'),
      userHash: c.req.query('userHash'),
    });
    if (!parsed.ok) return fail(c, 400, 'bad_request', parsed.error.message, parsed.error.field);
    return verify(c, tenant, parsed.value);
  };

  /**
   * `/v1/admin/*` (catalogue, audit log): the admin key, and the secret key too — integrations uploaded catalogues
   * and read reports with it before admin keys existed. Key management itself is admin-only (admin-keys-routes.ts).
   */
  const adminRule: KeyRule = {
    kinds: ['admin', 'secret'],
    purpose: 'use the admin routes',
    limiter: new RateLimiter({ rate: config.serverRateLimit, now }),
  };
  const authorizeAdmin = async (c: Ctx): Promise<Tenant | Response> => {
    const auth = await authorizeKey(kit, c, adminRule);
    if (auth instanceof Response) return auth;
    c.set('serverKey', auth.key.kind === 'secret');
    return auth.tenant;
  };

  const audit = (c: Ctx, tenant: Tenant, entry: AuditRecord) => {
    const key = c.get('apiKey');
    return appendAudit(db, {
      tenantId: tenant.id,
      at: now(),
      actor:
        key?.kind === 'admin'
          ? 'admin_key'
          : c.get('serverKey') === true
            ? 'secret_key'
            : entry.subject
              ? 'subject'
              : 'write_key',
      // Which key acted (its id, never the key): tells a rotated or revoked key's actions apart.
      ...(key === undefined ? {} : { actorId: key.id }),
      ...entry,
    });
  };

  const configSections: ((tenant: Tenant) => Partial<ConfigResponse>)[] = [];
  const kit: RouteKit = {
    db,
    config,
    now,
    fail,
    authorize,
    authorizeRequest: (c) => authorize(c, basicAuthUser(c.req.header('authorization')) ?? c.req.query('writeKey')),
    authorizeWithBody,
    authorizeAdmin,
    audit,
    subjectBody,
    verify,
    subjectFromQuery,
    logFields: (c, fields) => c.set('logFields', { ...c.get('logFields'), ...fields }),
    addConfig: (section) => void configSections.push(section),
  };

  // The Segment tracking API (/v1/batch, /v1/b, /v1/t|p|i|g|a|s and long forms): core, not a feature module.
  segmentRoutes(app, kit);
  // The script-tag files themselves: the partner snippet loads them from this server.
  sdkFileRoutes(config.sdkDir)(app, kit);

  app.get('/v1/config', async (c) => {
    const auth = await authorize(c, basicAuthUser(c.req.header('authorization')) ?? c.req.query('writeKey'));
    if (auth instanceof Response) return auth;
    // Short private caching: pages fetch config on every load, while policy changes can wait a minute.
    c.header('Cache-Control', 'private, max-age=60');
    const base: ConfigResponse = {
      tenant: { id: auth.id, name: auth.name },
      consent: DEFAULT_CONSENT_POLICY,
      features: {},
      locales: [...LOCALES],
      address: { ...DEFAULT_ADDRESS },
      retentionDays: auth.retentionDays,
    };
    return c.json<ConfigResponse>(Object.assign(base, ...configSections.map((section) => section(auth))));
  });

  app.post('/v1/consent', async (c) => {
    const auth = await authorizeWithBody(c, subjectBody);
    if (auth instanceof Response) return auth;
    const { tenant } = auth;
    const record = validateConsentRecord(auth.body);
    if (!record.ok) return fail(c, 400, 'bad_request', record.error.message, record.error.field);
    const subject = verify(c, tenant, record.value);
    if (subject instanceof Response) return subject;
    const entry = await appendConsent(db, tenant.id, subject, record.value, now());
    const removed = await removeWithdrawnData(db, tenant, subject, entry.choices, now());
    await audit(c, tenant, {
      purpose: 'consent_decision',
      action: 'change',
      target: 'consent',
      subject,
      detail: { action: entry.action, source: entry.source, ledgerId: entry.id, removed },
    });
    c.set('logFields', { ...c.get('logFields'), action: entry.action, ledgerId: entry.id });
    c.header('Cache-Control', 'no-store');
    return c.json<ConsentLedgerEntry>(entry, 201);
  });

  app.get('/v1/consent', async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    const subject = subjectFromQuery(c, tenant);
    if (subject instanceof Response) return subject;
    const history = await consentEntries(db, tenant.id, subject, 'newest');
    await audit(c, tenant, { purpose: 'subject_access', action: 'read', target: 'consent', subject });
    c.set('logFields', { ...c.get('logFields'), entries: history.length });
    c.header('Cache-Control', 'no-store');
    return c.json<ConsentLedgerResponse>({ current: history[0] ?? null, history });
  });

  /** Body → verified subject for `/v1/privacy/*`; a Response means refused. */
  const privacySubject = async (c: Ctx): Promise<{ tenant: Tenant; subject: VerifiedSubject } | Response> => {
    const auth = await authorizeWithBody(c, subjectBody);
    if (auth instanceof Response) return auth;
    const parsed = validateSubject(auth.body);
    if (!parsed.ok) return fail(c, 400, 'bad_request', parsed.error.message, parsed.error.field);
    const subject = verify(c, auth.tenant, parsed.value);
    return subject instanceof Response ? subject : { tenant: auth.tenant, subject };
  };

  app.post('/v1/privacy/export', async (c) => {
    const auth = await privacySubject(c);
    if (auth instanceof Response) return auth;
    const { tenant, subject } = auth;
    const at = now();
    // Logged first, so the export itself lists this access too.
    await audit(c, tenant, { purpose: 'subject_access', action: 'export', target: 'all', subject });
    const sections = await subjects.export({ db, tenant, subject, now: at });
    const generatedAt = new Date(at).toISOString();
    c.set('logFields', { ...c.get('logFields'), events: sections.events.length, consent: sections.consent.length });
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', `attachment; filename="matbakh-export-${generatedAt.slice(0, 10)}.json"`);
    // Lets a cross-origin client take the file name from the header.
    if (c.req.header('origin') !== undefined) {
      c.header('Access-Control-Expose-Headers', 'Retry-After, Content-Disposition');
    }
    return c.json<PrivacyExport>({
      schema: 'matbakh.privacy-export/1',
      generatedAt,
      subject: subject.userId === undefined ? { anonymousId: subject.anonymousId } : { ...subject },
      tenant: { id: tenant.id, name: tenant.name },
      ...sections,
    });
  });

  app.post('/v1/privacy/erase', async (c) => {
    const auth = await privacySubject(c);
    if (auth instanceof Response) return auth;
    const { tenant, subject } = auth;
    const at = now();
    const result = await subjects.erase({ db, tenant, subject, now: at });
    await appendErasure(db, {
      tenantId: tenant.id,
      at,
      actor: c.get('serverKey') === true ? 'secret_key' : 'subject',
      purpose: 'erasure',
      action: 'erase',
      target: 'all',
      subject,
      secret: tenant.pseudonymKey,
      detail: { ...result.erased, consentAnonymized: result.consentAnonymized },
    });
    c.set('logFields', {
      ...c.get('logFields'),
      erasedEvents: result.erased.events,
      erasedPreferences: result.erased.preferences,
      erasedFeedback: result.erased.feedback,
      consentAnonymized: result.consentAnonymized,
    });
    c.header('Cache-Control', 'no-store');
    return c.json<EraseResponse>(result);
  });

  if (config.demo) {
    app.get('/v1/demo/events', async (c) => {
      const auth = await authorize(c, basicAuthUser(c.req.header('authorization')) ?? c.req.query('writeKey'));
      if (auth instanceof Response) return auth;
      const rawLimit = c.req.query('limit');
      const limit = rawLimit === undefined ? DEMO_LIMIT_DEFAULT : Number(rawLimit);
      if (!Number.isInteger(limit) || limit < 1) {
        return fail(c, 400, 'bad_request', 'limit must be a positive whole number', 'limit');
      }
      c.header('Cache-Control', 'no-store');
      return c.json({ events: await latestEvents(db, auth.id, Math.min(limit, DEMO_LIMIT_MAX)) });
    });

    /**
     * Demo only: stands in for the partner's backend, which signs its signed-in user's id with the tenant secret
     * (`userHash = HMAC-SHA256(secret, userId)`), so the example pages can show identified (owner) data.
     * Only ids starting with `demo_` are signed: the demo never vouches for anyone real.
     */
    app.get('/v1/demo/identity', async (c) => {
      const auth = await kit.authorizeRequest(c);
      if (auth instanceof Response) return auth;
      const userId = c.req.query('userId') ?? '';
      if (!/^demo_[\w-]{1,40}$/.test(userId)) {
        return fail(c, 400, 'bad_request', 'userId must look like demo_<name>', 'userId');
      }
      // Only the demo's own restaurants: the demo must not sign anyone into a real tenant's group.
      const groupId = c.req.query('groupId');
      if (groupId !== undefined && !/^rest_demo_[\w-]{1,40}$/.test(groupId)) {
        return fail(c, 400, 'bad_request', 'groupId must look like rest_demo_<name>', 'groupId');
      }
      c.header('Cache-Control', 'no-store');
      return c.json({
        userId,
        userHash: userHashFor(auth.secret, userId),
        ...(groupId === undefined ? {} : { groupId, groupHash: groupHashFor(auth.secret, userId, groupId) }),
      });
    });

    app.get('/demo/events', (c) => {
      const nonce = randomBytes(16).toString('base64');
      c.header(
        'Content-Security-Policy',
        `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      );
      c.header('Referrer-Policy', 'no-referrer');
      c.header('Cache-Control', 'no-store');
      return c.html(demoPage(nonce));
    });
  }

  for (const register of routes) register(app, kit);

  app.notFound((c) => fail(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`));

  app.onError((error, c) => {
    log({
      level: 'error',
      msg: 'unhandled error',
      method: c.req.method,
      path: c.req.path,
      error: error.message,
      stack: error.stack,
    });
    // The details stay in the log: stack traces and SQL in a response would help an attacker, not the caller.
    return fail(c, 500, 'internal', 'internal server error');
  });

  return app;
}
