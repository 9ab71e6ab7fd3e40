import type { Client } from './client.ts';
import type { ConsentGate } from './consent/index.ts';
import type { Diagnostics } from './util/diagnostics.ts';
import { guard } from './util/diagnostics.ts';
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

/** A client that takes plugins after it was created: see {@link extensible}. */
export interface ExtensibleClient extends Client {
  /** Runs `plugin` on this live client; a throwing plugin is reported, never thrown. */
  extend(plugin: Plugin): void;
}

/**
 * A plugin that lets code loaded later — a widget file fetched on first use — add its plugins to a live client:
 * `(window.matbakh.client as ExtensibleClient).extend(preferencesPlugin())`. Plugins should be idempotent
 * (skip when their API is already on the client), because two widget files may bring the same one.
 */
export const extensible: Plugin = (context) => {
  (context.client as ExtensibleClient).extend = (plugin) => guard(context.diagnostics, 'plugin', plugin)(context);
};
