/**
 * The e-mail address and phone number the channels deliver to: columns of `message_contacts`, each sealed with the
 * recipient's data key (crypto/subject-data.ts), so an erasure's crypto-shredding takes them with the rest.
 * `contacts.ts` fills the table from identify traits; this reads (and, for tests and benches, seals) one column
 * alone, as a channel needs only its own address.
 */
import { isSealed, subjectCipher } from '../crypto/subject-data.ts';
import type { Queryable } from '../db.ts';
import { CONTACT_PURPOSE } from './contacts.ts';

export type ContactField = 'email' | 'phone';

/** The recipient's address on the field, opened; `undefined` when none is stored or the data key is gone (erased). */
export async function readContactAddress(
  db: Queryable,
  tenantId: string,
  recipient: string,
  field: ContactField,
): Promise<string | undefined> {
  const row = await db.get<{ value: string | null }>(
    `SELECT ${field} AS value FROM message_contacts WHERE tenant_id = ? AND recipient = ?`,
    [tenantId, recipient],
  );
  const stored = row?.value;
  if (stored === undefined || stored === null || stored === '') return undefined;
  // Anything not sealed is refused rather than used: every writer seals, so a plain value is not one of ours.
  if (!isSealed(stored)) return undefined;
  const plain = await subjectCipher(db, tenantId).open(recipient, CONTACT_PURPOSE[field], stored);
  return plain === undefined || plain.trim() === '' ? undefined : plain.trim();
}

/** What the column stores for an address: the sealed value. */
export const sealContactAddress = (
  db: Queryable,
  tenantId: string,
  recipient: string,
  field: ContactField,
  address: string,
): Promise<string> => subjectCipher(db, tenantId).seal(recipient, CONTACT_PURPOSE[field], address);
