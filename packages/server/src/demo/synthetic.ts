/**
 * Synthetic but structured demo data, reproducible from a seed: a catalogue of restaurants and dishes across
 * cuisines and regions (with diet tags and allergens), owner features, and an order history with the patterns a
 * recommender should find — users with cuisine affinities and favourite dishes, co-purchases (main + side),
 * regional habits, usual order hours, seasonal dishes and a few dishes trending in the last week.
 * Long because: mostly the tables the generator reads (cuisines, dishes, regions, restaurants) next to it; split,
 * every change to a table would touch two files.
 */
import type { Allergen, CatalogItem, Diet, JsonObject, ValidMessage } from '@matbakh/contract';
import type { Db } from '../db.ts';
import { storeMessages } from '../events.ts';
import { DAY_MS } from '../recommend/aggregates.ts';
import { upsertCatalog } from '../recommend/catalog.ts';
import { prng } from '../recommend/prng.ts';
import { deleteEvents } from '../storage/event-rows.ts';
import { seedDemoEngagement } from './engagement-seed.ts';

export { prng };

export const REGIONS = ['Berlin-Mitte', 'Berlin-Kreuzberg', 'Hamburg-Altona', 'München-Schwabing', 'Köln-Ehrenfeld'];

const DIET_CODES: Record<string, Diet[]> = {
  v: ['vegetarian'],
  vg: ['vegan', 'vegetarian', 'lactose_free'],
  h: ['halal'],
  gf: ['gluten_free'],
  lf: ['lactose_free'],
  p: ['pescatarian'],
  k: ['kosher'],
};
const ALLERGEN_CODES: Record<string, Allergen> = {
  g: 'gluten',
  m: 'milk',
  e: 'eggs',
  n: 'nuts',
  pn: 'peanuts',
  se: 'sesame',
  s: 'soybeans',
  f: 'fish',
  c: 'crustaceans',
  mo: 'molluscs',
  ce: 'celery',
  mu: 'mustard',
  su: 'sulphites',
  l: 'lupin',
};
const WINTER = [10, 11, 12, 1, 2, 3];
const SUMMER = [5, 6, 7, 8, 9];

/** [name, diet codes, allergen codes, price, course, season] */
export type Template = [string, string, string, number, 'main' | 'side' | 'dessert' | 'drink', number[]?];

