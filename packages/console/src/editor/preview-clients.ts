/**
 * What the real widgets need to render a draft: the narrow client interfaces `<mb-consent-banner>` and
 * `<mb-next-best-action>` read (widgets/src/shared/consent-client.ts, next-best-action/actions-client.ts), fed from
 * the editor instead of a visitor's SDK. The elements are the real ones, with their own styles, texts and fallbacks;
 * only the visitor is missing, so a click in the preview records nothing.
 */
import type { ConsentPolicy, Rule } from '@matbakh/contract';
import type { ConsentClient, ConsentView } from '@matbakh/widgets/shared/consent-client.ts';

/** The smallest store the widgets' client controller listens to (`get` + `listen`). */
export class PreviewStore<T> {
  private listeners = new Set<(value: T) => void>();
  constructor(private value: T) {}
  get(): T {
    return this.value;
  }
  set(value: T): void {
    this.value = value;
    for (const listener of [...this.listeners]) listener(value);
  }
  listen(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A first visit under `policy`: the banner asks, nothing is decided. */
export function firstVisit(policy: ConsentPolicy): ConsentView {
  return {
    policy,
    config: 'ready',
    choices: {},
    channels: {},
    features: { recommendations: true, next_best_action: true, tour: true, dashboard_order: true },
    gpc: false,
    needsDecision: true,
    reason: 'first_visit',
    ledger: 'idle',
  };
}

/** A consent client whose view is a first visit under the draft policy; decisions are not recorded. */
export function consentPreviewClient(policy: ConsentPolicy): ConsentClient & { show(policy: ConsentPolicy): void } {
  const $view = new PreviewStore<ConsentView>(firstVisit(policy));
  const nothingToRecord = () => {};
  const never = () => Promise.reject(new Error('preview: there is no visitor'));
  return {
    consent: {
      $view: $view as unknown as ConsentClient['consent']['$view'],
      ready: Promise.resolve(),
      reload: () => Promise.resolve(),
      acceptAll: nothingToRecord,
      rejectAll: nothingToRecord,
      save: nothingToRecord,
      withdraw: nothingToRecord,
      get: () => $view.get().choices,
    },
    privacy: {
      ledger: never,
      export: never,
      erase: never,
      open: nothingToRecord,
      profiling: never,
      objectToProfiling: never,
    },
    show(next) {
      $view.set(firstVisit(next));
    },
  };
}

type ActionView = Pick<Rule['action'], 'kind' | 'title' | 'body' | 'reason' | 'cta'> & {
  id: string;
  placement: string;
};

/** An actions client that offers one rule's action at its placement (the next-best-action element's interface). */
export function actionPreviewClient() {
  const $next = new PreviewStore<ActionView | null>(null);
  return {
    actions: {
      $next: (_placement: string) => $next,
      record: () => {},
    },
    show(rule: Rule | undefined) {
      $next.set(rule ? { id: rule.id, placement: rule.placement, ...rule.action } : null);
    },
  };
}
