import {
  ACTION_EVENTS,
  type ConsentCategoryId,
  isObject,
  type JsonObject,
  validateRules,
  validateTours,
} from '@matbakh/contract';
import { atom, computed, type ReadableAtom } from 'nanostores';
import type { ExperimentsControls } from '../experiments/index.ts';
import type { PluginContext } from '../plugin/types.ts';
import type { PreferencesControls } from '../preferences/types.ts';
import { deviceClass } from '../tracking/context.ts';
import { type Action, actionOf, type EngineInput, eligibleRules, type Outcome, recordOutcome } from './engine.ts';
import { isTourProgress, type RulesStore } from './store.ts';
import type { ActionsApi, RulesOptions, RulesState, TourProgress } from './types.ts';

/** The preferences document as the rules read it (any object; `{}` without the preferences plugin). */
function preferencesOf(preferences: PreferencesControls | undefined): Record<string, unknown> {
  try {
    const value: unknown = preferences?.get();
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

/**
 * `client.actions`: the engine (engine.ts) fed with what the store knows, the moment and the device.
 * Long because: one closure over the store, the gate and the clock that the actions API's small methods share; the
 * evaluation itself is engine.ts.
 */
export function createActions(ctx: PluginContext, store: RulesStore, options: RulesOptions): ActionsApi {
  const { state, $version } = store;
  const gate = ctx.consent;
  const now = options.now ?? Date.now;
  const safe = ctx.guard;
  const $state = atom<RulesState>({ status: 'loading', rules: [], tours: [], errors: [] });
  const actionsById = new Map<string, Action>();
  const preferences = () => preferencesOf(ctx.plugin('preferences'));
  const variantOf = (experiment: string) => {
    const experiments: ExperimentsControls | undefined = ctx.plugin('experiments');
    return experiments?.variant(experiment) ?? null;
  };
  const role = (): 'guest' | 'owner' => options.role ?? (state.traits.role === 'owner' ? 'owner' : 'guest');
  const visitor = (): 'new' | 'returning' => (state.session > 1 ? 'returning' : 'new');
  const features = () => (gate.get().meta as { features?: Record<string, boolean> } | undefined)?.features;
  const featureEnabled = (feature: 'next_best_action' | 'tour') =>
    gate.status('personalization') === 'granted' && features()?.[feature] !== false;

  const apply = (rulesInput: unknown, toursInput: unknown, status: RulesState['status']) => {
    const rules = validateRules(rulesInput);
    const tours = validateTours(toursInput);
    const errors = [...rules.errors, ...tours.errors];
    for (const error of errors) ctx.diagnostics.report('rules', error.message);
    actionsById.clear();
    for (const rule of rules.rules) actionsById.set(rule.id, actionOf(rule));
    $state.set({ status, rules: rules.rules, tours: tours.tours, errors });
    store.changed(false);
  };

  const input = (): EngineInput =>
    engineInput(ctx, store, { now: now(), role: role(), visitor: visitor(), preferences: preferences(), variantOf });
  const eligible = (placement?: string): Action[] => {
    // The privacy center's per-feature switch: off means no action anywhere.
    if (features()?.next_best_action === false) return [];
    return eligibleRules($state.get().rules, input(), placement).map((rule) => actionsById.get(rule.id) as Action);
  };

  const record = (actionId: string, outcome: Outcome, recordOptions?: { snoozeHours?: number }) => {
    const action = actionsById.get(actionId);
    if (!action) return;
    const snoozeHours = recordOptions?.snoozeHours;
    state.caps = recordOutcome(state.caps, actionId, outcome, now(), snoozeHours);
    const properties: JsonObject = { action_id: actionId, placement: action.placement, kind: action.kind };
    if (outcome === 'snoozed') properties.snooze_hours = snoozeHours ?? 24;
    ctx.track(ACTION_EVENTS[outcome], properties);
    if (outcome === 'accepted' && action.cta?.event) {
      ctx.track(action.cta.event, { action_id: actionId, placement: action.placement });
    }
    store.changed();
  };
  const saveTourProgress = tourSaver(ctx, store);

  const stores = new Map<string, ReadableAtom<Action | null>>();
  const api: ActionsApi = {
    next: (query) => safe('actions.next', () => eligible(query?.placement)[0] ?? null)() ?? null,
    $next(placement) {
      let next = stores.get(placement);
      if (!next) {
        next = computed($version, () => safe('actions.$next', () => eligible(placement)[0] ?? null)() ?? null);
        stores.set(placement, next);
      }
      return next;
    },
    eligible: (query) => safe('actions.eligible', () => eligible(query?.placement))() ?? [],
    record: safe('actions.record', record) as ActionsApi['record'],
    $state,
    ready: load(ctx, options, apply),
    tour: (id, tourOptions) =>
      safe('actions.tour', () => {
        const { tours, status } = $state.get();
        const tour = tours.find((item) => item.id === id);
        if (!tour) {
          if (status === 'ready') ctx.diagnostics.explain?.('tour', id, ...tours.map((item) => item.id));
          return null;
        }
        const segment = tour.segment;
        const who = tourOptions?.role ?? role();
        if (segment?.role && segment.role !== who) return null;
        if (segment?.visitor && segment.visitor !== visitor()) return null;
        return tour;
      })() ?? null,
    visitor,
    tourProgress(id) {
      const fromPreferences = (preferences().tours as Record<string, unknown> | undefined)?.[id];
      return isTourProgress(fromPreferences) ? fromPreferences : state.tours[id];
    },
    saveTourProgress: safe('actions.saveTourProgress', saveTourProgress) as ActionsApi['saveTourProgress'],
    featureEnabled,
  };
  return api;
}

/** Rules and tours from the options, else from `GET /v1/config`; settles (never rejects) once applied. */
function load(
  ctx: PluginContext,
  options: RulesOptions,
  apply: (rules: unknown, tours: unknown, status: RulesState['status']) => void,
): Promise<void> {
  if (options.rules !== undefined && options.tours !== undefined) {
    apply(options.rules, options.tours, 'ready');
    return Promise.resolve();
  }
  return ctx.config
    .load()
    .then((config) => apply(options.rules ?? config?.rules, options.tours ?? config?.tours, 'ready'))
    .catch((error: unknown) => {
      ctx.diagnostics.report('rules.config', error);
      apply(options.rules, options.tours, 'error');
    });
}

/** What the engine evaluates: the visitor as the store knows them, the moment, the device, consent and caps. */
function engineInput(
  ctx: PluginContext,
  { state }: RulesStore,
  at: Pick<EngineInput['context'], 'now' | 'role' | 'visitor'> & Pick<EngineInput, 'preferences' | 'variantOf'>,
): EngineInput {
  const userAgent = globalThis.navigator?.userAgent ?? '';
  return {
    traits: state.traits,
    preferences: at.preferences,
    events: state.log,
    context: {
      now: at.now,
      device: state.device ?? (deviceClass(userAgent) === 'mobile' ? 'mobile' : 'desktop'),
      locale: ctx.locale(),
      role: at.role,
      visitor: at.visitor,
    },
    variantOf: at.variantOf,
    consentStatus: (category: ConsentCategoryId) => ctx.consent.status(category),
    caps: state.caps,
  };
}

/** Tour progress is kept in the preferences when that plugin is there (every device), and locally. */
function tourSaver(ctx: PluginContext, store: RulesStore) {
  return (id: string, progress: TourProgress) => {
    store.state.tours[id] = { step: progress.step, status: progress.status };
    const prefs = ctx.plugin('preferences');
    if (prefs) {
      const saved = preferencesOf(prefs).tours;
      const tours = isObject(saved) ? saved : {};
      const patch: Record<string, unknown> = { tours: { ...tours, [id]: store.state.tours[id] } };
      void Promise.resolve(prefs.update(patch)).catch((error: unknown) =>
        ctx.diagnostics.report('actions.saveTourProgress', error),
      );
    }
    store.persist();
  };
}
