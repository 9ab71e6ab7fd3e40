import { type FeedbackKind, type RecommendationItem, safeUrl } from '@matbakh/contract';

/**
 * The `mb-*` events of `<mb-recommendation-card>` and `<mb-recommendations>`. All bubble and are composed (a
 * listener on `document` hears them); all are dispatched for the visitor's own actions only, never for
 * programmatic changes or data updates.
 */

/** `mb-recommendation-click`: the visitor followed a card's link. Navigation is not prevented. */
export interface RecommendationClickDetail {
  item: RecommendationItem;
  /** The response's request id (attribution); empty when the card was given no `requestId`. */
  requestId: string;
  /** 1-based position in its list (0 when unknown). */
  position: number;
}

/** `mb-feedback`: "Not interested" or "More like this" on a card. */
export interface FeedbackDetail {
  itemId: string;
  requestId: string;
  kind: Extract<FeedbackKind, 'not_interested' | 'more_like_this'>;
}

/** `mb-explanation-open`: the visitor asked "How recommendations work" (from a card's popover or the list). */
export interface ExplanationOpenDetail {
  /** The card it was asked from, if any. */
  itemId?: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-recommendation-click': CustomEvent<RecommendationClickDetail>;
    'mb-feedback': CustomEvent<FeedbackDetail>;
    'mb-explanation-open': CustomEvent<ExplanationOpenDetail>;
    /** Declared exactly as the SDK declares it (`sdk/src/privacy/rights.ts`): no detail. */
    'mb-privacy-open': CustomEvent<null>;
  }
}

type RecommendationEventName = 'mb-recommendation-click' | 'mb-feedback' | 'mb-explanation-open' | 'mb-privacy-open';
type DetailOf<K extends RecommendationEventName> =
  GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches a typed `mb-*` event from `target`, bubbling and composed. */
export function emit<K extends RecommendationEventName>(target: EventTarget, name: K, detail: DetailOf<K>): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/** The one URL sanitiser (`@matbakh/contract`): only http(s) becomes a link or an image. */
export { safeUrl };

const INTL_LOCALE: Record<string, string> = { de: 'de-DE', en: 'en-GB', ar: 'ar' };

/** "9,50 €" / "€9.50" / "٩٫٥٠ €"; a bad currency code falls back to "9.5 XYZ" rather than failing. */
export function formatPrice(price: { amount: number; currency: string } | undefined, locale: string): string {
  if (!price || typeof price.amount !== 'number' || !Number.isFinite(price.amount)) return '';
  try {
    return new Intl.NumberFormat(INTL_LOCALE[locale] ?? locale, { style: 'currency', currency: price.currency }).format(
      price.amount,
    );
  } catch {
    return `${price.amount} ${String(price.currency ?? '')}`.trim();
  }
}
