import type { Tour } from '@matbakh/contract';
import { DEMO_TOURS } from '@matbakh/demo';
import { atom } from 'nanostores';
import type { TourClientLike, TourProgressView } from '../src/tour/tour-client.ts';

export interface FakeTourClientOptions {
  /** Default: the demo tenant's tours (`DEMO_TOURS`). */
  tours?: Tour[];
  /** The visitor's role when the widget names none (the plugin's `role` trait). Default `guest`. */
  role?: 'guest' | 'owner';
  /** Default `new`. */
  visitor?: 'new' | 'returning';
  /** Saved progress per tour id (e.g. resumed at step 2: `{ 'guest-welcome': { step: 1, status: 'active' } }`). */
  progress?: Record<string, TourProgressView>;
  /** `featureEnabled('tour')`: false models refused `personalization` consent or the feature switched off. */
  enabled?: boolean;
}

export interface FakeTourClient extends TourClientLike {
  /** Every `saveTourProgress()` call, in order. */
  saved: { id: string; progress: TourProgressView }[];
  /** Switches the feature (a consent change: programmatic, the widget must not emit events). */
  setEnabled(enabled: boolean): void;
}

/**
 * A stand-in for the rules plugin's tour API (tests and stories): segments matched like the plugin does,
 * progress kept in memory (so a re-created element resumes), no network.
 */
export function createFakeTourClient(options: FakeTourClientOptions = {}): FakeTourClient {
  const tours = options.tours ?? DEMO_TOURS;
  const progress: Record<string, TourProgressView> = { ...options.progress };
  let enabled = options.enabled ?? true;
  const $state = atom(0);
  const client: FakeTourClient = {
    saved: [],
    setEnabled(next) {
      enabled = next;
      $state.set($state.get() + 1);
    },
    actions: {
      tour(id, query) {
        const tour = tours.find((item) => item.id === id);
        const segment = tour?.segment;
        if (!tour) return null;
        if (segment?.role && segment.role !== (query?.role ?? options.role ?? 'guest')) return null;
        if (segment?.visitor && segment.visitor !== (options.visitor ?? 'new')) return null;
        return tour;
      },
      tourProgress: (id) => progress[id],
      saveTourProgress(id, value) {
        progress[id] = { ...value };
        client.saved.push({ id, progress: { ...value } });
      },
      featureEnabled: () => enabled,
      $state,
    },
  };
  return client;
}
