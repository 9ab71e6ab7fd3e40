/**
 * An in-memory {@link ConsentClient} for tests and stories: the consent view in a nanostores atom, the
 * ledger and export in memory, failures and latency on demand. It implements the SDK's interface
 * (`sdk/src/privacy/types.ts`), not its logic: decisions apply at once and synchronously.
 *
 * ```ts
 * const client = createFakeConsentClient({ view: { reason: 'policy_changed' } });
 * html`<mb-consent-banner .client=${client}></mb-consent-banner>`;
 * client.calls; // [['acceptAll', 'banner']]
 * ```
 */
import {
  CHANNELS,
  type ChannelId,
  type ConsentAction,
  type ConsentCategoryId,
  type ConsentLedgerEntry,
  type ConsentLedgerResponse,
  type ConsentPolicy,
  type ConsentSource,
  DEFAULT_CONSENT_POLICY,
  type EraseResponse,
  type PrivacyExport,
  type ProfilingStatus,
  type SubjectEvent,
} from '@matbakh/contract';
import { atom, type PreinitializedWritableAtom } from 'nanostores';
import type { LedgerStatus } from '../../sdk/src/privacy/types.ts';
import { emitEvent } from '../src/events/events.ts';
import type { ConsentClient, ConsentView, PersonalizationFeature } from '../src/shared/consent-client.ts';

export interface FakeConsentClientOptions {
  /** Start from this view (merged over a first visit with the default policy). */
  view?: Partial<ConsentView>;
  /** Ledger status after each decision: `saved` (default), `offline` or `error`. */
  ledgerAfterDecision?: LedgerStatus;
  /** What `privacy.export()` resolves to; default {@link sampleExport}(). */
  exportData?: PrivacyExport;
  /** Consent history for `privacy.ledger()` (newest first); decisions made on the fake are added. */
  history?: ConsentLedgerEntry[];
  /** Milliseconds before `export`, `ledger` and `erase` settle (default 0). */
  latency?: number;
  /** Make `export`/`ledger` reject, `erase` reject, `reload` keep the config error, `profiling` calls reject. */
  fail?: { export?: boolean; ledger?: boolean; erase?: boolean; reload?: boolean; profiling?: boolean };
  /** What `privacy.profiling()` answers first; default: consent allows, one score, no objection. */
  profiling?: ProfilingStatus;
  /** Never settle `export`/`ledger` (a loading state that stays). */
  hang?: boolean;
}

export interface FakeConsentClient extends ConsentClient {
  readonly $view: PreinitializedWritableAtom<ConsentView>;
  /** Every call made on the fake, in order: `[method, ...args]`. */
  readonly calls: unknown[][];
  /** Change the options after creation (e.g. fail the next erase). */
  options: FakeConsentClientOptions;
  /** Back to a first visit (forgets decisions, keeps the history). */
  reset(view?: Partial<ConsentView>): void;
}

const OPTIONAL = (policy: ConsentPolicy | undefined): ConsentCategoryId[] =>
  (policy ?? DEFAULT_CONSENT_POLICY).categories.filter((c) => !c.required).map((c) => c.id);

/** Every category of the default policy granted: what "Accept all" records. */
export const ALL_GRANTED = {
  necessary: true,
  preferences: true,
  personalization: true,
  analytics: true,
  marketing: true,
} as const;

/** A first visit under the default policy: nothing decided, the banner asks. */
export function firstVisitView(overrides: Partial<ConsentView> = {}): ConsentView {
  return {
    policy: DEFAULT_CONSENT_POLICY,
    config: 'ready',
    choices: {},
    channels: {},
    features: { recommendations: true, next_best_action: true, tour: true, dashboard_order: true },
    gpc: false,
    needsDecision: true,
    reason: 'first_visit',
    ledger: 'idle',
    ...overrides,
  };
}

