import type { ConfigResponse } from '@matbakh/contract';
import type { Http } from './plugin/http.ts';

/** The tenant's `GET /v1/config`, shared by every plugin of a client. */
export interface TenantConfig {
  /** The last loaded config; undefined before (or without) one. */
  get(): ConfigResponse | undefined;
  /** Loads it once (again after a failure); rejects with an `ApiError` when it cannot. */
  load(): Promise<ConfigResponse>;
}

/**
 * `ctx.config` and `client.config`: one request per client for all its plugins (consent policy, rules,
 * experiments, dashboards…). The plugin host makes one per client, so plugins from separately loaded files
 * share it. No identifier is sent.
 */
export function createTenantConfig(http: Http): TenantConfig {
  let value: ConfigResponse | undefined;
  let pending: Promise<ConfigResponse> | undefined;
  return {
    get: () => value,
    load: () => {
      pending ??= http.request<ConfigResponse>('GET', '/v1/config').then(
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
}
