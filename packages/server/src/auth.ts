/**
 * Which key may do what (issue 14 item 4). The publishable write key (`pk_…`, in every partner page): browser
 * ingest, config, a subject's own reads and writes with its userHash. The secret key (`sk_…`, the partner's backend):
 * the same, plus ingest that vouches for identity and the bulk imports. The admin key (`ak_…`): `/v1/admin/*` only.
 */

import { cookieSession } from './console-auth.ts';
import type { Queryable } from './db.ts';
import { basicAuthUser } from './http.ts';
import { claimedKind, type KeyKind, type KeyRecord } from './keys.ts';
import { RateLimiter } from './rate-limit.ts';
import type { Ctx, RouteKit } from './route-kit.ts';
import { findById, findByKey, findBySecret, findByWriteKey, isOriginAllowed, type Tenant } from './tenants.ts';

const MAX_KEY_LENGTH = 200;

/** A key no tenant can have (NUL, absurd length) is unknown without asking the database. */
export const plausibleKey = (key: string | undefined): key is string =>
  key !== undefined && key.length > 0 && key.length <= MAX_KEY_LENGTH && !key.includes('\u0000');

export type IngestKey =
  | { tenant: Tenant; serverKey: boolean }
  /** An admin key: real, but not for ingest (403 rather than 401). */
  | { admin: true }
  | undefined;

/** The tenant of a key presented on a browser-or-backend route: the write key, or the secret key (server). */
export async function tenantForIngestKey(db: Queryable, key: string, now: number): Promise<IngestKey> {
  const kind = claimedKind(key);
  if (kind === 'secret') {
    const tenant = await findBySecret(db, key, now);
    return tenant && { tenant, serverKey: true };
  }
  if (kind === 'admin') return (await findByKey(db, key, now)) ? { admin: true } : undefined;
  const tenant = await findByWriteKey(db, key, now);
  return tenant && { tenant, serverKey: false };
}

/** The key of `Authorization: Bearer <key>` (or Basic, as Segment-style clients send it). */
export function presentedKey(header: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return bearer ? bearer[1] : basicAuthUser(header);
}

const USE: Record<KeyKind, string> = {
  secret: 'the secret key (sk_…, for your backend)',
  admin: 'the admin key (ak_…, from create-tenant or admin-key:create)',
};

export interface KeyRule {
  /** The kinds of key allowed, first the one to name in errors. */
  kinds: readonly KeyKind[];
  /** What the route does, for error messages: "manage keys", "import data". */
  purpose: string;
  /** This route group's own limit (per tenant), apart from the browser's. */
  limiter: RateLimiter;
}

/** A route group's key rule with its own rate limit per tenant (`serverRateLimit`), apart from the browsers'. */
export function keyRule(kit: Pick<RouteKit, 'config' | 'now'>, kinds: readonly KeyKind[], purpose: string): KeyRule {
  return { kinds, purpose, limiter: new RateLimiter({ rate: kit.config.serverRateLimit, now: kit.now }) };
}

/**
 * `Authorization: Bearer <key>` → the tenant and the key, if the key is active and of an allowed kind; then the
 * tenant's origin rule (when an Origin is sent) and the rule's rate limit. A Response means refused: 401 for a
 * missing, unknown, expired or revoked key, 403 for a real key of the wrong kind, always naming `authorization`.
 */
export async function authorizeKey(
  kit: RouteKit,
  c: Ctx,
  rule: KeyRule,
): Promise<{ tenant: Tenant; key: KeyRecord } | Response> {
  const { db, fail } = kit;
  c.header('Vary', 'Origin');
  const key = presentedKey(c.req.header('authorization'));
  const wanted = rule.kinds.map((kind) => USE[kind]).join(' or ');
  // The partner console signs in once with the admin key and then sends its session cookie (console-auth.ts).
  if (key === undefined && rule.kinds.includes('admin')) {
    const session = await cookieSession(kit, c);
    if (session instanceof Response) return session;
    if (session) return withinLimit(kit, c, rule, { tenantId: session.tenantId, key: session.key });
  }
  if (key === undefined) {
    return fail(c, 401, 'unauthorized', `send Authorization: Bearer <key> with ${wanted}`, 'authorization');
  }
  const now = kit.now();
  const unknown = () => fail(c, 401, 'unauthorized', 'unknown, expired or revoked key', 'authorization');
  if (!plausibleKey(key)) return unknown();
  if (claimedKind(key) === 'write') {
    if (!(await findByWriteKey(db, key, now))) return unknown();
    return fail(
      c,
      403,
      'forbidden',
      `the publishable write key cannot ${rule.purpose}: use ${wanted}`,
      'authorization',
    );
  }
  const found = await findByKey(db, key, now);
  if (!found) return unknown();
  if (!rule.kinds.includes(found.key.kind)) {
    return fail(
      c,
      403,
      'forbidden',
      `the ${found.key.kind} key cannot ${rule.purpose}: use ${wanted}`,
      'authorization',
    );
  }
  const { tenant } = found;
  c.set('tenantId', tenant.id);
  c.set('apiKey', found.key);
  kit.logFields(c, { keyId: found.key.id });
  const origin = c.req.header('origin');
  if (origin !== undefined && !isOriginAllowed(tenant.allowedOrigins, origin)) {
    return fail(c, 403, 'forbidden_origin', `origin ${origin} is not allowed for this tenant`, 'origin');
  }
  return limited(kit, c, rule, found);
}

/** The rule's rate limit per tenant; the found tenant and key when within it. */
function limited<T extends { tenant: Tenant }>(kit: RouteKit, c: Ctx, rule: KeyRule, found: T): T | Response {
  const decision = rule.limiter.take(found.tenant.id);
  if (!decision.allowed) {
    c.header('Retry-After', String(decision.retryAfterSeconds));
    return kit.fail(c, 429, 'rate_limited', `too many requests, retry in ${decision.retryAfterSeconds}s`);
  }
  return found;
}

/** A console session's tenant (same origin already checked, so the tenant's origin list does not apply). */
async function withinLimit(
  kit: RouteKit,
  c: Ctx,
  rule: KeyRule,
  session: { tenantId: string; key: KeyRecord },
): Promise<{ tenant: Tenant; key: KeyRecord } | Response> {
  const tenant = await findById(kit.db, session.tenantId, kit.now());
  if (!tenant) return kit.fail(c, 401, 'unauthorized', 'the console session has ended: sign in again', 'session');
  c.set('tenantId', tenant.id);
  c.set('apiKey', session.key);
  kit.logFields(c, { keyId: session.key.id, via: 'console' });
  return limited(kit, c, rule, { tenant, key: session.key });
}
