/**
 * Ordered and append-only: a released migration is never edited, a change is a new entry.
 * `PRAGMA user_version` records how many have run, so a restart applies only the new ones.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    write_key TEXT NOT NULL UNIQUE,
    secret TEXT NOT NULL,
    allowed_origins TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(allowed_origins)),
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE events (
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
    context TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(context)),
    payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
    PRIMARY KEY (tenant_id, message_id)
  ) STRICT;

  CREATE INDEX events_tenant_received ON events (tenant_id, received_at);
  `,
  // 2: consent ledger, subject lookups on events, per-tenant retention.
  `
  -- NULL: the contract's DEFAULT_RETENTION_DAYS, resolved in code so this frozen text never has to follow it.
  ALTER TABLE tenants ADD COLUMN retention_days INTEGER CHECK (retention_days IS NULL OR retention_days > 0);

  CREATE INDEX events_tenant_anonymous ON events (tenant_id, anonymous_id);
  CREATE INDEX events_tenant_user ON events (tenant_id, user_id) WHERE user_id IS NOT NULL;

  -- Proof of consent (GDPR Art. 7(1)). Append-only: the triggers below refuse every DELETE and every UPDATE except
  -- the one-time anonymization of the identifiers done by erase (anonymized_at set from NULL, all else unchanged).
  -- No ON DELETE CASCADE: removing a tenant does not silently drop its proofs.
  CREATE TABLE consent_ledger (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    consent_id TEXT NOT NULL,
    anonymous_id TEXT NOT NULL,
    user_id TEXT,
    policy_version INTEGER NOT NULL CHECK (policy_version > 0),
    action TEXT NOT NULL CHECK (action IN ('accept_all', 'reject_all', 'custom', 'gpc', 'withdraw')),
    choices TEXT NOT NULL CHECK (json_valid(choices)),
    channels TEXT NOT NULL CHECK (json_valid(channels)),
    source TEXT NOT NULL CHECK (source IN ('banner', 'center', 'api')),
    timestamp TEXT NOT NULL,
    received_at TEXT NOT NULL,
    user_agent_class TEXT NOT NULL,
    anonymized_at TEXT
  ) STRICT;

  CREATE INDEX consent_ledger_anonymous ON consent_ledger (tenant_id, anonymous_id);
  CREATE INDEX consent_ledger_user ON consent_ledger (tenant_id, user_id) WHERE user_id IS NOT NULL;

  CREATE TRIGGER consent_ledger_no_delete BEFORE DELETE ON consent_ledger
  BEGIN
    SELECT RAISE(ABORT, 'consent_ledger is append-only');
  END;

  CREATE TRIGGER consent_ledger_no_update BEFORE UPDATE ON consent_ledger
  WHEN NOT (
    OLD.anonymized_at IS NULL AND NEW.anonymized_at IS NOT NULL
    AND NEW.id = OLD.id AND NEW.tenant_id = OLD.tenant_id AND NEW.consent_id = OLD.consent_id
    AND NEW.policy_version = OLD.policy_version AND NEW.action = OLD.action
    AND NEW.choices = OLD.choices AND NEW.channels = OLD.channels AND NEW.source = OLD.source
    AND NEW.timestamp = OLD.timestamp AND NEW.received_at = OLD.received_at
    AND NEW.user_agent_class = OLD.user_agent_class
    AND NEW.anonymous_id IS NOT OLD.anonymous_id AND (OLD.user_id IS NULL) = (NEW.user_id IS NULL)
  )
  BEGIN
    SELECT RAISE(ABORT, 'consent_ledger is append-only: only erase may anonymize a row, once');
  END;
  `,
  // Recommendations (issue 5): the tenant's catalogue and the visitors' feedback on recommended items.
  `
  CREATE TABLE catalog_items (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('dish', 'restaurant', 'feature')),
    restaurant_id TEXT,
    region TEXT,
    -- The whole validated row (contract CatalogItem) as uploaded; the columns above are for lookups.
    data TEXT NOT NULL CHECK (json_valid(data)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
  ) STRICT;

  -- Personal data: exported and erased with the subject (privacy.ts), purged with the tenant's retention.
  CREATE TABLE recommendation_feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    anonymous_id TEXT NOT NULL,
    user_id TEXT,
    request_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('not_interested', 'more_like_this', 'dismissed_action')),
    received_at TEXT NOT NULL
  ) STRICT;

  CREATE INDEX recommendation_feedback_anonymous ON recommendation_feedback (tenant_id, anonymous_id);
  CREATE INDEX recommendation_feedback_user ON recommendation_feedback (tenant_id, user_id) WHERE user_id IS NOT NULL;
  CREATE INDEX recommendation_feedback_received ON recommendation_feedback (tenant_id, received_at);
  `,
  // Preferences (issue 4): one JSON document per subject, versioned for If-Match (preferences-store.ts).
  `
  -- Personal data: exported and erased with the subject (privacy.ts, preferencesSource).
  CREATE TABLE preferences (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    -- 'u:' + userId (verified, the same document on every device) or 'a:' + anonymousId
    subject_key TEXT NOT NULL,
    doc TEXT NOT NULL CHECK (json_valid(doc)),
    version INTEGER NOT NULL CHECK (version > 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, subject_key)
  ) STRICT;
  `,
  // 5: the aggregation worker reads a tenant's new rows by (tenant_id, rowid): an index on tenant_id alone is keyed
  // (tenant_id, rowid), so "rows after the watermark" never touches another tenant's rows.
  `
  CREATE INDEX events_tenant_seq ON events (tenant_id);
  `,
  // 6: /health/ready proves the database takes writes by writing this one row.
  `
  CREATE TABLE health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at TEXT NOT NULL) STRICT;
  `,
  // 7: the audit log (issue 14): who read, exported, erased or changed personal data or configuration, and why.
  // Append-only like the consent ledger: UPDATE only for the one-time pseudonymization done by erase, DELETE only
  // while the retention purge holds the gate open in its own transaction (audit.ts).
  `
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL CHECK (actor IN ('subject', 'write_key', 'secret_key', 'admin_key', 'system')),
    actor_id TEXT,
    purpose TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('read', 'export', 'erase', 'change', 'admin_change')),
    target TEXT NOT NULL,
    anonymous_id TEXT,
    user_id TEXT,
    detail TEXT NOT NULL CHECK (json_valid(detail)),
    anonymized_at TEXT
  ) STRICT;
  CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at);
  CREATE INDEX audit_log_anonymous ON audit_log (tenant_id, anonymous_id) WHERE anonymous_id IS NOT NULL;
  CREATE INDEX audit_log_user ON audit_log (tenant_id, user_id) WHERE user_id IS NOT NULL;

  CREATE TABLE audit_purge_gate (id INTEGER PRIMARY KEY CHECK (id = 1), open INTEGER NOT NULL) STRICT;
  INSERT INTO audit_purge_gate (id, open) VALUES (1, 0);

  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  WHEN (SELECT open FROM audit_purge_gate WHERE id = 1) <> 1
  BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows leave only through the retention purge');
  END;

  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  WHEN NOT (
    OLD.anonymized_at IS NULL AND NEW.anonymized_at IS NOT NULL
    AND NEW.id = OLD.id AND NEW.tenant_id = OLD.tenant_id AND NEW.at = OLD.at AND NEW.actor = OLD.actor
    AND NEW.actor_id IS OLD.actor_id AND NEW.purpose = OLD.purpose AND NEW.action = OLD.action
    AND NEW.target = OLD.target AND NEW.detail = OLD.detail
    AND (OLD.anonymous_id IS NULL) = (NEW.anonymous_id IS NULL) AND (OLD.user_id IS NULL) = (NEW.user_id IS NULL)
  )
  BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: only erase may pseudonymize a row, once');
  END;
  `,
  // 8: the recommender's weights per tenant, refitted by the worker from the tenant's own orders (recommend/refit.ts).
  `
  CREATE TABLE recommender_weights (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    -- 'fitted': learned and validated, used by requests; 'default': the tenant gets DEFAULT_WEIGHTS (why says why).
    source TEXT NOT NULL CHECK (source IN ('fitted', 'default')),
    weights TEXT NOT NULL CHECK (json_valid(weights)),
    why TEXT NOT NULL,
    fitted_at TEXT NOT NULL,
    -- The sample: the tenant's orders and guests read, and the events sequence read up to (new orders count from it).
    orders INTEGER NOT NULL,
    subjects INTEGER NOT NULL,
    events_seq INTEGER NOT NULL,
    -- Held-out orders kept apart from the fit, and the metrics of the fitted and the default weights on them.
    test_orders INTEGER NOT NULL,
    metrics TEXT NOT NULL CHECK (json_valid(metrics))
  ) STRICT;
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
  ) STRICT;

  -- The HMAC key of pseudonyms kept after erasure: the tenant's first secret, sealed, unchanged by rotations.
  ALTER TABLE tenants ADD COLUMN pseudonym_key TEXT;

  ALTER TABLE consent_ledger ADD COLUMN proof TEXT CHECK (proof IS NULL OR json_valid(proof));
  -- A re-sent import finds its records by consentId.
  CREATE INDEX consent_ledger_consent ON consent_ledger (tenant_id, consent_id);

  -- The proof is part of the record: erase's one-time anonymization leaves it as it is, like every other column.
  DROP TRIGGER consent_ledger_no_update;
  CREATE TRIGGER consent_ledger_no_update BEFORE UPDATE ON consent_ledger
  WHEN NOT (
    OLD.anonymized_at IS NULL AND NEW.anonymized_at IS NOT NULL
    AND NEW.id = OLD.id AND NEW.tenant_id = OLD.tenant_id AND NEW.consent_id = OLD.consent_id
    AND NEW.policy_version = OLD.policy_version AND NEW.action = OLD.action
    AND NEW.choices = OLD.choices AND NEW.channels = OLD.channels AND NEW.source = OLD.source
    AND NEW.timestamp = OLD.timestamp AND NEW.received_at = OLD.received_at
    AND NEW.user_agent_class = OLD.user_agent_class AND NEW.proof IS OLD.proof
    AND NEW.anonymous_id IS NOT OLD.anonymous_id AND (OLD.user_id IS NULL) = (NEW.user_id IS NULL)
  )
  BEGIN
    SELECT RAISE(ABORT, 'consent_ledger is append-only: only erase may anonymize a row, once');
  END;
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
  ) STRICT;
  `,
  // 8: a separate `worker` process (issue 13): the aggregates the request path reads, stored per tenant by the
  // worker; its heartbeat for /health/ready; erasures asking it for a rebuild; rate-limit buckets shared by instances.
  `
  -- The tenant-wide part (popularity, co-occurrence, groups) as one JSON document; version bumps on every write.
  CREATE TABLE aggregate_tenants (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    version INTEGER NOT NULL CHECK (version > 0),
    watermark INTEGER NOT NULL,
    built_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    shared TEXT NOT NULL
  ) STRICT;
  -- One row per subject ('u:<userId>', 'a:<anonymousId>') or restaurant ('r:<groupId>'): a request reads only its own.
  -- version: the tenant version that last wrote it (a rebuild deletes rows it did not write).
  CREATE TABLE aggregate_parts (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    version INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (tenant_id, key)
  ) STRICT;
  CREATE TABLE aggregate_rebuilds (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    -- when, plus a random tag: the worker clears only the request it saw, never one made during its rebuild
    request TEXT NOT NULL
  ) STRICT;
  CREATE TABLE worker_heartbeats (
    name TEXT PRIMARY KEY,
    beat_at TEXT NOT NULL
  ) STRICT;
  -- Token buckets per write key, shared by the instances (rate-limit-shared.ts); updated_at in ms.
  CREATE TABLE rate_buckets (
    key TEXT PRIMARY KEY,
    tokens REAL NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  `,
  // 9: tenant configuration (issue 16): published versions, append-only, and one draft per tenant (tenant-config/).
  `
  CREATE TABLE tenant_config_versions (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    version INTEGER NOT NULL CHECK (version > 0),
    policy_version INTEGER NOT NULL CHECK (policy_version > 0),
    action TEXT NOT NULL CHECK (action IN ('seed', 'publish', 'rollback')),
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    restored INTEGER,
    doc TEXT NOT NULL CHECK (json_valid(doc)),
    PRIMARY KEY (tenant_id, version)
  ) STRICT;
  CREATE TRIGGER tenant_config_versions_no_update BEFORE UPDATE ON tenant_config_versions
  BEGIN
    SELECT RAISE(ABORT, 'tenant_config_versions is append-only: publish or roll back to a new version');
  END;
  CREATE TABLE tenant_config_drafts (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    doc TEXT NOT NULL CHECK (json_valid(doc)),
    base_version INTEGER NOT NULL,
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // 10: the KPI report (issue 16 item 3), computed incrementally by the worker (kpis/), and the live event debugger.
  `
  -- Additive counters per tenant, day (UTC) and metric (kpis/counters.ts); a week's distinct counts are stored on
  -- its Monday under a 'week.' metric.
  CREATE TABLE kpi_daily (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    metric TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (tenant_id, day, metric)
  ) STRICT;
  -- Experiment exposures and conversions by the day of the subject's first exposure.
  CREATE TABLE kpi_experiment_days (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    experiment TEXT NOT NULL,
    variant TEXT NOT NULL,
    exposed INTEGER NOT NULL,
    converted INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, day, experiment, variant)
  ) STRICT;
  -- The worker's state per visitor. subject: a keyed hash of the visitor's id (kpis/subject.ts), never the id.
  -- kpi_marks: the last day and week a visitor did something counted once per period (active, dashboard, ...).
  CREATE TABLE kpi_marks (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    mark TEXT NOT NULL,
    last_day TEXT NOT NULL,
    last_week TEXT NOT NULL,
    PRIMARY KEY (tenant_id, subject, mark)
  ) STRICT;
  CREATE TABLE kpi_visitors (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    first_day TEXT NOT NULL,
    personalized INTEGER NOT NULL,
    returned_day TEXT,
    PRIMARY KEY (tenant_id, subject)
  ) STRICT;
  -- Recommendation clicks and action acceptances inside the attribution window (older rows are pruned).
  CREATE TABLE kpi_clicks (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    product_id TEXT NOT NULL,
    clicked_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, subject, product_id)
  ) STRICT;
  CREATE INDEX kpi_clicks_at ON kpi_clicks (clicked_at);
  CREATE TABLE kpi_accepts (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    action_id TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, subject, action_id)
  ) STRICT;
  CREATE INDEX kpi_accepts_at ON kpi_accepts (accepted_at);
  CREATE TABLE kpi_exposures (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    experiment TEXT NOT NULL,
    variant TEXT NOT NULL,
    exposed_at TEXT NOT NULL,
    converted INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, subject, experiment)
  ) STRICT;
  -- How far the worker has read each tenant's events (sequence) and consent ledger (id).
  CREATE TABLE kpi_state (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    events_seq INTEGER NOT NULL,
    ledger_id INTEGER NOT NULL,
    computed_at TEXT NOT NULL
  ) STRICT;
  -- The live event debugger (live/recorder.ts): the tenant's recent incoming messages, accepted and refused,
  -- bounded per tenant and pruned by age. Personal data (ids) kept minutes, not days.
  CREATE TABLE live_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    received_at TEXT NOT NULL,
    data TEXT NOT NULL
  ) STRICT;
  CREATE INDEX live_events_tenant ON live_events (tenant_id, id);
  CREATE INDEX live_events_received ON live_events (received_at);
  -- Tenants with a debugger open (until: ISO time, renewed while it is): only their messages are recorded.
  CREATE TABLE live_watchers (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    until TEXT NOT NULL
  ) STRICT;
  `,
  // 11: partner console sessions (issue 16 item 2): only a hash of the session id is kept; the CSRF token is not a
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
  ) STRICT;
  CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
  `,
  // 12: the live window's rows name their subject, so an erasure removes them too instead of leaving them for
  // up to LIVE_MAX_AGE_MS (privacy.ts).
  `
  ALTER TABLE live_events ADD COLUMN anonymous_id TEXT;
  ALTER TABLE live_events ADD COLUMN user_id TEXT;
  `,
  // 13: messaging (issue 19, messaging/): campaigns, the durable job queue (claimed by one instance at a time,
  // idempotent per tenant × key), deliveries with their funnel, the in-app inbox (its id is the stream's event id),
  // Web Push subscriptions and the tenant's VAPID keys, and the recipients' contact points (e-mail and phone sealed
  // with the subject's data key, so an erasure leaves nothing readable).
  `
  CREATE TABLE campaigns (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    doc TEXT NOT NULL CHECK (json_valid(doc)),
    status TEXT NOT NULL CHECK (status IN ('draft', 'running', 'paused')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
  ) STRICT;
  CREATE TABLE message_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    recipient TEXT NOT NULL,
    topic TEXT NOT NULL,
    payload TEXT NOT NULL CHECK (json_valid(payload)),
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
  ) STRICT;
  CREATE INDEX message_jobs_due ON message_jobs (status, run_at);
  CREATE INDEX message_jobs_recipient ON message_jobs (tenant_id, recipient, status);
  CREATE TABLE message_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    job_id INTEGER NOT NULL,
    campaign_id TEXT NOT NULL,
    recipient TEXT NOT NULL,
    channel TEXT,
    holdout INTEGER NOT NULL,
    sent_at TEXT NOT NULL,
    delivered_at TEXT,
    opened_at TEXT,
    clicked_at TEXT,
    converted_at TEXT,
    revenue REAL NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX message_deliveries_recipient ON message_deliveries (tenant_id, recipient, sent_at);
  CREATE INDEX message_deliveries_campaign ON message_deliveries (tenant_id, campaign_id);
  CREATE TABLE inbox_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    recipient TEXT NOT NULL,
    delivery_id INTEGER,
    topic TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    url TEXT,
    created_at TEXT NOT NULL,
    read_at TEXT
  ) STRICT;
  CREATE INDEX inbox_items_recipient ON inbox_items (tenant_id, recipient, id);
  CREATE TABLE push_subscriptions (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    endpoint TEXT NOT NULL,
    recipient TEXT NOT NULL,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, endpoint)
  ) STRICT;
  CREATE INDEX push_subscriptions_recipient ON push_subscriptions (tenant_id, recipient);
  CREATE TABLE push_vapid_keys (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    public_key TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE message_contacts (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    recipient TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    locale TEXT,
    time_zone TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, recipient)
  ) STRICT;
  `,
  // 14: search texts that found nothing (issue 20), counted per day for the KPI report's "searches without results";
  // the text only when the visitor allowed analytics to carry it, no subject, pruned after 90 days (kpis/pass.ts).
  `
  CREATE TABLE kpi_search_queries (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    query TEXT NOT NULL,
    searches INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, day, query)
  ) STRICT;
  CREATE INDEX kpi_search_queries_day ON kpi_search_queries (day);
  `,
  // 15: campaign results (issue 19, messaging/attribution.ts): when the recipient first ordered within the window after
  // the send, whatever they clicked (the intent-to-treat measure that compares treated with holdout), and the report's
  // range read by send time.
  `
  ALTER TABLE message_deliveries ADD COLUMN ordered_at TEXT;
  CREATE INDEX message_deliveries_sent ON message_deliveries (tenant_id, sent_at);
  `,
  // 16: demand forecasts per restaurant (issue 21, forecast/pass.ts): what the worker computed once a day (JSON, the
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
  ) STRICT;
  `,
  // 17: churn scores (issue 21, churn/), computed daily by the
  // worker for guests whose consent allows profiling; a guest's objection to profiling (GDPR Art. 21), which removes
  // their scores at once and keeps them out of every later pass; the win-back campaign started per group and ISO week.
  `
  CREATE TABLE churn_runs (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    computed_at TEXT NOT NULL,
    training_rows INTEGER NOT NULL,
    scored INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE churn_groups (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    currency TEXT NOT NULL,
    regulars INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, group_id)
  ) STRICT;
  CREATE TABLE churn_scores (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    guest TEXT NOT NULL,
    probability REAL NOT NULL,
    stats TEXT NOT NULL,
    reasons TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, group_id, guest)
  ) STRICT;
  CREATE INDEX churn_scores_guest ON churn_scores (tenant_id, guest);
  CREATE TABLE profiling_objections (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    subject_key TEXT NOT NULL,
    objected_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, subject_key)
  ) STRICT;
  CREATE TABLE churn_win_backs (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    iso_week TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    queued INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, group_id, iso_week)
  ) STRICT;
  `,
];
