/**
 * What the forecast needs to know about a restaurant beyond its orders: the region whose holidays count, the time
 * zone its days are counted in, and the traits a new restaurant is compared on (type, size, cuisine). From the latest
 * `group` message of the restaurant (Segment's group traits: `address.country`, `address.state`, `address.city`,
 * `timezone` — also `timeZone` or `address.timezone` —, `type`, `size`, `cuisine`).
 *
 * Anyone may send a `group()` call for any groupId, so traits only choose which holidays and which peers a
 * forecast considers — never who may read it.
 */
import type { Db } from '../db.ts';
import { knownTimeZone } from '../local-day.ts';
import { DEFAULT_TIME_ZONE } from '../messaging/local-time.ts';
import { type GermanState, stateOf } from './holidays-de.ts';

export interface RestaurantTraits {
  /** ISO 3166-2 (`DE-BE`), else the country (`DE`); default DE. */
  region: string;
  /** IANA zone, when the restaurant stated a valid one. */
  timeZone?: string;
  type?: string;
  size?: string;
  cuisine?: string;
}

/** German state names (de and en) and the cities whose state is unmistakable, to the state code. */
const STATE_NAMES: Record<string, GermanState> = {
  'baden-württemberg': 'BW',
  'baden-wuerttemberg': 'BW',
  bayern: 'BY',
  bavaria: 'BY',
  berlin: 'BE',
  brandenburg: 'BB',
  bremen: 'HB',
  hamburg: 'HH',
  hessen: 'HE',
  hesse: 'HE',
  'mecklenburg-vorpommern': 'MV',
  'mecklenburg-western pomerania': 'MV',
  niedersachsen: 'NI',
  'lower saxony': 'NI',
  'nordrhein-westfalen': 'NW',
  'north rhine-westphalia': 'NW',
  'rheinland-pfalz': 'RP',
  'rhineland-palatinate': 'RP',
  saarland: 'SL',
  sachsen: 'SN',
  saxony: 'SN',
  'sachsen-anhalt': 'ST',
  'saxony-anhalt': 'ST',
  'schleswig-holstein': 'SH',
  thüringen: 'TH',
  thuringia: 'TH',
  münchen: 'BY',
  munich: 'BY',
  köln: 'NW',
  cologne: 'NW',
  düsseldorf: 'NW',
  dortmund: 'NW',
  essen: 'NW',
  frankfurt: 'HE',
  'frankfurt am main': 'HE',
  stuttgart: 'BW',
  leipzig: 'SN',
  dresden: 'SN',
  hannover: 'NI',
  nürnberg: 'BY',
  nuremberg: 'BY',
};

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** `DE-XX` from a state code or name, or a city whose state is known; the country alone otherwise. */
export function regionFromAddress(address: Record<string, unknown> | undefined, country: string | undefined): string {
  const upperCountry = (text(country) ?? 'DE').toUpperCase();
  if (upperCountry !== 'DE') return /^[A-Z]{2}$/.test(upperCountry) ? upperCountry : 'DE';
  const state = text(address?.state);
  if (state !== undefined) {
    const code = stateOf(`DE-${state}`) ?? stateOf(state) ?? STATE_NAMES[state.toLowerCase()];
    if (code) return `DE-${code}`;
  }
  const city = text(address?.city)?.toLowerCase();
  const fromCity = city === undefined ? undefined : STATE_NAMES[city];
  return fromCity ? `DE-${fromCity}` : 'DE';
}

export function traitsFrom(traits: Record<string, unknown>): RestaurantTraits {
  const address =
    traits.address !== null && typeof traits.address === 'object'
      ? (traits.address as Record<string, unknown>)
      : undefined;
  const found: RestaurantTraits = {
    region: regionFromAddress(address, text(address?.country) ?? text(traits.country)),
  };
  const timeZone = knownTimeZone(traits.timezone ?? traits.timeZone ?? address?.timezone ?? address?.timeZone);
  if (timeZone !== undefined) found.timeZone = timeZone;
  for (const key of ['type', 'size', 'cuisine'] as const) {
    const value = text(traits[key]);
    if (value !== undefined) found[key] = value.toLowerCase();
  }
  return found;
}

/** The latest `group` traits of every restaurant of a tenant that has any, by group id. */
export async function restaurantTraits(db: Db, tenantId: string): Promise<Map<string, RestaurantTraits>> {
  const json = db.sql.jsonText;
  const rows = await db.all<{ group_id: string | null; traits: string | null }>(
    `SELECT ${json('payload', 'groupId')} AS group_id, ${json('payload', 'traits')} AS traits
     FROM events WHERE tenant_id = ? AND type = 'group' ORDER BY timestamp`,
    [tenantId],
  );
  const byGroup = new Map<string, RestaurantTraits>();
  for (const row of rows) {
    if (row.group_id === null || row.traits === null) continue;
    try {
      const parsed: unknown = JSON.parse(row.traits);
      if (parsed !== null && typeof parsed === 'object')
        byGroup.set(row.group_id, traitsFrom(parsed as Record<string, unknown>));
    } catch {
      // Traits that are not an object say nothing.
    }
  }
  return byGroup;
}

/**
 * The zone a restaurant's days are counted in: its own, else the tenant's — the one most of its restaurants state
 * (no tenant-wide setting exists) —, else Europe/Berlin.
 */
export function timeZoneOf(groupId: string, traits: ReadonlyMap<string, RestaurantTraits>): string {
  const own = traits.get(groupId)?.timeZone;
  if (own !== undefined) return own;
  const votes = new Map<string, number>();
  for (const t of traits.values()) if (t.timeZone) votes.set(t.timeZone, (votes.get(t.timeZone) ?? 0) + 1);
  const ranked = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return ranked[0]?.[0] ?? DEFAULT_TIME_ZONE;
}
