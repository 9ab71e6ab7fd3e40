/**
 * The plugin contract. A plugin never receives the client: it gets a {@link PluginContext} (shared services) and
 * returns {@link PluginParts} (its API, a middleware, hooks). The host (host.ts) composes them in dependency
 * order, exposes each API as `client[name]`, and can remove a plugin again.
 */
import type { JsonObject, Locale } from '@matbakh/contract';
import type { ConsentGate, ConsentState } from '../consent/index.ts';
import type { ConsentControls, ConsentView } from '../privacy/types.ts';
import type { TenantConfig } from '../tenant-config.ts';
import type { Middleware } from '../tracking/middleware.ts';
import type { Client, ClientConsent, GroupOptions, IdentifyOptions } from '../types.ts';
import type { Diagnostics } from '../util/diagnostics.ts';
import type { KeyValueStore } from '../util/storage.ts';
import type { Http } from './http.ts';

/**
 * Each plugin's API by plugin name, filled by the plugins themselves (declaration merging), e.g.
 * `declare module '../plugin/types.ts' { interface PluginApis { preferences: PreferencesControls } }`.
 * It types `ctx.require('preferences')` and `ctx.plugin('preferences')`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each plugin module
export interface PluginApis {}
export type PluginName = keyof PluginApis & string;

/** Called after the client's own method of the same name ran; `destroy` runs dependents first. */
export interface PluginHooks {
  identify?(userId: string | null, traits?: JsonObject, options?: IdentifyOptions): void;
  group?(groupId: string, traits?: JsonObject, options?: GroupOptions): void;
  reset?(): void;
  destroy?(): void;
  consent?(state: ConsentState): void;
}
export type HookName = keyof PluginHooks;
export const HOOKS: readonly HookName[] = ['identify', 'group', 'reset', 'destroy', 'consent'];

/** What the privacy plugin adds to `client.consent` (its `set` records the decision with proof). */
export type ConsentExtension = ConsentControls & Partial<Pick<ClientConsent, 'set'>>;

/** What `setup` returns. Everything is optional: a plugin may only observe (middleware) or only react (hooks). */
export interface PluginParts<Api extends object = object> {
  /** Exposed as `client[name]`. */
  api?: Api;
  /** Merged into `client.consent` (one plugin at most: the privacy layer). */
  consent?: ConsentExtension;
  /** Runs on every message, after the partner's middleware, before the consent gate. */
  middleware?: Middleware;
  on?: PluginHooks;
}

/** The services of one client that every plugin shares; a plugin never gets the client itself. */
export interface PluginServices<Required extends PluginName = never> {
  /** Base URL of the API, without trailing slash. */
  readonly api: string;
  readonly writeKey: string;
  /** First-party storage as the client uses it (memory when storage is off or unavailable). */
  readonly store: KeyValueStore;
  /** The consent gate itself: `set(choices, meta)` stores plugin metadata with the decision. */
  readonly consent: ConsentGate;
  readonly diagnostics: Diagnostics;
  /** The tenant's `GET /v1/config`, loaded once per client for all plugins (also `client.config`). */
  readonly config: TenantConfig;
  /** The current subject: anonymous id, and the user id and its HMAC when identified. */
  subject(): { anonymousId: string; userId?: string; userHash?: string };
  /** What a consent UI shows (the privacy plugin's `$view`), when the privacy plugin is installed. */
  consentView(): ConsentView | undefined;
  /** The client's `track`: through the middleware and the consent gate like any call of the page. */
  track: Client['track'];
  /** The client's `reset` (every plugin's `reset` hook runs too). */
  reset(): void;
  flush(): Promise<void>;
  /** The API of a plugin named in `requires`: installed before this one, guaranteed to be there. */
  require<N extends Required>(name: N): PluginApis[N];
  /** The API of another plugin if it is installed now (read it when needed: it may come later). */
  plugin<N extends PluginName>(name: N): PluginApis[N] | undefined;
  /** `fn`, reporting instead of throwing (the SDK never throws into the page). */
  guard<A extends unknown[], R>(where: string, fn: (...args: A) => R): (...args: A) => R | undefined;
}

/** What `setup` receives: the shared services plus this bundle's HTTP helper and the page locale. */
export interface PluginContext<Required extends PluginName = never> extends PluginServices<Required> {
  /** JSON requests to the API: one helper, one error type ({@link ApiError}). */
  readonly http: Http;
  /** The page's language among the supported ones (document, then browser; `de` otherwise). */
  locale(): Locale;
}

/** What the core hands the host: the client it serves and the few internals plugins need. */
export interface CoreSeam {
  readonly client: Client;
  readonly api: string;
  readonly writeKey: string;
  readonly store: KeyValueStore;
  readonly consent: ConsentGate;
  readonly diagnostics: Diagnostics;
  subject(): { anonymousId: string; userId?: string; userHash?: string };
  /** The client's middleware pipeline: the host adds and removes plugin middleware here. */
  readonly middleware: Middleware[];
  /**
   * Set by the host. The core calls it after each public method ran, with the method's name and arguments; the
   * host acts on hook names (identify, group, reset, destroy) and ignores the others.
   */
  emit?: (method: string, args: unknown[]) => void;
}

/** Starts the host for a client (the first plugin brings it: a client without plugins never pays for it). */
export type HostStarter = (seam: CoreSeam, plugins: readonly Plugin[]) => void;

/** A plugin as `definePlugin` makes it. */
export interface Plugin<Name extends string = string, Api extends object = object> {
  readonly name: Name;
  /** Plugins that must be installed: they start first; a missing one is an error at start. */
  readonly requires: readonly string[];
  /** Plugins this one uses when they are there: they start first when installed together. */
  readonly after: readonly string[];
  start(services: PluginServices<PluginName>): PluginParts<Api>;
  readonly host: HostStarter;
}

/** A client with plugins: more can be added later (a widget file fetched on first use), and removed. */
export interface ExtensibleClient extends Client {
  /** Installs plugins (in `requires` order; already installed names are skipped). Errors are reported. */
  extend(...plugins: Plugin[]): void;
  /** Removes a plugin: its destroy hook runs, its API, middleware and hooks go. False if it is not there or needed. */
  remove(name: string): boolean;
  /** The tenant's `GET /v1/config`, shared by every plugin. */
  readonly config: TenantConfig;
}
