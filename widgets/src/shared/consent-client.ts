import { isObject } from '@matbakh/contract';
import type {
  ConsentControls,
  ConsentView,
  PersonalizationFeature,
  PrivacyControls,
} from '../../../sdk/src/privacy/types.ts';
import { ClientController, type ClientHost, globalClient } from './client-controller.ts';

export type { ConsentControls, ConsentView, PersonalizationFeature, PrivacyControls };

/**
 * The part of a matbakh client the consent widgets use: the consent controls and data rights the privacy
 * plugin adds (`createClient({ plugins: [privacyPlugin()] })`). Narrow on purpose, so the widgets depend
 * on this interface only — a partner's own implementation, or the fake in `widgets/test-support/fake-consent-client.ts`, works too.
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

/** Duck-typed: a client the privacy plugin extended (or anything shaped like one). */
export function isConsentClient(value: unknown): value is ConsentClient {
  if (!isObject(value) || !isObject(value.consent) || !isObject(value.privacy)) return false;
  const view = value.consent.$view;
  return isObject(view) && typeof view.get === 'function' && typeof view.listen === 'function';
}

/** `window.matbakh.client`, when the script-tag bundle initialised one with the privacy plugin. */
export function globalConsentClient(): ConsentClient | undefined {
  return globalClient(isConsentClient);
}

/** A host element with a `client` property (possibly unset). */
export type ConsentClientHost = ClientHost<ConsentClient>;

/** Connects a consent widget to a {@link ConsentClient} and re-renders it when the consent view changes. */
export class ConsentClientController extends ClientController<ConsentClient> {
  /** `onClient` runs whenever a (new) client is connected, e.g. to load data that depends on it. */
  constructor(host: ConsentClientHost, onClient?: (client: ConsentClient) => void) {
    super(host, { accept: isConsentClient, stores: (client) => [client.consent.$view], onClient });
  }

  /** The current consent view, or undefined without a client. */
  get view(): ConsentView | undefined {
    return this.client?.consent.$view.get();
  }
}
