/**
 * Google Consent Mode v2 for the host's Google tags (gtag.js or Google Tag Manager).
 *
 * Active when the page has `window.gtag` (a function) or `window.dataLayer` (an array). At start the plugin
 * sends, before anything else,
 *   `gtag('consent', 'default', { every type 'denied' but security_storage 'granted', wait_for_update: 500 })`
 * and then `gtag('consent', 'update', {…})` when a stored decision is restored and on every change.
 * Without `gtag`, the call goes onto `dataLayer` as gtag.js itself puts it there (an `arguments` object),
 * which is what GTM recognises as a consent command.
 *
 * Default mapping (a type is granted when every category listed is granted; the tenant's
 * `policy.consentMode` overrides it per type once the config is loaded):
 *
 * | Consent Mode type         | matbakh categories          |
 * |---------------------------|-----------------------------|
 * | `ad_storage`              | marketing                   |
 * | `ad_user_data`            | marketing                   |
 * | `ad_personalization`      | marketing + personalization |
 * | `analytics_storage`       | analytics                   |
 * | `functionality_storage`   | preferences                 |
 * | `personalization_storage` | personalization             |
 * | `security_storage`        | always granted              |
 */
import type { ConsentCategoryId, ConsentModeType, ConsentPolicy } from '@matbakh/contract';
import type { ConsentStatus } from '../consent/index.ts';

export type ConsentModeMapping = Partial<Record<ConsentModeType, ConsentCategoryId[]>>;
type ConsentModeState = Record<ConsentModeType, 'granted' | 'denied'>;

export const DEFAULT_CONSENT_MODE: Readonly<Record<ConsentModeType, readonly ConsentCategoryId[]>> = {
  ad_storage: ['marketing'],
  ad_user_data: ['marketing'],
  ad_personalization: ['marketing', 'personalization'],
  analytics_storage: ['analytics'],
  functionality_storage: ['preferences'],
  personalization_storage: ['personalization'],
  security_storage: [],
};

type GoogleWindow = Window & { gtag?: unknown; dataLayer?: unknown };
const page = () => window as GoogleWindow;
const present = () => typeof page().gtag === 'function' || Array.isArray(page().dataLayer);

/** gtag.js's own `function gtag(){dataLayer.push(arguments)}`: GTM only treats Arguments objects as commands. */
function pushArguments(_command: string, _kind: string, _state: object) {
  // biome-ignore lint/complexity/noArguments: the Arguments object itself is what GTM looks for
  (page().dataLayer as unknown[]).push(arguments);
}

function send(kind: 'default' | 'update', state: object) {
  const { gtag } = page();
  try {
    if (typeof gtag === 'function') gtag('consent', kind, state);
    else pushArguments('consent', kind, state);
  } catch {
    // The page's gtag (or a wrapped dataLayer.push) failed: its problem, not a reason to stop the privacy layer.
  }
}

/** Computes the Consent Mode state from the gate: `security_storage` is always granted. */
export function consentModeState(
  status: (category: ConsentCategoryId) => ConsentStatus,
  policy?: ConsentPolicy,
): ConsentModeState {
  const mapping = { ...DEFAULT_CONSENT_MODE, ...policy?.consentMode };
  const state = {} as ConsentModeState;
  for (const [type, categories] of Object.entries(mapping) as [ConsentModeType, ConsentCategoryId[]][]) {
    state[type] = categories.every((category) => status(category) === 'granted') ? 'granted' : 'denied';
  }
  state.security_storage = 'granted';
  return state;
}

/** Sends the default now (when Google's tags are on the page); `update()` sends the current state. */
export function createConsentMode(status: (category: ConsentCategoryId) => ConsentStatus) {
  let defaulted = false;
  const ensureDefault = () => {
    if (!defaulted && present()) {
      defaulted = true;
      const denied = consentModeState(() => 'denied');
      send('default', { ...denied, wait_for_update: 500 });
    }
    return defaulted;
  };
  ensureDefault();
  return {
    update(policy?: ConsentPolicy) {
      if (ensureDefault()) send('update', consentModeState(status, policy));
    },
  };
}
