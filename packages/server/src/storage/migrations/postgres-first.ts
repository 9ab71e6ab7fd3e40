import { POSTGRES as d } from './dialect.ts';
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
import { CONSENT_ANONYMIZE_ONCE, consentUnchanged, pgGuardFunction, pgGuardTriggers } from './guards.ts';

/**
 * PostgreSQL's own first two migrations: a baseline with SQLite's first six at once (first-tables.ts), then the
 * events partitioned by month. Times stay ISO-8601 text and JSON stays TEXT, as on SQLite, so every query is
 * written once.
 */
export const POSTGRES_FIRST: readonly string[] = [
  `
  ${tenants(d, `,\n    ${RETENTION_DAYS}`)}

  CREATE TABLE events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    ${eventColumns(d)},
    PRIMARY KEY (tenant_id, message_id)
  );
  CREATE INDEX events_tenant_received ON events (tenant_id, received_at);
  -- The aggregation worker's read: a tenant's rows after its watermark.
  CREATE INDEX events_tenant_seq ON events (tenant_id, seq);
  ${EVENTS_SUBJECT_INDEXES}

  -- Proof of consent (GDPR Art. 7(1)), append-only: the trigger refuses DELETE, TRUNCATE and every UPDATE except
  -- the one-time anonymization of the identifiers done by erase. No ON DELETE CASCADE: removing a tenant does not
  -- silently drop its proofs.
  ${consentLedger(d)}
  ${CONSENT_LEDGER_INDEXES}

  ${pgGuardFunction({ create: 'CREATE', table: 'consent_ledger', unchanged: consentUnchanged(d, false), message: CONSENT_ANONYMIZE_ONCE })}
  ${pgGuardTriggers('consent_ledger')}

  ${catalogItems(d)}

  ${recommendationFeedback(d)}
  ${FEEDBACK_INDEXES}

  ${preferences(d)}

  -- /health/ready proves the database takes writes by writing this one row.
  ${healthProbe(d)}
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
    ${eventColumns(d)}
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
