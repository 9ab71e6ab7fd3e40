/**
 * "A verified owner of this group": the check the owner routes (`/v1/insights/*`) share. The user proves who they
 * are with `userHash` (HMAC of the userId) and that they run the group with `groupHash` (HMAC of
 * `userId:groupId`), both computed by the partner's backend (insights.ts `groupHashFor`). Anonymous visitors get
 * 403 naming `userId`, a missing or wrong userHash 403 `userHash`, a missing, malformed or wrong groupHash 403
 * `groupHash`.
 */
import { isIsoTimestamp, LOCALES, type Locale } from '@matbakh/contract';
import { verifyGroupHash } from '../insights.ts';
import type { Ctx, RouteKit } from '../route-kit.ts';
import type { VerifiedSubject } from '../subject.ts';
import type { Tenant } from '../tenants.ts';

/** The subject (userHash already checked) acts for the group, proven by `groupHash` (from a query or a body). */
export function ownerOfGroup(
  c: Ctx,
  kit: RouteKit,
  tenant: Tenant,
  subject: VerifiedSubject,
  groupId: string,
  groupHash: unknown,
): (VerifiedSubject & { userId: string }) | Response {
  const { userId } = subject;
  if (userId === undefined) {
    return kit.fail(c, 403, 'forbidden', 'insights are for an identified owner: send userId and userHash', 'userId');
  }
  const given = typeof groupHash === 'string' ? groupHash : undefined;
  if (verifyGroupHash(tenant.secrets, userId, groupId, given)) return { ...subject, userId };
  return kit.fail(
    c,
    403,
    'forbidden',
    given === undefined
      ? 'insights need groupHash: hex HMAC-SHA256(tenant secret, userId + ":" + groupId), computed by your backend'
      : 'groupHash does not match the userId and groupId',
    'groupHash',
  );
}

/** The same for a GET: the proofs in the query. */
export async function verifiedOwner(
  c: Ctx,
  kit: RouteKit,
  tenant: Tenant,
  groupId: string,
): Promise<(VerifiedSubject & { userId: string }) | Response> {
  const subject = kit.subjectFromQuery(c, tenant);
  if (subject instanceof Response) return subject;
  return ownerOfGroup(c, kit, tenant, subject, groupId, c.req.query('groupHash'));
}

export const MAX_GROUP_ID = 200;

/** The owner routes' `groupId` (query or body): 400 naming `groupId` unless it is 1–200 characters. */
export function groupIdOf(c: Ctx, kit: RouteKit, raw: unknown): string | Response {
  if (typeof raw === 'string' && raw.length > 0 && raw.length <= MAX_GROUP_ID) return raw;
  return kit.fail(c, 400, 'bad_request', `groupId is required (1–${MAX_GROUP_ID} characters)`, 'groupId');
}

/** The texts' locale: de when absent, 400 naming `locale` when not one of ours. */
export function localeOf(c: Ctx, kit: RouteKit, raw: unknown): Locale | Response {
  const locale = raw ?? 'de';
  if (typeof locale === 'string' && (LOCALES as readonly string[]).includes(locale)) return locale as Locale;
  return kit.fail(c, 400, 'bad_request', `locale must be one of ${LOCALES.join(', ')}`, 'locale');
}

/**
 * `?now=` (ISO 8601) moves the clock, accepted only by a server with a pinned clock (tests) or in demo mode;
 * undefined when absent, 400 naming `now` otherwise.
 */
export function pinnedNowOf(c: Ctx, kit: RouteKit): number | undefined | Response {
  const raw = c.req.query('now');
  if (raw === undefined) return undefined;
  if (kit.now === Date.now && !kit.config.demo) {
    return kit.fail(c, 400, 'bad_request', 'now is accepted only by a server with a test clock or in demo mode', 'now');
  }
  if (!isIsoTimestamp(raw)) return kit.fail(c, 400, 'bad_request', 'now must be an ISO 8601 timestamp', 'now');
  return Date.parse(raw);
}

/** What an owner GET route has checked before it reads: the tenant, the group, the texts' locale, the owner. */
export interface OwnerRequest<Extra> {
  tenant: Tenant;
  groupId: string;
  locale: Locale;
  owner: VerifiedSubject & { userId: string };
  /** What the route's own `extra` check parsed from the query. */
  extra: Extra;
}

/**
 * The preamble every owner GET route (`/v1/insights*`) shares, in this order: the tenant's key, `groupId`,
 * `locale`, the route's own query checks (`extra`, e.g. `region` or `horizon`), then the owner's proofs — so a
 * malformed query is a 400 before any proof is checked. A Response ends the request.
 */
export async function ownerRequest<Extra = undefined>(
  c: Ctx,
  kit: RouteKit,
  extra?: () => Extra | Response,
): Promise<OwnerRequest<Extra> | Response> {
  const tenant = await kit.authorizeRequest(c);
  if (tenant instanceof Response) return tenant;
  const groupId = groupIdOf(c, kit, c.req.query('groupId'));
  if (groupId instanceof Response) return groupId;
  const locale = localeOf(c, kit, c.req.query('locale'));
  if (locale instanceof Response) return locale;
  const parsed = extra?.();
  if (parsed instanceof Response) return parsed;
  const owner = await verifiedOwner(c, kit, tenant, groupId);
  if (owner instanceof Response) return owner;
  // Without `extra`, Extra is its default `undefined`.
  return { tenant, groupId, locale, owner, extra: parsed as Extra };
}
