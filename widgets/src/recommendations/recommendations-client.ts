import type { ExplanationStatement, FeedbackKind, Locale, RecommendationItem } from '@matbakh/contract';
import type { RecommendationsRequest, RecommendationsResult } from '../../../sdk/src/recommendations/types.ts';
import type { Listenable } from '../shared/client-controller.ts';

export type { ExplanationStatement, RecommendationItem, RecommendationsRequest, RecommendationsResult };

/**
 * The part of a matbakh client `<mb-recommendations>` uses: the recommendations plugin's `client.recommendations`
 * (`createClient({ plugins: [recommendationsPlugin()] })`). Narrow on purpose: a partner's own implementation,
 * or the fake in `widgets/test-support/fake-recommendations-client.ts`, works too.
 */
export interface RecommendationsClientLike {
  recommendations: {
    /** Never rejects: failures come back as a result with `error` (see the SDK's `RecommendationsResult`). */
    get(request: RecommendationsRequest): Promise<RecommendationsResult>;
    /** Optional: the latest result for a slot, updated by background refreshes. */
    $recommendations?(slot: string): Listenable & { get(): RecommendationsResult | undefined };
    feedback(requestId: string, itemId: string, kind: FeedbackKind): Promise<void> | void;
    explanation(locale?: Locale): Promise<ExplanationStatement>;
    trackListViewed(response: RecommendationsResult, items?: readonly RecommendationItem[]): void;
    trackClick(response: RecommendationsResult, item: RecommendationItem): void;
    /** Optional: whether the server may use the visitor's history now (follows the consent). */
    profiling?(): boolean;
  };
  /** Optional: the core client's consent, so a list can refresh when the visitor decides. */
  consent?: { onChange(listener: () => void): () => void };
}

/** Duck-typed: a client the recommendations plugin extended (or anything shaped like one). */
export function isRecommendationsClient(value: unknown): value is RecommendationsClientLike {
  const api = (value as { recommendations?: Record<string, unknown> } | undefined)?.recommendations;
  return (
    typeof api?.get === 'function' &&
    typeof api.feedback === 'function' &&
    typeof api.explanation === 'function' &&
    typeof api.trackListViewed === 'function' &&
    typeof api.trackClick === 'function'
  );
}

/** The error state's answer when a look-alike client rejects. */
export function failedResult(
  slot: string,
  audience: 'guest' | 'owner',
  locale: Locale,
  error: unknown,
): RecommendationsResult {
  return {
    requestId: '',
    slot,
    audience,
    personalized: false,
    basis: { history: false },
    locale,
    items: [],
    generatedAt: new Date().toISOString(),
    source: 'device',
    error: { code: 'invalid', message: String((error as Error)?.message) },
  };
}

/** The same items, in the same order. */
export function sameIds(a: readonly { id: string }[], b: readonly { id: string }[]): boolean {
  return a.length === b.length && a.every((item, i) => item.id === b[i]?.id);
}

/** A card's click, tracked for attribution; a look-alike client that throws never throws into the page. */
export function trackCardClick(
  client: RecommendationsClientLike | undefined,
  result: RecommendationsResult | undefined,
  item: RecommendationItem,
): void {
  if (!result) return;
  try {
    client?.recommendations.trackClick(result, item);
  } catch {
    // never into the page
  }
}

/** A card's feedback, sent without waiting; neither a throw nor a rejection reaches the page. */
export function sendCardFeedback(
  client: RecommendationsClientLike | undefined,
  { itemId, requestId, kind }: { itemId: string; requestId: string; kind: FeedbackKind },
): void {
  try {
    void Promise.resolve(client?.recommendations.feedback(requestId, itemId, kind)).catch(() => {});
  } catch {
    // never into the page
  }
}
