/**
 * "A verified owner of this group": the check the owner routes (`/v1/insights/*`) share. The user proves who they
 * are with `userHash` (HMAC of the userId) and that they run the group with `groupHash` (HMAC of
 * `userId:groupId`), both computed by the partner's backend (insights.ts `groupHashFor`). Anonymous visitors get
 * 403 naming `userId`, a missing or wrong userHash 403 `userHash`, a missing, malformed or wrong groupHash 403
 * `groupHash`.
 */
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
