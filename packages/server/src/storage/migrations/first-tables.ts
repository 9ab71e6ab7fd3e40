import type { SchemaDialect } from './dialect.ts';
import { tenantRows } from './tables.ts';

/**
 * The first tables, written once. Their histories differ: SQLite grew them over six migrations, PostgreSQL started
 * later with all of them in one baseline (then partitioned the events), so each engine's first migrations are its
 * own (first.ts) and compose these shapes.
 */

/** `retention` is the column PostgreSQL's baseline has inline and SQLite added in its second migration. */
export function tenants(d: SchemaDialect, retention: string): string {
  return `CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    write_key TEXT NOT NULL UNIQUE,
    secret TEXT NOT NULL,
    allowed_origins TEXT NOT NULL DEFAULT '[]'${d.json('allowed_origins')},
    created_at TEXT NOT NULL${retention}
  )${d.strict};`;
}

export const RETENTION_DAYS = 'retention_days INTEGER CHECK (retention_days IS NULL OR retention_days > 0)';

/** An events row's columns after the sequence, without the key (PostgreSQL's partitioned table keys it elsewhere). */
export function eventColumns(d: SchemaDialect): string {
  return `tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
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
    context TEXT NOT NULL DEFAULT '{}'${d.json('context')},
    payload TEXT NOT NULL DEFAULT '{}'${d.json('payload')}`;
}

export const EVENTS_SUBJECT_INDEXES = `CREATE INDEX events_tenant_anonymous ON events (tenant_id, anonymous_id);
  CREATE INDEX events_tenant_user ON events (tenant_id, user_id) WHERE user_id IS NOT NULL;`;

export function consentLedger(d: SchemaDialect): string {
  return `CREATE TABLE consent_ledger (
    id ${d.autoId},
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    consent_id TEXT NOT NULL,
    anonymous_id TEXT NOT NULL,
    user_id TEXT,
    policy_version INTEGER NOT NULL CHECK (policy_version > 0),
    action TEXT NOT NULL CHECK (action IN ('accept_all', 'reject_all', 'custom', 'gpc', 'withdraw')),
    choices TEXT NOT NULL${d.json('choices')},
    channels TEXT NOT NULL${d.json('channels')},
    source TEXT NOT NULL CHECK (source IN ('banner', 'center', 'api')),
    timestamp TEXT NOT NULL,
    received_at TEXT NOT NULL,
    user_agent_class TEXT NOT NULL,
    anonymized_at TEXT
  )${d.strict};`;
}

export const CONSENT_LEDGER_INDEXES = `CREATE INDEX consent_ledger_anonymous ON consent_ledger (tenant_id, anonymous_id);
  CREATE INDEX consent_ledger_user ON consent_ledger (tenant_id, user_id) WHERE user_id IS NOT NULL;`;

export function catalogItems(d: SchemaDialect): string {
  const note =
    '-- The whole validated row (contract CatalogItem) as uploaded; the columns above are for lookups.\n    ';
  return tenantRows(d, 'catalog_items', 'id')`
    id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('dish', 'restaurant', 'feature')),
    restaurant_id TEXT,
    region TEXT,
    ${d.sqliteOnly(note)}data TEXT NOT NULL${d.json('data')},
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,`;
}

export function recommendationFeedback(d: SchemaDialect): string {
  return `CREATE TABLE recommendation_feedback (
    id ${d.autoId},
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    anonymous_id TEXT NOT NULL,
    user_id TEXT,
    request_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('not_interested', 'more_like_this', 'dismissed_action')),
    received_at TEXT NOT NULL
  )${d.strict};`;
}

export const FEEDBACK_INDEXES = `CREATE INDEX recommendation_feedback_anonymous ON recommendation_feedback (tenant_id, anonymous_id);
  CREATE INDEX recommendation_feedback_user ON recommendation_feedback (tenant_id, user_id) WHERE user_id IS NOT NULL;
  CREATE INDEX recommendation_feedback_received ON recommendation_feedback (tenant_id, received_at);`;

export function preferences(d: SchemaDialect): string {
  const note = "-- 'u:' + userId (verified, the same document on every device) or 'a:' + anonymousId\n    ";
  return tenantRows(d, 'preferences', 'subject_key')`
    ${d.sqliteOnly(note)}subject_key TEXT NOT NULL,
    doc TEXT NOT NULL${d.json('doc')},
    version INTEGER NOT NULL CHECK (version > 0),
    updated_at TEXT NOT NULL,`;
}

export function healthProbe(d: SchemaDialect): string {
  return `CREATE TABLE health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at TEXT NOT NULL)${d.strict};`;
}
