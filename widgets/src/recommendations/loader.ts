import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../shared/i18n.ts';
import {
  failedResult,
  type RecommendationItem,
  type RecommendationsClientLike,
  type RecommendationsResult,
  sameIds,
} from './recommendations-client.ts';

export interface LoaderOptions {
  client(): RecommendationsClientLike | undefined;
  /** What to ask for: the element's properties as they are now. */
  query(): { slotId: string; limit: number; audience: string; region: string | undefined; locale: Locale };
  /** A request starts (the list shows it is loading) or ends (`false`). */
  loading(on: boolean): void;
  /** Shows an answer: the request's, or a background refresh that changes what is shown. */
  show(result: RecommendationsResult): void;
  /** What is shown now, to tell a refresh that changes nothing, and whether a request is running (a background
   * refresh then waits for its answer). */
  shown(): { requestId: string | undefined; items: readonly RecommendationItem[]; loading: boolean };
}

/**
 * The list's data: asks the client (the latest request wins), then follows the slot's background refreshes and
 * re-screened answers through `$recommendations(slot)` while the list is in the page.
 */
export class RecommendationsLoader implements ReactiveController {
  private token = 0;
  /** The locale of the last request: the reasons come from the server in it. */
  private requestedLocale: Locale | undefined;
  /** Whether the last request could be profiled: a consent change that flips it asks again. */
  private requestedProfiling: boolean | undefined;
  private unlisten: (() => void) | undefined;
  /** The placement whose background refreshes are shown (the slot of the last answer). */
  private followed: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: LoaderOptions,
  ) {
    host.addController(this);
  }

  /** Asks the client again. Resolves when the answer is shown (or a later request replaced it). */
  async load(): Promise<void> {
    const client = this.options.client();
    if (!client) return;
    const token = ++this.token;
    const { slotId, limit: wanted, audience, region, locale } = this.options.query();
    this.options.loading(true);
    this.requestedLocale = locale;
    this.requestedProfiling = client.recommendations.profiling?.();
    const slot = slotId || 'home';
    const limit = Number.isInteger(wanted) && wanted > 0 ? Math.min(wanted, 50) : 6;
    const context = { audience: audience === 'owner' ? ('owner' as const) : ('guest' as const) };
    let result: RecommendationsResult;
    try {
      result = await client.recommendations.get({
        slot,
        limit,
        locale,
        context: region ? { ...context, region } : context,
      });
    } catch (error) {
      // A look-alike client that rejects: shown as the error state, never thrown into the page.
      result = failedResult(slot, context.audience, locale, error);
    }
    if (token !== this.token) return;
    this.options.show(result);
    this.options.loading(false);
    this.follow(client, slot);
  }

  /** Whether what is shown was asked in another locale, or before the profiling consent flipped. */
  stale(locale: Locale): boolean {
    const relocalized = this.requestedLocale !== undefined && this.requestedLocale !== locale;
    const profiling = this.options.client()?.recommendations.profiling?.();
    return relocalized || (this.requestedProfiling !== undefined && profiling !== this.requestedProfiling);
  }

  hostConnected(): void {
    // Moved in the page (removed and attached again): the background refreshes it followed are followed again.
    const client = this.options.client();
    if (client && this.followed !== undefined) this.follow(client, this.followed);
  }

  hostDisconnected(): void {
    this.unlisten?.();
    this.unlisten = undefined;
  }

  /**
   * Background refreshes of the SDK arrive through `$recommendations(slot)`, and so does an answer re-screened
   * in place (same request, items dropped after a diet or allergen change): shown unless it is what is shown.
   */
  private follow(client: RecommendationsClientLike, slot: string): void {
    this.hostDisconnected();
    this.followed = slot;
    // An answer that arrives after the list was removed: listening now would keep the removed list alive (the
    // client's store holds the listener) with nothing left to stop it. hostConnected follows again.
    if (!this.host.isConnected) return;
    const store = client.recommendations.$recommendations?.(slot);
    this.unlisten = store?.listen(() => {
      const next = store.get();
      const shown = this.options.shown();
      if (!next || shown.loading || next.error) return;
      const items = next.items.slice(0, this.options.query().limit);
      if (!(next.requestId === shown.requestId && sameIds(items, shown.items))) this.options.show({ ...next, items });
    });
  }
}
