import type { LocalizedText } from '@matbakh/contract';
import type { Listenable } from '../shared/client-controller.ts';

/** One step as `<mb-tour>` renders it: the contract's `TourStep`, structurally. */
export interface TourStepView {
  id: string;
  /** CSS selector of the host element the step points at; a step whose anchor is missing is skipped. */
  anchor: string;
  title: Partial<LocalizedText>;
  body: Partial<LocalizedText>;
}

export interface TourView {
  id: string;
  steps: TourStepView[];
}

/** Where a visitor is in a tour: the SDK's `TourProgress` (`step` indexes the tour's `steps`). */
export interface TourProgressView {
  step: number;
  status: 'active' | 'done' | 'dismissed';
}

/**
 * The narrow client `<mb-tour>` needs: the rules plugin's `client.actions` (or a look-alike). `tour()` already
 * applies the segment (role, and new vs returning visitor from `visitor()`); `featureEnabled('tour')` is
 * false while `personalization` consent is not granted or the visitor switched tours off. `consent.$view`,
 * when there, re-checks that on every consent change.
 */
export interface TourClientLike {
  actions: {
    tour(id: string, options?: { role?: 'guest' | 'owner' }): TourView | null;
    tourProgress(id: string): TourProgressView | undefined;
    saveTourProgress(id: string, progress: TourProgressView): void;
    featureEnabled(feature: 'tour'): boolean;
    /** Changes when rules and tours are (re)loaded. */
    readonly $state: Listenable;
  };
  consent?: { $view?: Listenable };
}

export function isTourClient(value: unknown): value is TourClientLike {
  const actions = (value as { actions?: Record<string, unknown> } | undefined)?.actions;
  return typeof actions?.tour === 'function' && typeof actions.saveTourProgress === 'function';
}

export type { TourDismissEventDetail } from '../events/mb-tour-dismiss.ts';
export type { TourStepEventDetail } from '../events/mb-tour-step.ts';
