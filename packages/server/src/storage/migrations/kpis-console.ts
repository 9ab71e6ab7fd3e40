import type { Migration } from './dialect.ts';
import { oneRowPerTenant, tenantRows } from './tables.ts';

/**
 * The KPI report (issue 16 item 3), computed incrementally by the worker (kpis/), and the live event debugger.
 */
export const KPI_TABLES: Migration = (d) => `
  -- Additive counters per tenant, day (UTC) and metric (kpis/counters.ts); a week's distinct counts are stored on
  -- its Monday under a 'week.' metric.
  ${tenantRows(d, 'kpi_daily', 'day, metric')`
    day TEXT NOT NULL,
    metric TEXT NOT NULL,
    value ${d.real} NOT NULL,`}
  -- Experiment exposures and conversions by the day of the subject's first exposure.
  ${tenantRows(d, 'kpi_experiment_days', 'day, experiment, variant')`
    day TEXT NOT NULL,
    experiment TEXT NOT NULL,
    variant TEXT NOT NULL,
    exposed ${d.bigint} NOT NULL,
    converted ${d.bigint} NOT NULL,`}
  -- The worker's state per visitor. subject: a keyed hash of the visitor's id (kpis/subject.ts), never the id.
  -- kpi_marks: the last day and week a visitor did something counted once per period (active, dashboard, ...).
  ${tenantRows(d, 'kpi_marks', 'subject, mark')`
    subject TEXT NOT NULL,
    mark TEXT NOT NULL,
    last_day TEXT NOT NULL,
    last_week TEXT NOT NULL,`}
  ${tenantRows(d, 'kpi_visitors', 'subject')`
    subject TEXT NOT NULL,
    first_day TEXT NOT NULL,
    personalized ${d.bigint} NOT NULL,
    returned_day TEXT,`}
  -- Recommendation clicks and action acceptances inside the attribution window (older rows are pruned).
  ${tenantRows(d, 'kpi_clicks', 'subject, product_id')`
    subject TEXT NOT NULL,
    product_id TEXT NOT NULL,
    clicked_at TEXT NOT NULL,`}
  CREATE INDEX kpi_clicks_at ON kpi_clicks (clicked_at);
  ${tenantRows(d, 'kpi_accepts', 'subject, action_id')`
    subject TEXT NOT NULL,
    action_id TEXT NOT NULL,
    accepted_at TEXT NOT NULL,`}
  CREATE INDEX kpi_accepts_at ON kpi_accepts (accepted_at);
  ${tenantRows(d, 'kpi_exposures', 'subject, experiment')`
    subject TEXT NOT NULL,
    experiment TEXT NOT NULL,
    variant TEXT NOT NULL,
    exposed_at TEXT NOT NULL,
    converted ${d.bigint} NOT NULL,`}
  -- How far the worker has read each tenant's events (sequence) and consent ledger (id).
  ${oneRowPerTenant(d, 'kpi_state')`
    events_seq ${d.bigint} NOT NULL,
    ledger_id ${d.bigint} NOT NULL,
    computed_at TEXT NOT NULL`}
  -- The live event debugger (live/recorder.ts): the tenant's recent incoming messages, accepted and refused,
  -- bounded per tenant and pruned by age. Personal data (ids) kept minutes, not days.
  CREATE TABLE live_events (
    id ${d.autoId},
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    received_at TEXT NOT NULL,
    data TEXT NOT NULL
  )${d.strict};
  CREATE INDEX live_events_tenant ON live_events (tenant_id, id);
  CREATE INDEX live_events_received ON live_events (received_at);
  -- Tenants with a debugger open (until: ISO time, renewed while it is): only their messages are recorded.
  ${oneRowPerTenant(d, 'live_watchers')`
    until TEXT NOT NULL`}
  `;

/**
 * Partner console sessions (issue 16 item 2): only a hash of the session id is kept; the CSRF token is not a
 * credential alone. A session ends at expires_at (absolute), after idle time without use, or when its key is revoked.
 */
export const CONSOLE_SESSIONS: Migration = (d) => `
  CREATE TABLE console_sessions (
    id_hash TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    key_id TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  )${d.strict};
  CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
  `;

/**
 * The live window's rows name their subject, so an erasure removes them too instead of leaving them for
 * up to LIVE_MAX_AGE_MS (privacy.ts).
 */
export const LIVE_EVENT_SUBJECTS: Migration = () => `
  ALTER TABLE live_events ADD COLUMN anonymous_id TEXT;
  ALTER TABLE live_events ADD COLUMN user_id TEXT;
  `;
