import type { SchemaDialect } from './dialect.ts';

/**
 * The frame most tables share, as a template tag so the columns between stay written as SQL:
 *
 *   ${tenantRows(d, 'kpi_search_queries', 'day, query')`
 *     day TEXT NOT NULL, …`}
 *
 * The columns are the lines between the frame's first and last, as in the released text: a leading newline, each
 * line indented four spaces and ending in its comma.
 */
type Tag = (columns: TemplateStringsArray, ...values: string[]) => string;

/** Rows that belong to a tenant and go with it: `tenant_id` first, keyed by (tenant_id, `key`). */
export function tenantRows(d: SchemaDialect, table: string, key: string): Tag {
  return (columns, ...values) => `CREATE TABLE ${table} (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,${cook(columns, values)}
    PRIMARY KEY (tenant_id, ${key})
  )${d.strict};`;
}

/** One row per tenant, keyed by `tenant_id`, going with the tenant. */
export function oneRowPerTenant(d: SchemaDialect, table: string): Tag {
  return (columns, ...values) => `CREATE TABLE ${table} (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,${cook(columns, values)}
  )${d.strict};`;
}

function cook(strings: TemplateStringsArray, values: readonly string[]): string {
  return strings.reduce((text, part, i) => text + (values[i - 1] ?? '') + part);
}
