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
 * last `group()` call of this page (`$group`, from the `group` hook; `reset()` forgets it), so `<mb-insights>` in a
 * dashboard needs no attributes; the core never puts the hash into the tracked group message.
 *
 * The request carries the subject (anonymousId, userId, userHash) and no cookie. Failures reject with an
 * `ApiError` whose `status` is the HTTP status, or 0 when the network failed (offline).
 */
import type { InsightsResponse, Locale } from '@matbakh/contract';
import { atom, type ReadableAtom } from 'nanostores';
import { definePlugin } from '../plugin/define.ts';
import type { Client, GroupOptions } from '../types.ts';

export type { ApiError } from '../plugin/http.ts';
export type { GroupOptions } from '../types.ts';

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

declare module '../plugin/types.ts' {
  interface PluginApis {
    insights: InsightsControls;
  }
}

/** A client created with {@link insightsPlugin}. */
export type InsightsClient = Client & { insights: InsightsControls };

export const insightsPlugin = () =>
  definePlugin({
    name: 'insights',
    setup(ctx) {
      const $group = atom<CurrentGroup | undefined>(undefined);
      const remember = (groupId: string, _traits?: unknown, options?: GroupOptions) => {
        if (typeof groupId !== 'string' || !groupId) return;
        const groupHash = options?.groupHash;
        $group.set(typeof groupHash === 'string' ? { groupId, groupHash } : { groupId });
      };
      const api: InsightsControls = {
        $group,
        get({ groupId, groupHash, locale, region } = {}) {
          const current = $group.get();
          const id = groupId ?? current?.groupId;
          if (typeof id !== 'string' || !id) {
            return Promise.reject(new TypeError('insights.get(): no groupId given and no group() call on this page'));
          }
          const hash = groupHash ?? (id === current?.groupId ? current.groupHash : undefined);
          const query = { groupId: id, groupHash: hash, locale, region, ...ctx.subject() };
          return ctx.http.request<InsightsResponse>('GET', '/v1/insights', { query });
        },
      };
      return { api, on: { group: remember, reset: () => $group.set(undefined) } };
    },
  });
