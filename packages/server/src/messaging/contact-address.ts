/**
 * The e-mail address and phone number the channels deliver to: columns of `message_contacts`, each sealed with the
 * recipient's data key (crypto/subject-data.ts), so an erasure's crypto-shredding takes them with the rest.
 *
 * A stop-gap reader the e-mail and WhatsApp channels share until msgcore's messaging/contacts.ts (which fills the
 * table from identify traits) is merged: then this module's two functions become that module's, or call it. The
 * purposes below are what both must agree on.
 */
import { isSealed, subjectCipher } from '../crypto/subject-data.ts';
import type { Queryable } from '../db.ts';

export type ContactField = 'email' | 'phone';

/** The GCM associated data of each column: a sealed e-mail copied into the phone column does not open there. */
export const CONTACT_PURPOSE: Record<ContactField, string> = {
  email: 'message_contacts.email',
  phone: 'message_contacts.phone',
};

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
