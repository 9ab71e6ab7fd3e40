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
 * Predictive insights (issue 21) take the same proofs:
 *
 * ```ts
 * const forecast = await client.insights.forecast({ horizon: 28, locale: 'de' }); // GET /v1/insights/forecast
 * const churn = await client.insights.churn({ locale: 'de' });                   // GET /v1/insights/churn
 * const outcome = await client.insights.winBack({ locale: 'de' });               // POST /v1/insights/win-back
 * ```
 *
 * The request carries the subject (anonymousId, userId, userHash) and no cookie. Nothing throws synchronously into
 * the host page: every call returns a promise, and failures reject with an `ApiError` whose `status` is the HTTP
 * status, or 0 when the network failed (offline).
 */
import type {
  ChurnResponse,
  ForecastResponse,
  InsightsResponse,
  Locale,
  WinBackRequest,
  WinBackResponse,
} from '@matbakh/contract';
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

export interface ForecastRequest extends Omit<InsightsRequest, 'region'> {
  /** Days ahead: 7 (default) or 28. */
  horizon?: 7 | 28;
}

export type OwnerRequest = Omit<InsightsRequest, 'region'>;

export interface CurrentGroup {
  groupId: string;
  groupHash?: string;
}

export interface InsightsControls {
  get(request?: InsightsRequest): Promise<InsightsResponse>;
  /** Orders, revenue and top dishes for the next 7 or 28 days with 80 % and 95 % intervals. */
  forecast(request?: ForecastRequest): Promise<ForecastResponse>;
  /** Regulars at risk of not ordering again (pseudonyms, numbers, reasons) and the win-back action. */
  churn(request?: OwnerRequest): Promise<ChurnResponse>;
  /** Starts this ISO week's win-back campaign for the at-risk regulars (idempotent per group and week). */
  winBack(request?: OwnerRequest): Promise<WinBackResponse>;
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
      /** The group and its proof: the ones given, else the page's current group; undefined without a group. */
      const proofOf = ({ groupId, groupHash }: OwnerRequest) => {
        const current = $group.get();
        const id = groupId ?? current?.groupId;
        if (typeof id !== 'string' || !id) return undefined;
        return { groupId: id, groupHash: groupHash ?? (id === current?.groupId ? current.groupHash : undefined) };
      };
      const noGroup = (method: string) =>
        Promise.reject(new TypeError(`insights.${method}(): no groupId given and no group() call on this page`));
      const api: InsightsControls = {
        $group,
        get(request = {}) {
          const proof = proofOf(request);
          if (!proof) return noGroup('get');
          const query = { ...proof, locale: request.locale, region: request.region, ...ctx.subject() };
          return ctx.http.request<InsightsResponse>('GET', '/v1/insights', { query });
        },
        forecast(request = {}) {
          const proof = proofOf(request);
          if (!proof) return noGroup('forecast');
          const query = { ...proof, horizon: request.horizon ?? 7, locale: request.locale, ...ctx.subject() };
          return ctx.http.request<ForecastResponse>('GET', '/v1/insights/forecast', { query });
        },
        churn(request = {}) {
          const proof = proofOf(request);
          if (!proof) return noGroup('churn');
          const query = { ...proof, locale: request.locale, ...ctx.subject() };
          return ctx.http.request<ChurnResponse>('GET', '/v1/insights/churn', { query });
        },
        winBack(request = {}) {
          const proof = proofOf(request);
          if (!proof) return noGroup('winBack');
          const { anonymousId, userId = '', userHash = '' } = ctx.subject();
          // The server answers 403 naming the missing proof; the body keeps the contract's shape regardless.
          const body: WinBackRequest = {
            groupId: proof.groupId,
            groupHash: proof.groupHash ?? '',
            anonymousId,
            userId,
            userHash,
            ...(request.locale && { locale: request.locale }),
          };
          return ctx.http.request<WinBackResponse>('POST', '/v1/insights/win-back', { body });
        },
      };
      return { api, on: { group: remember, reset: () => $group.set(undefined) } };
    },
  });
