import type { ConfigResponse, ConsentPolicy } from '@matbakh/contract';

/** `misconfigured`: the API refused this page (write key, origin) or answered no usable config; retrying won't help. */
export type ConfigStatus = 'loading' | 'ready' | 'error' | 'misconfigured';

/** An answer came and it was a refusal (4xx) or unusable: the page's setup is wrong, not the network. */
const misconfigured = (error: unknown) => ['rejected', 'invalid'].includes((error as { code?: string })?.code ?? '');

/**
 * Loads the tenant's consent policy from `GET /v1/config?writeKey=…` (the client's shared `tenantConfig`) (the loader makes that once
 * per page). The request carries no cookie and no identifier, and nothing is written: it is allowed before
 * any decision. `ready` never rejects; after an error, `load()` tries again.
 */
export function createConfig(
  fetchConfig: () => Promise<ConfigResponse>,
  changed: () => void,
  report: (error: unknown) => void,
) {
  const state = {
    status: 'loading' as ConfigStatus,
    policy: undefined as ConsentPolicy | undefined,
    load(): Promise<void> {
      if (state.status === 'ready') return Promise.resolve();
      if (!inFlight) {
        state.status = 'loading';
        changed();
        inFlight = fetchConfig()
          .then((config) => {
            const policy = config?.consent;
            if (!Number.isInteger(policy?.version) || !Array.isArray(policy.categories)) {
              throw new Error('matbakh: /v1/config has no consent policy');
            }
            state.policy = policy;
            state.status = 'ready';
          })
          .catch((error) => {
            state.status = misconfigured(error) ? 'misconfigured' : 'error';
            report(error);
          })
          .finally(() => {
            inFlight = undefined;
            changed();
          });
      }
      return inFlight;
    },
  };
  let inFlight: Promise<void> | undefined;
  return state;
}
