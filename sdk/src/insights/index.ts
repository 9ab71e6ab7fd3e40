/**
 * Owner insights (`GET /v1/insights`) as a plugin of the core client, for `<mb-insights>`:
 *
 * ```ts
 * const client = createClient({ writeKey, plugins: [insightsPlugin()] }) as InsightsClient;
 * client.identify('owner-7', {}, { userHash });   // insights need a verified owner…
 * client.group('rest-42');                         // …who is a member of the restaurant
 * const { report, insights } = await client.insights.get({ groupId: 'rest-42', locale: 'en' });
 * ```
 *
 * The request carries the subject (anonymousId, userId, userHash) and no cookie. Failures reject with an
 * `Error` whose `status` is the HTTP status, or 0 when the network failed (offline).
 */
import type { InsightsResponse, Locale } from '@matbakh/contract';
import type { Client } from '../client.ts';
import type { Plugin } from '../plugin.ts';
import { endpoint, request } from '../privacy/http.ts';

export type { ApiError } from '../privacy/http.ts';

export interface InsightsRequest {
  groupId: string;
  locale?: Locale;
  /** ISO 3166 alpha-2 for the seasonal suggestions (default: the group's country). */
  region?: string;
}

export interface InsightsControls {
  get(request: InsightsRequest): Promise<InsightsResponse>;
}

/** A client created with {@link insightsPlugin}. */
export type InsightsClient = Client & { insights: InsightsControls };

export function insightsPlugin(): Plugin {
  return (context) => {
    const client = context.client as Partial<InsightsClient>;
    if (client.insights) return;
    client.insights = {
      get({ groupId, locale, region }) {
        if (typeof groupId !== 'string' || !groupId) {
          return Promise.reject(new TypeError('insights.get({ groupId }): groupId must be a non-empty string'));
        }
        const subject = context.subject();
        return request<InsightsResponse>(
          'GET',
          endpoint(context.api, '/v1/insights', context.writeKey, { groupId, locale, region, ...subject }),
        );
      },
    };
  };
}
