/**
 * Owner insights (`GET /v1/insights`) as a plugin of the core client, for `<mb-insights>`:
 *
 * ```ts
 * const client = createClient({ writeKey, plugins: [insightsPlugin()] }) as InsightsClient;
 * client.identify('owner-7', {}, { userHash });         // insights need a verified owner…
 * client.group('rest-42', { name: 'Beirut Kitchen' }, { groupHash }); // …whom the backend vouches for
 * const { report, insights } = await client.insights.get({ locale: 'en' }); // the current group
 * ```
 *
 * Like the userHash, the `groupHash` comes from the host's backend: hex HMAC-SHA256(tenant secret,
 * `userId + ':' + groupId`), proving that this user may see that restaurant's numbers. The plugin remembers the
 * last `group()` call of this page (`$group`; `reset()` forgets it), so `<mb-insights>` in a dashboard needs no
 * attributes; the hash is never put into the tracked group message.
 *
 * The request carries the subject (anonymousId, userId, userHash) and no cookie. Failures reject with an
 * `Error` whose `status` is the HTTP status, or 0 when the network failed (offline).
 */
import type { InsightsResponse, Locale } from '@matbakh/contract';
import { atom, type ReadableAtom } from 'nanostores';
import type { CallOptions, Client } from '../client.ts';
import type { Plugin } from '../plugin.ts';
import { endpoint, request } from '../privacy/http.ts';

export type { ApiError } from '../privacy/http.ts';

export interface InsightsRequest {
  /** Default: the group of the last `group()` call. */
  groupId?: string;
  /** Default: the groupHash given with that call. */
  groupHash?: string;
  locale?: Locale;
  /** ISO 3166 alpha-2 for the seasonal suggestions (default: the group's country). */
  region?: string;
}

export interface CurrentGroup {
  groupId: string;
  groupHash?: string;
}

export interface InsightsControls {
  get(request?: InsightsRequest): Promise<InsightsResponse>;
  /** The restaurant of the last `group(groupId, traits, { groupHash })` call on this page, if any. */
  $group: ReadableAtom<CurrentGroup | undefined>;
}

/** `group()`'s options with the backend's proof of membership. */
export type GroupOptions = CallOptions & { groupHash?: string };

/** A client created with {@link insightsPlugin}. */
export type InsightsClient = Client & { insights: InsightsControls };

export function insightsPlugin(): Plugin {
  return (context) => {
    const client = context.client as Partial<InsightsClient>;
    if (client.insights) return;
    const $group = atom<CurrentGroup | undefined>(undefined);
    // Remember the page's current restaurant; the core sends the group message without the hash.
    const { group, reset } = context.client;
    context.client.group = (groupId, traits, options?: GroupOptions) => {
      const { groupHash, ...callOptions } = options ?? {};
      group(groupId, traits, callOptions);
      if (typeof groupId === 'string' && groupId) {
        $group.set(typeof groupHash === 'string' ? { groupId, groupHash } : { groupId });
      }
    };
    context.client.reset = () => {
      reset();
      $group.set(undefined);
    };
    client.insights = {
      $group,
      get({ groupId, groupHash, locale, region } = {}) {
        const current = $group.get();
        const id = groupId ?? current?.groupId;
        if (typeof id !== 'string' || !id) {
          return Promise.reject(new TypeError('insights.get(): no groupId given and no group() call on this page'));
        }
        const hash = groupHash ?? (id === current?.groupId ? current.groupHash : undefined);
        const subject = context.subject();
        return request<InsightsResponse>(
          'GET',
          endpoint(context.api, '/v1/insights', context.writeKey, {
            groupId: id,
            groupHash: hash,
            locale,
            region,
            ...subject,
          }),
        );
      },
    };
  };
}
