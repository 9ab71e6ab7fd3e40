import type { Rule, RuleError, Tour } from '@matbakh/contract';
import type { ReadableAtom } from 'nanostores';
import type { Action, Outcome } from './engine.ts';

/** Where a visitor is in a tour. */
export interface TourProgress {
  /** Index of the step to show next. */
  step: number;
  status: 'active' | 'done' | 'dismissed';
}

export interface RulesState {
  status: 'loading' | 'ready' | 'error';
  rules: Rule[];
  tours: Tour[];
  /** Rules and tours left out, each with its id and the field at fault. */
  errors: RuleError[];
}

/** `client.actions`. */
export interface ActionsApi {
  /** The best eligible action for the placement, or `null`. */
  next(query: { placement: string }): Action | null;
  /** Store of {@link next} for a placement; updates when events, consent, caps or rules change. */
  $next(placement: string): ReadableAtom<Action | null>;
  /** All eligible actions (for a placement, or all), best first. */
  eligible(query?: { placement?: string }): Action[];
  /** Tracks `Action Shown/Accepted/Dismissed/Snoozed` and updates the caps. Unknown ids are ignored. */
  record(actionId: string, outcome: Outcome, options?: { snoozeHours?: number }): void;
  readonly $state: ReadableAtom<RulesState>;
  /** Resolves once rules are loaded (or failed to load); never rejects. */
  readonly ready: Promise<void>;
  /** The tour with this id when it exists and its segment matches the visitor (`role` defaults as below). */
  tour(id: string, options?: { role?: 'guest' | 'owner' }): Tour | null;
  /** `new` in the visitor's first session, `returning` after. */
  visitor(): 'new' | 'returning';
  /** Where the visitor is in a tour (from preferences when the preferences plugin is there, else local). */
  tourProgress(id: string): TourProgress | undefined;
  saveTourProgress(id: string, progress: TourProgress): void;
  /** Whether a personalization feature may run: `personalization` granted and the feature not switched off. */
  featureEnabled(feature: 'next_best_action' | 'tour'): boolean;
}

export interface RulesOptions {
  /** Rules to use instead of the config's (validated the same way). */
  rules?: unknown;
  /** Tours to use instead of the config's. */
  tours?: unknown;
  /** Visitor role for segments; default the `role` trait, else `guest`. */
  role?: 'guest' | 'owner';
  /** Property names kept in the event log for `where` filters; default `RULE_EVENT_PROPERTIES`. */
  properties?: readonly string[];
  /** Most entries per event name (default 2,000). */
  maxEventsPerName?: number;
  /** The clock (tests). */
  now?: () => number;
}

export interface ActionsClient {
  actions: ActionsApi;
}
