import type { Migration } from './dialect.ts';
import { oneRowPerTenant, tenantRows } from './tables.ts';

/**
 * Messaging (issue 19, messaging/): campaigns, the durable job queue (claimed by one instance at a time,
 * idempotent per tenant × key), deliveries with their funnel, the in-app inbox (its id is the stream's event id),
 * Web Push subscriptions and the tenant's VAPID keys, and the recipients' contact points (e-mail and phone sealed
 * with the subject's data key, so an erasure leaves nothing readable).
 */
export const MESSAGING: Migration = (d) => `
  ${tenantRows(d, 'campaigns', 'id')`
    id TEXT NOT NULL,
    doc TEXT NOT NULL${d.json('doc')},
    status TEXT NOT NULL CHECK (status IN ('draft', 'running', 'paused')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,`}
  CREATE TABLE message_jobs (
    id ${d.autoId},
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    recipient TEXT NOT NULL,
    topic TEXT NOT NULL,
    payload TEXT NOT NULL${d.json('payload')},
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
  )${d.strict};
  CREATE INDEX message_jobs_due ON message_jobs (status, run_at);
  CREATE INDEX message_jobs_recipient ON message_jobs (tenant_id, recipient, status);
  CREATE TABLE message_deliveries (
    id ${d.autoId},
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    job_id ${d.bigint} NOT NULL,
    campaign_id TEXT NOT NULL,
    recipient TEXT NOT NULL,
    channel TEXT,
    holdout INTEGER NOT NULL,
    sent_at TEXT NOT NULL,
    delivered_at TEXT,
    opened_at TEXT,
    clicked_at TEXT,
    converted_at TEXT,
    revenue ${d.real} NOT NULL DEFAULT 0
  )${d.strict};
  CREATE INDEX message_deliveries_recipient ON message_deliveries (tenant_id, recipient, sent_at);
  CREATE INDEX message_deliveries_campaign ON message_deliveries (tenant_id, campaign_id);
  CREATE TABLE inbox_items (
    id ${d.autoId},
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    recipient TEXT NOT NULL,
    delivery_id ${d.bigint},
    topic TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    url TEXT,
    created_at TEXT NOT NULL,
    read_at TEXT
  )${d.strict};
  CREATE INDEX inbox_items_recipient ON inbox_items (tenant_id, recipient, id);
  ${tenantRows(d, 'push_subscriptions', 'endpoint')`
    endpoint TEXT NOT NULL,
    recipient TEXT NOT NULL,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    created_at TEXT NOT NULL,`}
  CREATE INDEX push_subscriptions_recipient ON push_subscriptions (tenant_id, recipient);
  ${oneRowPerTenant(d, 'push_vapid_keys')`
    public_key TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_at TEXT NOT NULL`}
  ${tenantRows(d, 'message_contacts', 'recipient')`
    recipient TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    locale TEXT,
    time_zone TEXT,
    updated_at TEXT NOT NULL,`}
  `;

/**
 * Search texts that found nothing (issue 20), counted per day for the KPI report's "searches without results";
 * the text only when the visitor allowed analytics to carry it, no subject, pruned after 90 days (kpis/pass.ts).
 */
export const SEARCH_MISSES: Migration = (d) => `
  ${tenantRows(d, 'kpi_search_queries', 'day, query')`
    day TEXT NOT NULL,
    query TEXT NOT NULL,
    searches INTEGER NOT NULL,`}
  CREATE INDEX kpi_search_queries_day ON kpi_search_queries (day);
  `;

/**
 * Campaign results (issue 19, messaging/attribution.ts): when the recipient first ordered within the window after
 * the send, whatever they clicked (the intent-to-treat measure that compares treated with holdout), and the report's
 * range read by send time.
 */
export const DELIVERY_ORDERS: Migration = () => `
  ALTER TABLE message_deliveries ADD COLUMN ordered_at TEXT;
  CREATE INDEX message_deliveries_sent ON message_deliveries (tenant_id, sent_at);
  `;

/**
 * Demand forecasts per restaurant (issue 21, forecast/pass.ts): what the worker computed once a day (JSON, the
 * shape of forecast/restaurant.ts StoredForecast), and what it had seen of the orders, so that a restaurant without
 * new orders is not computed again until its forecast grows stale.
 */
export const FORECASTS: Migration = (d) => `
  ${tenantRows(d, 'forecasts', 'group_id')`
    group_id TEXT NOT NULL,
    day TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    order_count INTEGER NOT NULL,
    last_order_at TEXT,
    data TEXT NOT NULL,`}
  `;

/**
 * Churn scores (issue 21, churn/), computed daily by the worker for guests whose consent allows profiling; a
 * guest's objection to profiling (GDPR Art. 21), which removes their scores at once and keeps them out of every
 * later pass; the win-back campaign started per group and ISO week.
 */
export const CHURN: Migration = (d) => `
  ${oneRowPerTenant(d, 'churn_runs')`
    computed_at TEXT NOT NULL,
    training_rows INTEGER NOT NULL,
    scored INTEGER NOT NULL`}
  ${tenantRows(d, 'churn_groups', 'group_id')`
    group_id TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    currency TEXT NOT NULL,
    regulars INTEGER NOT NULL,`}
  ${tenantRows(d, 'churn_scores', 'group_id, guest')`
    group_id TEXT NOT NULL,
    guest TEXT NOT NULL,
    probability ${d.real} NOT NULL,
    stats TEXT NOT NULL,
    reasons TEXT NOT NULL,
    computed_at TEXT NOT NULL,`}
  CREATE INDEX churn_scores_guest ON churn_scores (tenant_id, guest);
  ${tenantRows(d, 'profiling_objections', 'subject_key')`
    subject_key TEXT NOT NULL,
    objected_at TEXT NOT NULL,`}
  ${tenantRows(d, 'churn_win_backs', 'group_id, iso_week')`
    group_id TEXT NOT NULL,
    iso_week TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    queued INTEGER NOT NULL,
    created_at TEXT NOT NULL,`}
  `;

/**
 * The catalogue's stamp (recommend/catalog.ts: row count + last update, checked on every search and
 * recommendation) reads the last update from this index instead of every row: 14 ms → well under 1 at 10,000 dishes.
 */
export const CATALOG_UPDATED_INDEX: Migration = () => `
  CREATE INDEX catalog_items_updated ON catalog_items (tenant_id, updated_at);
  `;

/**
 * Who a signed-in recipient's devices were (issue 19, messaging/subject-links.ts): an anonymousId seen with a
 * verified userId, so the dispatcher's channel consent for `u:<id>` also hears a decision the person made on that
 * device before signing in (the newest of all wins, a later withdrawal under either id included).
 */
export const SUBJECT_LINKS: Migration = (d) => `
  ${tenantRows(d, 'subject_links', 'user_id, anonymous_id')`
    user_id TEXT NOT NULL,
    anonymous_id TEXT NOT NULL,
    linked_at TEXT NOT NULL,`}
  CREATE INDEX subject_links_anonymous ON subject_links (tenant_id, anonymous_id);
  `;
