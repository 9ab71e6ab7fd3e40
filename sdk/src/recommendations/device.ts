import type { CatalogSnapshot } from '@matbakh/contract';
import type { Diagnostics } from '../util/diagnostics.ts';
import { uuid } from '../util/uuid.ts';
import type { recommendationsHttp } from './http.ts';
import type { createLocalState } from './local.ts';
import type { Query } from './query.ts';
import type { RecommendationsError, RecommendationsResult } from './types.ts';

interface DeviceOptions {
  http: ReturnType<typeof recommendationsHttp>;
  local: ReturnType<typeof createLocalState>;
  diagnostics: Diagnostics;
  catalogLimit: number;
  catalogMaxAge: number;
}

/**
 * Ranking on the device: the catalogue snapshot (`GET /v1/catalog`, not personal; reused for `catalogMaxAge`,
 * kept in storage only with consent) ranked with the device's history by the on-device ranker.
 */
/**
 * The on-device ranker: fetched when the device first ranks, or warms its catalogue (then it is ready before the
 * visitor goes offline), not by every page that shows recommendations from the server.
 */
let ranker: Promise<typeof import('./ranker.ts')> | undefined;
const loadRanker = () => {
  ranker ??= import('./ranker.ts').catch((error) => {
    ranker = undefined; // fetched again next time
    throw error;
  });
  return ranker;
};

// Long because: one closure over the catalogue snapshot and its loading state that the on-device ranking's small
// functions share.
export function createDeviceRanking({ http, local, diagnostics, catalogLimit, catalogMaxAge }: DeviceOptions) {
  const { state } = local;
  let loading: { region: string; promise: Promise<CatalogSnapshot | undefined> } | undefined;

  const fetchCatalog = async (query: Query, region: string): Promise<CatalogSnapshot | undefined> => {
    const cached = state.catalog;
    try {
      const snapshot = await http.catalog(query.region, catalogLimit);
      if (!Array.isArray(snapshot?.items)) return cached?.snapshot;
      state.catalog = { at: Date.now(), region, snapshot };
      local.save();
      return snapshot;
    } catch (error) {
      diagnostics.report('recommendations catalog', error);
      // An older or other-region snapshot beats nothing when the server cannot be reached.
      return cached?.snapshot;
    }
  };

  const loadCatalog = (query: Query): Promise<CatalogSnapshot | undefined> => {
    loadRanker().catch((error) => diagnostics.report('recommendations ranker', error));
    const region = query.region ?? '';
    const cached = state.catalog;
    if (cached && cached.region === region && Date.now() - cached.at < catalogMaxAge) {
      return Promise.resolve(cached.snapshot);
    }
    if (loading?.region !== region) {
      const promise = fetchCatalog(query, region).finally(() => {
        if (loading?.promise === promise) loading = undefined;
      });
      loading = { region, promise };
    }
    return loading.promise;
  };

  const rankOnDevice = async (query: Query, error?: RecommendationsError): Promise<RecommendationsResult> => {
    // Without the ranker's file (offline before it was ever fetched) the device has nothing to rank with.
    const [catalog, rank] = await Promise.all([
      loadCatalog(query),
      loadRanker().then(
        (module) => module.rank,
        () => undefined,
      ),
    ]);
    const snapshot = rank && catalog;
    const history = query.onDevice ? state.orders : [];
    const now = new Date();
    const items = snapshot
      ? rank({
          catalog: snapshot.items,
          history,
          liked: query.onDevice ? state.liked : [],
          excluded: state.excluded,
          diet: query.diet,
          allergens: query.allergens,
          audience: query.audience,
          region: query.region,
          hour: query.hour,
          month: now.getMonth() + 1,
          limit: query.limit,
          locale: query.locale,
        })
      : [];
    const personalized = history.length > 0;
    const result: RecommendationsResult = {
      requestId: `device-${uuid()}`,
      slot: query.slot,
      audience: query.audience,
      personalized,
      basis: personalized
        ? { history: true }
        : { history: false, reason: query.onDevice ? 'cold_start' : 'no_consent' },
      locale: query.locale,
      items,
      generatedAt: now.toISOString(),
      source: 'device',
    };
    if (error) result.error = error;
    else if (!snapshot) result.error = { code: 'offline', message: 'no catalogue snapshot for on-device ranking' };
    return result;
  };

  return { loadCatalog, rankOnDevice };
}
