import type { ChurnResponse, ForecastResponse, InsightsResponse, Locale, WinBackResponse } from '@matbakh/contract';

/** The group and its proof, as `<mb-insights>` passes them to every call. */
export interface OwnerRequest {
  groupId?: string;
  groupHash?: string | undefined;
  locale?: Locale;
}

/**
 * The part of a matbakh client `<mb-insights>` uses: `insights.get` from the SDK's `insightsPlugin()`
 * (`sdk/src/insights`), and, when present, the predictive calls of issue 21 (`forecast`, `churn`, `winBack`):
 * without them the element shows the cards alone. Narrow on purpose: a partner's own implementation, or the fake
 * in `widgets/test-support/fake-insights-client.ts`, works too. A rejection with `status: 0` means the network
 * failed.
 */
export interface InsightsClient {
  insights: {
    get(request: OwnerRequest): Promise<InsightsResponse>;
    forecast?(request: OwnerRequest & { horizon?: 7 | 28 }): Promise<ForecastResponse>;
    churn?(request: OwnerRequest): Promise<ChurnResponse>;
    winBack?(request: OwnerRequest): Promise<WinBackResponse>;
    /** The page's current restaurant (`group(id, traits, { groupHash })`); used when `group-id` is not set. */
    $group?: { get(): { groupId: string } | undefined; listen(listener: () => void): () => void };
  };
}

export function isInsightsClient(value: unknown): value is InsightsClient {
  const insights = (value as { insights?: { get?: unknown } } | null | undefined)?.insights;
  return typeof insights?.get === 'function';
}

export type { InsightActionDetail } from '../events/mb-insight-action.ts';