export const CUISINES: Record<string, { restaurant: string[]; dishes: Template[] }> = {
  lebanese: {
    // Not 'Beirut Kitchen': that name belongs to the demo's own restaurant (DEMO_RESTAURANT below).
    restaurant: ['Byblos', 'Zaatar & Co', 'Cedar House'],
    dishes: [
      ['Falafel-Teller', 'vg h', 'se g', 11.5, 'main'],
      ['Shawarma Hähnchen', 'h lf', 'se g', 12.9, 'main'],
      ['Hummus', 'vg h gf', 'se', 5.5, 'side'],
      ['Tabbouleh', 'vg h', 'g', 5.9, 'side', SUMMER],
      ['Fattoush', 'vg h', 'g', 6.2, 'side', SUMMER],
      ['Kibbeh', 'h', 'g n', 9.8, 'main'],
      ['Linsensuppe', 'vg h gf', 'ce', 5.2, 'side', WINTER],
      ['Manakish Zaatar', 'vg h', 'g se', 6.5, 'main'],
      ['Halloumi-Grill', 'v h gf', 'm', 9.4, 'main'],
      ['Baklava', 'v h', 'g n m', 4.5, 'dessert'],
      ['Ayran', 'v h gf', 'm', 2.9, 'drink'],
      ['Minztee', 'vg h gf', '', 2.5, 'drink'],
    ],
  },
  syrian: {
    restaurant: ['Aleppo Grill', 'Damaskus Tisch', 'Yasmin'],
    dishes: [
      ['Mandi Lamm', 'h gf lf', '', 15.9, 'main'],
      ['Fatteh', 'v h', 'g m se n', 8.9, 'main'],
      ['Muhammara', 'vg h', 'n g', 5.8, 'side'],
      ['Baba Ghanoush', 'vg h gf', 'se', 5.6, 'side'],
      ['Kebab Halabi', 'h gf lf', '', 13.5, 'main'],
      ['Maqluba', 'h gf lf', '', 12.8, 'main'],
      ['Shorbat Adas', 'vg h gf', 'ce', 5.0, 'side', WINTER],
      ['Yalanji', 'vg h gf', '', 6.9, 'side', SUMMER],
      ['Sfiha', 'h', 'g', 7.2, 'main'],
      ['Knafeh', 'v h', 'g m n', 5.5, 'dessert'],
      ['Tamarindensaft', 'vg h gf', '', 3.2, 'drink', SUMMER],
      ['Arabischer Kaffee', 'vg h gf', '', 2.6, 'drink'],
    ],
  },
  turkish: {
    restaurant: ['Anatolia Grill', 'Bosporus', 'Kaya Lokanta'],
    dishes: [
      ['Döner Teller', 'h', 'g m se', 11.0, 'main'],
      ['Iskender', 'h', 'g m', 13.9, 'main'],
      ['Lahmacun', 'h', 'g', 6.5, 'main'],
      ['Pide mit Käse', 'v h', 'g m e', 9.5, 'main'],
      ['Mercimek Çorbası', 'vg h gf', 'ce', 4.9, 'side', WINTER],
      ['Çoban Salatası', 'vg h gf', '', 5.2, 'side', SUMMER],
      ['Sigara Böreği', 'v h', 'g m e', 5.9, 'side'],
      ['Köfte', 'h lf', 'g e', 12.2, 'main'],
      ['Imam Bayıldı', 'vg h gf', '', 10.5, 'main', SUMMER],
      ['Künefe', 'v h', 'g m n', 5.9, 'dessert'],
      ['Sütlaç', 'v h gf', 'm', 4.2, 'dessert'],
      ['Çay', 'vg h gf', '', 1.9, 'drink'],
    ],
  },
  italian: {
    restaurant: ['Trattoria Roma', 'Pizzeria Napoli', 'Osteria Verde'],
    dishes: [
      ['Pizza Margherita', 'v', 'g m', 9.5, 'main'],
      ['Pizza Diavola', '', 'g m', 11.5, 'main'],
      ['Spaghetti Carbonara', '', 'g e m', 12.5, 'main'],
      ['Penne Arrabbiata', 'vg', 'g', 10.5, 'main'],
      ['Risotto ai Funghi', 'v gf', 'm su', 13.9, 'main', WINTER],
      ['Lasagne', '', 'g m e ce', 12.9, 'main'],
      ['Insalata Caprese', 'v gf', 'm', 8.5, 'side', SUMMER],
      ['Bruschetta', 'vg', 'g', 6.0, 'side'],
      ['Minestrone', 'vg gf', 'ce', 6.5, 'side', WINTER],
      ['Tiramisu', 'v', 'g e m', 6.5, 'dessert'],
      ['Panna Cotta', 'v gf', 'm', 5.9, 'dessert'],
      ['Limonata', 'vg gf', '', 3.5, 'drink', SUMMER],
    ],
  },
  german: {
    restaurant: ['Wirtshaus Linde', 'Zum Goldenen Hirsch', 'Brotzeit'],
    dishes: [
      ['Schnitzel Wiener Art', '', 'g e', 14.5, 'main'],
      ['Käsespätzle', 'v', 'g e m', 11.9, 'main', WINTER],
      ['Currywurst', '', 'mu ce su', 7.5, 'main'],
      ['Rinderroulade', 'lf', 'mu ce su', 16.9, 'main', WINTER],
      ['Kartoffelsalat', 'vg gf', 'mu', 4.5, 'side'],
      ['Pommes', 'vg gf', '', 3.9, 'side'],
      ['Sauerkraut', 'vg gf', '', 3.5, 'side', WINTER],
      ['Flammkuchen', '', 'g m', 9.9, 'main'],
      ['Spargel mit Sauce Hollandaise', 'v gf', 'e m', 18.5, 'main', [4, 5, 6]],
      ['Apfelstrudel', 'v', 'g m e n', 5.5, 'dessert'],
      ['Rote Grütze', 'v gf', 'm', 4.9, 'dessert', SUMMER],
      ['Apfelschorle', 'vg gf', '', 2.9, 'drink'],
    ],
  },
  indian: {
    restaurant: ['Taj Mahal', 'Masala House', 'Chennai Express'],
    dishes: [
      ['Butter Chicken', 'h gf', 'm n', 13.9, 'main'],
      ['Chana Masala', 'vg h gf', '', 10.9, 'main'],
      ['Palak Paneer', 'v h gf', 'm', 11.9, 'main'],
      ['Lamm Rogan Josh', 'h gf', 'm', 15.5, 'main', WINTER],
      ['Dal Tadka', 'vg h gf', 'mu', 9.5, 'main'],
      ['Garlic Naan', 'v h', 'g m', 3.5, 'side'],
      ['Basmati-Reis', 'vg h gf', '', 2.9, 'side'],
      ['Samosa', 'vg h', 'g', 5.5, 'side'],
      ['Masala Dosa', 'vg h gf', 'mu', 10.5, 'main'],
      ['Gulab Jamun', 'v h', 'g m', 4.9, 'dessert'],
      ['Mango Lassi', 'v h gf', 'm', 3.9, 'drink', SUMMER],
      ['Masala Chai', 'v h gf', 'm', 2.9, 'drink', WINTER],
    ],
  },
  japanese: {
    restaurant: ['Sakura Sushi', 'Ramen Ya', 'Izakaya Kumo'],
    dishes: [
      ['Lachs-Nigiri', 'p gf', 'f', 6.5, 'main'],
      ['California Roll', 'p', 'c e se s', 8.9, 'main'],
      ['Avocado Maki', 'vg', 'se s', 5.5, 'main'],
      ['Tonkotsu Ramen', '', 'g s e se', 13.5, 'main', WINTER],
      ['Miso Ramen (vegan)', 'vg', 'g s se', 12.5, 'main', WINTER],
      ['Gyoza', '', 'g s se', 6.5, 'side'],
      ['Edamame', 'vg gf', 's', 4.5, 'side'],
      ['Misosuppe', 'vg', 's', 3.5, 'side'],
      ['Tempura Garnelen', 'p', 'c g e', 9.9, 'main'],
      ['Mochi', 'vg gf', '', 4.9, 'dessert'],
      ['Matcha-Eis', 'v gf', 'm', 4.5, 'dessert', SUMMER],
      ['Grüner Tee', 'vg gf', '', 2.5, 'drink'],
    ],
  },
  vietnamese: {
    restaurant: ['Pho Saigon', 'Hanoi Street', 'Lotus'],
    dishes: [
      ['Pho Bo', 'gf lf', 'f', 12.5, 'main', WINTER],
      ['Pho Chay', 'vg gf', 's', 11.5, 'main'],
      ['Bun Bo Nam Bo', 'gf lf', 'pn f', 12.9, 'main', SUMMER],
      ['Banh Mi', 'lf', 'g e s', 7.5, 'main'],
      ['Sommerrollen', 'vg gf', 'pn s', 6.0, 'side', SUMMER],
      ['Frühlingsrollen', 'lf', 'g s', 5.5, 'side'],
      ['Curry mit Tofu', 'vg gf', 's pn', 11.9, 'main'],
      ['Com Ga', 'gf lf', 'f', 11.5, 'main'],
      ['Glasnudelsalat', 'lf gf', 'pn f c', 9.5, 'side', SUMMER],
      ['Che Ba Mau', 'vg gf', '', 4.5, 'dessert'],
      ['Vietnamesischer Eiskaffee', 'v gf', 'm', 3.9, 'drink', SUMMER],
      ['Lychee-Limonade', 'vg gf', '', 3.5, 'drink'],
    ],
  },
  mexican: {
    restaurant: ['Cantina Azul', 'Taqueria Sol', 'El Nopal'],
    dishes: [
      ['Tacos al Pastor', 'gf lf', '', 10.5, 'main'],
      ['Burrito Bohne', 'vg', 'g', 9.9, 'main'],
      ['Quesadilla', 'v', 'g m', 8.5, 'main'],
      ['Enchiladas', '', 'g m', 12.5, 'main'],
      ['Chili sin Carne', 'vg gf', 'ce', 10.9, 'main', WINTER],
      ['Guacamole & Chips', 'vg gf', '', 5.9, 'side'],
      ['Elote', 'v gf', 'm e', 4.9, 'side', SUMMER],
      ['Nachos', 'v gf', 'm', 7.5, 'side'],
      ['Fisch-Tacos', 'p', 'f g e', 11.5, 'main', SUMMER],
      ['Churros', 'v', 'g e m', 5.5, 'dessert'],
      ['Horchata', 'v gf', 'm n', 3.9, 'drink'],
      ['Agua Fresca', 'vg gf', '', 3.5, 'drink', SUMMER],
    ],
  },
  greek: {
    restaurant: ['Taverna Olympia', 'Mykonos', 'Akropolis'],
    dishes: [
      ['Gyros Teller', 'lf', 'g', 13.5, 'main'],
      ['Souvlaki', 'gf lf', '', 12.9, 'main'],
      ['Moussaka', '', 'g m e', 13.9, 'main', WINTER],
      ['Bauernsalat', 'v gf', 'm', 8.9, 'side', SUMMER],
      ['Tzatziki', 'v gf', 'm', 4.5, 'side'],
      ['Spanakopita', 'v', 'g m e', 7.9, 'main'],
      ['Gegrillter Oktopus', 'p gf lf', 'mo', 17.5, 'main', SUMMER],
      ['Gigantes', 'vg gf', 'ce', 6.9, 'side'],
      ['Dolmades', 'vg gf', '', 6.5, 'side'],
      ['Loukoumades', 'v', 'g m n', 5.5, 'dessert'],
      ['Griechischer Joghurt mit Honig', 'v gf', 'm n', 4.9, 'dessert'],
      ['Frappé', 'v gf', 'm', 3.5, 'drink', SUMMER],
    ],
  },
};

