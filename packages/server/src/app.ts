import { randomBytes } from 'node:crypto';
import {
  type BatchResponse,
  type ConfigResponse,
  DEFAULT_CONSENT_POLICY,
  DEFAULT_RETENTION_DAYS,
  type ErrorCode,
  LOCALES,
  type MessageRejection,
} from '@matbakh/contract';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ServerConfig } from './config.ts';
import type { Db } from './db.ts';
import { demoPage } from './demo-page.ts';
import { latestEvents, storeMessages } from './events.ts';
import { basicAuthUser, errorBody, readBody } from './http.ts';
import { type Logger, silentLogger } from './log.ts';
import { RateLimiter } from './rate-limit.ts';
import { findByWriteKey, isOriginAllowed, isOriginKnown, type Tenant } from './tenants.ts';
import { checkEnvelope, isPlainObject, parseJson, validateBatch } from './validate.ts';

export interface AppOptions {
  db: Db;
  config: ServerConfig;
  log?: Logger;
  /** Clock for receive times and the rate limiter; tests pin it. */
  now?: () => number;
}

type BatchCounts = Pick<BatchResponse, 'accepted' | 'duplicate' | 'rejected'>;

export interface AppEnv {
  Variables: { tenantId: string | undefined; batch: BatchCounts | undefined };
}

export type App = Hono<AppEnv>;
type Ctx = Context<AppEnv>;

const DEMO_LIMIT_DEFAULT = 50;
const DEMO_LIMIT_MAX = 200;

export function createApp({ db, config, log = silentLogger, now = Date.now }: AppOptions): App {
  const app = new Hono<AppEnv>();
  const limiter = new RateLimiter({ rate: config.rateLimit, now });

  const fail = (c: Ctx, status: ContentfulStatusCode, code: ErrorCode, message: string, field?: string) =>
    c.json(errorBody(code, message, field), status);

  const allowOrigin = (c: Ctx, origin: string) => {
    c.header('Access-Control-Allow-Origin', origin);
    // Without Retry-After exposed, a browser client could not honour a 429 it receives.
    c.header('Access-Control-Expose-Headers', 'Retry-After');
  };

  /**
   * Before the write key is known (it may sit in the body), the preflight rule applies: an origin some tenant
   * allows may read the error, so a browser client learns it sent too much instead of seeing a bare network error.
   */
  const failBeforeAuth = (c: Ctx, status: ContentfulStatusCode, code: ErrorCode, message: string, field?: string) => {
    const origin = c.req.header('origin');
    c.header('Vary', 'Origin');
    if (origin !== undefined && isOriginKnown(db, origin)) allowOrigin(c, origin);
    return fail(c, status, code, message, field);
  };

  /** Write key → tenant, then the tenant's origin rule, then its rate limit; a Response means refused. */
  const authorize = (c: Ctx, writeKey: string | undefined): Tenant | Response => {
    c.header('Vary', 'Origin');
    const tenant = writeKey === undefined ? undefined : findByWriteKey(db, writeKey);
    if (!tenant) {
      return fail(
        c,
        401,
        'unauthorized',
        writeKey === undefined
          ? 'missing write key: send Authorization: Basic base64(writeKey:) or a writeKey field'
          : 'unknown write key',
      );
    }
    c.set('tenantId', tenant.id);
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (!isOriginAllowed(tenant.allowedOrigins, origin)) {
        return fail(c, 403, 'forbidden_origin', `origin ${origin} is not allowed for this write key`);
      }
      allowOrigin(c, origin);
    }
    const decision = limiter.take(tenant.writeKey);
    if (!decision.allowed) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
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
    });
  });

  app.use('*', async (c, next) => {
    // Every body here is JSON or the demo page: never let a browser sniff it into something executable.
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  });

  app.get('/health', (c) => {
    try {
      db.prepare('SELECT 1').get();
      return c.json({ status: 'ok', db: 'ok' });
    } catch {
      return c.json({ status: 'error', db: 'error' }, 503);
    }
  });

  app.options('/v1/*', (c) => {
    const origin = c.req.header('origin');
    c.header('Vary', 'Origin');
    // A preflight carries no write key, so the tenant's own origin check happens on the real request.
    if (origin !== undefined && isOriginKnown(db, origin)) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, If-Match');
      c.header('Access-Control-Max-Age', '600');
    }
    return c.body(null, 204);
  });

  app.post('/v1/batch', async (c) => {
    // A header key is checked before the body is read, so refused callers cost no body parsing.
    const headerKey = basicAuthUser(c.req.header('authorization'));
    let tenant: Tenant | undefined;
    if (headerKey !== undefined) {
      const auth = authorize(c, headerKey);
      if (auth instanceof Response) return auth;
      tenant = auth;
    }
    const failEarly = tenant ? fail : failBeforeAuth;

    const body = await readBody(c.req.raw, config.maxBodyBytes);
    if (!body.ok) {
      return body.reason === 'too_large'
        ? failEarly(c, 413, 'payload_too_large', `body is larger than ${config.maxBodyBytes} bytes`)
        : failEarly(c, 400, 'bad_request', 'body could not be read as UTF-8', 'batch');
    }
    // sendBeacon posts text/plain (a JSON content type would need a preflight it cannot do): ignore the type.
    const parsed = parseJson(body.text);
    if (!parsed.ok) return failEarly(c, 400, 'bad_request', parsed.error.message, parsed.error.field);

    if (!tenant) {
      const bodyKey = isPlainObject(parsed.value) ? parsed.value.writeKey : undefined;
      const auth = authorize(c, typeof bodyKey === 'string' ? bodyKey : undefined);
      if (auth instanceof Response) return auth;
      tenant = auth;
    }

    const envelope = checkEnvelope(parsed.value);
    if (!envelope.ok) return fail(c, 400, 'bad_request', envelope.error.message, envelope.error.field);

    const { valid, errors } = validateBatch(envelope.value.batch);
    const { accepted, duplicate } = storeMessages(db, tenant.id, valid, now(), envelope.value.sentAt);
    const counts: BatchCounts = { accepted, duplicate, rejected: errors.length };
    c.set('batch', counts);
    return c.json<BatchResponse>({ ...counts, errors: errors satisfies MessageRejection[] });
  });

  app.get('/v1/config', (c) => {
    const auth = authorize(c, basicAuthUser(c.req.header('authorization')) ?? c.req.query('writeKey'));
    if (auth instanceof Response) return auth;
    // Short private caching: pages fetch config on every load, while policy changes can wait a minute.
    c.header('Cache-Control', 'private, max-age=60');
    return c.json<ConfigResponse>({
      tenant: { id: auth.id, name: auth.name },
      consent: DEFAULT_CONSENT_POLICY,
      features: {},
      locales: [...LOCALES],
      retentionDays: DEFAULT_RETENTION_DAYS,
    });
  });

  if (config.demo) {
    app.get('/v1/demo/events', (c) => {
      const auth = authorize(c, basicAuthUser(c.req.header('authorization')) ?? c.req.query('writeKey'));
      if (auth instanceof Response) return auth;
      const rawLimit = c.req.query('limit');
      const limit = rawLimit === undefined ? DEMO_LIMIT_DEFAULT : Number(rawLimit);
      if (!Number.isInteger(limit) || limit < 1) {
        return fail(c, 400, 'bad_request', 'limit must be a positive whole number', 'limit');
      }
      c.header('Cache-Control', 'no-store');
      return c.json({ events: latestEvents(db, auth.id, Math.min(limit, DEMO_LIMIT_MAX)) });
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
