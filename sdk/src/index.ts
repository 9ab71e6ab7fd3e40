export { type CallOptions, type Client, type ClientStats, createClient, type IdentifyOptions } from './client.ts';
export type { ConsentChoices, ConsentState, ConsentStatus } from './consent/index.ts';
export type { ClientOptions } from './options.ts';
export { type Middleware, scrubPersonalData } from './tracking/middleware.ts';
export { VERSION } from './version.ts';
