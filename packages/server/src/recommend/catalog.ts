import type { CatalogItem } from '@matbakh/contract';
import type { Db } from '../db.ts';

/**
 * One tenant's catalogue in memory, as the ranker reads it. Dishes inherit their restaurant's region and cuisine
 * when the row leaves them out, so every dish can be placed in a region.
 */
export interface Catalog {
  items: CatalogItem[];
  byId: Map<string, CatalogItem>;
  dishes: CatalogItem[];
  restaurants: CatalogItem[];
  features: CatalogItem[];
  /** Dishes by restaurant id. */
  menu: Map<string, CatalogItem[]>;
  /** `createdAt` as ms, parsed once (the novelty signal). */
  createdAt: Map<string, number>;
  /** Changes whenever the stored catalogue changes (caches key on it). */
  stamp: string;
}

interface Row {
  data: string;
  created_at: string;
}

/**
 * Idempotent upsert by id in one transaction: a second upload of the same file changes nothing but `updated_at`;
 * `created_at` (the novelty signal) is the row's `createdAt`, else the first upload's time.
 */
export async function upsertCatalog(
  db: Db,
  tenantId: string,
  items: readonly CatalogItem[],
  now: number,
): Promise<number> {
  const at = new Date(now).toISOString();
  const upsert = `INSERT INTO catalog_items (tenant_id, id, kind, restaurant_id, region, data, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (tenant_id, id) DO UPDATE SET kind = excluded.kind, restaurant_id = excluded.restaurant_id,
       region = excluded.region, data = excluded.data,
       created_at = CASE WHEN ${db.sql.jsonText('excluded.data', 'createdAt')} IS NOT NULL THEN excluded.created_at
                         ELSE catalog_items.created_at END,
       updated_at = excluded.updated_at`;
  await db.transaction(async (tx) => {
    for (const item of items) {
      await tx.run(upsert, [
        tenantId,
        item.id,
        item.kind,
        item.restaurantId ?? null,
        item.region ?? null,
        JSON.stringify(item),
        item.createdAt ?? at,
        at,
      ]);
    }
  });
  forgetCatalog(db, tenantId);
  return items.length;
}

/**
 * Deletes catalogue rows by id (a dish off the menu); unknown ids are skipped. The catalogue's stamp changes with
 * the row count, so every cache keyed on it (recommender, search) follows. Returns the rows deleted.
 */
export async function removeCatalogItems(db: Db, tenantId: string, ids: readonly string[]): Promise<number> {
  let removed = 0;
  await db.transaction(async (tx) => {
    for (const id of ids) {
      removed += (await tx.run('DELETE FROM catalog_items WHERE tenant_id = ? AND id = ?', [tenantId, id])).changes;
    }
  });
  forgetCatalog(db, tenantId);
  return removed;
}

export async function storedRestaurantIds(db: Db, tenantId: string): Promise<Set<string>> {
  const rows = await db.all<{ id: string }>(
    `SELECT id FROM catalog_items WHERE tenant_id = ? AND kind = 'restaurant'`,
    [tenantId],
  );
  return new Set(rows.map((row) => row.id));
}

const cache = new WeakMap<Db, Map<string, Catalog>>();

function forgetCatalog(db: Db, tenantId: string): void {
  cache.get(db)?.delete(tenantId);
}

/**
 * The tenant's catalogue, read once and kept until it changes. Another process (an instance, the CLI's
 * `load-catalog`) may write it too, so a cheap indexed count + last-update check decides whether the cached copy
 * is current.
 */
export async function loadCatalog(db: Db, tenantId: string): Promise<Catalog> {
  // Two subqueries, so each is answered from an index alone (max from catalog_items_updated's last entry); one
  // aggregate over both would read every row of the tenant.
  const { n, last } = (await db.get<{ n: number; last: string | null }>(
    `SELECT (SELECT count(*) FROM catalog_items WHERE tenant_id = ?) AS n,
            (SELECT max(updated_at) FROM catalog_items WHERE tenant_id = ?) AS last`,
    [tenantId, tenantId],
  ))!;
  const stamp = `${n}:${last ?? ''}`;
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const cached = perDb.get(tenantId);
  if (cached && cached.stamp === stamp) return cached;
  const rows = await db.all<Row>('SELECT data, created_at FROM catalog_items WHERE tenant_id = ? ORDER BY id', [
    tenantId,
  ]);
  const catalog = buildCatalog(
    rows.map((row) => ({ ...(JSON.parse(row.data) as CatalogItem), createdAt: row.created_at })),
    stamp,
  );
  perDb.set(tenantId, catalog);
  return catalog;
}

/** Indexes rows (from the database, a test or the bench) for the ranker. */
export function buildCatalog(rows: readonly CatalogItem[], stamp = String(rows.length)): Catalog {
  const byId = new Map<string, CatalogItem>();
  const restaurants: CatalogItem[] = [];
  const features: CatalogItem[] = [];
  for (const row of rows) {
    byId.set(row.id, row);
    if (row.kind === 'restaurant') restaurants.push(row);
    if (row.kind === 'feature') features.push(row);
  }
  const dishes: CatalogItem[] = [];
  const menu = new Map<string, CatalogItem[]>();
  const items: CatalogItem[] = [];
  for (const row of rows) {
    if (row.kind !== 'dish') {
      items.push(row);
      continue;
    }
    const restaurant = row.restaurantId === undefined ? undefined : byId.get(row.restaurantId);
    const dish: CatalogItem = { ...row };
    if (dish.region === undefined && restaurant?.region !== undefined) dish.region = restaurant.region;
    if (dish.cuisine === undefined && restaurant?.cuisine !== undefined) dish.cuisine = restaurant.cuisine;
    byId.set(dish.id, dish);
    dishes.push(dish);
    items.push(dish);
    const list = menu.get(dish.restaurantId ?? '') ?? [];
    list.push(dish);
    menu.set(dish.restaurantId ?? '', list);
  }
  const createdAt = new Map<string, number>();
  for (const item of items) if (item.createdAt !== undefined) createdAt.set(item.id, Date.parse(item.createdAt));
  return { items, byId, dishes, restaurants, features, menu, createdAt, stamp };
}

/**
 * A dish that would point at a removed restaurant after an upload with `remove` (stored and not removed too, or in
 * the upload itself), or undefined: removing a restaurant takes its dishes with it or moves them first.
 */
export async function dishLeftWithoutRestaurant(
  db: Db,
  tenantId: string,
  items: readonly CatalogItem[],
  remove: readonly string[],
): Promise<{ dish: string; restaurant: string } | undefined> {
  if (remove.length === 0) return undefined;
  const removed = new Set(remove);
  const stored = await db.all<{ id: string; restaurant_id: string }>(
    `SELECT id, restaurant_id FROM catalog_items WHERE tenant_id = ? AND kind = 'dish' AND restaurant_id IS NOT NULL`,
    [tenantId],
  );
  const links = new Map(stored.map((row) => [row.id, row.restaurant_id]));
  for (const item of items) if (item.kind === 'dish') links.set(item.id, item.restaurantId ?? '');
  for (const [dish, restaurant] of links) {
    if (removed.has(restaurant) && !removed.has(dish)) return { dish, restaurant };
  }
  return undefined;
}
