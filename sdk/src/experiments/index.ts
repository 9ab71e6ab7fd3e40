/**
 * A/B experiments as a plugin of the core client:
 *
 * ```ts
 * import { createClient } from '@matbakh/sdk';
 * import { experimentsPlugin, type ExperimentsClient } from '@matbakh/sdk/experiments';
 * const client = createClient({ writeKey: 'pk_…', plugins: [experimentsPlugin()] }) as ExperimentsClient;
 * await client.experiments.ready;                      // experiments from GET /v1/config
 * if (client.experiments.variant('checkout-cta') === 'b') showGreenButton();
 * ```
 *
 * - **Bucketing** (`bucket.ts`): MurmurHash3 of `experimentKey + ':' + identifier`, identifier = the userId once
 *   identified (the same variant on every device), else the anonymousId. Allocation and a global holdout
 *   (variant `'holdout'`) are independent draws. Nothing is stored and nothing is requested per decision.
 * - **Forced variants** for QA: `?mb_variant=key:variant,key2:variant` in the page URL, or `options.force`
 *   (the URL wins). A forced variant ignores dates, allocation and holdout; its exposure says `forced: true`,
 *   which the experiment report leaves out.
 * - **Exposure** (`Experiment Viewed`, properties `experiment_id`, `variant_id` — Segment's names): by default
 *   sent on the first `variant()` call that returns a variant, i.e. when the page asks because it is about to
 *   use it. With `autoExpose: false`, call `expose(key)` when the variant is actually shown (below the fold,
 *   in a closed tab…). Either way once per session per experiment and variant: the session is read from each
 *   message's `context.session` by a middleware, so it is the client's own session (30 min / midnight),
 *   across reloads. Exposures go through `client.track`: the consent gate applies (nothing is sent without
 *   `analytics`). The list of exposures of the current session is stored only while `analytics` is granted.
 * - `variant()` answers `null` for an unknown, ended, not yet started experiment, a visitor outside its
 *   allocation, and before the experiments are loaded (`ready`).
 */
import {
  EXPERIMENT_VIEWED,
  type Experiment,
  HOLDOUT_VARIANT,
  type JsonObject,
  validateExperiment,
} from '@matbakh/contract';
import { definePlugin } from '../plugin/define.ts';
import type { PluginContext } from '../plugin/types.ts';
import type { Client } from '../types.ts';
import { assignVariant, parseForced } from './bucket.ts';
import { createExposures, exposureKey } from './exposures.ts';

export { assignVariant, parseForced } from './bucket.ts';
export { murmur3, unitInterval } from './hash.ts';

export interface ExperimentsOptions {
  /** Use these instead of `GET /v1/config`'s `experiments` (no request is made). */
  experiments?: Experiment[];
  /** Forced variants `{ experimentKey: variantKey }` (QA); `?mb_variant=` in the URL overrides them. */
  force?: Record<string, string>;
  /** Send `Experiment Viewed` on the first `variant()` that returns a variant (default `true`). */
  autoExpose?: boolean;
  /** The query string read for `mb_variant` (default `location.search`; `''` ignores the URL). */
  search?: string;
  /** Clock for `startsAt`/`endsAt` (tests). */
  now?: () => number;
}

export type ExperimentsStatus = 'loading' | 'ready' | 'error';

