/**
 * Recommendation routes of the mock API, with deterministic fixture data:
 *  - `GET /v1/recommendations` (guest dishes/restaurants, owner features), `POST /v1/feedback`,
 *    `GET /v1/recommendations/explanation`, `GET /v1/catalog`.
 *  - The fixture holds hostile data on purpose, for the widgets' tests and stories: a title that looks like HTML
 *    (`<img src=x onerror=alert(1)>`, must render as text) and a `javascript:` URL (must not become a link).
 *  - Switches: `setMode('ok' | 'empty' | 'error' | 'slow')` (error: 503 with Retry-After; slow: answers after
 *    `slowMs`), and "not interested" feedback removes the item from the next answer for that anonymousId (like
 *    the real server).
 * Query validation and reason texts come from the contract, so the mock answers what the server would.
 * Long because: the deterministic fixture data (hostile entries included on purpose) next to the routes that serve
 * it.
 */
import {
  type CatalogItem,
  type CatalogSnapshot,
  explanationStatement,
  type FeedbackResponse,
  LOCALES,
  type Locale,
  passesHardFilters,
  type Reason,
  type RecommendationItem,
  type RecommendationsResponse,
  reason,
  validateFeedback,
  validateRecommendationsQuery,
} from '@matbakh/contract';
import { http } from 'msw';
import { errorResponse, json, readJsonBody } from './http.ts';
import { type Handle, type MockMode, modeSwitch, type SwitchableMock } from './mode.ts';

export type RecommendationsMockMode = MockMode;

export interface RecommendationsMock extends SwitchableMock {
  /** Feedback received, oldest first. */
  feedback(): { anonymousId: string; itemId: string; kind: string; requestId: string }[];
}

/** `XSS_TITLE` and `JAVASCRIPT_URL` are in the fixture: a widget must show the first as text, never link the second. */
export const XSS_TITLE = '<img src=x onerror=alert(1)>';
export const JAVASCRIPT_URL = 'javascript:alert(1)';

interface FixtureDish {
  id: string;
  title: string;
  restaurantId: string;
  restaurantName: string;
  price: number;
  diet: RecommendationItem['diet'];
  allergens: RecommendationItem['allergens'];
  tags: string[];
  url: string;
  reasons: [Reason['code'], Reason['params']][];
}

const DISHES: FixtureDish[] = [
  {
    id: 'd-001',
    title: 'Falafel-Teller',
    restaurantId: 'r-001',
    restaurantName: 'Beirut Kitchen',
    price: 11.5,
    diet: ['vegan', 'vegetarian', 'halal'],
    allergens: ['sesame', 'gluten'],
    tags: ['lebanese', 'main'],
    url: 'https://matbakh.app/r/beirut-kitchen#falafel',
    reasons: [
      ['because_you_ordered', { item: 'Hummus' }],
      ['popular_near_you', { region: 'Berlin-Mitte' }],
    ],
  },
  {
    id: 'd-002',
    title: 'Shawarma Hähnchen',
    restaurantId: 'r-001',
    restaurantName: 'Beirut Kitchen',
    price: 12.9,
    diet: ['halal', 'lactose_free'],
    allergens: ['sesame', 'gluten'],
    tags: ['lebanese', 'main'],
    url: 'https://matbakh.app/r/beirut-kitchen#shawarma',
    reasons: [['usually_at_this_time', { hour: 19 }]],
  },
  {
    id: 'd-003',
    title: XSS_TITLE,
    restaurantId: 'r-002',
    restaurantName: '"><script>alert(2)</script>',
    price: 9.9,
    diet: ['vegetarian'],
    allergens: ['milk'],
    tags: ['<b>bold</b>'],
    url: JAVASCRIPT_URL,
    reasons: [['trending', { growth: 42 }]],
  },
  {
    id: 'd-004',
    title: 'Linsensuppe',
    restaurantId: 'r-003',
    restaurantName: 'Aleppo Grill',
    price: 5.2,
    diet: ['vegan', 'vegetarian', 'halal', 'gluten_free', 'lactose_free'],
    allergens: ['celery'],
    tags: ['syrian', 'side'],
    url: 'https://matbakh.app/r/aleppo-grill#linsensuppe',
    reasons: [
      ['seasonal', { season: 'winter' }],
      ['popular', {}],
    ],
  },
  {
    id: 'd-005',
    title: 'Pho Chay',
    restaurantId: 'r-004',
    restaurantName: 'Pho Saigon',
    price: 11.5,
    diet: ['vegan', 'vegetarian', 'gluten_free', 'lactose_free'],
    allergens: ['soybeans'],
    tags: ['vietnamese', 'main'],
    url: 'https://matbakh.app/r/pho-saigon#pho-chay',
    reasons: [['new_for_you', { cuisine: 'vietnamese' }]],
  },
  {
    id: 'd-006',
    title: 'Tiramisu',
    restaurantId: 'r-005',
    restaurantName: 'Trattoria Roma',
    price: 6.5,
    diet: ['vegetarian'],
    allergens: ['gluten', 'eggs', 'milk'],
    tags: ['italian', 'dessert'],
    url: 'https://matbakh.app/r/trattoria-roma#tiramisu',
    reasons: [['more_like_this', { item: 'Panna Cotta' }]],
  },
];

