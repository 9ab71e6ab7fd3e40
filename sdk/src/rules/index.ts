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
 */
import {
  ACTION_EVENTS,
  type ConsentCategoryId,
  type JsonObject,
  type Locale,
  RULE_EVENT_PROPERTIES,
  type Rule,
  type RuleError,
  type Tour,
  validateRules,
  validateTours,
} from '@matbakh/contract';
import { atom, computed, type ReadableAtom } from 'nanostores';
import type { Plugin, PluginContext } from '../plugin.ts';
import { tenantConfig } from '../tenant-config.ts';
import { deviceClass } from '../tracking/context.ts';
import { guard } from '../util/diagnostics.ts';
import {
  type Action,
  actionOf,
  type CapState,
  type Device,
  type EngineInput,
  eligibleRules,
  type Outcome,
  recordOutcome,
} from './engine.ts';
import { createEventLog, type EventLog } from './event-log.ts';

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

interface Stored {
  v: 1;
  log?: unknown;
  caps?: CapState;
  traits?: JsonObject;
  tours?: Record<string, TourProgress>;
  session?: number;
}

interface PreferencesLike {
  get(): unknown;
  update?(patch: Record<string, unknown>): unknown;
}

interface ExperimentsLike {
  variant(key: string): string | null | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function pageLocale(): Locale {
  const tag = (globalThis.document?.documentElement.lang || globalThis.navigator?.language || 'de').slice(0, 2);
  return tag === 'en' || tag === 'ar' ? tag : 'de';
}

function isTourProgress(value: unknown): value is TourProgress {
  return (
    isObject(value) &&
    Number.isInteger(value.step) &&
    (value.status === 'active' || value.status === 'done' || value.status === 'dismissed')
  );
}

export function rulesPlugin(options: RulesOptions = {}): Plugin {
  return (context: PluginContext) => {
    const client = context.client as PluginContext['client'] & Partial<ActionsClient>;
    if (client.actions) return;
    const now = options.now ?? Date.now;
    const key = `mb.rules.${context.writeKey}`;
    const gate = context.consent;
    const persistAllowed = () => gate.status('personalization') === 'granted';

    let stored: Stored | undefined;
    if (persistAllowed()) {
      try {
        const parsed: unknown = JSON.parse(context.store.get(key) ?? 'null');
        if (isObject(parsed) && parsed.v === 1) stored = parsed as unknown as Stored;
      } catch {
        context.store.remove(key);
      }
    }
    const logOptions = {
      properties: options.properties ?? RULE_EVENT_PROPERTIES,
      maxPerName: options.maxEventsPerName,
    };
    const log: EventLog = createEventLog(logOptions, stored?.log);
    let caps: CapState = isObject(stored?.caps) ? (stored.caps as CapState) : {};
    let traits: JsonObject = isObject(stored?.traits) ? (stored.traits as JsonObject) : {};
    const tourState: Record<string, TourProgress> = {};
    for (const [id, progress] of Object.entries(stored?.tours ?? {}))
      if (isTourProgress(progress)) tourState[id] = progress;
    let sessionIndex = typeof stored?.session === 'number' ? stored.session : 0;
    let device: Device | undefined;

    const $state = atom<RulesState>({ status: 'loading', rules: [], tours: [], errors: [] });
    /** Bumped on anything that may change eligibility. */
    const $version = atom(0);
    const actionsById = new Map<string, Action>();

    let writeScheduled = false;
    const persist = () => {
      if (writeScheduled) return;
      writeScheduled = true;
      setTimeout(() => {
        writeScheduled = false;
        if (!persistAllowed()) return;
        const value: Stored = { v: 1, log: log.toJSON(), caps, traits, tours: tourState, session: sessionIndex };
        context.store.set(key, JSON.stringify(value));
      }, 0);
    };
    const changed = () => {
      $version.set($version.get() + 1);
      persist();
    };

    const apply = (rulesInput: unknown, toursInput: unknown, status: RulesState['status']) => {
      const rules = validateRules(rulesInput);
      const tours = validateTours(toursInput);
      const errors = [...rules.errors, ...tours.errors];
      for (const error of errors) context.diagnostics.report('rules', error.message);
      actionsById.clear();
      for (const rule of rules.rules) actionsById.set(rule.id, actionOf(rule));
      $state.set({ status, rules: rules.rules, tours: tours.tours, errors });
      $version.set($version.get() + 1);
    };

    // Observe the client's own calls: every message passes the middleware before the consent gate.
    client.use((message) => {
      guard(context.diagnostics, 'rules.observe', () => {
        const index = (message.context as { session?: { index?: number } } | undefined)?.session?.index;
        if (typeof index === 'number' && index > sessionIndex) sessionIndex = index;
        const type = (message.context as { device?: { type?: string } } | undefined)?.device?.type;
        if (type === 'mobile' || type === 'tablet' || type === 'desktop') device = type;
        if (message.type === 'track') {
          log.record(message.event, Date.parse(message.timestamp), message.properties);
          changed();
        } else if (message.type === 'identify' && isObject(message.traits)) {
          traits = { ...traits, ...(message.traits as JsonObject) };
          changed();
        }
      })();
      return message;
    });

    gate.onChange(() => {
      if (gate.status('personalization') === 'denied') context.store.remove(key);
      else persist();
      $version.set($version.get() + 1);
    });

    const preferencesApi = (): PreferencesLike | undefined => {
      const api = (client as unknown as { preferences?: unknown }).preferences;
      return isObject(api) && typeof api.get === 'function' ? (api as unknown as PreferencesLike) : undefined;
    };
    const preferences = (): Record<string, unknown> => {
      try {
        const value = preferencesApi()?.get();
        return isObject(value) ? value : {};
      } catch {
        return {};
      }
    };
    const variantOf = (experiment: string) => {
      const api = (client as unknown as { experiments?: ExperimentsLike }).experiments;
      return typeof api?.variant === 'function' ? api.variant(experiment) : null;
    };
    const role = (): 'guest' | 'owner' => options.role ?? (traits.role === 'owner' ? 'owner' : 'guest');
    const visitor = (): 'new' | 'returning' => (sessionIndex > 1 ? 'returning' : 'new');
    const featureEnabled = (feature: 'next_best_action' | 'tour') => {
      const meta = gate.get().meta as { features?: Record<string, boolean> } | undefined;
      return gate.status('personalization') === 'granted' && meta?.features?.[feature] !== false;
    };

    const input = (): EngineInput => ({
      traits,
      preferences: preferences(),
      events: log,
      context: {
        now: now(),
        device: device ?? (deviceClass(globalThis.navigator?.userAgent ?? '') === 'mobile' ? 'mobile' : 'desktop'),
        locale: pageLocale(),
        role: role(),
        visitor: visitor(),
      },
      variantOf,
      consentStatus: (category: ConsentCategoryId) => gate.status(category),
      caps,
    });

    const eligible = (placement?: string): Action[] => {
      // The privacy center's per-feature switch: off means no action anywhere.
      const meta = gate.get().meta as { features?: Record<string, boolean> } | undefined;
      if (meta?.features?.next_best_action === false) return [];
      return eligibleRules($state.get().rules, input(), placement).map((rule) => actionsById.get(rule.id) as Action);
    };

    const stores = new Map<string, ReadableAtom<Action | null>>();
    const safe = <A extends unknown[], R>(where: string, fn: (...args: A) => R) =>
      guard(context.diagnostics, where, fn);

    const api: ActionsApi = {
      next: (query) => safe('actions.next', () => eligible(query?.placement)[0] ?? null)() ?? null,
      $next(placement) {
        let store = stores.get(placement);
        if (!store) {
          store = computed($version, () => safe('actions.$next', () => eligible(placement)[0] ?? null)() ?? null);
          stores.set(placement, store);
        }
        return store;
      },
      eligible: (query) => safe('actions.eligible', () => eligible(query?.placement))() ?? [],
      record: safe('actions.record', (actionId: string, outcome: Outcome, recordOptions?: { snoozeHours?: number }) => {
        const action = actionsById.get(actionId);
        if (!action) return;
        const snoozeHours = recordOptions?.snoozeHours;
        caps = recordOutcome(caps, actionId, outcome, now(), snoozeHours);
        const properties: JsonObject = { action_id: actionId, placement: action.placement, kind: action.kind };
        if (outcome === 'snoozed') properties.snooze_hours = snoozeHours ?? 24;
        client.track(ACTION_EVENTS[outcome], properties);
        if (outcome === 'accepted' && action.cta?.event) {
          client.track(action.cta.event, { action_id: actionId, placement: action.placement });
        }
        changed();
      }) as ActionsApi['record'],
      $state,
      ready: Promise.resolve(),
      tour: (id, tourOptions) =>
        safe('actions.tour', () => {
          const tour = $state.get().tours.find((item) => item.id === id);
          if (!tour) return null;
          const segment = tour.segment;
          const who = tourOptions?.role ?? role();
          if (segment?.role && segment.role !== who) return null;
          if (segment?.visitor && segment.visitor !== visitor()) return null;
          return tour;
        })() ?? null,
      visitor,
      tourProgress(id) {
        const fromPreferences = (preferences().tours as Record<string, unknown> | undefined)?.[id];
        return isTourProgress(fromPreferences) ? fromPreferences : tourState[id];
      },
      saveTourProgress: safe('actions.saveTourProgress', (id: string, progress: TourProgress) => {
        tourState[id] = { step: progress.step, status: progress.status };
        const prefs = preferencesApi();
        if (prefs?.update) {
          const tours = isObject(preferences().tours) ? (preferences().tours as Record<string, unknown>) : {};
          void Promise.resolve(prefs.update({ tours: { ...tours, [id]: tourState[id] } })).catch((error: unknown) =>
            context.diagnostics.report('actions.saveTourProgress', error),
          );
        }
        persist();
      }) as ActionsApi['saveTourProgress'],
      featureEnabled,
    };

    if (options.rules !== undefined && options.tours !== undefined) {
      apply(options.rules, options.tours, 'ready');
    } else {
      (api as { ready: Promise<void> }).ready = tenantConfig(context)
        .load()
        .then((config) => apply(options.rules ?? config?.rules, options.tours ?? config?.tours, 'ready'))
        .catch((error: unknown) => {
          context.diagnostics.report('rules.config', error);
          apply(options.rules, options.tours, 'error');
        });
    }
    client.actions = api;
  };
}
