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
  type Message,
  validateExperiment,
} from '@matbakh/contract';
import type { Client } from '../client.ts';
import type { Plugin, PluginContext } from '../plugin.ts';
import { tenantConfig } from '../tenant-config.ts';
import { SESSION_TIMEOUT_MS } from '../tracking/session.ts';
import { guard } from '../util/diagnostics.ts';
import { readJson } from '../util/storage.ts';
import { assignVariant, parseForced } from './bucket.ts';

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

/** A client created with {@link experimentsPlugin}. */
export type ExperimentsClient = Client & { experiments: ExperimentsControls };

interface Exposures {
  /** Session id. */
  s: string;
  /** `experiment:variant` sent in that session. */
  k: string[];
}
const isExposures = (v: unknown): v is Exposures =>
  typeof (v as Exposures)?.s === 'string' && Array.isArray((v as Exposures).k);

const exposureKey = (experiment: string, variant: string) => `${experiment}:${variant}`;

export function experimentsPlugin(options: ExperimentsOptions = {}): Plugin {
  return (context: PluginContext) => {
    const client = context.client as Partial<ExperimentsClient>;
    if (client.experiments) return;
    const { diagnostics, store, consent } = context;
    const now = options.now ?? Date.now;
    const autoExpose = options.autoExpose !== false;
    const storeKey = `mb.xp.${context.writeKey}`;
    const analytics = () => consent.status('analytics') === 'granted';

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

    // Exposures of the current session: read back only if analytics was granted when they were stored.
    let exposures: Exposures | undefined = readJson(store, storeKey, isExposures);
    /** The session of the newest message seen, and when: lets `expose` skip a track it knows would be dropped. */
    let lastSeen: { id: string; at: number } | undefined;

    const persist = () => {
      if (exposures && analytics()) store.set(storeKey, JSON.stringify(exposures));
    };
    consent.onChange(
      guard(diagnostics, 'experiments consent', () => {
        if (consent.status('analytics') === 'denied') store.remove(storeKey);
        else persist();
      }),
    );

    // Once per session: the authority is this middleware, which sees each message with its session.
    client.use?.((message: Message) => {
      const session = (message.context as { session?: { id?: unknown } }).session;
      const sessionId = typeof session?.id === 'string' ? session.id : undefined;
      if (sessionId === undefined) return message;
      lastSeen = { id: sessionId, at: Date.parse(message.timestamp) };
      if (message.type !== 'track' || message.event !== EXPERIMENT_VIEWED) return message;
      const { experiment_id, variant_id } = message.properties ?? {};
      if (typeof experiment_id !== 'string' || typeof variant_id !== 'string') return message;
      if (exposures?.s !== sessionId) exposures = { s: sessionId, k: [] };
      const key = exposureKey(experiment_id, variant_id);
      if (exposures.k.includes(key)) return null;
      exposures.k.push(key);
      persist();
      return message;
    });

    /** True when the newest session we saw is still running and already had this exposure. */
    const alreadyExposed = (key: string) => {
      if (!lastSeen || !exposures || exposures.s !== lastSeen.id || !exposures.k.includes(key)) return false;
      const at = Date.now();
      return (
        at - lastSeen.at < SESSION_TIMEOUT_MS && new Date(at).toDateString() === new Date(lastSeen.at).toDateString()
      );
    };

    const resolve = (key: string): { variant: string; forced: boolean } | null => {
      const experiment = experiments.get(key);
      if (!experiment) return null;
      const forcedOne = forcedVariant(experiment);
      if (forcedOne !== undefined) return { variant: forcedOne, forced: true };
      const subject = context.subject();
      const variant = assignVariant(experiment, subject.userId ?? subject.anonymousId, now());
      return variant === null ? null : { variant, forced: false };
    };

    const sendExposure = (key: string, assigned: { variant: string; forced: boolean }) => {
      if (alreadyExposed(exposureKey(key, assigned.variant))) return;
      const properties: JsonObject = { experiment_id: key, variant_id: assigned.variant };
      if (assigned.forced) properties.forced = true;
      context.client.track(EXPERIMENT_VIEWED, properties);
    };

    let settle: () => void = () => {};
    const ready = new Promise<void>((done) => {
      settle = done;
    });
    const loaded = (next: ExperimentsStatus) => {
      status = next;
      settle();
      for (const listener of listeners) guard(diagnostics, 'experiments listener', listener)();
    };

    if (options.experiments !== undefined) {
      load(options.experiments);
      loaded('ready');
    } else {
      tenantConfig(context)
        .load()
        .then((config) => {
          load(config?.experiments ?? []);
          loaded('ready');
        })
        .catch((error) => {
          diagnostics.report('experiments config', error);
          loaded('error');
        });
    }

    const controls: ExperimentsControls = {
      variant: (key) =>
        guard(diagnostics, 'experiments.variant', () => {
          const assigned = resolve(key);
          if (assigned && autoExpose) sendExposure(key, assigned);
          return assigned?.variant ?? null;
        })() ?? null,
      expose: guard(diagnostics, 'experiments.expose', (key: string) => {
        const assigned = resolve(key);
        if (assigned) sendExposure(key, assigned);
      }),
      ready,
      status: () => status,
      list: () => [...experiments.values()],
      onChange(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    };
    client.experiments = controls;
  };
}
