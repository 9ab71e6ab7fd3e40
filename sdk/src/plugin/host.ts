/**
 * The plugin host of one client. It is the only code besides the core that writes to the client: it exposes each
 * plugin's API as `client[name]`, merges the privacy plugin's controls into `client.consent`, and adds `extend`,
 * `remove` and `config`. It travels with the plugins (`definePlugin` attaches it), so the core client — what every
 * partner page pays for — carries only the seam it calls (see `CoreSeam`).
 */
import { createTenantConfig } from '../tenant-config.ts';
import type { Client } from '../types.ts';
import { type Diagnostics, guard } from '../util/diagnostics.ts';
import { explainIn } from './explain.ts';
import { createHttp } from './http.ts';
import { PluginSetupError, startOrder } from './order.ts';
import { servicesFor } from './services.ts';
import {
  type ConsentExtension,
  HOOKS,
  type HookName,
  type HostStarter,
  type Plugin,
  type PluginApis,
  type PluginName,
  type PluginParts,
} from './types.ts';

interface Installed {
  plugin: Plugin;
  parts: PluginParts;
}

// Long because: the host's start in order (sort by requires, set up, collect APIs, hooks and middleware) with its
// removal over the same installed list.
export const startHost: HostStarter = (seam, plugins) => {
  const { client, diagnostics } = seam;
  /** In start order: every plugin after what it requires. */
  const installed: Installed[] = [];
  const apis: Partial<Record<string, object>> = {};
  const config = createTenantConfig(createHttp(seam.api, seam.writeKey));
  const consent = consentExtension(client);
  const explainer = diagnostics.debug ? explainIn(diagnostics, seam) : undefined;

  const fail = (error: Error) => {
    diagnostics.report('plugins', error);
    // A setup mistake of the page's developer: said always, never thrown.
    console.error(`[matbakh] ${error.message}`);
  };
  const find = (name: string) => installed.find((entry) => entry.plugin.name === name);

  function apiOf<N extends PluginName>(name: N): PluginApis[N] | undefined {
    return (apis as Partial<PluginApis>)[name];
  }
  const services = (plugin: Plugin) => servicesFor(seam, plugin.name, config, apiOf, consent.view);

  const expose = (name: string, value: unknown) =>
    Object.defineProperty(client, name, { value, configurable: true, enumerable: true, writable: true });

  const install = (plugin: Plugin) => {
    if (plugin.name in client)
      return fail(new PluginSetupError(`plugin "${plugin.name}" would replace client.${plugin.name}`));
    const parts = guard(diagnostics, `plugin ${plugin.name}`, plugin.start)(services(plugin));
    if (!parts) return;
    if (parts.consent) {
      const owner = consent.add(plugin.name, parts.consent);
      if (owner)
        return fail(new PluginSetupError(`plugins "${owner}" and "${plugin.name}" both extend client.consent`));
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
    callHook(entry, 'destroy', [], diagnostics);
    installed.splice(installed.indexOf(entry), 1);
    if (entry.parts.api) {
      delete apis[name];
      Reflect.deleteProperty(client, name);
    }
    consent.remove(name);
    const step = entry.parts.middleware ? seam.middleware.indexOf(entry.parts.middleware) : -1;
    if (step >= 0) seam.middleware.splice(step, 1);
    return true;
  };

  const emit = hookRunner(installed, diagnostics);
  const unlistenConsent = seam.consent.onChange((state) => emit('consent', [state]));
  seam.emit = (method, args) => {
    const hook = HOOKS.find((name) => name === method);
    if (hook && hook !== 'consent') emit(hook, args);
    if (hook === 'destroy') {
      unlistenConsent();
      explainer?.quiet();
    }
  };

  expose('extend', extend);
  expose('remove', remove);
  expose('config', config);
  extend(...plugins);
};

function callHook({ plugin, parts }: Installed, hook: HookName, args: unknown[], diagnostics: Diagnostics) {
  const fn = parts.on?.[hook] as ((...a: unknown[]) => void) | undefined;
  if (fn) guard(diagnostics, `${plugin.name} ${hook}`, fn)(...args);
}

/** Runs a hook of every installed plugin in start order; `destroy` dependents first. */
function hookRunner(installed: readonly Installed[], diagnostics: Diagnostics) {
  return (hook: HookName, args: unknown[]) => {
    // Dependents go first on the way out: what they still hold may use what they require.
    const order = hook === 'destroy' ? [...installed].reverse() : [...installed];
    for (const entry of order) callHook(entry, hook, args, diagnostics);
  };
}

/** The privacy plugin's controls merged into `client.consent` (one plugin at most); the core's come back on removal. */
function consentExtension(client: Client) {
  const core = { ...client.consent };
  let extension: { owner: string; controls: ConsentExtension } | undefined;
  return {
    view: () => extension?.controls.$view.get(),
    /** Merges `controls`; answers the owner already there instead when there is one. */
    add(owner: string, controls: ConsentExtension): string | undefined {
      if (extension) return extension.owner;
      extension = { owner, controls };
      Object.assign(client.consent, controls);
      return undefined;
    },
    remove(owner: string) {
      if (extension?.owner !== owner) return;
      for (const key of Object.keys(extension.controls)) Reflect.deleteProperty(client.consent, key);
      Object.assign(client.consent, core);
      extension = undefined;
    },
  };
}
