import { definePlugin } from './define.ts';

export { definePlugin, type PluginSpec } from './define.ts';
export { ApiError, type ApiErrorCode, type Http, type RequestOptions } from './http.ts';
export { PluginSetupError } from './order.ts';
export type {
  ConsentExtension,
  ExtensibleClient,
  HookName,
  Plugin,
  PluginApis,
  PluginContext,
  PluginHooks,
  PluginName,
  PluginParts,
  PluginServices,
} from './types.ts';

/**
 * Kept for pages and bundles written before the plugin host: every client with plugins has `extend` and `remove`
 * now, so this plugin does nothing.
 */
export const extensible = definePlugin({ name: 'extensible', setup: () => ({}) });