/** A visitor who accepted everything under policy v1 and is not asked again. */
export function decidedView(overrides: Partial<ConsentView> = {}): ConsentView {
  return firstVisitView({
    choices: { necessary: true, preferences: true, personalization: true, analytics: true, marketing: false },
    channels: { in_app: true, email: false },
    needsDecision: false,
    reason: 'none',
    decidedAt: '2026-11-25T12:03:00.000Z',
    policyVersion: 1,
    action: 'custom',
    ledger: 'saved',
    ...overrides,
  });
}

const EVENT_SAMPLES: Array<Pick<SubjectEvent, 'type' | 'event' | 'name'> & { path: string }> = [
  { type: 'page', name: 'Menu', path: '/menu' },
  { type: 'track', event: 'Product Viewed', path: '/menu/falafel-wrap' },
  { type: 'track', event: 'Product Added', path: '/menu/falafel-wrap' },
  { type: 'page', name: 'Checkout', path: '/checkout' },
  { type: 'track', event: 'Order Completed', path: '/checkout/done' },
  { type: 'identify', path: '/account' },
];

/** A plausible export: `events` events a few minutes apart, newest last, plus one consent record. */
export function sampleExport({ events = 8, start = '2026-11-25T11:00:00.000Z' } = {}): PrivacyExport {
  const t0 = new Date(start).getTime();
  return {
    schema: 'matbakh.privacy-export/1',
    generatedAt: new Date(t0 + events * 300_000).toISOString(),
    subject: { anonymousId: 'anon-4f1c2b' },
    tenant: { id: 'tn_demo', name: 'Matbakh Demo-Küche' },
    events: Array.from({ length: events }, (_, i): SubjectEvent => {
      const sample = EVENT_SAMPLES[i % EVENT_SAMPLES.length]!;
      const at = new Date(t0 + i * 300_000).toISOString();
      return {
        messageId: `msg-${i}`,
        type: sample.type,
        ...(sample.event ? { event: sample.event } : {}),
        ...(sample.name ? { name: sample.name } : {}),
        timestamp: at,
        receivedAt: at,
        properties: {},
        context: { page: { path: sample.path, url: `https://matbakh.app${sample.path}` } },
      };
    }),
    consent: [ledgerEntry(1, 'accept_all', 'banner', '2026-11-25T12:03:00.000Z')],
    preferences: { language: 'de', diet: ['vegetarian'] },
    feedback: [],
  };
}

/** One ledger entry as the server returns it. */
export function ledgerEntry(
  id: number,
  action: ConsentAction,
  source: ConsentSource,
  timestamp: string,
  choices: Partial<Record<ConsentCategoryId, boolean>> = {},
  policyVersion = 1,
): ConsentLedgerEntry {
  return {
    id,
    anonymousId: 'anon-4f1c2b',
    consentId: `c-${id}`,
    policyVersion,
    action,
    choices,
    channels: {},
    source,
    timestamp,
    userAgentClass: 'desktop',
    receivedAt: timestamp,
  };
}

