import type { ConsentView } from '../privacy/types.ts';
import type { TenantConfig } from '../tenant-config.ts';
import { guard } from '../util/diagnostics.ts';
import { PluginSetupError } from './order.ts';
import type { CoreSeam, PluginApis, PluginName, PluginServices } from './types.ts';

/** What the host gives one plugin: the client's shared services, never the client itself. */
export function servicesFor(
  seam: CoreSeam,
  name: string,
  config: TenantConfig,
  apiOf: <N extends PluginName>(name: N) => PluginApis[N] | undefined,
  consentView: () => ConsentView | undefined,
): PluginServices<PluginName> {
  const { client, diagnostics } = seam;
  return {
    api: seam.api,
    writeKey: seam.writeKey,
    store: seam.store,
    consent: seam.consent,
    diagnostics,
    config,
    subject: seam.subject,
    consentView,
    track: (...args) => client.track(...args),
    reset: () => client.reset(),
    flush: () => client.flush(),
    require<N extends PluginName>(required: N): PluginApis[N] {
      const api = apiOf(required);
      if (!api) throw new PluginSetupError(`plugin "${name}" requires plugin "${required}", which is not installed`);
      return api;
    },
    plugin: apiOf,
    guard: (where, fn) => guard(diagnostics, where, fn),
  };
}
