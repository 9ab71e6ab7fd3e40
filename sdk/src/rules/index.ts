/**
 * Next-best-action rules as a plugin of the core client:
 *
 * ```ts
 * const client = createClient({ writeKey, plugins: [privacyPlugin(), rulesPlugin()] });
 * client.actions.$next('home').subscribe(render);      // the best action for a placement, or null
 * client.actions.record(action.id, 'shown');            // tracks `Action Shown`, feeds the caps
 * ```
 *
 * Rules and tours come from `GET /v1/config` (fetched once per client, no identifier sent) or `options.rules` /
 * `options.tours`; invalid ones are left out and reported (`$state.errors`, debug console) with rule id and
 * field. The engine (engine.ts) is pure; this module feeds it: the visitor's own tracked events (observed as
 * a middleware, kept in a bounded local log), identify traits, preferences, the moment and the device.
 *
 * Privacy: evaluation is on the device and sends nothing. The log, caps and tour progress are stored (key
 * `mb.rules.<writeKey>`) only while `personalization` is granted — memory only otherwise, removed on refusal.
 * Nothing is eligible while the visitor switched the `next_best_action` feature off in the privacy center;
 * each rule needs its consent category (default `personalization`; upsells `marketing`).
 *
 * One module per job: engine.ts (pure evaluation), event-log.ts, store.ts (what is kept and stored, fed by the
 * observing middleware), actions.ts (`client.actions`).
 */
import type { Rule, RuleError, Tour } from '@matbakh/contract';
import type { ReadableAtom } from 'nanostores';
import { definePlugin } from '../plugin/define.ts';
import { createActions } from './actions.ts';
import type { Action, Outcome } from './engine.ts';
import { createRulesStore } from './store.ts';

export type { Action, CapState, Device, EngineInput, Outcome } from './engine.ts';
export { capsAllow, eligibleRules, recordOutcome, timeContext } from './engine.ts';
export { createEventLog, type EventLog } from './event-log.ts';

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

declare module '../plugin/types.ts' {
  interface PluginApis {
    actions: ActionsApi;
  }
}

export const rulesPlugin = (options: RulesOptions = {}) =>
  definePlugin({
    name: 'actions',
    // Rules read the visitor's preferences and experiment variants when those plugins are there.
    after: ['preferences', 'experiments'],
    setup(ctx) {
      const store = createRulesStore(ctx, options);
      const api = createActions(ctx, store, options);
      return {
        api,
        middleware: store.observe,
        on: {
          consent() {
            if (ctx.consent.status('personalization') === 'denied') store.remove();
            else store.persist();
            store.changed(false);
          },
        },
      };
    },
  });
