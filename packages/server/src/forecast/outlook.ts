/**
 * New-restaurant outlook (issue 21 item 3): the orders a restaurant without enough history of its own may expect in
 * its first 8 weeks, from the first 8 weeks of similar restaurants of the same tenant.
 *
 * Similar: the peers that share the most of the traits type, size, region and cuisine with it — all four when at
 * least {@link MIN_PEERS} such peers exist, else the least telling trait is dropped first (cuisine, then region,
 * then size, then type) until enough peers are left. Per week: the peers' median as the expectation and their 10th
 * and 90th percentile as the 80 % interval (an interval over restaurants, which is what an owner's uncertainty is).
 */
import type { Order } from '../restaurant-orders.ts';
import type { RestaurantTraits } from './traits.ts';

export const OUTLOOK_WEEKS = 8;
export const MIN_PEERS = 3;
const WEEK = 7 * 86_400_000;

export type TraitName = 'type' | 'size' | 'region' | 'cuisine';
/** Most telling last: dropped from the front. */
const DROP_ORDER: readonly TraitName[] = ['cuisine', 'region', 'size', 'type'];

export interface Peer {
  traits: RestaurantTraits;
  /** Orders in weeks 1…8 after the first order. */
  launch: number[];
}

export interface OutlookNumbers {
  weeks: { week: number; mean: number; lo80: number; hi80: number }[];
  similar: number;
  matchedOn: TraitName[];
}

/** Orders per week in the first 8 weeks after the first order; undefined until 8 weeks have passed. */
export function launchCurve(orders: readonly Order[], today: number): number[] | undefined {
  if (orders.length === 0) return undefined;
  const first = orders.reduce((min, o) => Math.min(min, o.at), Number.POSITIVE_INFINITY);
  if (first + OUTLOOK_WEEKS * WEEK > today) return undefined;
  const weeks = new Array<number>(OUTLOOK_WEEKS).fill(0);
  for (const order of orders) {
    const week = Math.floor((order.at - first) / WEEK);
    if (week < OUTLOOK_WEEKS) weeks[week] = (weeks[week] as number) + 1;
  }
  return weeks;
}

function percentile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

const matches = (a: RestaurantTraits, b: RestaurantTraits, on: readonly TraitName[]) =>
  on.every((trait) => a[trait] !== undefined && a[trait] === b[trait]);

export function outlookFor(traits: RestaurantTraits, peers: readonly Peer[]): OutlookNumbers | undefined {
  let on = DROP_ORDER.filter((trait) => traits[trait] !== undefined);
  let similar = peers.filter((peer) => matches(traits, peer.traits, on));
  while (similar.length < MIN_PEERS && on.length > 0) {
    on = on.slice(1);
    similar = peers.filter((peer) => matches(traits, peer.traits, on));
  }
  if (similar.length < MIN_PEERS) return undefined;
  const weeks = Array.from({ length: OUTLOOK_WEEKS }, (_, w) => {
    const values = similar.map((peer) => peer.launch[w] ?? 0).sort((a, b) => a - b);
    return {
      week: w + 1,
      mean: Math.round(percentile(values, 0.5)),
      lo80: Math.round(percentile(values, 0.1)),
      hi80: Math.round(percentile(values, 0.9)),
    };
  });
  return { weeks, similar: similar.length, matchedOn: [...on].reverse() };
}
