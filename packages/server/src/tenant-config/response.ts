/**
 * The tenant's published configuration as `GET /v1/config` serves it, with a strong ETag: the SDK's `fetch` (the
 * browser's HTTP cache) revalidates a stale copy with `If-None-Match` and gets a body-less 304 while nothing changed.
 */
import { createHash } from 'node:crypto';
import { type ConfigResponse, DEFAULT_ADDRESS, LOCALES } from '@matbakh/contract';
import type { Queryable } from '../db.ts';
import type { Ctx } from '../route-kit.ts';
import type { Tenant } from '../tenants.ts';
import type { TenantConfigDocument } from './document.ts';
import { legacyConfig } from './starter.ts';
import { publishedConfig } from './store.ts';

/** A configuration document and the consent-policy version it is served with. */
export interface ServedConfig {
  config: TenantConfigDocument;
  policyVersion: number;
}

/** Pages fetch the config on every load; a minute of private caching, then a revalidation (304 when unchanged). */
const CACHE_CONTROL = 'private, max-age=60';

export async function servedConfig(db: Queryable, tenant: Tenant): Promise<ServedConfig> {
  return (await publishedConfig(db, tenant.id)) ?? { config: legacyConfig(tenant.allowedOrigins), policyVersion: 1 };
}

/** The sections of `GET /v1/config` a tenant configures. Only running experiments reach visitors. */
export function configSections(
  served: ServedConfig,
): Pick<ConfigResponse, 'consent' | 'dashboards' | 'experiments' | 'rules' | 'tours'> {
  const { config, policyVersion } = served;
  return {
    consent: { version: policyVersion, ...config.consent },
    dashboards: config.dashboards,
    experiments: config.experiments.filter((e) => e.status === 'running').map(({ status: _status, ...e }) => e),
    rules: config.rules,
    tours: config.tours,
  };
}

/** The whole `GET /v1/config` body for a configuration: the tenant's sections, then the features' (`extra`). */
export function buildConfig(tenant: Tenant, served: ServedConfig, extra: Partial<ConfigResponse>): ConfigResponse {
  return {
    tenant: { id: tenant.id, name: tenant.name },
    ...configSections(served),
    features: {},
    locales: [...LOCALES],
    address: { ...DEFAULT_ADDRESS },
    retentionDays: tenant.retentionDays,
    ...extra,
  };
}

/** A strong validator of the exact bytes sent. */
export const etagOf = (text: string): string =>
  `"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"`;

/** `If-None-Match` (a list, `*`, weak or strong tags) names `etag`: weak comparison, as RFC 9110 asks for GET. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === etag);
}

/** 200 with the body and its ETag, or 304 when the client already holds these bytes. */
export function sendConfig(c: Ctx, body: ConfigResponse): Response {
  const text = JSON.stringify(body);
  const etag = etagOf(text);
  c.header('Cache-Control', CACHE_CONTROL);
  c.header('ETag', etag);
  if (notModified(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  return c.body(text, 200, { 'Content-Type': 'application/json' });
}
