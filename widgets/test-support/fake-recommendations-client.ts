/**
 * An in-memory recommendations client for tests and stories: answers `get` with sample dishes (guests) or
 * features (owners) whose reasons are localized like the server's, with latency, failures, offline fallback and
 * a background refresh on demand. It implements the SDK plugin's interface (`client.recommendations`), not its
 * logic: no cache, no network.
 *
 * ```ts
 * const client = createFakeRecommendationsClient({ offline: true });
 * html`<mb-recommendations .client=${client} slot-id="home"></mb-recommendations>`;
 * client.calls; // [['get', { slot: 'home', limit: 6, … }], ['feedback', 'req-1', 'd-2', 'not_interested']]
 * ```
 */
import {
  type ExplanationStatement,
  type FeedbackKind,
  type Locale,
  type ReasonCode,
  type ReasonParams,
  type RecommendationAudience,
  type RecommendationBasis,
  type RecommendationItem,
  reasonText,
} from '@matbakh/contract';
import { atom, type PreinitializedWritableAtom } from 'nanostores';
import type {
  RecommendationsClientLike,
  RecommendationsRequest,
  RecommendationsResult,
} from '../src/recommendations/recommendations-client.ts';

export interface FakeRecommendationsClientOptions {
  /** Items to answer with (default: {@link sampleItems} for the audience asked, in the locale asked). */
  items?: RecommendationItem[];
  /** Answer personalized (from history) or not (default: not, because of missing consent). */
  personalized?: boolean;
  /** Why not personalized (default `no_consent`). */
  basisReason?: RecommendationBasis['reason'];
  /** Milliseconds before `get` and `explanation` settle (default 0). */
  latency?: number;
  /** `get` never settles (a loading state that stays). */
  hang?: boolean;
  /** `get` answers no items and this error (the error state). */
  error?: RecommendationsResult['error'];
  /** `get` answers as the SDK's offline fallback: ranked on the device, `error.code` `offline`. */
  offline?: boolean;
  /** `explanation` rejects. */
  explanationFails?: boolean;
}

export interface FakeRecommendationsClient extends RecommendationsClientLike {
  /** Every call made on the fake, in order: `[method, ...args]`. */
  readonly calls: unknown[][];
  /** Change the options after creation (e.g. make the next `get` fail). */
  options: FakeRecommendationsClientOptions;
  /** Simulates a background refresh: `$recommendations(slot)` gets a new answer. */
  refresh(slot: string, items?: RecommendationItem[]): RecommendationsResult;
}

const reasonOf = (code: ReasonCode, params: ReasonParams, locale: Locale) => ({
  code,
  params,
  text: reasonText(code, params, locale),
});

/** Sample dishes and restaurants (guests) or features (owners), with reasons in `locale`. */
export function sampleItems(audience: RecommendationAudience = 'guest', locale: Locale = 'de'): RecommendationItem[] {
  if (audience === 'owner') {
    return [
      {
        id: 'feature:analytics',
        kind: 'feature',
        title: 'Analytics Upgrade',
        subtitle: 'Umsatz, Stoßzeiten und Bestseller je Standort',
        url: 'https://matbakh.app/features/analytics',
        tags: ['Plus'],
        diet: [],
        allergens: [],
        price: { amount: 29, currency: 'EUR' },
        reasons: [reasonOf('owner_setup', { detail: 'locations_without_analytics', locations: 3 }, locale)],
        score: 0.92,
      },
      {
        id: 'feature:delivery-zones',
        kind: 'feature',
        title: 'Lieferzonen',
        subtitle: 'Liefergebiete und Mindestbestellwerte je Zone',
        url: 'https://matbakh.app/features/delivery-zones',
        tags: [],
        diet: [],
        allergens: [],
        reasons: [reasonOf('popular', {}, locale)],
        score: 0.71,
      },
      {
        id: 'feature:reviews',
        kind: 'feature',
        title: 'Bewertungs-Antworten',
        url: 'https://matbakh.app/features/reviews',
        tags: [],
        diet: [],
        allergens: [],
        reasons: [reasonOf('trending', { growth: 35 }, locale)],
        score: 0.6,
      },
    ];
  }
  const dish = (
    id: string,
    title: string,
    amount: number,
    tags: string[],
    diet: RecommendationItem['diet'],
    reasons: RecommendationItem['reasons'],
  ): RecommendationItem => ({
    id,
    kind: 'dish',
    title,
    restaurantId: 'r-beirut',
    restaurantName: 'Beirut Kitchen',
    price: { amount, currency: 'EUR' },
    url: `https://matbakh.app/dishes/${id}`,
    tags,
    diet,
    allergens: [],
    region: 'Berlin',
    reasons,
    score: 1 - amount / 100,
  });
  return [
    dish(
      'd-falafel',
      'Falafel-Wrap',
      8.5,
      ['vegan'],
      ['vegetarian', 'vegan'],
      [
        reasonOf('because_you_ordered', { item: 'Hummus' }, locale),
        reasonOf('usually_at_this_time', { hour: 19 }, locale),
      ],
    ),
    dish(
      'd-fattoush',
      'Fattoush',
      7.9,
      ['Salat'],
      ['vegetarian', 'vegan'],
      [reasonOf('popular_near_you', { region: 'Berlin' }, locale), reasonOf('seasonal', { season: 'summer' }, locale)],
    ),
    dish(
      'd-shawarma',
      'Hähnchen-Shawarma',
      11.5,
      ['scharf'],
      ['halal'],
      [reasonOf('trending', { growth: 42 }, locale)],
    ),
    dish('d-manakish', "Manakish Za'atar", 6.5, [], ['vegetarian'], [reasonOf('new_for_you', {}, locale)]),
    dish('d-kibbeh', 'Kibbeh', 9.9, [], ['halal'], [reasonOf('popular', {}, locale)]),
    dish(
      'd-baklava',
      'Baklava',
      4.5,
      ['Dessert'],
      ['vegetarian'],
      [reasonOf('more_like_this', { item: 'Knafeh' }, locale)],
    ),
    dish('d-mutabal', 'Mutabal', 6.9, [], ['vegan'], [reasonOf('popular_near_you', { region: 'Berlin' }, locale)]),
    dish('d-tabbouleh', 'Tabouleh', 6.5, [], ['vegan'], [reasonOf('popular', {}, locale)]),
  ];
}

