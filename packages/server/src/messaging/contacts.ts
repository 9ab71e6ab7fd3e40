/**
 * Where a recipient can be reached and how to speak to them (`message_contacts`): e-mail and phone from `identify`
 * traits (`email`, `phone`), sealed with the subject's data key like the traits themselves, so an erasure
 * (crypto-shredding) leaves nothing readable; locale (`locale` trait) and time zone (`context.timezone`) in clear —
 * the dispatcher reads them for every send. Recorded when the identify arrives (events.ts `storeMessages`).
 */
import type { JsonObject } from '@matbakh/contract';
import { isLocale, primaryLanguage } from '@matbakh/contract';
import { type SubjectCipher, subjectCipher } from '../crypto/subject-data.ts';
import { rowSubjectKey } from '../crypto/traits.ts';
import type { Queryable } from '../db.ts';
import type { RecipientKey } from './channel.ts';

/** The GCM associated data of each sealed column: a sealed e-mail copied into the phone column does not open there. */
export const CONTACT_PURPOSE = { email: 'message_contacts.email', phone: 'message_contacts.phone' } as const;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
/** E.164 after removing spaces, dashes and brackets. */
const PHONE = /^\+[1-9]\d{6,14}$/;

export interface Contact {
  email?: string;
  phone?: string;
  locale?: string;
  timeZone?: string;
}

interface ContactRow {
  email: string | null;
  phone: string | null;
  locale: string | null;
  time_zone: string | null;
  updated_at: string;
}

/** The contact points a message carries, checked; fields it lacks or gets wrong stay as they were. */
export function contactFrom(traits: JsonObject | undefined, context: JsonObject | undefined): Contact {
  const out: Contact = {};
  const email = traits?.email;
  if (typeof email === 'string' && EMAIL.test(email.trim())) out.email = email.trim();
  const phone = traits?.phone;
  if (typeof phone === 'string') {
    const compact = phone.replace(/[\s\-()./]/g, '');
    if (PHONE.test(compact)) out.phone = compact;
  }
  const locale = traits?.locale ?? context?.locale;
  if (typeof locale === 'string' && isLocale(primaryLanguage(locale))) out.locale = primaryLanguage(locale);
  const zone = context?.timezone;
  if (typeof zone === 'string' && zone.length <= 64 && isZone(zone)) out.timeZone = zone;
  return out;
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Merges what is known now into the recipient's row (a field not given keeps its stored value). */
export async function recordContact(
  db: Queryable,
  tenantId: string,
  recipient: RecipientKey,
  contact: Contact,
  now: number,
): Promise<void> {
  if (Object.keys(contact).length === 0) return;
  const cipher = subjectCipher(db, tenantId);
  const seal = (field: keyof typeof CONTACT_PURPOSE) => {
    const value = contact[field];
    return value === undefined ? null : cipher.seal(recipient, CONTACT_PURPOSE[field], value);
  };
  const [email, phone] = await Promise.all([seal('email'), seal('phone')]);
  await db.run(
    `INSERT INTO message_contacts (tenant_id, recipient, email, phone, locale, time_zone, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (tenant_id, recipient) DO UPDATE SET
       email = coalesce(excluded.email, message_contacts.email),
       phone = coalesce(excluded.phone, message_contacts.phone),
       locale = coalesce(excluded.locale, message_contacts.locale),
       time_zone = coalesce(excluded.time_zone, message_contacts.time_zone),
       updated_at = excluded.updated_at`,
    [tenantId, recipient, email, phone, contact.locale ?? null, contact.timeZone ?? null, new Date(now).toISOString()],
  );
}

export type StoredContact = Contact & { updatedAt: string };

/** A row opened with `cipher`: e-mail and phone are gone when the subject's key is (erased). */
async function openContact(cipher: SubjectCipher, recipient: RecipientKey, row: ContactRow): Promise<StoredContact> {
  const open = async (field: keyof typeof CONTACT_PURPOSE) => {
    const value = row[field];
    return value === null
      ? undefined
      : await cipher.open(recipient, CONTACT_PURPOSE[field], value).catch(() => undefined);
  };
  const [email, phone] = await Promise.all([open('email'), open('phone')]);
  return {
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(row.locale ? { locale: row.locale } : {}),
    ...(row.time_zone ? { timeZone: row.time_zone } : {}),
    updatedAt: row.updated_at,
  };
}

/** The recipient's contact, opened; undefined when none is stored. E-mail and phone are gone after an erasure. */
export async function readContact(
  db: Queryable,
  tenantId: string,
  recipient: RecipientKey,
): Promise<StoredContact | undefined> {
  const row = await db.get<ContactRow>(
    'SELECT email, phone, locale, time_zone, updated_at FROM message_contacts WHERE tenant_id = ? AND recipient = ?',
    [tenantId, recipient],
  );
  return row ? openContact(subjectCipher(db, tenantId), recipient, row) : undefined;
}

/** Many recipients' contacts in one query (a dispatcher's claim); recipients without a row are absent. */
export async function readContacts(
  db: Queryable,
  tenantId: string,
  recipients: readonly RecipientKey[],
  cipher: SubjectCipher,
): Promise<Map<RecipientKey, StoredContact>> {
  const out = new Map<RecipientKey, StoredContact>();
  if (recipients.length === 0) return out;
  const rows = await db.all<ContactRow & { recipient: string }>(
    `SELECT recipient, email, phone, locale, time_zone, updated_at FROM message_contacts
     WHERE tenant_id = ? AND recipient IN (${recipients.map(() => '?').join(', ')})`,
    [tenantId, ...recipients],
  );
  for (const row of rows) out.set(row.recipient, await openContact(cipher, row.recipient, row));
  return out;
}

interface ContactSource {
  type: string;
  userId?: string | undefined;
  anonymousId?: string | undefined;
  traits?: JsonObject | undefined;
  context: JsonObject;
}

/** The ingest hook: each identify's contact points into its subject's row (the newest message last). */
export async function recordContactsFrom(
  db: Queryable,
  tenantId: string,
  messages: readonly ContactSource[],
  now: number,
): Promise<void> {
  for (const m of messages) {
    if (m.type !== 'identify') continue;
    const contact = contactFrom(m.traits, m.context);
    if (Object.keys(contact).length === 0) continue;
    await recordContact(db, tenantId, rowSubjectKey({ user_id: m.userId, anonymous_id: m.anonymousId }), contact, now);
  }
}
