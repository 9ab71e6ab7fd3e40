import type { Order, RestaurantOrders } from '../restaurant-orders.ts';
import type { GuestHistory } from './features.ts';

/**
 * Per restaurant and guest, the guest's orders oldest first, for the guests `allowed` says may be profiled
 * (consent + no objection, eligibility.ts). Orders without a guest (a backend that sent none) count nowhere here.
 */
export function guestHistories(
  orders: RestaurantOrders,
  allowed: (guest: string) => boolean,
  restaurants?: ReadonlySet<string>,
): GuestHistory[] {
  const histories: GuestHistory[] = [];
  for (const [restaurant, byKey] of orders) {
    if (restaurants !== undefined && !restaurants.has(restaurant)) continue;
    const byGuest = new Map<string, Order[]>();
    for (const order of byKey.values()) {
      if (order.guest === undefined || !allowed(order.guest)) continue;
      let list = byGuest.get(order.guest);
      if (!list) {
        list = [];
        byGuest.set(order.guest, list);
      }
      list.push(order);
    }
    for (const [guest, list] of byGuest) {
      list.sort((a, b) => a.at - b.at);
      histories.push({ guest, restaurant, orders: list.map((o) => ({ at: o.at, revenue: o.revenue })) });
    }
  }
  return histories;
}

/** Every guest key that ordered anywhere in the tenant (the set whose consent the worker looks up once). */
export function guestsIn(orders: RestaurantOrders): Set<string> {
  const guests = new Set<string>();
  for (const byKey of orders.values()) for (const order of byKey.values()) if (order.guest) guests.add(order.guest);
  return guests;
}
