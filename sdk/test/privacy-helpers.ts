import type { ConfigResponse, ConsentPolicy } from '@matbakh/contract';
import { defaultConfig } from '@matbakh/mocks';
import type { ClientOptions } from '../src/index.ts';
import { type PrivacyClient, type PrivacyOptions, privacyPlugin } from '../src/privacy/index.ts';
import { testClient, until, WRITE_KEY } from './helpers.ts';

/** A test client (see helpers.ts) with the privacy plugin. */
export function privacyClient(options: Partial<ClientOptions> = {}, plugin: PrivacyOptions = {}): PrivacyClient {
  return testClient({ ...options, plugins: [privacyPlugin(plugin), ...(options.plugins ?? [])] }) as PrivacyClient;
}

/** The mock's default config with another consent policy. */
export const withPolicy = (patch: Partial<ConsentPolicy>): ConfigResponse => ({
  ...defaultConfig,
  consent: { ...defaultConfig.consent, ...patch },
});

/** A decision as an earlier page stored it (the core gate's format). */
export function storeDecision(choices: Record<string, boolean>, meta: Record<string, unknown>, daysAgo = 1) {
  const t = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  localStorage.setItem(`mb.consent.${WRITE_KEY}`, JSON.stringify({ c: choices, t, id: 'stored-decision', m: meta }));
}

export const ALL_GRANTED = { preferences: true, personalization: true, analytics: true, marketing: true };
export const ALL_REFUSED = { preferences: false, personalization: false, analytics: false, marketing: false };
export const NO_CHANNELS = { in_app: false, email: false, push: false, whatsapp: false };

/** Waits for the proof of the last decision to settle. */
export const saved = (client: PrivacyClient) =>
  until(() => client.consent.$view.get().ledger === 'saved', 'the proof of consent to be saved');

/** Global Privacy Control as a browser that sends it. */
export function setGpc(on: boolean) {
  if (on) Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
  else delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
}

/** Every cookie name of the page. */
export const cookieNames = () =>
  document.cookie
    .split(';')
    .map((part) => part.split('=')[0]!.trim())
    .filter(Boolean)
    .sort();
