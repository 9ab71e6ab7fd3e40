import type { Client } from './client.ts';
import type { ConsentGate } from './consent/index.ts';
import type { Diagnostics } from './util/diagnostics.ts';
import type { KeyValueStore } from './util/storage.ts';

/**
 * What a plugin gets: the parts of a client that are not public API. The core stays small (it is the part
 * every partner page pays for); the privacy layer, the consent UI's logic and later features plug in here.
 */
export interface PluginContext {
  client: Client;
  /** Base URL of the API, without trailing slash. */
  api: string;
  writeKey: string;
  /** First-party storage as the client uses it (memory when storage is off or unavailable). */
  store: KeyValueStore;
  /** The consent gate itself: `set(choices, meta)` stores plugin metadata with the decision. */
  consent: ConsentGate;
  /** The current subject: anonymous id, and the user id and its HMAC when identified. */
  subject(): { anonymousId: string; userId?: string; userHash?: string };
  diagnostics: Diagnostics;
}

export type Plugin = (context: PluginContext) => void;
