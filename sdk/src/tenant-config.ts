import type { ConfigResponse } from '@matbakh/contract';
import { ApiError, type Http } from './plugin/http.ts';

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
      pending ??= http
        .request<ConfigResponse>('GET', '/v1/config')
        .then((loaded) => {
          // Every plugin reads the consent policy or sections beside it: an answer without one is not a config
          // (data-api pointing at another JSON API). Each plugin reports this same error; debug mode says it once.
          if (typeof loaded?.consent !== 'object' || loaded.consent === null) {
            throw new ApiError('GET /v1/config failed: the answer has no consent policy', 'invalid', 200, loaded);
          }
          value = loaded;
          return loaded;
        })
        .catch((error: unknown) => {
          pending = undefined;
          throw error;
        });
      return pending;
    },
  };
}
