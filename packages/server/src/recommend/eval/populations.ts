/**
 * Synthetic populations for the evaluation, each with its own hidden structure, generated from a seed (the same
 * seed gives the same population everywhere). They differ in *how* guests choose, not only in parameters, so a
 * ranker tuned to one of them has no reason to win on the others:
 *
 * - `original`: the demo generator (synthetic.ts): cuisine affinities, favourites, main + side, trends.
 * - `regulars`: repeat-heavy; each guest has a weekday-lunch staple at one place and a weekend-dinner bundle at
 *   another, and strays 30 % of the time.
 * - `explorers`: guests rarely repeat a dish; they pick unseen dishes close to a latent taste, often at places
 *   they know, and dishes come with fixed pairings.
 * - `regional`: many areas, each with its own local hits that change three weeks before the end; few orders per
 *   guest; most guests' delivery area is known from their traits.
 * - `coldstart`: imported history that ended months ago, most guests with one or two orders, a long tail of
 *   restaurants and new dishes that took off recently.
 * - `chains`: chains with the same big menu in every area (large baskets from one place) beside small single
 *   restaurants; guests are loyal to a brand.
 * - `strictdiet`: most guests vegan, vegetarian, gluten-free or allergic; they only order what fits, while the
 *   best sellers often do not.
 * Long because: one generator per population, each a few dozen lines with its own hidden structure, sharing the
 * catalogue and seeded random helpers at the top.
 */
import type { Allergen, CatalogItem, Diet } from '@matbakh/contract';
import { allergensOf, CUISINES, dietOf, syntheticCatalog, syntheticOrders } from '../../demo/synthetic.ts';
import { DAY_MS, type OrderFact } from '../aggregates.ts';
import { buildCatalog, type Catalog } from '../catalog.ts';
import { prng } from '../prng.ts';

export interface Guest {
  id: string;
  diet: Diet[];
  allergens: Allergen[];
  /** The delivery area from the guest's traits, when the tenant knows it. */
  homeRegion?: string;
}

export interface Population {
  name: string;
  catalog: Catalog;
  guests: Guest[];
  /** Oldest first; `anonymousId` is the guest's id. */
  orders: OrderFact[];
}

