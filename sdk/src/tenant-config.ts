import type { ConfigResponse } from '@matbakh/contract';
import type { Client } from './client.ts';
import type { PluginContext } from './plugin.ts';
import { endpoint, request } from './privacy/http.ts';

/** The tenant's `GET /v1/config`, shared by every plugin of a client. */
export interface TenantConfig {
  /** The last loaded config; undefined before (or without) one. */
  get(): ConfigResponse | undefined;
  /** Loads it once (again after a failure); rejects with an `ApiError` when it cannot. */
  load(): Promise<ConfigResponse>;
}

/**
 * `client.config`: one request per client for all its plugins (consent policy, rules, experiments, dashboards…).
 * It lives on the client rather than in this module because plugins may come from separately loaded files
 * (matbakh.js and the personalization file each carry their own copy of this module). No identifier is sent.
 */
export function tenantConfig({ client, api, writeKey }: Pick<PluginContext, 'client' | 'api' | 'writeKey'>) {
  const host = client as Client & { config?: TenantConfig };
  if (host.config) return host.config;
  let value: ConfigResponse | undefined;
  let pending: Promise<ConfigResponse> | undefined;
  const config: TenantConfig = {
    get: () => value,
    load: () => {
      pending ??= request<ConfigResponse>('GET', endpoint(api, '/v1/config', writeKey)).then(
        (loaded) => {
          value = loaded;
          return loaded;
        },
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
  };
  host.config = config;
  return config;
}
