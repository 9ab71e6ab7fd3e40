/**
 * A search client for widget tests and stories: the contract's real engine (the one server and SDK run) over a
 * small catalogue, with the behaviours a box must handle on demand — slow answers, a failing server, offline (the
 * device answers), and a hostile dish name that must render as text.
 */
import {
  type CatalogItem,
  createSearchIndex,
  runSearch,
  type SearchDoc,
  type SuggestionKind,
  searchDocs,
  suggestionHit,
} from '@matbakh/contract';
import type { SearchClientLike, SearchResultView, SuggestionsView } from '../src/search/search-client.ts';

export const XSS_DISH = '<img src=x onerror=alert(1)> Falafel';

type DishRow = [string, string, string, CatalogItem['diet'], CatalogItem['allergens']];
const restaurant = (id: string, name: string, cuisine: string): CatalogItem => ({
  id,
  kind: 'restaurant',
  name,
  cuisine,
  diet: [],
  allergens: [],
  tags: [],
});
const DISHES: DishRow[] = [
  ['d-1', 'Falafel-Teller', 'r-1', ['vegan'], ['sesame']],
  ['d-2', 'Falafel Wrap', 'r-2', ['vegan'], ['gluten']],
  ['d-3', 'Hähnchenschawarma', 'r-1', ['halal'], []],
  ['d-4', 'Linsensuppe', 'r-1', ['vegan'], ['celery']],
  ['d-5', 'Käsespätzle', 'r-2', ['vegetarian'], ['milk', 'gluten']],
  ['d-6', 'فلافل', 'r-3', ['vegan'], ['sesame']],
  ['d-7', 'تبولة', 'r-3', ['vegan'], ['gluten']],
  ['d-8', XSS_DISH, 'r-2', [], []],
];

export const SEARCH_CATALOG: CatalogItem[] = [
  restaurant('r-1', 'Byblos', 'lebanese'),
  restaurant('r-2', 'Falafel Express', 'lebanese'),
  restaurant('r-3', 'باب شرقي', 'syrian'),
  ...DISHES.map(
    ([id, name, restaurantId, diet, allergens]): CatalogItem => ({
      id,
      kind: 'dish',
      name,
      restaurantId,
      diet,
      allergens,
      tags: ['main'],
    }),
  ),
];

export type FakeSearchMode = 'ok' | 'slow' | 'error' | 'offline';

export interface FakeSearchClient extends SearchClientLike {
  mode: FakeSearchMode;
  /** Queries asked, in order (aborted ones included). */
  asked: string[];
  aborted: string[];
  tracked: { q: string; results: number }[];
  /** Picks reported through `select`. */
  selected: { id: string; position: number; searchId?: string; suggestion?: SuggestionKind }[];
  /** The guest's recent searches on the fake device (tracked searches with results add to it). */
  recent: string[];
  /** The dishes offered before typing, per group. */
  suggested: Partial<Record<SuggestionKind, string[]>>;
  /** Resolves the answers held back in `slow` mode. */
  release(): void;
}

export function createFakeSearchClient(items: CatalogItem[] = SEARCH_CATALOG): FakeSearchClient {
  const docs = searchDocs(items);
  const index = createSearchIndex(docs);
  const byId = new Map<string, SearchDoc>(docs.map((doc) => [doc.id, doc]));
  const held: (() => void)[] = [];
  const fake: FakeSearchClient = {
    mode: 'ok',
    asked: [],
    aborted: [],
    tracked: [],
    selected: [],
    recent: [],
    suggested: { usual: ['d-4'], popular: ['d-1', 'd-3'], season: ['d-5'] },
    release: () => {
      for (const go of held.splice(0)) go();
    },
    search: {
      async query(q, options = {}) {
        fake.asked.push(q);
        const { signal } = options;
        signal?.addEventListener('abort', () => fake.aborted.push(q), { once: true });
        if (fake.mode === 'slow') await new Promise<void>((resolve) => held.push(resolve));
        signal?.throwIfAborted();
        if (fake.mode === 'error') throw new Error('matbakh: GET /v1/search failed: 503');
        const response = runSearch(index, { q, limit: options.limit ?? 5, diet: [], allergens: [] });
        const result: SearchResultView = { ...response, source: fake.mode === 'offline' ? 'device' : 'server' };
        if (fake.mode === 'offline') result.error = 'matbakh: GET /v1/search failed: offline';
        return result;
      },
      track(q, results) {
        fake.tracked.push({ q, results });
        if (results > 0) fake.recent = [q, ...fake.recent.filter((old) => old !== q)].slice(0, 5);
        return `search-${fake.tracked.length}`;
      },
      select(hit, pick) {
        fake.selected.push({ id: hit.id, ...pick });
      },
      async suggestions(options = {}) {
        options.signal?.throwIfAborted();
        if (fake.mode === 'error') throw new Error('matbakh: GET /v1/search/suggestions failed: 503');
        const offline = fake.mode === 'offline';
        const view: SuggestionsView = {
          groups: offline
            ? []
            : (['usual', 'popular', 'season'] as const)
                .map((kind) => ({
                  kind,
                  hits: (fake.suggested[kind] ?? []).flatMap((id) => {
                    const doc = byId.get(id);
                    return doc ? [suggestionHit(doc, 1)] : [];
                  }),
                }))
                .filter((group) => group.hits.length > 0),
          recent: [...fake.recent],
          personalized: !offline,
          source: offline ? 'device' : 'server',
        };
        return view;
      },
      clearRecent() {
        fake.recent = [];
      },
      prefetch: async () => {},
    },
  };
  return fake;
}