export const FEATURES: CatalogItem[] = [
  {
    id: 'feature:analytics',
    kind: 'feature',
    name: 'Analytics-Upgrade',
    description: 'Umsatz, Bestseller und Auslastung aller Standorte in einem Dashboard',
    diet: [],
    allergens: [],
    tags: ['upgrade'],
    price: { amount: 29, currency: 'EUR' },
    url: 'https://matbakh.app/features/analytics',
  },
  {
    id: 'feature:online_ordering',
    kind: 'feature',
    name: 'Online-Bestellung',
    description: 'Bestellungen direkt über Ihre Website, ohne Provision',
    diet: [],
    allergens: [],
    tags: ['service'],
    url: 'https://matbakh.app/features/online-ordering',
  },
  {
    id: 'feature:delivery_zones',
    kind: 'feature',
    name: 'Lieferzonen',
    description: 'Liefergebiete, Mindestbestellwert und Gebühren pro Zone',
    diet: [],
    allergens: [],
    tags: ['service'],
    requirements: { services: ['online_ordering'] },
    url: 'https://matbakh.app/features/delivery-zones',
  },
  {
    id: 'feature:loyalty',
    kind: 'feature',
    name: 'Treueprogramm',
    description: 'Stempelkarte und Prämien für Stammgäste',
    diet: [],
    allergens: [],
    tags: ['marketing'],
    url: 'https://matbakh.app/features/loyalty',
  },
  {
    id: 'feature:table_reservations',
    kind: 'feature',
    name: 'Tischreservierung',
    description: 'Reservierungen online annehmen, mit Erinnerung',
    diet: [],
    allergens: [],
    tags: ['service'],
    requirements: { restaurantTypes: ['casual', 'fine_dining'] },
    url: 'https://matbakh.app/features/reservations',
  },
];

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export interface SyntheticCatalog {
  items: CatalogItem[];
  restaurants: CatalogItem[];
  dishes: CatalogItem[];
}