const FEATURES: { id: string; title: string; subtitle: string; reasons: [Reason['code'], Reason['params']][] }[] = [
  {
    id: 'feature:analytics',
    title: 'Analytics-Upgrade',
    subtitle: 'Umsatz, Bestseller und Auslastung aller Standorte in einem Dashboard',
    reasons: [['owner_setup', { detail: 'locations_without_analytics', locations: 4 }]],
  },
  {
    id: 'feature:delivery_zones',
    title: 'Lieferzonen',
    subtitle: 'Liefergebiete, Mindestbestellwert und Gebühren pro Zone',
    reasons: [['owner_setup', { detail: 'online_ordering_without_delivery' }]],
  },
  {
    id: 'feature:loyalty',
    title: 'Treueprogramm',
    subtitle: 'Stempelkarte und Prämien für Stammgäste',
    reasons: [['popular', { count: 12 }]],
  },
];

const image = (id: string) => ({
  url: `https://images.matbakh.app/fixtures/${id}.jpg`,
  width: 400,
  height: 300,
  alt: '',
});

function dishItem(
  dish: FixtureDish,
  index: number,
  locale: Locale,
  personalized: boolean,
  diet: string[],
): RecommendationItem {
  const reasons = dish.reasons
    // Without personalization no reason may claim personal history.
    .filter(
      ([code]) => personalized || !['because_you_ordered', 'usually_at_this_time', 'more_like_this'].includes(code),
    )
    .map(([code, params]) => reason(code, params, locale));
  if (diet.length > 0) reasons.push(reason('fits_your_diet', { diets: diet.join(',') }, locale));
  if (reasons.length === 0) reasons.push(reason('popular', {}, locale));
  return {
    id: dish.id,
    kind: 'dish',
    title: dish.title,
    subtitle: dish.restaurantName,
    restaurantId: dish.restaurantId,
    restaurantName: dish.restaurantName,
    price: { amount: dish.price, currency: 'EUR' },
    image: image(dish.id),
    url: dish.url,
    tags: [...dish.tags],
    diet: [...dish.diet],
    allergens: [...dish.allergens],
    region: 'Berlin-Mitte',
    reasons,
    score: Math.round((1 - index * 0.1) * 100) / 100,
  };
}

let counter = 0;

