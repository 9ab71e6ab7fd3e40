export { type CallOptions, type Client, type ClientStats, createClient, type IdentifyOptions } from './client.ts';
export type { ConsentChoices, ConsentGate, ConsentState, ConsentStatus } from './consent/index.ts';
export type { ClientOptions } from './options.ts';
export { type ExtensibleClient, extensible, type Plugin, type PluginContext } from './plugin.ts';
export { type Middleware, scrubPersonalData } from './tracking/middleware.ts';
export type { Diagnostics } from './util/diagnostics.ts';
export type { KeyValueStore } from './util/storage.ts';
export { VERSION } from './version.ts';
