import type { InsightsResponse, Locale } from '@matbakh/contract';

/**
 * The part of a matbakh client `<mb-insights>` uses: `insights.get` from the SDK's `insightsPlugin()`
 * (`sdk/src/insights`). Narrow on purpose: a partner's own implementation, or the fake in
 * `widgets/test-support/fake-insights-client.ts`, works too. A rejection with `status: 0` means the network failed.
 */
export interface InsightsClient {
  insights: {
    get(request: { groupId?: string; groupHash?: string | undefined; locale?: Locale }): Promise<InsightsResponse>;
    /** The page's current restaurant (`group(id, traits, { groupHash })`); used when `group-id` is not set. */
    $group?: { get(): { groupId: string } | undefined; listen(listener: () => void): () => void };
  };
}

export function isInsightsClient(value: unknown): value is InsightsClient {
  const insights = (value as { insights?: { get?: unknown } } | null | undefined)?.insights;
  return typeof insights?.get === 'function';
}

export type { InsightActionDetail } from '../events/mb-insight-action.ts';