// Long because: one msw route group: its handlers share the mode switch and the "not interested" memory per visitor.
export function recommendationRoutes(): RecommendationsMock {
  const switcher = modeSwitch('simulated outage (setMode("error"))');
  const received: { anonymousId: string; itemId: string; kind: string; requestId: string }[] = [];

  const { gate } = switcher;

  const getRecommendations: Handle = async (request) => {
    const blocked = await gate();
    if (blocked) return blocked;
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const parsed = validateRecommendationsQuery(query);
    if (!parsed.ok) return errorResponse(400, parsed.error.message, { field: parsed.error.field });
    const q = parsed.value;
    if (q.userId !== undefined && q.userHash === undefined) {
      return errorResponse(403, 'a userId needs its userHash', { field: 'userHash', code: 'forbidden' });
    }
    const hidden = new Set(
      received.filter((f) => f.anonymousId === q.anonymousId && f.kind !== 'more_like_this').map((f) => f.itemId),
    );
    const personalized = q.profiling && q.anonymousId !== undefined;
    let items: RecommendationItem[];
    if (switcher.mode === 'empty') items = [];
    else if (q.audience === 'owner') {
      items = FEATURES.map((feature, index) => ({
        id: feature.id,
        kind: 'feature' as const,
        title: feature.title,
        subtitle: feature.subtitle,
        tags: ['upgrade'],
        diet: [],
        allergens: [],
        url: `https://matbakh.app/features/${feature.id.slice(8)}`,
        reasons: feature.reasons.map(([code, params]) => reason(code, params, q.locale)),
        score: 1 - index * 0.1,
      }));
    } else {
      items = DISHES.filter((dish) => passesHardFilters(dish, q.diet, q.allergens)).map((dish, index) =>
        dishItem(dish, index, q.locale, personalized, q.diet),
      );
    }
    items = items.filter((item) => !hidden.has(item.id)).slice(0, q.limit);
    const body: RecommendationsResponse = {
      requestId: `rec_mock_${++counter}`,
      slot: q.slot,
      audience: q.audience,
      personalized,
      basis: personalized
        ? { history: true }
        : { history: false, reason: q.profiling ? 'not_identified' : 'no_consent' },
      locale: q.locale,
      items,
      generatedAt: '2026-11-25T12:00:00.000Z',
      // 'empty' is a tenant without a catalogue (the snapshot is empty too), which the server says like this.
      ...(switcher.mode === 'empty' && { catalogEmpty: true as const }),
    };
    return json(body);
  };

  const postFeedback: Handle = async (request) => {
    const blocked = await gate();
    if (blocked) return blocked;
    const checked = validateFeedback(await readJsonBody(request));
    if (!checked.ok) return errorResponse(400, checked.error.message, { field: checked.error.field });
    const { anonymousId, itemId, kind, requestId, userId, userHash } = checked.value;
    if (userId !== undefined && userHash === undefined) {
      return errorResponse(403, 'a userId needs its userHash', { field: 'userHash', code: 'forbidden' });
    }
    received.push({ anonymousId, itemId, kind, requestId });
    const body: FeedbackResponse = { id: received.length, receivedAt: '2026-11-25T12:00:00.000Z' };
    return json(body, 201);
  };

  const getExplanation: Handle = (request) => {
    const locale = new URL(request.url).searchParams.get('locale') ?? 'de';
    if (!(LOCALES as readonly string[]).includes(locale)) {
      return errorResponse(400, `locale must be one of ${LOCALES.join(', ')}`, { field: 'locale' });
    }
    return json(explanationStatement(locale as Locale));
  };

  const getCatalog: Handle = async () => {
    const blocked = await gate();
    if (blocked) return blocked;
    const items: CatalogItem[] =
      switcher.mode === 'empty'
        ? []
        : DISHES.map((dish, index) => ({
            id: dish.id,
            kind: 'dish',
            name: dish.title,
            restaurantId: dish.restaurantId,
            region: 'Berlin-Mitte',
            diet: [...dish.diet],
            allergens: [...dish.allergens],
            price: { amount: dish.price, currency: 'EUR' },
            image: image(dish.id),
            url: dish.url,
            tags: [...dish.tags],
            popularity: 100 - index * 12,
            trend: index === 2 ? 1.42 : 1,
          }));
    const body: CatalogSnapshot = { items, generatedAt: '2026-11-25T12:00:00.000Z' };
    return json(body);
  };

  return {
    handlers: (root, wrap) => [
      http.get(`${root}/v1/recommendations/explanation`, wrap(getExplanation)),
      http.get(`${root}/v1/recommendations`, wrap(getRecommendations)),
      http.post(`${root}/v1/feedback`, wrap(postFeedback)),
      http.get(`${root}/v1/catalog`, wrap(getCatalog)),
    ],
    setMode: (next, options) => switcher.set(next, options),
    feedback: () => received.map((entry) => ({ ...entry })),
    reset() {
      switcher.reset();
      received.length = 0;
    },
  };
}
