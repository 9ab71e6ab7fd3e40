import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  ConsentControls,
  ConsentView,
  PersonalizationFeature,
  PrivacyControls,
} from '../../../sdk/src/privacy/types.ts';

export type { ConsentControls, ConsentView, PersonalizationFeature, PrivacyControls };

/**
 * The part of a matbakh client the consent widgets use: the consent controls and data rights the privacy
 * plugin adds (`createClient({ plugins: [privacyPlugin()] })`). Narrow on purpose, so the widgets depend
 * on this interface only — a partner's own implementation, or the fake in `fake-consent-client.ts`, works too.
 */
export interface ConsentClient {
  consent: ConsentControls & { get(): unknown };
  privacy: PrivacyControls;
}

/**
 * Personalization features in the order the privacy center lists them. A local copy of the SDK's list (the
 * widgets import SDK *types* only); the type check below fails when the SDK adds a feature we do not show.
 */
export const FEATURES = [
  'recommendations',
  'next_best_action',
  'tour',
  'dashboard_order',
] as const satisfies readonly PersonalizationFeature[];
type MissingFeature = Exclude<PersonalizationFeature, (typeof FEATURES)[number]>;
export const everyFeatureListed: [MissingFeature] extends [never] ? true : MissingFeature = true;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Duck-typed: a client the privacy plugin extended (or anything shaped like one). */
export function isConsentClient(value: unknown): value is ConsentClient {
  if (!isObject(value) || !isObject(value.consent) || !isObject(value.privacy)) return false;
  const view = value.consent.$view;
  return isObject(view) && typeof view.get === 'function' && typeof view.listen === 'function';
}

/** `window.matbakh.client`, when the script-tag bundle initialised one with the privacy plugin. */
export function globalConsentClient(): ConsentClient | undefined {
  const global = (globalThis as { matbakh?: { client?: unknown } }).matbakh;
  const client = global?.client;
  return isConsentClient(client) ? client : undefined;
}

/** A host element with a `client` property (possibly unset). */
export type ConsentClientHost = ReactiveControllerHost & HTMLElement & { client?: ConsentClient | undefined };

/** Delays between looks for `window.matbakh.client` while none is there yet (the script loads async). */
const GLOBAL_RETRY_MS = [50, 100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000];

/**
 * Connects a widget to a {@link ConsentClient}: its own `client` property, else `window.matbakh.client`
 * (looked for again a few times over ~20 s while the async script tag is still loading). Re-renders the
 * host whenever the client's `$view` store changes; listens only while the host is connected.
 */
export class ConsentClientController implements ReactiveController {
  private readonly host: ConsentClientHost;
  private current: ConsentClient | undefined;
  private unlisten: (() => void) | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private attempts = 0;
  private readonly onClient: ((client: ConsentClient) => void) | undefined;

  /** `onClient` runs whenever a (new) client is connected, e.g. to load data that depends on it. */
  constructor(host: ConsentClientHost, onClient?: (client: ConsentClient) => void) {
    this.host = host;
    this.onClient = onClient;
    host.addController(this);
  }

  /** The client in use, if any. */
  get client(): ConsentClient | undefined {
    return this.current;
  }

  /** The current consent view, or undefined without a client. */
  get view(): ConsentView | undefined {
    return this.current?.consent.$view.get();
  }

  hostConnected(): void {
    this.attempts = 0;
    this.connect();
  }

  hostUpdate(): void {
    // The `client` property changed (set, replaced or cleared): follow it before this render.
    if (!this.host.isConnected) return;
    const wanted = this.host.client ?? globalConsentClient();
    if (wanted !== this.current) this.connect(false);
  }

  hostDisconnected(): void {
    this.disconnect();
  }

  private connect(render = true): void {
    this.disconnect();
    const client = this.host.client ?? globalConsentClient();
    const changed = client !== this.current;
    this.current = client;
    if (client) {
      if (changed) this.onClient?.(client);
      this.unlisten = client.consent.$view.listen(() => this.host.requestUpdate());
      if (render) this.host.requestUpdate();
      return;
    }
    const delay = GLOBAL_RETRY_MS[this.attempts++];
    if (delay !== undefined) this.retry = setTimeout(() => this.host.isConnected && this.connect(), delay);
  }

  private disconnect(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    if (this.retry !== undefined) clearTimeout(this.retry);
    this.retry = undefined;
  }
}