/** A sample "How recommendations work" statement. */
export function sampleExplanation(locale: Locale = 'de'): ExplanationStatement {
  const en = locale !== 'de';
  return {
    locale,
    title: en ? 'How recommendations work' : 'So funktionieren Empfehlungen',
    intro: en
      ? 'We rank dishes and restaurants by a few signals. Your diet and allergens are never overridden.'
      : 'Wir ordnen Gerichte und Restaurants nach wenigen Signalen. Ernährung und Allergene werden nie übergangen.',
    parameters: [
      {
        name: en ? 'Your orders' : 'Ihre Bestellungen',
        description: en ? 'Only with your consent.' : 'Nur mit Ihrer Einwilligung.',
      },
      { name: en ? 'Popular nearby' : 'Beliebt in Ihrer Nähe', description: en ? 'Your region.' : 'Ihre Region.' },
      { name: en ? 'Time and season' : 'Uhrzeit und Saison', description: en ? 'Now.' : 'Jetzt.' },
    ],
    controls: [
      en
        ? 'Switch personalization off in the privacy settings.'
        : 'Personalisierung in den Datenschutz-Einstellungen ausschalten.',
    ],
    nonProfiled: en
      ? 'Without personalization you see what is popular.'
      : 'Ohne Personalisierung sehen Sie, was beliebt ist.',
  };
}

export function createFakeRecommendationsClient(
  options: FakeRecommendationsClientOptions = {},
): FakeRecommendationsClient {
  const calls: unknown[][] = [];
  const stores = new Map<string, PreinitializedWritableAtom<RecommendationsResult | undefined>>();
  const store = (slot: string) => {
    let found = stores.get(slot);
    if (!found) {
      found = atom<RecommendationsResult | undefined>(undefined);
      stores.set(slot, found);
    }
    return found;
  };
  let served = 0;
  let last: RecommendationsRequest = { slot: 'home' };

  const answer = (request: RecommendationsRequest, items?: RecommendationItem[]): RecommendationsResult => {
    const { personalized = false, basisReason = 'no_consent', error, offline } = fake.options;
    const audience = request.context?.audience ?? 'guest';
    const locale = request.locale ?? 'de';
    const all = items ?? fake.options.items ?? sampleItems(audience, locale);
    const result: RecommendationsResult = {
      requestId: offline ? `device-${++served}` : `req-${++served}`,
      slot: request.slot,
      audience,
      personalized,
      basis: personalized ? { history: true } : { history: false, reason: basisReason },
      locale,
      items: error ? [] : all.slice(0, request.limit ?? 10),
      generatedAt: new Date().toISOString(),
      source: offline ? 'device' : 'server',
    };
    if (error) result.error = error;
    else if (offline) result.error = { code: 'offline', message: 'offline (fake)' };
    return result;
  };

  const later = <T>(value: () => T, fails = false): Promise<T> => {
    const { latency = 0 } = fake.options;
    return new Promise<T>((resolve, reject) =>
      setTimeout(() => (fails ? reject(new Error('failed (fake)')) : resolve(value())), latency),
    );
  };

  const fake: FakeRecommendationsClient = {
    calls,
    options,
    refresh(slot, items) {
      const result = answer({ ...last, slot }, items);
      store(slot).set(result);
      return result;
    },
    recommendations: {
      get(request) {
        calls.push(['get', request]);
        last = request;
        if (fake.options.hang) return new Promise(() => {});
        return later(() => {
          const result = answer(request);
          store(request.slot).set(result);
          return result;
        });
      },
      $recommendations: (slot) => store(slot),
      async feedback(requestId, itemId, kind: FeedbackKind) {
        calls.push(['feedback', requestId, itemId, kind]);
      },
      explanation(locale) {
        calls.push(['explanation', locale]);
        return later(() => sampleExplanation(locale), fake.options.explanationFails);
      },
      trackListViewed(response, items) {
        calls.push(['trackListViewed', response.requestId, (items ?? response.items).map((item) => item.id)]);
      },
      trackClick(response, item) {
        calls.push(['trackClick', response.requestId, item.id]);
      },
    },
  };
  return fake;
}
