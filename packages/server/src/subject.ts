import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Subject } from '@matbakh/contract';

/** A subject whose userId (if any) was proven with the userHash; the hash itself is dropped here. */
export interface VerifiedSubject {
  anonymousId: string;
  userId?: string;
}

/** What the host's backend computes: hex HMAC-SHA256 keyed with the tenant secret over the userId. */
export function userHashFor(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Anonymous subjects pass as they are; a userId needs the matching userHash, compared in constant time.
 * `undefined` means refused (403): a missing, malformed or wrong hash all look the same to the caller.
 */
export function verifySubject(secret: string, subject: Subject): VerifiedSubject | undefined {
  if (subject.userId === undefined) return { anonymousId: subject.anonymousId };
  if (!userHashMatches(secret, subject.userId, subject.userHash)) return undefined;
  return { anonymousId: subject.anonymousId, userId: subject.userId };
}

/** True when `given` is the userHash of `userId` (any hex case), compared in constant time. */
export function userHashMatches(secret: string, userId: string, given: unknown): boolean {
  if (typeof given !== 'string' || !HEX_SHA256.test(given)) return false;
  const expected = createHmac('sha256', secret).update(userId, 'utf8').digest();
  // Both are 32 bytes here (the regex guarantees it for `given`), as timingSafeEqual requires.
  return timingSafeEqual(Buffer.from(given, 'hex'), expected);
}

/**
 * The one-way replacement of an identifier in rows kept after erasure: sha256(tenant secret + id), hex.
 * Salted with the secret so that a known id list cannot be matched against a leaked table without the secret too;
 * deterministic so that the controller can still answer "did this person consent?" if the person brings the id
 * again. Not the HMAC of `userHashFor`: a stored value must never double as a userHash.
 */
export function pseudonymize(secret: string, id: string): string {
  return createHash('sha256')
    .update(secret + id, 'utf8')
    .digest('hex');
}

/**
 * Which rows of a table with `anonymous_id`/`user_id` columns belong to the subject. An anonymous subject owns the
 * rows of its anonymousId that carry no userId (rows with a userId need that user's proof); a verified user owns the
 * rows of the userId plus the userless rows of the anonymousId. So a request never reaches another person's rows,
 * and export and erase always see exactly the same set.
 */
export function subjectPredicate(subject: VerifiedSubject): { sql: string; params: string[] } {
  return subject.userId === undefined
    ? { sql: '(anonymous_id = ? AND user_id IS NULL)', params: [subject.anonymousId] }
    : {
        sql: '(user_id = ? OR (anonymous_id = ? AND user_id IS NULL))',
        params: [subject.userId, subject.anonymousId],
      };
}
