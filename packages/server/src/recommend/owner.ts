import { type CatalogItem, type Locale, type ReasonParams, type RecommendationItem, reason } from '@matbakh/contract';
import { type Aggregates, type GroupStats, recentFeatureUses } from './aggregates.ts';
import type { Catalog } from './catalog.ts';
import type { Popularity } from './rank.ts';

/** The owner's setup as `group` traits carry it (see the README's "Owner traits"). */
export interface OwnerSetup {
  restaurantType?: string;
  size?: string;
  locations: number;
  services: string[];
}

export function setupOf(traits: Record<string, unknown>): OwnerSetup {
  const type = traits.restaurant_type ?? traits.type;
  const locations = Number(traits.locations ?? 1);
  const services = Array.isArray(traits.services) ? traits.services.filter((s) => typeof s === 'string') : [];
  const setup: OwnerSetup = { locations: Number.isFinite(locations) ? locations : 1, services: services as string[] };
  if (typeof type === 'string') setup.restaurantType = type;
  if (typeof traits.size === 'string') setup.size = traits.size;
  return setup;
}

export interface OwnerInput {
  catalog: Catalog;
  popularity: Popularity;
  agg: Aggregates;
  group: GroupStats | undefined;
  groupId: string | undefined;
  /** Feature usage is behaviour of a person: only with personalization consent. */
  useUsage: boolean;
  limit: number;
  locale: Locale;
  now: number;
}

/** Orders of the group's own dishes (group id = restaurant id) in the last 28 days. */
function restaurantOrders(input: OwnerInput): number {
  if (input.groupId === undefined) return 0;
  let total = 0;
  for (const dish of input.catalog.menu.get(input.groupId) ?? []) total += input.popularity.total35.get(dish.id) ?? 0;
  return total;
}

function meetsRequirements(feature: CatalogItem, setup: OwnerSetup): boolean {
  const req = feature.requirements;
  if (!req) return true;
  if (req.minLocations !== undefined && setup.locations < req.minLocations) return false;
  if (req.services?.some((service) => !setup.services.includes(service))) return false;
  if (
    req.restaurantTypes?.length &&
    (setup.restaurantType === undefined || !req.restaurantTypes.includes(setup.restaurantType))
  ) {
    return false;
  }
  return true;
}

/**
 * Feature and service recommendations for an owner: features whose requirements the setup meets and that are not
 * active yet, each with the setup or usage rule that makes it relevant. Without a known setup (cold start) the
 * features other restaurants adopted most are listed with `popular`.
 */
export function rankFeatures(input: OwnerInput): { items: RecommendationItem[]; usedUsage: boolean } {
  const setup = setupOf(input.group?.traits ?? {});
  const known = input.group !== undefined && Object.keys(input.group.traits).length > 0;
  const adoption = new Map<string, number>();
  for (const group of input.agg.groups.values()) {
    for (const service of setupOf(group.traits).services) adoption.set(service, (adoption.get(service) ?? 0) + 1);
  }
  const orders = restaurantOrders(input);
  let usedUsage = false;
  const scored: { item: RecommendationItem; score: number }[] = [];
  for (const feature of input.catalog.features) {
    const service = feature.id.slice('feature:'.length);
    if (known && setup.services.includes(service)) continue;
    if (known && !meetsRequirements(feature, setup)) continue;
    const rules: { params: ReasonParams; weight: number }[] = [];
    if (known) {
      if (service === 'analytics' && setup.locations >= 3) {
        rules.push({ params: { detail: 'locations_without_analytics', locations: setup.locations }, weight: 0.9 });
      }
      if (service === 'online_ordering' && orders >= 50) {
        rules.push({ params: { detail: 'orders_without_online_ordering', orders }, weight: 0.8 });
      }
      if (service === 'delivery_zones' && setup.services.includes('online_ordering')) {
        rules.push({ params: { detail: 'online_ordering_without_delivery' }, weight: 0.6 });
      }
      if (input.useUsage && input.group && service === 'analytics') {
        const uses = recentFeatureUses(input.group, 'reports', input.now);
        if (uses >= 5) {
          usedUsage = true;
          rules.push({ params: { detail: 'uses_reports_often', feature: 'reports', uses }, weight: 0.7 });
        }
      }
      const types = feature.requirements?.restaurantTypes;
      if (types?.length && setup.restaurantType !== undefined && types.includes(setup.restaurantType)) {
        rules.push({ params: { detail: 'type_fit', restaurantType: setup.restaurantType }, weight: 0.4 });
      }
    }
    const adopted = adoption.get(service) ?? 0;
    rules.sort((a, b) => b.weight - a.weight);
    const reasons = rules.slice(0, 2).map((rule) => reason('owner_setup', rule.params, input.locale));
    if (reasons.length === 0) reasons.push(reason('popular', { count: adopted }, input.locale));
    const score = (rules[0]?.weight ?? 0) + 0.1 * rules.length + 0.2 * Math.min(1, adopted / 10);
    const item: RecommendationItem = {
      id: feature.id,
      kind: 'feature',
      title: feature.name,
      tags: [...feature.tags],
      diet: [],
      allergens: [],
      reasons,
      score: Math.round(score * 10_000) / 10_000,
    };
    if (feature.description !== undefined) item.subtitle = feature.description;
    if (feature.price) item.price = { ...feature.price };
    if (feature.image) item.image = { ...feature.image };
    if (feature.url) item.url = feature.url;
    scored.push({ item, score });
  }
  scored.sort((a, b) => b.score - a.score || (a.item.id < b.item.id ? -1 : 1));
  return { items: scored.slice(0, input.limit).map(({ item }) => item), usedUsage };
}