export interface PopulationOptions {
  /** Guests in the population. */
  guests: number;
  seed: number;
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const CUISINE_NAMES = Object.keys(CUISINES);
const region = (n: number) => `area-${n}`;
/** Each population's history ends here (coldstart's months earlier: an import). */
const END = Date.parse('2026-10-16T00:00:00Z');

interface RestaurantSpec {
  cuisine: string;
  region: string;
  dishes: number;
  /** Restaurants of one chain share names and menu. */
  chain?: string;
  /** Dishes created this many days before END (default: long ago). */
  newDishes?: number;
}

/** Restaurants and dishes from the cuisine templates; a menu longer than 12 repeats them as variants. */
function catalogOf(specs: readonly RestaurantSpec[], random: Random, end: number): CatalogItem[] {
  const rows: CatalogItem[] = [];
  specs.forEach((spec, r) => {
    const id = `r${r}`;
    const templates = CUISINES[spec.cuisine]!;
    rows.push({
      id,
      kind: 'restaurant',
      name: spec.chain ?? `${pick(random, templates.restaurant)} ${r}`,
      cuisine: spec.cuisine,
      region: spec.region,
      diet: [],
      allergens: [],
      tags: [spec.cuisine],
    });
    const offset = spec.chain ? 0 : Math.floor(random() * 12);
    for (let d = 0; d < spec.dishes; d++) {
      const [name, diet, allergens, price, course, season] = templates.dishes[(d + offset) % 12]!;
      const isNew = spec.newDishes !== undefined && d >= spec.dishes - 2;
      const dish: CatalogItem = {
        id: `${id}-d${d}`,
        kind: 'dish',
        name: d >= 12 ? `${name} (groß)` : name,
        cuisine: spec.cuisine,
        restaurantId: id,
        region: spec.region,
        diet: dietOf(diet),
        allergens: allergensOf(allergens),
        tags: [spec.cuisine, course],
        price: { amount: price + (d >= 12 ? 3 : 0), currency: 'EUR' },
        createdAt: new Date(end - (isNew ? spec.newDishes! : 400) * DAY_MS).toISOString(),
      };
      if (season) dish.seasonMonths = season;
      rows.push(dish);
    }
  });
  return rows;
}

const menuOf = (catalog: Catalog, restaurant: string) => catalog.menu.get(restaurant) ?? [];

function order(guest: Guest, at: number, hour: number, items: Iterable<string>): OrderFact {
  const day = Math.floor(at / DAY_MS) * DAY_MS;
  return {
    userId: null,
    anonymousId: guest.id,
    at: day + hour * 3_600_000 + Math.floor((at % 3_600_000) / 60_000) * 60_000,
    hour,
    items: [...new Set(items)],
  };
}

function finish(name: string, catalog: Catalog, guests: Guest[], orders: OrderFact[]): Population {
  orders.sort((a, b) => a.at - b.at || (a.anonymousId! < b.anonymousId! ? -1 : 1));
  return { name, catalog, guests, orders };
}

/** Orders per guest: a long tail (most order a few times, some often). */
const appetite = (random: Random, low: number, high: number) => low + Math.floor(random() ** 2.2 * (high - low + 1));

/** The demo generator, as the repository's own bench uses it. */
export function originalPopulation({ guests, seed }: PopulationOptions): Population {
  const catalog = syntheticCatalog(END, 3);
  const raw = syntheticOrders(catalog, { users: guests, orders: guests * 10, days: 90, seed, now: END });
  const people: Guest[] = Array.from({ length: guests }, (_, u) => ({ id: `g${u}`, diet: [], allergens: [] }));
  const orders = raw.map((o) =>
    order(
      people[o.user]!,
      o.at,
      o.hour,
      o.items.map((item) => item.product_id),
    ),
  );
  return finish('original', buildCatalog(catalog.items), people, orders);
}

export function regularsPopulation({ guests, seed }: PopulationOptions): Population {
  const random = prng(seed);
  const specs: RestaurantSpec[] = Array.from({ length: 40 }, (_, r) => ({
    cuisine: CUISINE_NAMES[r % CUISINE_NAMES.length]!,
    region: region(r % 5),
    dishes: 10,
  }));
  const catalog = buildCatalog(catalogOf(specs, random, END));
  const people: Guest[] = [];
  const orders: OrderFact[] = [];
  for (let g = 0; g < guests; g++) {
    const guest: Guest = { id: `g${g}`, diet: [], allergens: [] };
    people.push(guest);
    const home = region(Math.floor(random() * 5));
    const local = catalog.restaurants.filter((r) => r.region === home);
    const lunchPlace = pick(random, local).id;
    const dinnerPlace = pick(random, local).id;
    const lunchMenu = menuOf(catalog, lunchPlace);
    const dinnerMenu = menuOf(catalog, dinnerPlace);
    const lunch = [pick(random, lunchMenu).id, pick(random, lunchMenu).id];
    const dinner = [pick(random, dinnerMenu).id, pick(random, dinnerMenu).id, pick(random, dinnerMenu).id];
    const count = appetite(random, 3, 40);
    for (let o = 0; o < count; o++) {
      const at = END - random() * 120 * DAY_MS;
      const weekday = new Date(at).getUTCDay();
      const weekend = weekday === 0 || weekday === 5 || weekday === 6;
      if (random() < 0.3) {
        // A stray order: somewhere in the area, one or two dishes.
        const menu = menuOf(catalog, pick(random, local).id);
        orders.push(order(guest, at, 11 + Math.floor(random() * 10), [pick(random, menu).id, pick(random, menu).id]));
      } else if (weekend) {
        const items = dinner.filter(() => random() < 0.85);
        orders.push(order(guest, at, 19 + Math.floor(random() * 3), items.length ? items : [dinner[0]!]));
      } else {
        orders.push(order(guest, at, 12 + Math.floor(random() * 2), random() < 0.7 ? lunch : [lunch[0]!]));
      }
    }
  }
  return finish('regulars', catalog, people, orders);
}

export function explorersPopulation({ guests, seed }: PopulationOptions): Population {
  const random = prng(seed);
  const specs: RestaurantSpec[] = Array.from({ length: 36 }, (_, r) => ({
    cuisine: CUISINE_NAMES[(r * 7) % CUISINE_NAMES.length]!,
    region: region(r % 4),
    dishes: 12,
  }));
  const catalog = buildCatalog(catalogOf(specs, random, END));
  // A latent taste per dish: its cuisine's point plus noise; guests prefer dishes near their own point.
  const cuisinePoint = new Map(CUISINE_NAMES.map((c) => [c, [random() * 2 - 1, random() * 2 - 1, random() * 2 - 1]]));
  const taste = new Map(
    catalog.dishes.map((dish) => [dish.id, cuisinePoint.get(dish.cuisine!)!.map((v) => v + (random() - 0.5) * 0.8)]),
  );
  // Fixed pairings: each dish has one companion on its menu.
  const companion = new Map<string, string>();
  for (const restaurant of catalog.restaurants) {
    const menu = menuOf(catalog, restaurant.id);
    menu.forEach((dish, i) => {
      companion.set(dish.id, menu[(i * 5 + 3) % menu.length]!.id);
    });
  }
  const people: Guest[] = [];
  const orders: OrderFact[] = [];
  for (let g = 0; g < guests; g++) {
    const guest: Guest = { id: `g${g}`, diet: [], allergens: [] };
    people.push(guest);
    const home = region(Math.floor(random() * 4));
    const point = [random() * 2 - 1, random() * 2 - 1, random() * 2 - 1];
    const local = catalog.dishes.filter((d) => d.region === home);
    const affinity = local.map((d) => Math.exp(-3 * taste.get(d.id)!.reduce((s, v, i) => s + (v - point[i]!) ** 2, 0)));
    const seen = new Set<string>();
    const known = new Set<string>();
    const count = appetite(random, 2, 25);
    let at = END - 120 * DAY_MS + random() * 20 * DAY_MS;
    for (let o = 0; o < count; o++) {
      at += random() * 8 * DAY_MS;
      if (at > END) break;
      // Mostly an unseen dish, weighted by taste, twice as likely at a place the guest knows.
      let total = 0;
      const weights = local.map((d, i) => {
        const w = affinity[i]! * (seen.has(d.id) ? 0.15 : 1) * (known.has(d.restaurantId!) ? 2 : 1);
        total += w;
        return w;
      });
      let roll = random() * total;
      let main = local[0]!;
      for (let i = 0; i < local.length; i++) {
        roll -= weights[i]!;
        if (roll <= 0) {
          main = local[i]!;
          break;
        }
      }
      const items = [main.id];
      if (random() < 0.6) items.push(companion.get(main.id)!);
      for (const id of items) seen.add(id);
      known.add(main.restaurantId!);
      orders.push(order(guest, at, pick(random, [12, 13, 18, 19, 20, 21]), items));
    }
  }
  return finish('explorers', catalog, people, orders);
}

export function regionalPopulation({ guests, seed }: PopulationOptions): Population {
  const random = prng(seed);
  const areas = 8;
  const specs: RestaurantSpec[] = Array.from({ length: 48 }, (_, r) => ({
    cuisine: CUISINE_NAMES[(r * 3) % CUISINE_NAMES.length]!,
    region: region(r % areas),
    dishes: 10,
  }));
  const catalog = buildCatalog(catalogOf(specs, random, END));
  // Per area, local hits before and after a shift three weeks before the end.
  const hits = new Map<string, [string[], string[]]>();
  for (let a = 0; a < areas; a++) {
    const local = catalog.dishes.filter((d) => d.region === region(a));
    hits.set(region(a), [
      [pick(random, local).id, pick(random, local).id, pick(random, local).id],
      [pick(random, local).id, pick(random, local).id],
    ]);
  }
  const people: Guest[] = [];
  const orders: OrderFact[] = [];
  for (let g = 0; g < guests; g++) {
    const home = region(Math.floor(random() ** 1.3 * areas));
    const guest: Guest = { id: `g${g}`, diet: [], allergens: [] };
    if (random() < 0.7) guest.homeRegion = home;
    people.push(guest);
    const local = catalog.dishes.filter((d) => d.region === home);
    const [before, after] = hits.get(home)!;
    const count = appetite(random, 1, 8);
    for (let o = 0; o < count; o++) {
      const at = END - random() * 90 * DAY_MS;
      const recent = at > END - 21 * DAY_MS;
      const items: string[] = [];
      const roll = random();
      if (roll < 0.45) items.push(pick(random, recent ? after : before));
      else if (roll < 0.95) items.push(pick(random, local).id);
      else items.push(pick(random, catalog.dishes).id);
      if (random() < 0.4) items.push(pick(random, local).id);
      orders.push(order(guest, at, pick(random, [12, 13, 19, 20]), items));
    }
  }
  return finish('regional', catalog, people, orders);
}

export function coldstartPopulation({ guests, seed }: PopulationOptions): Population {
  const random = prng(seed);
  const end = END - 150 * DAY_MS; // an import of old history
  const specs: RestaurantSpec[] = Array.from({ length: 120 }, (_, r) => ({
    cuisine: pick(random, CUISINE_NAMES),
    region: region(r % 6),
    dishes: 6 + Math.floor(random() * 6),
    ...(r % 4 === 0 ? { newDishes: 20 } : {}),
  }));
  const catalog = buildCatalog(catalogOf(specs, random, end));
  // Popularity is a steep power law over dishes; new dishes take off after their launch.
  const appeal = new Map(catalog.dishes.map((d) => [d.id, random() ** 4]));
  const launched = (id: string) => Date.parse(catalog.byId.get(id)!.createdAt!);
  const people: Guest[] = [];
  const orders: OrderFact[] = [];
  for (let g = 0; g < guests; g++) {
    const home = region(Math.floor(random() * 6));
    const guest: Guest = { id: `g${g}`, diet: [], allergens: [] };
    if (random() < 0.5) guest.homeRegion = home;
    people.push(guest);
    const local = catalog.dishes.filter((d) => d.region === home);
    const count = random() < 0.6 ? 1 + Math.floor(random() * 2) : appetite(random, 3, 10);
    const cuisine = pick(random, CUISINE_NAMES);
    for (let o = 0; o < count; o++) {
      const at = end - random() ** 0.7 * 100 * DAY_MS;
      const open = local.filter((d) => launched(d.id) <= at);
      let total = 0;
      const weights = open.map((d) => {
        const fresh = at - launched(d.id) < 21 * DAY_MS ? 6 : 1;
        const w = (appeal.get(d.id)! + 0.01) * fresh * (d.cuisine === cuisine ? 3 : 1);
        total += w;
        return w;
      });
      const items: string[] = [];
      for (let n = 0; n < 1 + (random() < 0.5 ? 1 : 0); n++) {
        let roll = random() * total;
        for (let i = 0; i < open.length; i++) {
          roll -= weights[i]!;
          if (roll <= 0) {
            items.push(open[i]!.id);
            break;
          }
        }
      }
      if (items.length > 0) orders.push(order(guest, at, pick(random, [11, 12, 18, 19, 20]), items));
    }
  }
  return finish('coldstart', catalog, people, orders);
}

export function chainsPopulation({ guests, seed }: PopulationOptions): Population {
  const random = prng(seed);
  const areas = 6;
  const brands = ['Burger Eck', 'Pasta Punkt', 'Wok Welt', 'Döner Dome', 'Curry Kette', 'Taco Takt'];
  const brandCuisine = ['german', 'italian', 'vietnamese', 'turkish', 'indian', 'mexican'];
  const specs: RestaurantSpec[] = [];
  brands.forEach((brand, b) => {
    for (let a = 0; a < areas; a++)
      specs.push({ cuisine: brandCuisine[b]!, region: region(a), dishes: 18, chain: brand });
  });
  for (let s = 0; s < 30; s++)
    specs.push({ cuisine: pick(random, CUISINE_NAMES), region: region(s % areas), dishes: 6 });
  const catalog = buildCatalog(catalogOf(specs, random, END));
  const people: Guest[] = [];
  const orders: OrderFact[] = [];
  for (let g = 0; g < guests; g++) {
    const home = region(Math.floor(random() * areas));
    const guest: Guest = { id: `g${g}`, diet: [], allergens: [] };
    people.push(guest);
    const brand = Math.floor(random() * brands.length);
    const chainHere = catalog.restaurants.find((r) => r.region === home && r.name === brands[brand])!;
    const smallHere = catalog.restaurants.filter((r) => r.region === home && !brands.includes(r.name));
    const menu = menuOf(catalog, chainHere.id);
    // A usual basket of four from the chain: two mains the guest alternates, a side, a drink.
    const basket = [menu[Math.floor(random() * 6)]!.id, menu[6 + Math.floor(random() * 6)]!.id];
    const extras = menu.slice(12).map((d) => d.id);
    const count = appetite(random, 2, 20);
    for (let o = 0; o < count; o++) {
      const at = END - random() * 100 * DAY_MS;
      if (random() < 0.7) {
        const items = [random() < 0.6 ? basket[0]! : basket[1]!, pick(random, extras), pick(random, menu).id];
        if (random() < 0.5) items.push(pick(random, extras));
        orders.push(order(guest, at, pick(random, [12, 18, 19, 20]), items));
      } else {
        const place =
          smallHere.length > 0 && random() < 0.8 ? pick(random, smallHere) : pick(random, catalog.restaurants);
        orders.push(order(guest, at, pick(random, [12, 19, 20]), [pick(random, menuOf(catalog, place.id)).id]));
      }
    }
  }
  return finish('chains', catalog, people, orders);
}

const CONSTRAINTS: { diet: Diet[]; allergens: Allergen[] }[] = [
  { diet: ['vegan'], allergens: [] },
  { diet: ['vegetarian'], allergens: [] },
  { diet: ['gluten_free'], allergens: [] },
  { diet: [], allergens: ['nuts', 'peanuts'] },
  { diet: [], allergens: ['milk'] },
  { diet: ['halal'], allergens: ['gluten'] },
];

export function strictDietPopulation({ guests, seed }: PopulationOptions): Population {
  const random = prng(seed);
  const specs: RestaurantSpec[] = Array.from({ length: 40 }, (_, r) => ({
    cuisine: CUISINE_NAMES[r % CUISINE_NAMES.length]!,
    region: region(r % 4),
    dishes: 12,
  }));
  const catalog = buildCatalog(catalogOf(specs, random, END));
  // Everybody's taste: a few best sellers per restaurant, mostly meat, cheese and wheat.
  const appeal = new Map(
    catalog.dishes.map((d) => [d.id, (d.diet.includes('vegan') ? 0.3 : 1) * (0.2 + random() ** 3)]),
  );
  const fits = (d: CatalogItem, g: Guest) =>
    g.allergens.every((a) => !d.allergens.includes(a)) && g.diet.every((t) => d.diet.includes(t));
  const people: Guest[] = [];
  const orders: OrderFact[] = [];
  for (let g = 0; g < guests; g++) {
    const home = region(Math.floor(random() * 4));
    const constraint = random() < 0.6 ? pick(random, CONSTRAINTS) : { diet: [], allergens: [] };
    const guest: Guest = { id: `g${g}`, diet: [...constraint.diet], allergens: [...constraint.allergens] };
    people.push(guest);
    const options = catalog.dishes.filter((d) => d.region === home && fits(d, guest));
    if (options.length === 0) continue;
    const favourites = [pick(random, options).id, pick(random, options).id];
    const count = appetite(random, 2, 18);
    for (let o = 0; o < count; o++) {
      const at = END - random() * 90 * DAY_MS;
      const items: string[] = [];
      if (random() < 0.45) items.push(pick(random, favourites));
      let total = 0;
      for (const d of options) total += appeal.get(d.id)!;
      let roll = random() * total;
      for (const d of options) {
        roll -= appeal.get(d.id)!;
        if (roll <= 0) {
          items.push(d.id);
          break;
        }
      }
      if (items.length === 0) items.push(options[0]!.id);
      orders.push(order(guest, at, pick(random, [12, 13, 19, 20]), items));
    }
  }
  return finish('strictdiet', catalog, people, orders);
}

export const POPULATIONS = {
  original: originalPopulation,
  regulars: regularsPopulation,
  explorers: explorersPopulation,
  regional: regionalPopulation,
  coldstart: coldstartPopulation,
  chains: chainsPopulation,
  strictdiet: strictDietPopulation,
} as const;

export type PopulationName = keyof typeof POPULATIONS;
