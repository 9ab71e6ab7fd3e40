/**
 * The PostgreSQL schema, ordered and append-only like the SQLite list (a released entry is never edited). The same
 * tables and columns as SQLite, so every query is written once; JSON stays in TEXT columns (validated on the way in,
 * parsed in code) and times are ISO-8601 text, which sorts as time on both engines.
 */
export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    write_key TEXT NOT NULL UNIQUE,
    secret TEXT NOT NULL,
    allowed_origins TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    retention_days INTEGER CHECK (retention_days IS NULL OR retention_days > 0)
  );

  CREATE TABLE events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    type TEXT NOT NULL,
    event TEXT,
    name TEXT,
    anonymous_id TEXT,
    user_id TEXT,
    session_id TEXT,
    timestamp TEXT NOT NULL,
    original_timestamp TEXT NOT NULL,
    sent_at TEXT,
    received_at TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT '{}',
    payload TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, message_id)
  );
  CREATE INDEX events_tenant_received ON events (tenant_id, received_at);
  -- The aggregation worker's read: a tenant's rows after its watermark.
  CREATE INDEX events_tenant_seq ON events (tenant_id, seq);
  CREATE INDEX events_tenant_anonymous ON events (tenant_id, anonymous_id);
  CREATE INDEX events_tenant_user ON events (tenant_id, user_id) WHERE user_id IS NOT NULL;

  -- Proof of consent (GDPR Art. 7(1)), append-only: the trigger refuses DELETE, TRUNCATE and every UPDATE except
  -- the one-time anonymization of the identifiers done by erase. No ON DELETE CASCADE: removing a tenant does not
  -- silently drop its proofs.
  CREATE TABLE consent_ledger (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    consent_id TEXT NOT NULL,
    anonymous_id TEXT NOT NULL,
    user_id TEXT,
    policy_version INTEGER NOT NULL CHECK (policy_version > 0),
    action TEXT NOT NULL CHECK (action IN ('accept_all', 'reject_all', 'custom', 'gpc', 'withdraw')),
    choices TEXT NOT NULL,
    channels TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('banner', 'center', 'api')),
    timestamp TEXT NOT NULL,
    received_at TEXT NOT NULL,
    user_agent_class TEXT NOT NULL,
    anonymized_at TEXT
  );
  CREATE INDEX consent_ledger_anonymous ON consent_ledger (tenant_id, anonymous_id);
  CREATE INDEX consent_ledger_user ON consent_ledger (tenant_id, user_id) WHERE user_id IS NOT NULL;

  CREATE FUNCTION consent_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP <> 'UPDATE' THEN
      RAISE EXCEPTION 'consent_ledger is append-only';
    END IF;
    IF NOT (
      OLD.anonymized_at IS NULL AND NEW.anonymized_at IS NOT NULL
      AND NEW.id = OLD.id AND NEW.tenant_id = OLD.tenant_id AND NEW.consent_id = OLD.consent_id
      AND NEW.policy_version = OLD.policy_version AND NEW.action = OLD.action
      AND NEW.choices = OLD.choices AND NEW.channels = OLD.channels AND NEW.source = OLD.source
      AND NEW.timestamp = OLD.timestamp AND NEW.received_at = OLD.received_at
      AND NEW.user_agent_class = OLD.user_agent_class
      AND NEW.anonymous_id IS DISTINCT FROM OLD.anonymous_id AND (OLD.user_id IS NULL) = (NEW.user_id IS NULL)
    ) THEN
      RAISE EXCEPTION 'consent_ledger is append-only: only erase may anonymize a row, once';
    END IF;
    RETURN NEW;
  END
  $fn$;
  CREATE TRIGGER consent_ledger_no_change BEFORE UPDATE OR DELETE ON consent_ledger
    FOR EACH ROW EXECUTE FUNCTION consent_ledger_append_only();
  CREATE TRIGGER consent_ledger_no_truncate BEFORE TRUNCATE ON consent_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_append_only();

  CREATE TABLE catalog_items (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('dish', 'restaurant', 'feature')),
    restaurant_id TEXT,
    region TEXT,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
  );

  CREATE TABLE recommendation_feedback (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    anonymous_id TEXT NOT NULL,
    user_id TEXT,
    request_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('not_interested', 'more_like_this', 'dismissed_action')),
    received_at TEXT NOT NULL
  );
  CREATE INDEX recommendation_feedback_anonymous ON recommendation_feedback (tenant_id, anonymous_id);
  CREATE INDEX recommendation_feedback_user ON recommendation_feedback (tenant_id, user_id) WHERE user_id IS NOT NULL;
  CREATE INDEX recommendation_feedback_received ON recommendation_feedback (tenant_id, received_at);

  CREATE TABLE preferences (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject_key TEXT NOT NULL,
    doc TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version > 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, subject_key)
  );

  -- /health/ready proves the database takes writes by writing this one row.
  CREATE TABLE health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at TEXT NOT NULL);
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
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    type TEXT NOT NULL,
    event TEXT,
    name TEXT,
    anonymous_id TEXT,
    user_id TEXT,
    session_id TEXT,
    timestamp TEXT NOT NULL,
    original_timestamp TEXT NOT NULL,
    sent_at TEXT,
    received_at TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT '{}',
    payload TEXT NOT NULL DEFAULT '{}'
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
  CREATE INDEX events_tenant_anonymous ON events (tenant_id, anonymous_id);
  CREATE INDEX events_tenant_user ON events (tenant_id, user_id) WHERE user_id IS NOT NULL;
  `,
  // 3: the audit log (issue 14), append-only like the consent ledger (see the SQLite migration 7 and audit.ts).
  `
  CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL CHECK (actor IN ('subject', 'write_key', 'secret_key', 'admin_key', 'system')),
    actor_id TEXT,
    purpose TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('read', 'export', 'erase', 'change', 'admin_change')),
    target TEXT NOT NULL,
    anonymous_id TEXT,
    user_id TEXT,
    detail TEXT NOT NULL,
    anonymized_at TEXT
  );
  CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at);
  CREATE INDEX audit_log_anonymous ON audit_log (tenant_id, anonymous_id) WHERE anonymous_id IS NOT NULL;
  CREATE INDEX audit_log_user ON audit_log (tenant_id, user_id) WHERE user_id IS NOT NULL;

  CREATE TABLE audit_purge_gate (id INTEGER PRIMARY KEY CHECK (id = 1), open INTEGER NOT NULL);
  INSERT INTO audit_purge_gate (id, open) VALUES (1, 0);

  CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP = 'DELETE' THEN
      IF (SELECT open FROM audit_purge_gate WHERE id = 1) <> 1 THEN
        RAISE EXCEPTION 'audit_log is append-only: rows leave only through the retention purge';
      END IF;
      RETURN OLD;
    END IF;
    IF TG_OP <> 'UPDATE' THEN
      RAISE EXCEPTION 'audit_log is append-only';
    END IF;
    IF NOT (
      OLD.anonymized_at IS NULL AND NEW.anonymized_at IS NOT NULL
      AND NEW.id = OLD.id AND NEW.tenant_id = OLD.tenant_id AND NEW.at = OLD.at AND NEW.actor = OLD.actor
      AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.purpose = OLD.purpose AND NEW.action = OLD.action
      AND NEW.target = OLD.target AND NEW.detail = OLD.detail
      AND (OLD.anonymous_id IS NULL) = (NEW.anonymous_id IS NULL) AND (OLD.user_id IS NULL) = (NEW.user_id IS NULL)
    ) THEN
      RAISE EXCEPTION 'audit_log is append-only: only erase may pseudonymize a row, once';
    END IF;
    RETURN NEW;
  END
  $fn$;
  CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
  CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
  `,
  // 4: the recommender's weights per tenant, as SQLite's migration 8.
  `
  CREATE TABLE recommender_weights (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    source TEXT NOT NULL CHECK (source IN ('fitted', 'default')),
    weights TEXT NOT NULL,
    why TEXT NOT NULL,
    fitted_at TEXT NOT NULL,
    orders INTEGER NOT NULL,
    subjects INTEGER NOT NULL,
    events_seq BIGINT NOT NULL,
    test_orders INTEGER NOT NULL,
    metrics TEXT NOT NULL
  );
  `,
  // Keys with scopes (issue 14 item 4): secret and admin keys, stored as SHA-256 for authentication; a secret also
  // sealed under the master key (AES-256-GCM, crypto/master-key.ts) because it is the HMAC key of userHash/groupHash.
  // Tenants' plain secrets move here on start (keys.ts adoptPlainSecrets), which leaves tenants.secret ''.
  // consent_ledger.proof: what a bulk import says about where a migrated decision came from (routes/import.ts).
  `
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('secret', 'admin')),
    key_hash TEXT NOT NULL UNIQUE,
    hint TEXT NOT NULL,
    generation INTEGER NOT NULL CHECK (generation > 0),
    sealed_secret TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT,
    CHECK ((kind = 'secret') = (sealed_secret IS NOT NULL)),
    UNIQUE (tenant_id, kind, generation)
  );

  -- The HMAC key of pseudonyms kept after erasure: the tenant's first secret, sealed, unchanged by rotations.
  ALTER TABLE tenants ADD COLUMN pseudonym_key TEXT;

  ALTER TABLE consent_ledger ADD COLUMN proof TEXT;
  -- A re-sent import finds its records by consentId.
  CREATE INDEX consent_ledger_consent ON consent_ledger (tenant_id, consent_id);

  -- The proof is part of the record: erase's one-time anonymization leaves it as it is, like every other column.
  CREATE OR REPLACE FUNCTION consent_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP <> 'UPDATE' THEN
      RAISE EXCEPTION 'consent_ledger is append-only';
    END IF;
    IF NOT (
      OLD.anonymized_at IS NULL AND NEW.anonymized_at IS NOT NULL
      AND NEW.id = OLD.id AND NEW.tenant_id = OLD.tenant_id AND NEW.consent_id = OLD.consent_id
      AND NEW.policy_version = OLD.policy_version AND NEW.action = OLD.action
      AND NEW.choices = OLD.choices AND NEW.channels = OLD.channels AND NEW.source = OLD.source
      AND NEW.timestamp = OLD.timestamp AND NEW.received_at = OLD.received_at
      AND NEW.user_agent_class = OLD.user_agent_class AND NEW.proof IS NOT DISTINCT FROM OLD.proof
      AND NEW.anonymous_id IS DISTINCT FROM OLD.anonymous_id AND (OLD.user_id IS NULL) = (NEW.user_id IS NULL)
    ) THEN
      RAISE EXCEPTION 'consent_ledger is append-only: only erase may anonymize a row, once';
    END IF;
    RETURN NEW;
  END
  $fn$;
  `,
  // Per-subject data keys (issue 14 item 7, crypto/subject-data.ts), each sealed by the master key. Deleting a row
  // is the erasure of everything its key sealed, wherever copies of it live.
  `
  CREATE TABLE subject_keys (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject_key TEXT NOT NULL,
    sealed_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, subject_key)
  );
  `,
  // 4: a separate `worker` process: stored aggregates, its heartbeat, rebuild requests, shared rate-limit buckets
  // (the same tables as SQLite's migration 8).
  `
  CREATE TABLE aggregate_tenants (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    version BIGINT NOT NULL CHECK (version > 0),
    watermark BIGINT NOT NULL,
    built_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    shared TEXT NOT NULL
  );
  CREATE TABLE aggregate_parts (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    version BIGINT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (tenant_id, key)
  );
  CREATE TABLE aggregate_rebuilds (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    -- when, plus a random tag: the worker clears only the request it saw, never one made during its rebuild
    request TEXT NOT NULL
  );
  CREATE TABLE worker_heartbeats (
    name TEXT PRIMARY KEY,
    beat_at TEXT NOT NULL
  );
  CREATE TABLE rate_buckets (
    key TEXT PRIMARY KEY,
    tokens DOUBLE PRECISION NOT NULL,
    updated_at BIGINT NOT NULL
  );
  `,
  // 5: tenant configuration (issue 16), the same tables as SQLite's migration 9.
  `
  CREATE TABLE tenant_config_versions (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    version INTEGER NOT NULL CHECK (version > 0),
    policy_version INTEGER NOT NULL CHECK (policy_version > 0),
    action TEXT NOT NULL CHECK (action IN ('seed', 'publish', 'rollback')),
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    restored INTEGER,
    doc TEXT NOT NULL,
    PRIMARY KEY (tenant_id, version)
  );
  CREATE FUNCTION tenant_config_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    RAISE EXCEPTION 'tenant_config_versions is append-only: publish or roll back to a new version';
  END
  $fn$;
  CREATE TRIGGER tenant_config_versions_no_update BEFORE UPDATE ON tenant_config_versions
  FOR EACH ROW EXECUTE FUNCTION tenant_config_versions_append_only();
  CREATE TABLE tenant_config_drafts (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    doc TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // 6: the KPI report (issue 16 item 3) and the live event debugger: the same tables as the SQLite migration.
  `
  -- Additive counters per tenant, day (UTC) and metric (kpis/counters.ts); a week's distinct counts are stored on
  -- its Monday under a 'week.' metric.
  CREATE TABLE kpi_daily (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    metric TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (tenant_id, day, metric)
  );
  -- Experiment exposures and conversions by the day of the subject's first exposure.
  CREATE TABLE kpi_experiment_days (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    experiment TEXT NOT NULL,
    variant TEXT NOT NULL,
    exposed BIGINT NOT NULL,
    converted BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, day, experiment, variant)
  );
  -- The worker's state per visitor. subject: a keyed hash of the visitor's id (kpis/subject.ts), never the id.
  -- kpi_marks: the last day and week a visitor did something counted once per period (active, dashboard, ...).
  CREATE TABLE kpi_marks (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    mark TEXT NOT NULL,
    last_day TEXT NOT NULL,
    last_week TEXT NOT NULL,
    PRIMARY KEY (tenant_id, subject, mark)
  );
  CREATE TABLE kpi_visitors (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    first_day TEXT NOT NULL,
    personalized BIGINT NOT NULL,
    returned_day TEXT,
    PRIMARY KEY (tenant_id, subject)
  );
  -- Recommendation clicks and action acceptances inside the attribution window (older rows are pruned).
  CREATE TABLE kpi_clicks (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    product_id TEXT NOT NULL,
    clicked_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, subject, product_id)
  );
  CREATE INDEX kpi_clicks_at ON kpi_clicks (clicked_at);
  CREATE TABLE kpi_accepts (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    action_id TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, subject, action_id)
  );
  CREATE INDEX kpi_accepts_at ON kpi_accepts (accepted_at);
  CREATE TABLE kpi_exposures (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    experiment TEXT NOT NULL,
    variant TEXT NOT NULL,
    exposed_at TEXT NOT NULL,
    converted BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, subject, experiment)
  );
  -- How far the worker has read each tenant's events (sequence) and consent ledger (id).
  CREATE TABLE kpi_state (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    events_seq BIGINT NOT NULL,
    ledger_id BIGINT NOT NULL,
    computed_at TEXT NOT NULL
  );
  -- The live event debugger (live/recorder.ts): the tenant's recent incoming messages, accepted and refused,
  -- bounded per tenant and pruned by age. Personal data (ids) kept minutes, not days.
  CREATE TABLE live_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    received_at TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX live_events_tenant ON live_events (tenant_id, id);
  CREATE INDEX live_events_received ON live_events (received_at);
  -- Tenants with a debugger open (until: ISO time, renewed while it is): only their messages are recorded.
  CREATE TABLE live_watchers (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    until TEXT NOT NULL
  );
  `,
  // 7: partner console sessions (issue 16 item 2): only a hash of the session id is kept; the CSRF token is not a
  // credential alone. A session ends at expires_at (absolute), after idle time without use, or when its key is revoked.
  `
  CREATE TABLE console_sessions (
    id_hash TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    key_id TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
  `,
  // 8: the live window's rows name their subject, so an erasure removes them too instead of leaving them for
  // up to LIVE_MAX_AGE_MS (privacy.ts).
  `
  ALTER TABLE live_events ADD COLUMN anonymous_id TEXT;
  ALTER TABLE live_events ADD COLUMN user_id TEXT;
  `,
  // 9: messaging (issue 19, messaging/): campaigns, the durable job queue (claimed by one instance at a time,
  // idempotent per tenant × key), deliveries with their funnel, the in-app inbox (its id is the stream's event id),
  // Web Push subscriptions and the tenant's VAPID keys, and the recipients' contact points (e-mail and phone sealed
  // with the subject's data key, so an erasure leaves nothing readable).
  `
  CREATE TABLE campaigns (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    doc TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'running', 'paused')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
  );
  CREATE TABLE message_jobs (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    recipient TEXT NOT NULL,
    topic TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'sent', 'dead', 'cancelled', 'skipped')),
    run_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    locked_by TEXT,
    locked_until TEXT,
    channel TEXT,
    reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (tenant_id, idempotency_key)
  );
  CREATE INDEX message_jobs_due ON message_jobs (status, run_at);
  CREATE INDEX message_jobs_recipient ON message_jobs (tenant_id, recipient, status);
  CREATE TABLE message_deliveries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    job_id BIGINT NOT NULL,
    campaign_id TEXT NOT NULL,
    recipient TEXT NOT NULL,
    channel TEXT,
    holdout INTEGER NOT NULL,
    sent_at TEXT NOT NULL,
    delivered_at TEXT,
    opened_at TEXT,
    clicked_at TEXT,
    converted_at TEXT,
    revenue DOUBLE PRECISION NOT NULL DEFAULT 0
  );
  CREATE INDEX message_deliveries_recipient ON message_deliveries (tenant_id, recipient, sent_at);
  CREATE INDEX message_deliveries_campaign ON message_deliveries (tenant_id, campaign_id);
  CREATE TABLE inbox_items (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    recipient TEXT NOT NULL,
    delivery_id BIGINT,
    topic TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    url TEXT,
    created_at TEXT NOT NULL,
    read_at TEXT
  );
  CREATE INDEX inbox_items_recipient ON inbox_items (tenant_id, recipient, id);
  CREATE TABLE push_subscriptions (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    endpoint TEXT NOT NULL,
    recipient TEXT NOT NULL,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, endpoint)
  );
  CREATE INDEX push_subscriptions_recipient ON push_subscriptions (tenant_id, recipient);
  CREATE TABLE push_vapid_keys (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    public_key TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE message_contacts (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    recipient TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    locale TEXT,
    time_zone TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, recipient)
  );
  `,
  // 10: search texts that found nothing (issue 20), counted per day for the KPI report's "searches without results";
  // the text only when the visitor allowed analytics to carry it, no subject, pruned after 90 days (kpis/pass.ts).
  `
  CREATE TABLE kpi_search_queries (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    query TEXT NOT NULL,
    searches INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, day, query)
  );
  CREATE INDEX kpi_search_queries_day ON kpi_search_queries (day);
  `,
  // 11: campaign results (issue 19, messaging/attribution.ts): when the recipient first ordered within the window after
  // the send, whatever they clicked (the intent-to-treat measure that compares treated with holdout), and the report's
  // range read by send time.
  `
  ALTER TABLE message_deliveries ADD COLUMN ordered_at TEXT;
  CREATE INDEX message_deliveries_sent ON message_deliveries (tenant_id, sent_at);
  `,
  // 12: demand forecasts per restaurant (issue 21, forecast/pass.ts): what the worker computed once a day (JSON, the
  // shape of forecast/restaurant.ts StoredForecast), and what it had seen of the orders, so that a restaurant without
  // new orders is not computed again until its forecast grows stale.
  `
  CREATE TABLE forecasts (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    day TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    order_count INTEGER NOT NULL,
    last_order_at TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (tenant_id, group_id)
  );
  `,
  // 13: churn scores (issue 21, churn/), computed daily by the
  // worker for guests whose consent allows profiling; a guest's objection to profiling (GDPR Art. 21), which removes
  // their scores at once and keeps them out of every later pass; the win-back campaign started per group and ISO week.
  `
  CREATE TABLE churn_runs (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    computed_at TEXT NOT NULL,
    training_rows INTEGER NOT NULL,
    scored INTEGER NOT NULL
  );
  CREATE TABLE churn_groups (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    currency TEXT NOT NULL,
    regulars INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, group_id)
  );
  CREATE TABLE churn_scores (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    guest TEXT NOT NULL,
    probability DOUBLE PRECISION NOT NULL,
    stats TEXT NOT NULL,
    reasons TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, group_id, guest)
  );
  CREATE INDEX churn_scores_guest ON churn_scores (tenant_id, guest);
  CREATE TABLE profiling_objections (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject_key TEXT NOT NULL,
    objected_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, subject_key)
  );
  CREATE TABLE churn_win_backs (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    iso_week TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    queued INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, group_id, iso_week)
  );
  `,
];
