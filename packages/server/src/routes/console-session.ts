/**
 * Signing in to the partner console (issue 16 item 2): `POST /console/session` with the admin key (form field or
 * JSON `key`) opens a server-side session and sets its cookie; `GET /console/session` tells the console who is signed
 * in and its CSRF token; `DELETE /console/session` signs out. Sign-in and sign-out go to the audit log with the key id.
 */
import { isPlainObject, parseJson } from '@matbakh/contract';
import { plausibleKey } from '../auth.ts';
import { CSRF_HEADER, cookieSession, isSameOrigin } from '../console-auth.ts';
import {
  ABSOLUTE_MS,
  type ConsoleSession,
  closeSession,
  IDLE_MS,
  openSession,
  SESSION_COOKIE,
  sessionCookie,
} from '../console-sessions.ts';
import { readBody } from '../http.ts';
import { claimedKind } from '../keys.ts';
import { RateLimiter } from '../rate-limit.ts';
import type { Ctx, RouteKit, RouteModule } from '../route-kit.ts';
import { findById, findByKey } from '../tenants.ts';

const MAX_BODY_BYTES = 1024;

/** `Secure` whenever the console was reached over https (directly or behind a proxy that says so). */
function isHttps(c: Ctx): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

function cookie(c: Ctx, value: string, maxAgeSeconds: number): string {
  const secure = isHttps(c) ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

/** The key from a form post (`key=ak_…`) or a JSON body (`{"key":"ak_…"}`). */
async function presentedKey(c: Ctx): Promise<string | undefined | { error: string }> {
  const body = await readBody(c.req.raw, MAX_BODY_BYTES);
  if (!body.ok) return { error: 'the body could not be read or is larger than 1 KiB' };
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(body.text).get('key') ?? undefined;
  }
  const parsed = parseJson(body.text);
  if (!parsed.ok || !isPlainObject(parsed.value)) return { error: 'send a JSON object {"key": "ak_…"} or a form' };
  const key = parsed.value.key;
  return typeof key === 'string' ? key.trim() : undefined;
}

async function describe(kit: RouteKit, session: ConsoleSession) {
  const tenant = await findById(kit.db, session.tenantId, kit.now());
  return {
    // The publishable write key and origins are no secrets (they ship in every partner page); the console shows them.
    tenant: {
      id: session.tenantId,
      name: tenant?.name ?? '',
      writeKey: tenant?.writeKey ?? '',
      allowedOrigins: tenant?.allowedOrigins ?? [],
    },
    keyId: session.key.id,
    keyHint: session.key.hint,
    csrfToken: session.csrfToken,
    csrfHeader: CSRF_HEADER,
    expiresAt: session.expiresAt,
    idleSeconds: IDLE_MS / 1000,
  };
}

export const consoleSessionRoutes: RouteModule = (app, kit) => {
  const { fail } = kit;
  // Guessing admin keys through the sign-in form is as slow as through the API.
  const limiter = new RateLimiter({ rate: kit.config.serverRateLimit, now: kit.now });

  app.post('/console/session', async (c) => {
    c.header('Cache-Control', 'no-store');
    // A sign-in posted by another site would sign the person in to an account of the attacker's choosing.
    if (!isSameOrigin(c)) return fail(c, 403, 'forbidden_origin', 'sign in from the console itself', 'origin');
    if (!limiter.take(c.req.header('host') ?? 'console').allowed) {
      c.header('Retry-After', '1');
      return fail(c, 429, 'rate_limited', 'too many sign-in attempts, retry in 1s');
    }
    const key = await presentedKey(c);
    if (typeof key === 'object') return fail(c, 400, 'bad_request', key.error, 'key');
    if (key === undefined || key === '') return fail(c, 400, 'bad_request', 'enter the admin key (ak_…)', 'key');
    const kind = plausibleKey(key) ? claimedKind(key) : undefined;
    if (kind === 'write' || kind === 'secret') {
      return fail(c, 401, 'unauthorized', `this is the ${kind} key: sign in with the admin key (ak_…)`, 'key');
    }
    const found = kind === 'admin' ? await findByKey(kit.db, key, kit.now()) : undefined;
    if (found?.key.kind !== 'admin') {
      return fail(c, 401, 'unauthorized', 'unknown, expired or revoked admin key', 'key');
    }
    const { id, session } = await openSession(kit.db, found.key, kit.now());
    c.set('tenantId', found.tenant.id);
    c.set('apiKey', found.key);
    await kit.audit(c, found.tenant, {
      purpose: 'console',
      action: 'admin_change',
      target: 'console_session',
      detail: { event: 'sign_in' },
    });
    c.header('Set-Cookie', cookie(c, id, ABSOLUTE_MS / 1000));
    return c.json(await describe(kit, session), 201);
  });

  app.get('/console/session', async (c) => {
    c.header('Cache-Control', 'no-store');
    const session = await cookieSession(kit, c);
    if (session instanceof Response) return session;
    if (!session)
      return fail(c, 401, 'unauthorized', 'not signed in: POST /console/session with the admin key', 'session');
    return c.json(await describe(kit, session));
  });

  app.delete('/console/session', async (c) => {
    c.header('Cache-Control', 'no-store');
    const session = await cookieSession(kit, c);
    if (session instanceof Response) return session;
    c.header('Set-Cookie', cookie(c, '', 0));
    if (!session) return c.body(null, 204);
    await closeSession(kit.db, sessionCookie(c.req.header('cookie')) ?? '');
    const tenant = await findById(kit.db, session.tenantId, kit.now());
    if (tenant) {
      c.set('apiKey', session.key);
      await kit.audit(c, tenant, {
        purpose: 'console',
        action: 'admin_change',
        target: 'console_session',
        detail: { event: 'sign_out' },
      });
    }
    return c.body(null, 204);
  });
};
