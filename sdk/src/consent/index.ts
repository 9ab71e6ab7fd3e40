import type { ConsentCategoryId, JsonObject } from '@matbakh/contract';
import { type KeyValueStore, readJson } from '../util/storage.ts';
import { uuid } from '../util/uuid.ts';

/** What the visitor decided, per category. A category that is absent was not asked yet. */
export type ConsentChoices = Partial<Record<ConsentCategoryId, boolean>>;
export type ConsentStatus = 'granted' | 'denied' | 'pending';

export interface ConsentState {
  choices: ConsentChoices;
  /** The browser sends Global Privacy Control: analytics and marketing count as refused until chosen. */
  gpc: boolean;
  /** Random id of the stored decision, the reference for the server-side proof of consent. */
  id?: string;
  updatedAt?: string;
  /** What plugins record beside the choices (policy version, channels, action), stored with them. */
  meta?: JsonObject;
}

export interface ConsentGate {
  get(): ConsentState;
  /** Records an explicit decision (merged into earlier ones) and stores it first-party. */
  set(choices: ConsentChoices, meta?: JsonObject): void;
  status(category: ConsentCategoryId): ConsentStatus;
  onChange(listener: (state: ConsentState) => void): () => void;
  /** Re-reads the stored decision, e.g. after another tab changed it. */
  reload(): void;
  /**
   * Set by the privacy layer: settles once the server has the proof of the latest decision. Every batch waits for
   * it, because the server stores no event of a subject without a grant on record.
   */
  hold?: () => Promise<unknown>;
}

/** Where the decision lived while it was page-wide; a client without its own record adopts it once. */
export const LEGACY_CONSENT_KEY = 'mb.consent';
/** GPC refuses what sells or profiles; it says nothing about functional preferences. */
const GPC_REFUSES: readonly ConsentCategoryId[] = ['analytics', 'marketing'];
const CATEGORIES: readonly ConsentCategoryId[] = [
  'necessary',
  'preferences',
  'personalization',
  'analytics',
  'marketing',
];

interface StoredDecision {
  c: ConsentChoices;
  t: string;
  id: string;
  m?: JsonObject;
}

const isStoredDecision = (value: unknown): value is StoredDecision =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as StoredDecision).c === 'object' &&
  typeof (value as StoredDecision).id === 'string';

/** `key`: where this client's decision is stored, `mb.consent.<writeKey>` (one decision per tenant on a page). */
export function createConsentGate(store: KeyValueStore, gpc: boolean, key: string): ConsentGate {
  // Visitors who decided before the decision was per write key are not asked again: the first client to look
  // moves the legacy record to its own key (removed only once the copy is stored, so nothing is lost).
  const legacy = store.get(LEGACY_CONSENT_KEY);
  if (legacy && !store.get(key) && store.set(key, legacy)) store.remove(LEGACY_CONSENT_KEY);
  const read = (): ConsentState => {
    const stored = readJson(store, key, isStoredDecision);
    try {
      if (stored) return { choices: sanitize(stored.c), gpc, id: stored.id, updatedAt: stored.t, meta: stored.m };
    } catch {
      store.remove(key); // edited into something we cannot trust: ask again
    }
    return { choices: {}, gpc };
  };
  // A listener set rather than a nanostores atom: this is the 6 KB core. Widgets wrap onChange in their own store.
  let state = read();
  const listeners = new Set<(state: ConsentState) => void>();
  const update = (next: ConsentState) => {
    state = next;
    for (const listener of [...listeners]) listener(next);
  };

  return {
    get: () => state,
    set(choices, meta) {
      const merged = { ...state.choices, ...sanitize(choices) };
      const next: ConsentState = {
        choices: merged,
        gpc,
        id: state.id ?? uuid(),
        updatedAt: new Date().toISOString(),
        meta: { ...state.meta, ...meta },
      };
      store.set(key, JSON.stringify({ c: merged, t: next.updatedAt, id: next.id, m: next.meta }));
      update(next);
    },
    status(category) {
      if (category === 'necessary') return 'granted';
      const choice = state.choices[category];
      if (choice !== undefined) return choice ? 'granted' : 'denied';
      return gpc && GPC_REFUSES.includes(category) ? 'denied' : 'pending';
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    reload: () => update(read()),
  };
}

function sanitize(choices: unknown): ConsentChoices {
  const out: ConsentChoices = {};
  for (const [key, value] of Object.entries(choices ?? 0)) {
    if (!CATEGORIES.includes(key as ConsentCategoryId) || typeof value !== 'boolean') {
      throw new TypeError(`consent.set: "${key}" is not one of ${CATEGORIES.join(', ')} set to true or false`);
    }
    if (key !== 'necessary') out[key as ConsentCategoryId] = value;
  }
  return out;
}
