import type {
  ChannelId,
  ConsentAction,
  ConsentCategoryId,
  ConsentLedgerEntry,
  ConsentRecordRequest,
  ConsentSource,
  DeviceClass,
} from '@matbakh/contract';
import type { Db } from './db.ts';
import { pseudonymize, subjectPredicate, type VerifiedSubject } from './subject.ts';

interface LedgerRow {
  id: number;
  consent_id: string;
  anonymous_id: string;
  user_id: string | null;
  policy_version: number;
  action: ConsentAction;
  choices: string;
  channels: string;
  source: ConsentSource;
  timestamp: string;
  received_at: string;
  user_agent_class: DeviceClass;
}

function fromRow(row: LedgerRow): ConsentLedgerEntry {
  return {
    id: row.id,
    consentId: row.consent_id,
    anonymousId: row.anonymous_id,
    ...(row.user_id === null ? {} : { userId: row.user_id }),
    policyVersion: row.policy_version,
    action: row.action,
    choices: JSON.parse(row.choices) as Partial<Record<ConsentCategoryId, boolean>>,
    channels: JSON.parse(row.channels) as Partial<Record<ChannelId, boolean>>,
    source: row.source,
    timestamp: row.timestamp,
    userAgentClass: row.user_agent_class,
    receivedAt: row.received_at,
  };
}

/**
 * Appends one decision. The subject must be verified already: the stored userId is the proven one, and the userHash
 * of the request is never stored.
 */
export async function appendConsent(
  db: Db,
  tenantId: string,
  subject: VerifiedSubject,
  record: ConsentRecordRequest,
  receivedAt: number,
): Promise<ConsentLedgerEntry> {
  const row = await db.get<LedgerRow>(
    `INSERT INTO consent_ledger (tenant_id, consent_id, anonymous_id, user_id, policy_version, action, choices,
       channels, source, timestamp, received_at, user_agent_class)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     RETURNING *`,
    ledgerValues(tenantId, subject, record, new Date(receivedAt).toISOString()),
  );
  return fromRow(row!);
}

/** One ledger row's values in column order (tenant … user_agent_class): the one mapping the SDK route and the bulk import share. */
export function ledgerValues(
  tenantId: string,
  subject: VerifiedSubject,
  record: ConsentRecordRequest,
  receivedAt: string,
): (string | number | null)[] {
  return [
    tenantId,
    record.consentId,
    subject.anonymousId,
    subject.userId ?? null,
    record.policyVersion,
    record.action,
    JSON.stringify(record.choices),
    JSON.stringify(record.channels),
    record.source,
    record.timestamp,
    receivedAt,
    record.userAgentClass,
  ];
}

/**
 * The subject's ledger entries in append order (`id`), newest first unless `order` says otherwise. Rows anonymized
 * by an erase belong to nobody any more and are never returned.
 */
export async function consentEntries(
  db: Db,
  tenantId: string,
  subject: VerifiedSubject,
  order: 'newest' | 'oldest' = 'newest',
): Promise<ConsentLedgerEntry[]> {
  const where = subjectPredicate(subject);
  const rows = await db.all<LedgerRow>(
    `SELECT * FROM consent_ledger WHERE tenant_id = ? AND anonymized_at IS NULL AND ${where.sql}
     ORDER BY id ${order === 'newest' ? 'DESC' : 'ASC'}`,
    [tenantId, ...where.params],
  );
  return rows.map(fromRow);
}

/**
 * Erase for the ledger: the rows stay (proof of consent, Art. 7(1)), their identifiers become
 * `pseudonymize(pseudonymKey, id)` (the tenant's first secret, kept across rotations). One UPDATE per row because each value depends on the row's own ids.
 */
export async function anonymizeConsent(
  db: Db,
  tenant: { id: string; pseudonymKey: string },
  subject: VerifiedSubject,
  now: number,
): Promise<number> {
  const where = subjectPredicate(subject);
  const rows = await db.all<{ id: number; anonymous_id: string; user_id: string | null }>(
    `SELECT id, anonymous_id, user_id FROM consent_ledger
     WHERE tenant_id = ? AND anonymized_at IS NULL AND ${where.sql}`,
    [tenant.id, ...where.params],
  );
  const at = new Date(now).toISOString();
  for (const row of rows) {
    await db.run('UPDATE consent_ledger SET anonymous_id = ?, user_id = ?, anonymized_at = ? WHERE id = ?', [
      pseudonymize(tenant.pseudonymKey, row.anonymous_id),
      row.user_id === null ? null : pseudonymize(tenant.pseudonymKey, row.user_id),
      at,
      row.id,
    ]);
  }
  return rows.length;
}