/**
 * `restaurantsPerCuisine` × 10 cuisines restaurants, 10 dishes each (of the cuisine's 12, rotated), spread over
 * REGIONS. Default 3 per cuisine: 30 restaurants, 300 dishes.
 */
export function syntheticCatalog(now: number, restaurantsPerCuisine = 3): SyntheticCatalog {
  const restaurants: CatalogItem[] = [];
  const dishes: CatalogItem[] = [];
  let index = 0;
  for (const [cuisine, { restaurant: names, dishes: templates }] of Object.entries(CUISINES)) {
    for (let r = 0; r < restaurantsPerCuisine; r++) {
      const name = r < names.length ? names[r]! : `${names[r % names.length]} ${Math.floor(r / names.length) + 1}`;
      const id = `r-${String(index + 1).padStart(3, '0')}`;
      const region = REGIONS[index % REGIONS.length]!;
      restaurants.push({
        id,
        kind: 'restaurant',
        name,
        cuisine,
        region,
        diet: [],
        allergens: [],
        tags: [cuisine],
        url: `https://matbakh.app/r/${slug(name)}`,
        createdAt: new Date(now - 400 * DAY_MS).toISOString(),
      });
      for (let d = 0; d < 10; d++) {
        const [title, dietCodes, allergenCodes, price, course, season] = templates[(d + r * 2) % templates.length]!;
        const diet = [...new Set(dietCodes.split(' ').flatMap((code) => DIET_CODES[code] ?? []))];
        const allergens = allergenCodes
          .split(' ')
          .map((code) => ALLERGEN_CODES[code])
          .filter((a): a is Allergen => a !== undefined);
        const dish: CatalogItem = {
          id: `d-${String(index + 1).padStart(3, '0')}-${String(d + 1).padStart(2, '0')}`,
          kind: 'dish',
          name: title,
          cuisine,
          restaurantId: id,
          region,
          diet,
          allergens,
          tags: [cuisine, course],
          price: { amount: Math.round((price + (r % 3) * 0.4) * 10) / 10, currency: 'EUR' },
          url: `https://matbakh.app/r/${slug(name)}#${slug(title)}`,
          // A few dishes are new on the menu.
          createdAt: new Date(now - ((index * 10 + d) % 37 === 0 ? 5 : 200) * DAY_MS).toISOString(),
        };
        if (season) dish.seasonMonths = season;
        dishes.push(dish);
      }
      index++;
    }
  }
  return { items: [...restaurants, ...dishes, ...FEATURES], restaurants, dishes };
}

export interface SyntheticOrder {
  user: number;
  at: number;
  hour: number;
  items: { product_id: string; quantity: number; price: number }[];
  revenue: number;
}

export interface HistoryOptions {
  users: number;
  orders: number;
  /** How far back orders go. */
  days: number;
  seed: number;
  now: number;
}

/**
 * Orders, oldest first, with the structure described at the top of this file.
 * Long because: one pass over days and visitors that keeps the structure described at the top (affinities,
 * favourites, co-purchases, trends) in shared per-visitor state.
 */