export function createFakeConsentClient(options: FakeConsentClientOptions = {}): FakeConsentClient {
  const $view = atom<ConsentView>(firstVisitView(options.view));
  const calls: unknown[][] = [];
  let history: ConsentLedgerEntry[] = [...(options.history ?? [])];
  let nextId = history.length + 1;

  let profiling: ProfilingStatus = options.profiling ?? {
    consentAllows: true,
    objected: false,
    objectedAt: null,
    scores: 1,
  };
  const settle = <T>(value: () => T, fails: boolean | undefined, what: string): Promise<T> => {
    const { latency = 0, hang } = fake.options;
    if (hang && what !== 'erase') return new Promise<T>(() => {});
    return new Promise<T>((resolve, reject) =>
      setTimeout(() => (fails ? reject(new Error(`${what} failed (fake)`)) : resolve(value())), latency),
    );
  };

  const decide = (
    action: ConsentAction,
    source: ConsentSource,
    choices: Partial<Record<ConsentCategoryId, boolean>>,
    channels: Partial<Record<ChannelId, boolean>> = {},
    features: Partial<Record<PersonalizationFeature, boolean>> = {},
  ) => {
    const view = $view.get();
    const at = new Date().toISOString();
    const next: ConsentView = {
      ...view,
      choices: { ...view.choices, ...choices, necessary: true },
      channels: { ...view.channels, ...channels },
      features: { ...view.features, ...features },
      needsDecision: false,
      reason: 'none',
      decidedAt: at,
      policyVersion: view.policy?.version ?? view.policyVersion ?? 1,
      action,
      ledger: fake.options.ledgerAfterDecision ?? 'saved',
    };
    $view.set(next);
    history = [
      ledgerEntry(nextId++, action, source, at, next.choices, next.policyVersion),
      ...history.map((entry) => ({ ...entry })),
    ];
  };

  const allCategories = (value: boolean) =>
    Object.fromEntries(OPTIONAL($view.get().policy).map((id) => [id, value])) as Partial<
      Record<ConsentCategoryId, boolean>
    >;

  const fake: FakeConsentClient = {
    $view,
    calls,
    options,
    reset(view) {
      $view.set(firstVisitView(view));
    },
    consent: {
      $view,
      ready: Promise.resolve(),
      get: () => ({ choices: $view.get().choices, gpc: $view.get().gpc }),
      async reload() {
        calls.push(['reload']);
        $view.set({ ...$view.get(), config: 'loading' });
        await settle(() => undefined, false, 'reload');
        if (fake.options.fail?.reload) $view.set({ ...$view.get(), config: 'error' });
        else $view.set({ ...$view.get(), config: 'ready', policy: $view.get().policy ?? DEFAULT_CONSENT_POLICY });
      },
      acceptAll(source) {
        calls.push(['acceptAll', source]);
        decide('accept_all', source, allCategories(true));
      },
      rejectAll(source) {
        calls.push(['rejectAll', source]);
        decide('reject_all', source, allCategories(false));
      },
      save(decision, source) {
        calls.push(['save', decision, source]);
        decide('custom', source, decision.choices ?? {}, decision.channels, decision.features);
      },
      withdraw(source) {
        calls.push(['withdraw', source]);
        const channels = Object.fromEntries(CHANNELS.map((id) => [id, false]));
        decide('withdraw', source, allCategories(false), channels);
      },
    },
    privacy: {
      ledger() {
        calls.push(['ledger']);
        return settle(
          (): ConsentLedgerResponse => ({ current: history[0] ?? null, history: history.map((e) => ({ ...e })) }),
          fake.options.fail?.ledger,
          'ledger',
        );
      },
      export() {
        calls.push(['export']);
        return settle(
          () => structuredClone(fake.options.exportData ?? sampleExport()),
          fake.options.fail?.export,
          'export',
        );
      },
      erase() {
        calls.push(['erase']);
        return settle(
          (): EraseResponse => {
            const data = fake.options.exportData ?? sampleExport();
            fake.options = { ...fake.options, exportData: { ...data, events: [], preferences: null, feedback: [] } };
            return {
              erased: {
                events: data.events.length,
                preferences: data.preferences ? 1 : 0,
                feedback: data.feedback.length,
              },
              consentAnonymized: history.length,
            };
          },
          fake.options.fail?.erase,
          'erase',
        );
      },
      profiling() {
        calls.push(['profiling']);
        return settle(() => ({ ...profiling }), fake.options.fail?.profiling, 'profiling');
      },
      objectToProfiling(objected) {
        calls.push(['objectToProfiling', objected]);
        return settle(
          () => {
            const objectedAt = objected ? (profiling.objectedAt ?? '2026-03-02T10:00:00.000Z') : null;
            profiling = { ...profiling, objected, objectedAt, scores: objected ? 0 : profiling.scores };
            return { ...profiling };
          },
          fake.options.fail?.profiling,
          'profiling',
        );
      },
      open() {
        calls.push(['open']);
        emitEvent(document, 'mb-privacy-open', null);
      },
    },
  };
  return fake;
}
