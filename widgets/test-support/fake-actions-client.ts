import { atom } from 'nanostores';
import type { ActionOutcome, ActionsClientLike, ActionView } from '../src/next-best-action/actions-client.ts';

export interface FakeActionsClient extends ActionsClientLike {
  /** Every `record()` call, in order. */
  recorded: { id: string; outcome: ActionOutcome; options?: { snoozeHours?: number } }[];
  /** Replaces the queue of actions (programmatic change: the widget must not emit events). */
  setActions(actions: ActionView[]): void;
}

/**
 * A stand-in for the rules plugin (tests and stories): a queue of actions; `record('shown')` changes
 * nothing, any answer removes the action so the next one comes up.
 */
export function createFakeActionsClient(actions: ActionView[] = []): FakeActionsClient {
  const $queue = atom<ActionView[]>(actions);
  const stores = new Map<string, ReturnType<typeof atom<ActionView | null>>>();
  const refresh = () => {
    for (const [placement, store] of stores) store.set($queue.get().find((a) => a.placement === placement) ?? null);
  };
  const client: FakeActionsClient = {
    recorded: [],
    setActions(next) {
      $queue.set(next);
      refresh();
    },
    actions: {
      $next(placement) {
        let store = stores.get(placement);
        if (!store) {
          store = atom<ActionView | null>($queue.get().find((a) => a.placement === placement) ?? null);
          stores.set(placement, store);
        }
        return store;
      },
      record(id, outcome, options) {
        client.recorded.push(options ? { id, outcome, options } : { id, outcome });
        if (outcome !== 'shown') client.setActions($queue.get().filter((a) => a.id !== id));
      },
    },
  };
  return client;
}

const text = (de: string, en: string, ar: string) => ({ de, en, ar });

/** A tip and an upsell for the `home` placement. */
export const SAMPLE_ACTIONS: ActionView[] = [
  {
    id: 'guest-reorder',
    placement: 'home',
    kind: 'prompt',
    title: text('Wieder dasselbe?', 'The usual?', 'كالمعتاد؟'),
    body: text('Bestellen Sie Ihr Lieblingsgericht erneut.', 'Reorder your favourite dish.', 'اطلب طبقك المفضل مجددًا.'),
    reason: text(
      'Sie haben 3-mal in 30 Tagen bestellt.',
      'You ordered 3 times in 30 days.',
      'طلبت 3 مرات خلال 30 يومًا.',
    ),
    cta: { label: text('Erneut bestellen', 'Reorder', 'اطلب مجددًا'), event: 'Reorder Started' },
  },
  {
    id: 'owner-pro-upsell',
    placement: 'home',
    kind: 'upsell',
    title: text('matbakh Pro', 'matbakh Pro', 'مطبخ برو'),
    body: text('Lieferzonen und Berichte.', 'Delivery zones and reports.', 'مناطق التوصيل والتقارير.'),
    reason: text(
      'Über 100 Bestellungen im Basis-Tarif.',
      'Over 100 orders on Basic.',
      'أكثر من 100 طلب على الباقة الأساسية.',
    ),
    cta: { label: text('Pro testen', 'Try Pro', 'جرّب برو'), url: 'https://matbakh.app/pro' },
  },
];
