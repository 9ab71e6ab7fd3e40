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
import { definePlugin } from '../plugin/define.ts';
import { createActions } from './actions.ts';
import { createRulesStore } from './store.ts';
import type { ActionsApi, RulesOptions } from './types.ts';

export type { Action, CapState, Device, EngineInput, Outcome } from './engine.ts';
export { capsAllow, eligibleRules, recordOutcome, timeContext } from './engine.ts';
export { createEventLog, type EventLog } from './event-log.ts';

export * from './types.ts';

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
