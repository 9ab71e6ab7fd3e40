import { SQLITE as d } from './dialect.ts';
import {
  CONSENT_LEDGER_INDEXES,
  catalogItems,
  consentLedger,
  EVENTS_SUBJECT_INDEXES,
  eventColumns,
  FEEDBACK_INDEXES,
  healthProbe,
  preferences,
  RETENTION_DAYS,
  recommendationFeedback,
  tenants,
} from './first-tables.ts';
import { CONSENT_ANONYMIZE_ONCE, consentUnchanged, sqliteUpdateGuard } from './guards.ts';

/** SQLite's own first six migrations: the first tables grown one feature at a time (first-tables.ts). */
export const SQLITE_FIRST: readonly string[] = [
  `
  ${tenants(d, '')}

  CREATE TABLE events (
    ${eventColumns(d)},
    PRIMARY KEY (tenant_id, message_id)
  )${d.strict};

  CREATE INDEX events_tenant_received ON events (tenant_id, received_at);
  `,
  // 2: consent ledger, subject lookups on events, per-tenant retention.
  `
  -- NULL: the contract's DEFAULT_RETENTION_DAYS, resolved in code so this frozen text never has to follow it.
  ALTER TABLE tenants ADD COLUMN ${RETENTION_DAYS};

  ${EVENTS_SUBJECT_INDEXES}

  -- Proof of consent (GDPR Art. 7(1)). Append-only: the triggers below refuse every DELETE and every UPDATE except
  -- the one-time anonymization of the identifiers done by erase (anonymized_at set from NULL, all else unchanged).
  -- No ON DELETE CASCADE: removing a tenant does not silently drop its proofs.
  ${consentLedger(d)}

  ${CONSENT_LEDGER_INDEXES}

  CREATE TRIGGER consent_ledger_no_delete BEFORE DELETE ON consent_ledger
  BEGIN
    SELECT RAISE(ABORT, 'consent_ledger is append-only');
  END;

  ${sqliteUpdateGuard('consent_ledger', consentUnchanged(d, false), CONSENT_ANONYMIZE_ONCE)}
  `,
  // 3: recommendations (issue 5): the tenant's catalogue and the visitors' feedback on recommended items.
  `
  ${catalogItems(d)}

  -- Personal data: exported and erased with the subject (privacy.ts), purged with the tenant's retention.
  ${recommendationFeedback(d)}

  ${FEEDBACK_INDEXES}
  `,
  // 4: preferences (issue 4): one JSON document per subject, versioned for If-Match (preferences-store.ts).
  `
  -- Personal data: exported and erased with the subject (privacy.ts, preferencesSource).
  ${preferences(d)}
  `,
  // 5: the aggregation worker reads a tenant's new rows by (tenant_id, rowid): an index on tenant_id alone is keyed
  // (tenant_id, rowid), so "rows after the watermark" never touches another tenant's rows.
  `
  CREATE INDEX events_tenant_seq ON events (tenant_id);
  `,
  // 6: /health/ready proves the database takes writes by writing this one row.
  `
  ${healthProbe(d)}
  `,
];
