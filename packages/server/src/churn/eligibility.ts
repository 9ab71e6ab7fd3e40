/**
 * Who may be profiled, decided on the server from the consent ledger, whatever any request says: a guest whose newest
 * decision grants `personalization` and who has not objected to profiling. No decision recorded means no (privacy
 * by default). Checked for training and for scoring alike: a guest who said no is not learned from either.
 */

import { grants, latestChoices } from '../consent-gate.ts';
import type { Queryable } from '../db.ts';
import { objectedKeys } from './objections.ts';

/** The ledger subject of an order's guest key (`u:<userId>` / `a:<anonymousId>`). */
function ledgerSubject(guest: string): { userId: string } | { anonymousId: string } | undefined {
  if (guest.startsWith('u:')) return { userId: guest.slice(2) };
  if (guest.startsWith('a:')) return { anonymousId: guest.slice(2) };
  return undefined;
}

export async function profilingAllowed(
  db: Queryable,
  tenantId: string,
  guests: Iterable<string>,
): Promise<Set<string>> {
  const objected = await objectedKeys(db, tenantId);
  const allowed = new Set<string>();
  for (const guest of guests) {
    if (objected.has(guest)) continue;
    const subject = ledgerSubject(guest);
    if (subject && grants(await latestChoices(db, tenantId, subject), 'personalization')) allowed.add(guest);
  }
  return allowed;
}
