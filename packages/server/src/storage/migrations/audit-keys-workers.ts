import type { Migration } from './dialect.ts';
import { auditGuards, consentGuardWithProof } from './guards.ts';
import { oneRowPerTenant, tenantRows } from './tables.ts';

/**
 * The audit log (issue 14): who read, exported, erased or changed personal data or configuration, and why.
 * Append-only like the consent ledger: UPDATE only for the one-time pseudonymization done by erase, DELETE only
 * while the retention purge holds the gate open in its own transaction (audit.ts).
 */
export const AUDIT_LOG: Migration = (d) => `
  CREATE TABLE audit_log (
    id ${d.autoId},
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL CHECK (actor IN ('subject', 'write_key', 'secret_key', 'admin_key', 'system')),
    actor_id TEXT,
    purpose TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('read', 'export', 'erase', 'change', 'admin_change')),
    target TEXT NOT NULL,
    anonymous_id TEXT,
    user_id TEXT,
    detail TEXT NOT NULL${d.json('detail')},
    anonymized_at TEXT
  )${d.strict};
  CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at);
  CREATE INDEX audit_log_anonymous ON audit_log (tenant_id, anonymous_id) WHERE anonymous_id IS NOT NULL;
  CREATE INDEX audit_log_user ON audit_log (tenant_id, user_id) WHERE user_id IS NOT NULL;

  CREATE TABLE audit_purge_gate (id INTEGER PRIMARY KEY CHECK (id = 1), open INTEGER NOT NULL)${d.strict};
  INSERT INTO audit_purge_gate (id, open) VALUES (1, 0);

  ${auditGuards(d)}
  `;

/** The recommender's weights per tenant, refitted by the worker from the tenant's own orders (recommend/refit.ts). */
export const RECOMMENDER_WEIGHTS: Migration = (d) => {
  const source =
    "-- 'fitted': learned and validated, used by requests; 'default': the tenant gets DEFAULT_WEIGHTS (why says why).\n    ";
  const sample =
    "-- The sample: the tenant's orders and guests read, and the events sequence read up to (new orders count from it).\n    ";
  const held =
    '-- Held-out orders kept apart from the fit, and the metrics of the fitted and the default weights on them.\n    ';
  return `
  ${oneRowPerTenant(d, 'recommender_weights')`
    ${d.sqliteOnly(source)}source TEXT NOT NULL CHECK (source IN ('fitted', 'default')),
    weights TEXT NOT NULL${d.json('weights')},
    why TEXT NOT NULL,
    fitted_at TEXT NOT NULL,
    ${d.sqliteOnly(sample)}orders INTEGER NOT NULL,
    subjects INTEGER NOT NULL,
    events_seq ${d.bigint} NOT NULL,
    ${d.sqliteOnly(held)}test_orders INTEGER NOT NULL,
    metrics TEXT NOT NULL${d.json('metrics')}`}
  `;
};

/**
 * Keys with scopes (issue 14 item 4): secret and admin keys, stored as SHA-256 for authentication; a secret also
 * sealed under the master key (AES-256-GCM, crypto/master-key.ts) because it is the HMAC key of userHash/groupHash.
 * Tenants' plain secrets move here on start (keys.ts adoptPlainSecrets), which leaves tenants.secret ''.
 * consent_ledger.proof: what a bulk import says about where a migrated decision came from (routes/import.ts).
 */
export const API_KEYS: Migration = (d) => `
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
  )${d.strict};

  -- The HMAC key of pseudonyms kept after erasure: the tenant's first secret, sealed, unchanged by rotations.
  ALTER TABLE tenants ADD COLUMN pseudonym_key TEXT;

  ALTER TABLE consent_ledger ADD COLUMN proof TEXT${d.jsonOrNull('proof')};
  -- A re-sent import finds its records by consentId.
  CREATE INDEX consent_ledger_consent ON consent_ledger (tenant_id, consent_id);

  -- The proof is part of the record: erase's one-time anonymization leaves it as it is, like every other column.
  ${consentGuardWithProof(d)}
  `;

/**
 * Per-subject data keys (issue 14 item 7, crypto/subject-data.ts), each sealed by the master key. Deleting a row
 * is the erasure of everything its key sealed, wherever copies of it live.
 */
export const SUBJECT_KEYS: Migration = (d) => `
  ${tenantRows(d, 'subject_keys', 'subject_key')`
    subject_key TEXT NOT NULL,
    sealed_key TEXT NOT NULL,
    created_at TEXT NOT NULL,`}
  `;

/**
 * A separate `worker` process (issue 13): the aggregates the request path reads, stored per tenant by the worker;
 * its heartbeat for /health/ready; erasures asking it for a rebuild; rate-limit buckets shared by instances.
 */
export const WORKER_TABLES: Migration = (d) => {
  const tenantWide =
    '-- The tenant-wide part (popularity, co-occurrence, groups) as one JSON document; version bumps on every write.\n  ';
  const parts = `-- One row per subject ('u:<userId>', 'a:<anonymousId>') or restaurant ('r:<groupId>'): a request reads only its own.
  -- version: the tenant version that last wrote it (a rebuild deletes rows it did not write).
  `;
  const buckets =
    '-- Token buckets per write key, shared by the instances (rate-limit-shared.ts); updated_at in ms.\n  ';
  return `
  ${d.sqliteOnly(tenantWide)}${oneRowPerTenant(d, 'aggregate_tenants')`
    version ${d.bigint} NOT NULL CHECK (version > 0),
    watermark ${d.bigint} NOT NULL,
    built_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    shared TEXT NOT NULL`}
  ${d.sqliteOnly(parts)}${tenantRows(d, 'aggregate_parts', 'key')`
    key TEXT NOT NULL,
    version ${d.bigint} NOT NULL,
    data TEXT NOT NULL,`}
  ${oneRowPerTenant(d, 'aggregate_rebuilds')`
    -- when, plus a random tag: the worker clears only the request it saw, never one made during its rebuild
    request TEXT NOT NULL`}
  CREATE TABLE worker_heartbeats (
    name TEXT PRIMARY KEY,
    beat_at TEXT NOT NULL
  )${d.strict};
  ${d.sqliteOnly(buckets)}CREATE TABLE rate_buckets (
    key TEXT PRIMARY KEY,
    tokens ${d.real} NOT NULL,
    updated_at ${d.bigint} NOT NULL
  )${d.strict};
  `;
};

/**
 * Tenant configuration (issue 16): published versions, append-only, and one draft per tenant (tenant-config/).
 * The drafts table shipped without STRICT on SQLite; released text stays as it ran.
 */
export const TENANT_CONFIG: Migration = (d) => `
  ${tenantRows(d, 'tenant_config_versions', 'version')`
    version INTEGER NOT NULL CHECK (version > 0),
    policy_version INTEGER NOT NULL CHECK (policy_version > 0),
    action TEXT NOT NULL CHECK (action IN ('seed', 'publish', 'rollback')),
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    restored INTEGER,
    doc TEXT NOT NULL${d.json('doc')},`}
  ${d.refuseUpdates('tenant_config_versions', 'tenant_config_versions is append-only: publish or roll back to a new version')}
  CREATE TABLE tenant_config_drafts (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    doc TEXT NOT NULL${d.json('doc')},
    base_version INTEGER NOT NULL,
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `;
