/**
 * Search routes of the mock API (issue 20), running the contract's engine (the server's and the SDK's) over a small
 * fixture catalogue, so stories and tests see real typo tolerance, highlights, filter words and grouping:
 *  - `GET /v1/search` (query validation from the contract: a 400 names the field),
 *  - `GET /v1/search/suggestions` ("your usual" only for an anonymousId whose latest recorded consent grants
 *    personalization; "popular now" and "in season" from the fixture),
 *  - `GET /v1/search/index` (the compact index the SDK's on-device fallback fetches).
 * The fixture holds a dish named like HTML on purpose (`SEARCH_XSS_DISH`): a widget must render it as text.
 * Switches: `setMode('ok' | 'empty' | 'error' | 'slow')` as the recommendation routes have.
 */
import {
  type CatalogItem,
  createSearchIndex,
  daypartOf,
  encodeSearchIndex,
  runSearch,
  type SearchSuggestionsResponse,
  type SuggestionGroup,
  searchDocs,
  seasonOfMonth,
  suggestionHit,
  validateSearchQuery,
  validateSuggestionsQuery,
} from '@matbakh/contract';
import { http } from 'msw';
import { errorResponse, json } from './http.ts';
import { type Handle, type MockMode, modeSwitch, type SwitchableMock } from './mode.ts';

export type SearchMockMode = MockMode;

export type SearchMock = SwitchableMock;

export const SEARCH_XSS_DISH = '<img src=x onerror=alert(1)> Falafel';

const restaurant = (id: string, name: string, cuisine: string): CatalogItem => ({
  id,
  kind: 'restaurant',
  name,
  cuisine,
  diet: [],
  allergens: [],
  tags: [],
});
const dish = (id: string, name: string, restaurantId: string, extra: Partial<CatalogItem> = {}): CatalogItem => ({
  id,
  kind: 'dish',
  name,
  restaurantId,
  diet: [],
  allergens: [],
  tags: ['main'],
  price: { amount: 8.5, currency: 'EUR' },
  ...extra,
});

export const SEARCH_FIXTURE: CatalogItem[] = [
  restaurant('r-1', 'Byblos', 'lebanese'),
  restaurant('r-2', 'Falafel Express', 'lebanese'),
  restaurant('r-3', 'باب شرقي', 'syrian'),
  dish('s-1', 'Falafel-Teller', 'r-1', { diet: ['vegan', 'vegetarian'], allergens: ['sesame'] }),
  dish('s-2', 'Falafel Wrap', 'r-2', { diet: ['vegan', 'vegetarian'], allergens: ['gluten'] }),
  dish('s-3', 'Hähnchenschawarma', 'r-1', { diet: ['halal'] }),
  dish('s-4', 'Linsensuppe', 'r-1', {
    diet: ['vegan', 'vegetarian'],
    allergens: ['celery'],
    seasonMonths: [10, 11, 12, 1, 2, 3],
  }),
  dish('s-5', 'Käsespätzle', 'r-2', { diet: ['vegetarian'], allergens: ['milk', 'gluten', 'eggs'] }),
  dish('s-6', 'Baklava', 'r-1', { diet: ['vegetarian'], allergens: ['nuts', 'gluten'], tags: ['dessert'] }),
  dish('s-7', 'Manakish Zaatar', 'r-3', {
    diet: ['vegan', 'vegetarian'],
    allergens: ['gluten', 'sesame'],
    tags: ['breakfast'],
  }),
  dish('s-8', 'فلافل', 'r-3', { diet: ['vegan', 'vegetarian'], allergens: ['sesame'] }),
  dish('s-9', 'تبولة', 'r-3', {
    diet: ['vegan', 'vegetarian'],
    allergens: ['gluten'],
    seasonMonths: [4, 5, 6, 7, 8, 9],
  }),
  dish('s-10', SEARCH_XSS_DISH, 'r-2'),
];
/** What the tenant's guests order most, and what the fixture's regular guest usually orders. */
const POPULAR = ['s-1', 's-3', 's-7', 's-6'];
const USUAL = ['s-4', 's-1'];

export function searchRoutes(personalizationGranted: (anonymousId: string) => boolean): SearchMock {
  const index = createSearchIndex(searchDocs(SEARCH_FIXTURE));
  const empty = createSearchIndex([]);
  const switcher = modeSwitch('simulated outage (search mock setMode)');

  const { gate } = switcher;
  const params = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

  const getSearch: Handle = async (request) => {
    const parsed = validateSearchQuery(params(request));
    if (!parsed.ok) return errorResponse(400, parsed.error.message, { field: parsed.error.field });
    const blocked = await gate();
    if (blocked) return blocked;
    const { q, limit, types } = parsed.value;
    return json(runSearch(switcher.mode === 'empty' ? empty : index, { q, limit, types, diet: [], allergens: [] }));
  };

  const getSuggestions: Handle = async (request) => {
    const parsed = validateSuggestionsQuery(params(request));
    if (!parsed.ok) return errorResponse(400, parsed.error.message, { field: parsed.error.field });
    const blocked = await gate();
    if (blocked) return blocked;
    const query = parsed.value;
    const personal = query.anonymousId !== undefined && personalizationGranted(query.anonymousId);
    const month = new Date().getMonth() + 1;
    const lists: [SuggestionGroup['kind'], string[]][] = [
      ['usual', personal ? USUAL : []],
      ['popular', POPULAR.filter((id) => !(personal && USUAL.includes(id)))],
      ['season', SEARCH_FIXTURE.filter((item) => item.seasonMonths?.includes(month)).map((item) => item.id)],
    ];
    const groups: SuggestionGroup[] =
      switcher.mode === 'empty'
        ? []
        : lists
            .map(([kind, ids]) => ({
              kind,
              hits: ids.slice(0, query.limit).map((id, i) => suggestionHit(index.docs.get(id)!, ids.length - i)),
            }))
            .filter((group) => group.hits.length > 0);
    const body: SearchSuggestionsResponse = {
      groups,
      personalized: personal,
      daypart: daypartOf(query.hour ?? new Date().getHours()),
      season: seasonOfMonth(month),
    };
    return json(body);
  };

  const getIndex: Handle = async () => {
    const blocked = await gate();
    if (blocked) return blocked;
    return json(encodeSearchIndex(switcher.mode === 'empty' ? [] : SEARCH_FIXTURE, '2026-11-25T12:00:00.000Z'));
  };

  return {
    handlers: (root, wrap) => [
      http.get(`${root}/v1/search/suggestions`, wrap(getSuggestions)),
      http.get(`${root}/v1/search/index`, wrap(getIndex)),
      http.get(`${root}/v1/search`, wrap(getSearch)),
    ],
    setMode: (next, options) => switcher.set(next, options),
    reset() {
      switcher.reset();
    },
  };
}
