import { POSTGRES, SQLITE } from './dialect.ts';
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
import { consentGuards } from './guards.ts';

/**
 * Each engine's own beginning. SQLite grew the first tables over six migrations; PostgreSQL came later and started
 * with all of them in one baseline, then partitioned the events. The tables themselves are written once
 * (first-tables.ts); from the audit log on, the migrations are shared (index.ts).
 */

/** SQLite's own first six migrations: the first tables grown one feature at a time (first-tables.ts). */
export const SQLITE_FIRST: readonly string[] = [
  `
  ${tenants(SQLITE, '')}

  CREATE TABLE events (
    ${eventColumns(SQLITE)},
    PRIMARY KEY (tenant_id, message_id)
  )${SQLITE.strict};

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
  ${consentLedger(SQLITE)}

  ${CONSENT_LEDGER_INDEXES}

  ${consentGuards(SQLITE)}
  `,
  // 3: recommendations (issue 5): the tenant's catalogue and the visitors' feedback on recommended items.
  `
  ${catalogItems(SQLITE)}

  -- Personal data: exported and erased with the subject (privacy.ts), purged with the tenant's retention.
  ${recommendationFeedback(SQLITE)}

  ${FEEDBACK_INDEXES}
  `,
  // 4: preferences (issue 4): one JSON document per subject, versioned for If-Match (preferences-store.ts).
  `
  -- Personal data: exported and erased with the subject (privacy.ts, preferencesSource).
  ${preferences(SQLITE)}
  `,
  // 5: the aggregation worker reads a tenant's new rows by (tenant_id, rowid): an index on tenant_id alone is keyed
  // (tenant_id, rowid), so "rows after the watermark" never touches another tenant's rows.
  `
  CREATE INDEX events_tenant_seq ON events (tenant_id);
  `,
  // 6: /health/ready proves the database takes writes by writing this one row.
  `
  ${healthProbe(SQLITE)}
  `,
];

/**
 * PostgreSQL's own first two migrations: a baseline with SQLite's first six at once (first-tables.ts), then the
 * events partitioned by month. Times stay ISO-8601 text and JSON stays TEXT, as on SQLite, so every query is
 * written once.
 */
export const POSTGRES_FIRST: readonly string[] = [
  `
  ${tenants(POSTGRES, `,\n    ${RETENTION_DAYS}`)}

  CREATE TABLE events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    ${eventColumns(POSTGRES)},
    PRIMARY KEY (tenant_id, message_id)
  );
  CREATE INDEX events_tenant_received ON events (tenant_id, received_at);
  -- The aggregation worker's read: a tenant's rows after its watermark.
  CREATE INDEX events_tenant_seq ON events (tenant_id, seq);
  ${EVENTS_SUBJECT_INDEXES}

  -- Proof of consent (GDPR Art. 7(1)), append-only: the trigger refuses DELETE, TRUNCATE and every UPDATE except
  -- the one-time anonymization of the identifiers done by erase. No ON DELETE CASCADE: removing a tenant does not
  -- silently drop its proofs.
  ${consentLedger(POSTGRES)}
  ${CONSENT_LEDGER_INDEXES}

  ${consentGuards(POSTGRES)}

  ${catalogItems(POSTGRES)}

  ${recommendationFeedback(POSTGRES)}
  ${FEEDBACK_INDEXES}

  ${preferences(POSTGRES)}

  -- /health/ready proves the database takes writes by writing this one row.
  ${healthProbe(POSTGRES)}
  `,
  // 2: events partitioned by month of received_at (retention drops whole months). A partitioned table's unique keys
  // must contain the partition column, so the dedup key (tenant, messageId) moves to event_ids.
  `
  CREATE TABLE event_ids (
    tenant_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, message_id)
  );
  CREATE INDEX event_ids_received ON event_ids (received_at);

  CREATE SEQUENCE events_seq_by_month;
  CREATE TABLE events_by_month (
    seq BIGINT NOT NULL DEFAULT nextval('events_seq_by_month'),
    ${eventColumns(POSTGRES)}
  ) PARTITION BY RANGE (received_at);

  DO $fn$
  DECLARE month TEXT;
  BEGIN
    FOR month IN SELECT DISTINCT substr(received_at, 1, 7) FROM events LOOP
      EXECUTE format('CREATE TABLE %I PARTITION OF events_by_month FOR VALUES FROM (%L) TO (%L)',
        'events_' || replace(month, '-', '_'), month,
        to_char((month || '-01')::date + interval '1 month', 'YYYY-MM'));
    END LOOP;
  END
  $fn$;

  INSERT INTO events_by_month (seq, tenant_id, message_id, type, event, name, anonymous_id, user_id, session_id,
      timestamp, original_timestamp, sent_at, received_at, context, payload)
    SELECT seq, tenant_id, message_id, type, event, name, anonymous_id, user_id, session_id,
      timestamp, original_timestamp, sent_at, received_at, context, payload
    FROM events ORDER BY seq;
  INSERT INTO event_ids (tenant_id, message_id, received_at) SELECT tenant_id, message_id, received_at FROM events;
  SELECT setval('events_seq_by_month', coalesce((SELECT max(seq) FROM events), 0) + 1, false);

  DROP TABLE events;
  ALTER TABLE events_by_month RENAME TO events;
  ALTER SEQUENCE events_seq_by_month OWNED BY events.seq;
  CREATE INDEX events_tenant_seq ON events (tenant_id, seq);
  CREATE INDEX events_tenant_received ON events (tenant_id, received_at);
  CREATE INDEX events_tenant_message ON events (tenant_id, message_id);
  ${EVENTS_SUBJECT_INDEXES}
  `,
];