export interface ExperimentsControls {
  /** The visitor's variant, `'holdout'`, or `null` (not in the experiment, unknown, inactive, not loaded yet). */
  variant(key: string): string | null;
  /** Sends `Experiment Viewed` for the visitor's variant unless already sent this session. */
  expose(key: string): void;
  /** Settles (never rejects) once the experiments are loaded or failed to load. */
  readonly ready: Promise<void>;
  status(): ExperimentsStatus;
  /** The valid experiments known now. */
  list(): Experiment[];
  /** Called when experiments were loaded; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

declare module '../plugin/types.ts' {
  interface PluginApis {
    experiments: ExperimentsControls;
  }
}

/** A client created with {@link experimentsPlugin}. */
export type ExperimentsClient = Client & { experiments: ExperimentsControls };

type Assigned = { variant: string; forced: boolean };

export const experimentsPlugin = (options: ExperimentsOptions = {}) =>
  definePlugin({
    name: 'experiments',
    setup(ctx) {
      const { consent } = ctx;
      const now = options.now ?? Date.now;
      const storeKey = `mb.xp.${ctx.writeKey}`;
      const exposures = createExposures(ctx.store, storeKey, () => consent.status('analytics') === 'granted');
      const list = createExperimentList(ctx, options);

      const resolve = (key: string): Assigned | null => {
        const experiment = list.get(key);
        if (!experiment) return null;
        const forcedOne = list.forcedVariant(experiment);
        if (forcedOne !== undefined) return { variant: forcedOne, forced: true };
        const subject = ctx.subject();
        const variant = assignVariant(experiment, subject.userId ?? subject.anonymousId, now());
        return variant === null ? null : { variant, forced: false };
      };
      const sendExposure = (key: string, assigned: Assigned) => {
        if (exposures.alreadyExposed(exposureKey(key, assigned.variant))) return;
        const properties: JsonObject = { experiment_id: key, variant_id: assigned.variant };
        if (assigned.forced) properties.forced = true;
        ctx.track(EXPERIMENT_VIEWED, properties);
      };

      const api: ExperimentsControls = {
        variant: (key) =>
          ctx.guard('experiments.variant', () => {
            const assigned = resolve(key);
            if (assigned && options.autoExpose !== false) sendExposure(key, assigned);
            return assigned?.variant ?? null;
          })() ?? null,
        expose: ctx.guard('experiments.expose', (key: string) => {
          const assigned = resolve(key);
          if (assigned) sendExposure(key, assigned);
        }),
        ready: list.ready,
        status: list.status,
        list: list.all,
        onChange: list.onChange,
      };
      const onConsent = () => {
        if (consent.status('analytics') === 'denied') ctx.store.remove(storeKey);
        else exposures.persist();
      };
      return { api, middleware: exposures.middleware, on: { consent: onConsent } };
    },
  });

/** The valid experiments (from the options or `GET /v1/config`) and the forced variants (QA). */
function createExperimentList(ctx: PluginContext, options: ExperimentsOptions) {
  const { diagnostics } = ctx;
  let experiments = new Map<string, Experiment>();
  let status: ExperimentsStatus = 'loading';
  const listeners = new Set<() => void>();

  const load = (list: unknown) => {
    const next = new Map<string, Experiment>();
    if (list !== undefined && !Array.isArray(list)) {
      diagnostics.report('experiments', new TypeError('experiments must be an array'));
    }
    for (const [index, raw] of (Array.isArray(list) ? list : []).entries()) {
      const checked = validateExperiment(raw, index);
      // One bad experiment is reported and skipped; the others keep working.
      if (checked.ok) next.set(checked.value.key, checked.value);
      else diagnostics.report('experiments', new TypeError(checked.error.message));
    }
    experiments = next;
  };
  const forced: Record<string, string> = {
    ...options.force,
    ...parseForced(options.search ?? (typeof location === 'undefined' ? '' : location.search)),
  };
  const forcedVariant = (experiment: Experiment): string | undefined => {
    const wanted = forced[experiment.key];
    if (wanted === undefined) return undefined;
    if (wanted === HOLDOUT_VARIANT || experiment.variants.some((v) => v.key === wanted)) return wanted;
    diagnostics.report('experiments', new TypeError(`forced variant "${wanted}" is not in ${experiment.key}`));
    return undefined;
  };

  let settle: () => void = () => {};
  const ready = new Promise<void>((done) => {
    settle = done;
  });
  const loaded = (next: ExperimentsStatus) => {
    status = next;
    settle();
    for (const listener of listeners) ctx.guard('experiments listener', listener)();
  };
  if (options.experiments !== undefined) {
    load(options.experiments);
    loaded('ready');
  } else {
    ctx.config
      .load()
      .then((config) => {
        load(config?.experiments ?? []);
        loaded('ready');
      })
      .catch((error: unknown) => {
        diagnostics.report('experiments config', error);
        loaded('error');
      });
  }
  return {
    ready,
    get: (key: string) => experiments.get(key),
    forcedVariant,
    status: () => status,
    all: () => [...experiments.values()],
    onChange(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
