/**
 * The plugin host of one client. It is the only code besides the core that writes to the client: it exposes each
 * plugin's API as `client[name]`, merges the privacy plugin's controls into `client.consent`, and adds `extend`,
 * `remove` and `config`. It travels with the plugins (`definePlugin` attaches it), so the core client — what every
 * partner page pays for — carries only the seam it calls (see `CoreSeam`).
 */
import { createTenantConfig } from '../tenant-config.ts';
import { guard } from '../util/diagnostics.ts';
import { createHttp } from './http.ts';
import { PluginSetupError, startOrder } from './order.ts';
import {
  type ConsentExtension,
  HOOKS,
  type HookName,
  type HostStarter,
  type Plugin,
  type PluginApis,
  type PluginName,
  type PluginParts,
  type PluginServices,
} from './types.ts';

interface Installed {
  plugin: Plugin;
  parts: PluginParts;
}

export const startHost: HostStarter = (seam, plugins) => {
  const { client, diagnostics } = seam;
  /** In start order: every plugin after what it requires. */
  const installed: Installed[] = [];
  const apis: Partial<Record<string, object>> = {};
  const config = createTenantConfig(createHttp(seam.api, seam.writeKey));
  /** The core's own consent methods, put back when the extension's plugin is removed. */
  const coreConsent = { ...client.consent };
  let extension: { owner: string; controls: ConsentExtension } | undefined;

  const fail = (error: Error) => {
    diagnostics.report('plugins', error);
    // A setup mistake of the page's developer: said always, never thrown.
    console.error(`[matbakh] ${error.message}`);
  };
  const find = (name: string) => installed.find((entry) => entry.plugin.name === name);

  const services = (plugin: Plugin): PluginServices<PluginName> => ({
    api: seam.api,
    writeKey: seam.writeKey,
    store: seam.store,
    consent: seam.consent,
    diagnostics,
    config,
    subject: seam.subject,
    consentView: () => extension?.controls.$view.get(),
    track: (...args) => client.track(...args),
    reset: () => client.reset(),
    flush: () => client.flush(),
    require<N extends PluginName>(name: N): PluginApis[N] {
      const api = apiOf(name);
      if (!api) throw new PluginSetupError(`plugin "${plugin.name}" requires plugin "${name}", which is not installed`);
      return api;
    },
    plugin: apiOf,
    guard: (where, fn) => guard(diagnostics, where, fn),
  });
  function apiOf<N extends PluginName>(name: N): PluginApis[N] | undefined {
    return (apis as Partial<PluginApis>)[name];
  }

  const expose = (name: string, value: unknown) =>
    Object.defineProperty(client, name, { value, configurable: true, enumerable: true, writable: true });

  const install = (plugin: Plugin) => {
    if (plugin.name in client)
      return fail(new PluginSetupError(`plugin "${plugin.name}" would replace client.${plugin.name}`));
    const parts = guard(diagnostics, `plugin ${plugin.name}`, plugin.start)(services(plugin));
    if (!parts) return;
    if (parts.consent) {
      if (extension)
        return fail(
          new PluginSetupError(`plugins "${extension.owner}" and "${plugin.name}" both extend client.consent`),
        );
      extension = { owner: plugin.name, controls: parts.consent };
      Object.assign(client.consent, parts.consent);
    }
    if (parts.api) {
      apis[plugin.name] = parts.api;
      expose(plugin.name, parts.api);
    }
    if (parts.middleware) seam.middleware.push(parts.middleware);
    installed.push({ plugin, parts });
  };

  const extend = (...batch: Plugin[]) => {
    const fresh = batch.filter(
      (plugin, index) => !find(plugin.name) && batch.findIndex((other) => other.name === plugin.name) === index,
    );
    const { ordered, failed } = startOrder(fresh, new Set(installed.map((entry) => entry.plugin.name)));
    for (const error of failed) fail(error);
    for (const plugin of ordered) install(plugin);
  };

  const remove = (name: string): boolean => {
    const entry = find(name);
    if (!entry) return false;
    const needers = installed.filter((other) => other.plugin.requires.includes(name)).map((other) => other.plugin.name);
    if (needers.length) {
      fail(new PluginSetupError(`plugin "${name}" is required by ${needers.join(', ')}: remove those first`));
      return false;
    }
    call(entry, 'destroy');
    installed.splice(installed.indexOf(entry), 1);
    if (entry.parts.api) {
      delete apis[name];
      Reflect.deleteProperty(client, name);
    }
    if (extension?.owner === name) {
      for (const key of Object.keys(extension.controls)) Reflect.deleteProperty(client.consent, key);
      Object.assign(client.consent, coreConsent);
      extension = undefined;
    }
    const step = entry.parts.middleware ? seam.middleware.indexOf(entry.parts.middleware) : -1;
    if (step >= 0) seam.middleware.splice(step, 1);
    return true;
  };

  function call({ plugin, parts }: Installed, hook: HookName, args: unknown[] = []) {
    const fn = parts.on?.[hook] as ((...a: unknown[]) => void) | undefined;
    if (fn) guard(diagnostics, `${plugin.name} ${hook}`, fn)(...args);
  }
  const emit = (hook: HookName, args: unknown[]) => {
    // Dependents go first on the way out: what they still hold may use what they require.
    const order = hook === 'destroy' ? [...installed].reverse() : [...installed];
    for (const entry of order) call(entry, hook, args);
    if (hook === 'destroy') unlistenConsent();
  };
  const unlistenConsent = seam.consent.onChange((state) => emit('consent', [state]));
  seam.emit = (method, ...args) => {
    const hook = HOOKS.find((name) => name === method);
    if (hook && hook !== 'consent') emit(hook, args);
  };

  expose('extend', extend);
  expose('remove', remove);
  expose('config', config);
  extend(...plugins);
};
