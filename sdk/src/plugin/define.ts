import { pageLocale } from '@matbakh/contract';
import { startHost } from './host.ts';
import { createHttp } from './http.ts';
import type { Plugin, PluginContext, PluginName, PluginParts } from './types.ts';

export interface PluginSpec<Name extends string, Api extends object, Required extends PluginName> {
  /** Unique per client; the API becomes `client[name]`. */
  name: Name;
  /** Plugins this one cannot work without: started first; missing ones are reported and this one is not started. */
  requires?: readonly Required[];
  /** Plugins this one uses when they are there (`ctx.plugin(name)`): started first when installed together. */
  after?: readonly PluginName[];
  /** Runs once per client: builds the plugin from the shared services, returns what the host composes. */
  setup(context: PluginContext<Required>): PluginParts<Api>;
}

/**
 * A plugin of the matbakh client:
 *
 * ```ts
 * export const greetingPlugin = () =>
 *   definePlugin({
 *     name: 'greeting',
 *     requires: ['preferences'],
 *     setup(ctx) {
 *       const preferences = ctx.require('preferences');
 *       return {
 *         api: { text: () => (preferences.get().locale === 'en' ? 'Hello' : 'Hallo') },
 *         on: { reset: () => {}, destroy: () => {} },
 *       };
 *     },
 *   });
 * ```
 */
export function definePlugin<
  const Name extends string,
  Api extends object = object,
  Required extends PluginName = never,
>(spec: PluginSpec<Name, Api, Required>): Plugin<Name, Api> {
  return {
    name: spec.name,
    requires: spec.requires ?? [],
    after: spec.after ?? [],
    host: startHost,
    start: (services) =>
      spec.setup({
        ...services,
        http: createHttp(services.api, services.writeKey, () => services.consent.hold?.() ?? Promise.resolve()),
        locale: pageLocale,
      }),
  };
}
