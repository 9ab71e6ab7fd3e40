import type {
  CatalogSnapshot,
  ExplanationStatement,
  FeedbackKind,
  Locale,
  RecommendationItem,
  RecommendationsResponse,
} from '@matbakh/contract';
import { ApiError, type Http } from '../plugin/http.ts';
import type { Query } from './query.ts';
import type { RecommendationsError, RecommendationsResult } from './types.ts';

/** The classified reason of any failure, for the result's `error`. */
export function detailOf(error: unknown): RecommendationsError {
  if (!(error instanceof ApiError)) return { code: 'invalid', message: String((error as Error)?.message) };
  const { code, status, message } = error;
  return status ? { code, status, message } : { code, message };
}

type Subject = { anonymousId: string; userId?: string; userHash?: string };

/** The API of recommendations: ranked items, the catalogue snapshot, feedback and the explanation statement. */
export function recommendationsHttp(http: Http, writeKey: string, timeoutMs: number, subject: () => Subject) {
  // Every request here has a fallback (the device ranks): no waiting for a network the browser knows is gone.
  const options = { timeoutMs, skipWhenOffline: true };
  return {
    async recommendations(query: Query): Promise<RecommendationsResult> {
      const response = await http.request<RecommendationsResponse>('GET', '/v1/recommendations', {
        ...options,
        query: {
          slot: query.slot,
          limit: query.limit,
          locale: query.locale,
          audience: query.audience,
          profiling: query.profiling ? 1 : 0,
          diet: query.diet.join(','),
          allergens: query.allergens.join(','),
          region: query.region,
          hour: query.hour,
          groupId: query.groupId,
          // The subject only when its history may be used: otherwise the request is not linkable to the visitor.
          ...(query.profiling && subject()),
        },
      });
      if (typeof response?.requestId !== 'string' || !Array.isArray(response.items)) {
        throw new ApiError('GET /v1/recommendations: not a recommendations response', 'invalid');
      }
      const items = response.items.filter(
        (item): item is RecommendationItem =>
          typeof item?.id === 'string' && typeof item.title === 'string' && Array.isArray(item.reasons),
      );
      return { ...response, items, source: 'server' };
    },
    catalog: (region: string | undefined, limit: number) =>
      http.request<CatalogSnapshot>('GET', '/v1/catalog', { ...options, query: { region, limit } }),
    feedback: (requestId: string, itemId: string, kind: FeedbackKind) =>
      http.request('POST', '/v1/feedback', { ...options, body: { writeKey, ...subject(), requestId, itemId, kind } }),
    explanation: (locale: Locale) =>
      http.request<ExplanationStatement>('GET', '/v1/recommendations/explanation', { ...options, query: { locale } }),
  };
}