export function syntheticOrders(catalog: SyntheticCatalog, options: HistoryOptions): SyntheticOrder[] {
  const random = prng(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const cuisines = Object.keys(CUISINES);
  const byRegionCuisine = new Map<string, CatalogItem[]>();
  for (const restaurant of catalog.restaurants) {
    const key = `${restaurant.region}|${restaurant.cuisine}`;
    byRegionCuisine.set(key, [...(byRegionCuisine.get(key) ?? []), restaurant]);
  }
  const dishById = new Map(catalog.dishes.map((dish) => [dish.id, dish]));
  const menu = new Map<string, CatalogItem[]>();
  for (const dish of catalog.dishes) menu.set(dish.restaurantId!, [...(menu.get(dish.restaurantId!) ?? []), dish]);
  const inRegion = (region: string) => catalog.restaurants.filter((r) => r.region === region);
  const regionRestaurants = new Map(REGIONS.map((region) => [region, inRegion(region)]));
  // A few dishes trend in the last week.
  const trending = new Set(catalog.dishes.filter((_, i) => i % 23 === 7).map((d) => d.id));

  interface User {
    region: string;
    cuisines: string[];
    hour: number;
    favourites: Set<string>;
    weight: number;
  }
  const users: User[] = [];
  let totalWeight = 0;
  for (let u = 0; u < options.users; u++) {
    // Regions differ in size; so do appetites (a long tail of occasional guests).
    const region = REGIONS[Math.min(REGIONS.length - 1, Math.floor(random() ** 1.4 * REGIONS.length))]!;
    const primary = pick(cuisines);
    let secondary = pick(cuisines);
    if (secondary === primary) secondary = pick(cuisines);
    const hour = pick([12, 12, 13, 13, 18, 19, 19, 20, 20, 21]);
    const local = regionRestaurants.get(region)!.filter((r) => r.cuisine === primary || r.cuisine === secondary);
    const pool = (local.length > 0 ? local : regionRestaurants.get(region)!).flatMap((r) => menu.get(r.id) ?? []);
    const favourites = new Set<string>();
    for (let f = 0; f < 3 && pool.length > 0; f++) favourites.add(pick(pool).id);
    const weight = 0.3 + random() ** 2 * 3;
    totalWeight += weight;
    users.push({ region, cuisines: [primary, secondary], hour, favourites, weight });
  }

  const orders: SyntheticOrder[] = [];
  for (let u = 0; u < users.length; u++) {
    const user = users[u]!;
    const count = Math.max(2, Math.round((options.orders * user.weight) / totalWeight));
    for (let o = 0; o < count; o++) {
      const roll = random();
      const cuisine = roll < 0.65 ? user.cuisines[0]! : roll < 0.85 ? user.cuisines[1]! : pick(cuisines);
      const local = byRegionCuisine.get(`${user.region}|${cuisine}`);
      const restaurant = local?.length ? pick(local) : pick(regionRestaurants.get(user.region)!);
      const dishes = menu.get(restaurant.id) ?? [];
      const daysAgo = random() * options.days;
      const at = options.now - daysAgo * DAY_MS;
      const chosen = new Set<string>();
      const favourite = dishes.find((d) => user.favourites.has(d.id) && random() < 0.6);
      // Popularity within a menu falls off (the first dishes of a menu are its best sellers).
      const main = favourite ?? dishes[Math.floor(random() ** 2 * dishes.length)]!;
      chosen.add(main.id);
      const mainIndex = dishes.indexOf(main);
      if (random() < 0.55) chosen.add(dishes[(mainIndex + 5) % dishes.length]!.id); // the usual side
      if (random() < 0.25) chosen.add(pick(dishes).id);
      if (daysAgo < 7) {
        const hot = dishes.find((d) => trending.has(d.id));
        if (hot && random() < 0.6) chosen.add(hot.id);
      }
      const month = new Date(at).getUTCMonth() + 1;
      const seasonal = dishes.find((d) => d.seasonMonths?.includes(month) && !chosen.has(d.id));
      if (seasonal && random() < 0.2) chosen.add(seasonal.id);
      const hour =
        random() < 0.75
          ? (user.hour + (random() < 0.5 ? 0 : random() < 0.5 ? -1 : 1) + 24) % 24
          : pick([11, 12, 13, 17, 18, 19, 20, 21, 22]);
      const items = [...chosen].map((id) => {
        const dish = dishById.get(id) ?? main;
        return { product_id: id, quantity: random() < 0.85 ? 1 : 2, price: dish.price?.amount ?? 0 };
      });
      const day = Math.floor(at / DAY_MS) * DAY_MS;
      const minute = Math.floor(random() * 60);
      orders.push({
        user: u,
        at: day + hour * 3_600_000 + minute * 60_000,
        hour,
        items,
        revenue: Math.round(items.reduce((sum, item) => sum + item.price * item.quantity, 0) * 100) / 100,
      });
    }
  }
  orders.sort((a, b) => a.at - b.at || a.user - b.user);
  return orders.filter((order) => order.at <= options.now);
}

export const SEED_MESSAGE_PREFIX = 'seed-rec-';
export const anonymousIdOf = (user: number) => `anon-guest-${user}`;

const LIBRARY: JsonObject = { library: { name: 'matbakh-seed', version: '1' } };

export function orderMessages(orders: readonly SyntheticOrder[], prefix = SEED_MESSAGE_PREFIX): ValidMessage[] {
  return orders.map((order, index) => ({
    index,
    type: 'track',
    messageId: `${prefix}${index}`,
    timestamp: new Date(order.at).toISOString(),
    anonymousId: anonymousIdOf(order.user),
    event: 'Order Completed',
    properties: { order_id: `o-${index}`, products: order.items, revenue: order.revenue, currency: 'EUR' },
    context: LIBRARY,
  }));
}

/** The owner side of the demo: each restaurant's setup as `group` traits, and the demo owner's feature usage. */
export function ownerMessages(catalog: SyntheticCatalog, now: number, prefix = SEED_MESSAGE_PREFIX): ValidMessage[] {
  const messages: ValidMessage[] = [];
  const services = [
    ['online_ordering'],
    ['online_ordering', 'analytics'],
    [],
    ['table_reservations'],
    ['online_ordering', 'delivery_zones'],
  ];
  const types = ['casual', 'quick_service', 'fine_dining', 'casual', 'delivery_only'];
  catalog.restaurants.forEach((restaurant, i) => {
    // The demo owner runs DEMO_RESTAURANT (see demoOwnerMessages), not one of these.
    const owner = `owner-${i}`;
    messages.push({
      index: messages.length,
      type: 'group',
      messageId: `${prefix}group-${i}`,
      timestamp: new Date(now - 30 * DAY_MS).toISOString(),
      anonymousId: `anon-${owner}`,
      userId: owner,
      groupId: restaurant.id,
      traits: {
        name: restaurant.name,
        restaurant_type: types[i % types.length]!,
        size: i % 3 === 0 ? 'large' : 'small',
        locations: 1 + (i % 3),
        services: services[i % services.length]!,
      },
      context: LIBRARY,
    });
  });
  return messages;
}

/**
 * The demo's own restaurant, the one the example pages show: the partner site's menu (product ids `d-falafel`,
 * `d-shawarma`, `d-fattoush`) and the owner example's restaurant. Run by {@link DEMO_OWNER_ID}.
 */
export const DEMO_RESTAURANT_ID = 'rest_demo_beirut';
/** The demo owner: `/v1/demo/identity` signs it (it starts with `demo_`). */
export const DEMO_OWNER_ID = 'demo_owner';
export const DEMO_OWNER_ANONYMOUS_ID = 'anon-demo_owner';
/** Where Beirut Kitchen is (the catalogue's region; the owner's `group` traits say country DE). */
export const DEMO_REGION = REGIONS[0]!;
/** Ids of the demo restaurant's dishes; the first three are on the partner site's menu. */
export const DEMO_DISH_IDS = [
  'd-falafel',
  'd-shawarma',
  'd-fattoush',
  'd-hummus',
  'd-tabbouleh',
  'd-kibbeh',
  'd-manakish',
  'd-halloumi',
  'd-lentil-soup',
  'd-baklava',
  'd-ayran',
  'd-mint-tea',
] as const;
type DemoDishId = (typeof DEMO_DISH_IDS)[number];

/** [name, description, diet codes, allergen codes, price, course, season]; prices as on the partner site. */
const DEMO_DISHES: Record<DemoDishId, [string, string, string, string, number, Template[4], number[]?]> = {
  'd-falafel': ['Falafel-Teller', 'Hummus, Salat, Fladenbrot', 'vg h', 'g se', 11.5, 'main'],
  'd-shawarma': ['Shawarma', 'Hähnchen, Knoblauchcreme', 'h lf', 'g se', 13.9, 'main'],
  'd-fattoush': ['Fattoush', 'Sumach, Granatapfel', 'vg h', 'g', 8.2, 'side'],
  'd-hummus': ['Hummus', 'Kichererbsen, Tahini, Olivenöl', 'vg h gf', 'se', 5.5, 'side'],
  'd-tabbouleh': ['Tabbouleh', 'Petersilie, Bulgur, Zitrone', 'vg h', 'g', 6.2, 'side', SUMMER],
  'd-kibbeh': ['Kibbeh', 'Bulgur, Lamm, Walnüsse', 'h lf', 'g n', 9.8, 'main'],
  'd-manakish': ["Manakish Za'atar", 'Fladenbrot mit Thymian und Sesam', 'vg h', 'g se', 6.5, 'main'],
  'd-halloumi': ['Halloumi-Grill', 'Gegrillter Halloumi, Tomate, Minze', 'v h gf', 'm', 9.4, 'main'],
  'd-lentil-soup': ['Linsensuppe', 'Rote Linsen, Kreuzkümmel, Zitrone', 'vg h gf', 'ce', 5.2, 'side', WINTER],
  'd-baklava': ['Baklava', 'Blätterteig, Pistazien, Sirup', 'v h', 'g n m', 4.5, 'dessert'],
  'd-ayran': ['Ayran', 'Joghurtgetränk', 'v h gf', 'm', 2.9, 'drink'],
  'd-mint-tea': ['Minztee', 'Frische Minze', 'vg h gf', '', 2.5, 'drink'],
};

export const dietOf = (codes: string) => [...new Set(codes.split(' ').flatMap((code) => DIET_CODES[code] ?? []))];
export const allergensOf = (codes: string) =>
  codes
    .split(' ')
    .map((code) => ALLERGEN_CODES[code])
    .filter((a): a is Allergen => a !== undefined);

/** Beirut Kitchen and its 12 dishes. */
export function demoRestaurantCatalog(now: number): { restaurant: CatalogItem; dishes: CatalogItem[] } {
  const restaurant: CatalogItem = {
    id: DEMO_RESTAURANT_ID,
    kind: 'restaurant',
    name: 'Beirut Kitchen',
    description: 'Libanesische Küche in Berlin-Mitte',
    cuisine: 'lebanese',
    region: DEMO_REGION,
    diet: [],
    allergens: [],
    tags: ['lebanese'],
    url: 'https://matbakh.app/r/beirut-kitchen',
    createdAt: new Date(now - 400 * DAY_MS).toISOString(),
  };
  const dishes = DEMO_DISH_IDS.map((id): CatalogItem => {
    const [name, description, diet, allergens, price, course, season] = DEMO_DISHES[id];
    const dish: CatalogItem = {
      id,
      kind: 'dish',
      name,
      description,
      cuisine: 'lebanese',
      restaurantId: DEMO_RESTAURANT_ID,
      region: DEMO_REGION,
      diet: dietOf(diet),
      allergens: allergensOf(allergens),
      tags: ['lebanese', course],
      price: { amount: price, currency: 'EUR' },
      url: `https://matbakh.app/r/beirut-kitchen#${id.slice(2)}`,
      createdAt: new Date(now - 200 * DAY_MS).toISOString(),
    };
    if (season) dish.seasonMonths = season;
    return dish;
  });
  return { restaurant, dishes };
}

/** Orders per day relative to the average, by UTC weekday (Sunday first): quiet early week, busy weekend. */
export const DEMO_WEEKDAY_FACTORS = [1.15, 0.7, 0.8, 0.85, 1.0, 1.35, 1.45] as const;
const DEMO_ORDERS_PER_DAY = 24;
const DEMO_WEEKS = 8;
/** Yesterday's orders as a share of the same weekday's average of the 4 weeks before: a 40 % drop, a warning. */
export const DEMO_YESTERDAY_SHARE = 0.6;
const DEMO_GUESTS = 180;

/** Which dishes go with a main, and how often (the co-occurrence the recommender should find). */
const DEMO_MAINS: [DemoDishId, number, [DemoDishId, number][]][] = [
  [
    'd-falafel',
    0.3,
    [
      ['d-hummus', 0.55],
      ['d-fattoush', 0.35],
    ],
  ],
  [
    'd-shawarma',
    0.3,
    [
      ['d-fattoush', 0.5],
      ['d-hummus', 0.3],
    ],
  ],
  ['d-kibbeh', 0.12, [['d-tabbouleh', 0.5]]],
  ['d-halloumi', 0.12, [['d-fattoush', 0.4]]],
  ['d-manakish', 0.16, [['d-ayran', 0.45]]],
];

/** The entry whose share of the (summed to 1) weights `roll` ∈ [0, 1) falls into. */
function pickWeighted<T extends readonly [unknown, number, ...unknown[]]>(list: readonly T[], roll: number): T {
  let left = roll;
  for (const entry of list) {
    left -= entry[1];
    if (left < 0) return entry;
  }
  return list.at(-1)!;
}

/**
 * Regulars drift away too: every fourth guest (1, 5, 9, …) stops ordering on a day spread over the weeks shown, and
 * their later orders go to the next guest, so the day's count stays. Some stopped long ago, some only lately — the
 * owner's "regulars at risk" (churn/) has both kinds to learn from and the recent ones to show.
 */
function stayingGuest(guest: number, day: number, today: number): number {
  if (guest % 4 !== 1) return guest;
  const stoppedDaysAgo = 3 + ((guest * 37) % (DEMO_WEEKS * 7 - 10));
  return day > today - stoppedDaysAgo * DAY_MS ? guest + 1 : guest;
}

/**
 * Beirut Kitchen's last {@link DEMO_WEEKS} weeks of orders, one series per full UTC day up to yesterday, with the
 * weekday pattern above, ±10 % noise, and yesterday {@link DEMO_YESTERDAY_SHARE} of its weekday average, so the
 * owner's insights show a health alert. Each order carries `restaurant_id` (what the restaurant's backend sends),
 * products and revenue. Reproducible: the same `now` day and seed give the same orders.
 */
export function demoRestaurantOrders(now: number, seed = 7): ValidMessage[] {
  const random = prng(seed);
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const { dishes } = demoRestaurantCatalog(now);
  const price = new Map(dishes.map((dish) => [dish.id, dish.price!.amount]));
  const counts = new Map<number, number>();
  for (let back = DEMO_WEEKS * 7; back >= 2; back--) {
    const day = today - back * DAY_MS;
    const factor = DEMO_WEEKDAY_FACTORS[new Date(day).getUTCDay()]!;
    counts.set(day, Math.round(DEMO_ORDERS_PER_DAY * factor * (0.9 + random() * 0.2)));
  }
  const yesterday = today - DAY_MS;
  const baseline = [1, 2, 3, 4].reduce((sum, weeks) => sum + counts.get(yesterday - weeks * 7 * DAY_MS)!, 0) / 4;
  counts.set(yesterday, Math.round(baseline * DEMO_YESTERDAY_SHARE));

  const messages: ValidMessage[] = [];
  for (const [day, count] of counts) {
    const month = new Date(day).getUTCMonth() + 1;
    for (let n = 0; n < count; n++) {
      const chosen: DemoDishId[] = [];
      const main = pickWeighted(DEMO_MAINS, random());
      chosen.push(main[0]);
      for (const [side, chance] of main[2]) if (random() < chance) chosen.push(side);
      if (month >= 10 || month <= 3 ? random() < 0.25 : false) chosen.push('d-lentil-soup');
      if (random() < 0.3 && !chosen.includes('d-ayran')) chosen.push(random() < 0.5 ? 'd-ayran' : 'd-mint-tea');
      if (random() < 0.2) chosen.push('d-baklava');
      const products = chosen.map((id) => ({
        product_id: id,
        quantity: random() < 0.85 ? 1 : 2,
        price: price.get(id)!,
      }));
      const revenue = Math.round(products.reduce((sum, p) => sum + p.price * p.quantity, 0) * 100) / 100;
      // Lunch 11–14 h or dinner 17–21 h (UTC), never later than the day.
      const hour = random() < 0.4 ? 11 + Math.floor(random() * 3) : 17 + Math.floor(random() * 5);
      const at = day + hour * 3_600_000 + Math.floor(random() * 60) * 60_000;
      const guest = stayingGuest(Math.floor(random() ** 2 * DEMO_GUESTS), day, today);
      const index = messages.length;
      messages.push({
        index,
        type: 'track',
        messageId: `${SEED_MESSAGE_PREFIX}beirut-${index}`,
        timestamp: new Date(at).toISOString(),
        anonymousId: `anon-beirut-guest-${guest}`,
        event: 'Order Completed',
        properties: {
          order_id: `o-beirut-${index}`,
          restaurant_id: DEMO_RESTAURANT_ID,
          products,
          revenue,
          currency: 'EUR',
        },
        context: LIBRARY,
      });
    }
  }
  return messages;
}

/**
 * The demo owner's side: the `group` call of Beirut Kitchen with its setup (4 locations, online ordering, no
 * analytics — the Analytics upsell case; country DE for the seasonal suggestions) and its use of the reports.
 */
const DEMO_GROUP_AGE_DAYS = 60;

export function demoOwnerMessages(now: number, prefix = SEED_MESSAGE_PREFIX): ValidMessage[] {
  const messages: ValidMessage[] = [
    {
      index: 0,
      type: 'group',
      messageId: `${prefix}group-demo`,
      timestamp: new Date(now - DEMO_GROUP_AGE_DAYS * DAY_MS).toISOString(),
      anonymousId: DEMO_OWNER_ANONYMOUS_ID,
      userId: DEMO_OWNER_ID,
      groupId: DEMO_RESTAURANT_ID,
      traits: {
        name: 'Beirut Kitchen',
        type: 'casual',
        size: 'large',
        locations: 4,
        services: ['online_ordering'],
        address: { city: 'Berlin', country: 'DE' },
      },
      context: LIBRARY,
    },
  ];
  for (let k = 0; k < 8; k++) {
    messages.push({
      index: messages.length,
      type: 'track',
      messageId: `${prefix}feature-${k}`,
      timestamp: new Date(now - (k * 3 + 1) * DAY_MS).toISOString(),
      anonymousId: DEMO_OWNER_ANONYMOUS_ID,
      userId: DEMO_OWNER_ID,
      event: 'Feature Used',
      properties: { feature: 'reports', groupId: DEMO_RESTAURANT_ID },
      context: LIBRARY,
    });
  }
  return messages;
}

export interface SeedSummary {
  restaurants: number;
  dishes: number;
  features: number;
  orders: number;
  /** Of `orders`: Beirut Kitchen's (the demo owner's restaurant). */
  demoOrders: number;
  ms: number;
}

/**
 * The demo's catalogue and history for a tenant: idempotent (the catalogue is upserted; earlier seeded events are
 * replaced, so their times stay recent — "yesterday" is always yesterday), reproducible (seed 42) and fast
 * (≈ 600 users, 6,000 orders, plus Beirut Kitchen's ≈ 1,400 orders and its owner's setup).
 */
export async function seedDemoRecommendations(
  db: Db,
  tenantId: string,
  now: number,
  options: { users?: number; orders?: number; seed?: number } = {},
): Promise<SeedSummary> {
  const started = performance.now();
  const catalog = syntheticCatalog(now);
  const demo = demoRestaurantCatalog(now);
  const orders = syntheticOrders(catalog, {
    users: options.users ?? 600,
    orders: options.orders ?? 6_000,
    days: 56,
    seed: options.seed ?? 42,
    now,
  });
  const demoOrders = demoRestaurantOrders(now);
  await upsertCatalog(db, tenantId, [demo.restaurant, ...demo.dishes, ...catalog.items], now);
  await db.transaction(async (tx) => {
    await deleteEvents(tx, tenantId, `message_id LIKE '${SEED_MESSAGE_PREFIX}%'`, []);
    await storeMessages(
      tx,
      tenantId,
      [...ownerMessages(catalog, now), ...demoOwnerMessages(now), ...orderMessages(orders), ...demoOrders],
      now,
    );
    await seedDemoEngagement(tx, tenantId, now, demo.dishes);
  });
  return {
    restaurants: catalog.restaurants.length + 1,
    dishes: catalog.dishes.length + demo.dishes.length,
    features: FEATURES.length,
    orders: orders.length + demoOrders.length,
    demoOrders: demoOrders.length,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * {@link seedDemoRecommendations} unless this tenant's demo data was already seeded on the same UTC day (then its
 * "yesterday" is still right): a server restarted the same day starts at once. `undefined` when skipped.
 */
export async function ensureDemoData(db: Db, tenantId: string, now: number): Promise<SeedSummary | undefined> {
  const group = await db.get<{ timestamp: string }>(
    'SELECT timestamp FROM events WHERE tenant_id = ? AND message_id = ?',
    [tenantId, `${SEED_MESSAGE_PREFIX}group-demo`],
  );
  const restaurant = await db.get('SELECT 1 AS found FROM catalog_items WHERE tenant_id = ? AND id = ?', [
    tenantId,
    DEMO_RESTAURANT_ID,
  ]);
  const seededOn = group && Math.floor((Date.parse(group.timestamp) + DEMO_GROUP_AGE_DAYS * DAY_MS) / DAY_MS);
  if (restaurant !== undefined && seededOn === Math.floor(now / DAY_MS)) return undefined;
  return seedDemoRecommendations(db, tenantId, now);
}
