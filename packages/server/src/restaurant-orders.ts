/**
 * A restaurant's orders as the owner insights count them, kept by the aggregation worker (recommend/aggregates.ts)
 * so that `GET /v1/insights` never reads the events table.
 *
 * An order is a `track` `Order Completed` of the restaurant: its id in `context.groupId` (what a page sends after
 * `group(restaurantId)`) or in `properties.restaurant_id` (what a backend sends per order). Revenue is
 * `properties.revenue` (a number; `total` is the fallback, as Segment's ecommerce spec allows), currency
 * `properties.currency` (default EUR). An order tracked twice with the same `properties.order_id` (guest's page and
 * restaurant backend) counts once: the earlier one.
 */
export interface Order {
  at: number;
  revenue: number;
  currency: string;
  /**
   * Who ordered: the subject key (`u:<userId>`, else `a:<anonymousId>`) for the churn model, absent on orders a
   * backend sent without a guest. Read only inside the tenant, never shown to the owner as an id.
   */
  guest?: string;
  /** The order's product ids (dishes), for per-dish demand forecasts; absent or empty when the event named none. */
  items?: string[];
}

/** Per restaurant (group id): order key (`o:<order_id>` or `m:<messageId>`) → order. */
export type RestaurantOrders = Map<string, Map<string, Order>>;

/** The restaurants an order event belongs to (both ids when page and backend name different ones). */
export function orderRestaurants(contextGroupId: string | null, properties: Record<string, unknown> | undefined) {
  const ids = new Set<string>();
  if (contextGroupId !== null && contextGroupId !== '') ids.add(contextGroupId);
  const restaurant = properties?.restaurant_id;
  if (typeof restaurant === 'string' && restaurant !== '') ids.add(restaurant);
  else if (typeof restaurant === 'number') ids.add(String(restaurant));
  return ids;
}

export function addRestaurantOrder(
  orders: RestaurantOrders,
  restaurantIds: ReadonlySet<string>,
  messageId: string,
  at: number,
  properties: Record<string, unknown> | undefined,
  detail?: { guest: string | undefined; items: string[] },
): void {
  if (restaurantIds.size === 0 || !Number.isFinite(at)) return;
  const { order_id: orderId, revenue, total, currency } = properties ?? {};
  const key = typeof orderId === 'string' || typeof orderId === 'number' ? `o:${orderId}` : `m:${messageId}`;
  const amount = typeof revenue === 'number' ? revenue : typeof total === 'number' ? total : 0;
  const order: Order = {
    at,
    revenue: Number.isFinite(amount) ? amount : 0,
    currency: typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : 'EUR',
  };
  if (detail?.guest !== undefined) order.guest = detail.guest;
  if (detail !== undefined && detail.items.length > 0) order.items = detail.items;
  for (const id of restaurantIds) {
    let byKey = orders.get(id);
    if (!byKey) {
      byKey = new Map();
      orders.set(id, byKey);
    }
    const known = byKey.get(key);
    const kept = !known || at < known.at ? order : known;
    // The page knows the guest and dishes, a restaurant backend maybe not: the kept copy takes what it lacks.
    const other = kept === order ? known : order;
    const merged: Order = { ...kept };
    if (merged.guest === undefined && other?.guest !== undefined) merged.guest = other.guest;
    if (merged.items === undefined && other?.items !== undefined) merged.items = other.items;
    byKey.set(key, merged);
  }
}

/** The restaurant's orders in [from, to), oldest first. */
export function ordersIn(orders: RestaurantOrders, restaurantId: string, from: number, to: number): Order[] {
  const found: Order[] = [];
  for (const order of orders.get(restaurantId)?.values() ?? [])
    if (order.at >= from && order.at < to) found.push(order);
  return found.sort((a, b) => a.at - b.at);
}
