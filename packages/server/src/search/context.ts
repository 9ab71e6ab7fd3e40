/**
 * The moment and the place in search ranking, read only under the subject's personalization grant (as the
 * personal blend): dishes tagged for this part of the day, ordered at this hour by the tenant's guests, or served
 * in the guest's region rank higher among equally good text matches (the contract's contextFactor).
 */
import { contextFactor, type SearchContext, type SearchDoc } from '@matbakh/contract';
import type { Db } from '../db.ts';
import { aggregatesFor } from '../recommend/aggregates.ts';
import { hourLiftOf } from '../recommend/features.ts';
import { asOfTime, popularityOf } from '../recommend/popularity.ts';
import type { TenantSearch } from './index-cache.ts';

export async function contextBlend(
  db: Db,
  tenantId: string,
  search: TenantSearch,
  context: SearchContext,
  now: number,
): Promise<(doc: SearchDoc) => number> {
  const agg = await aggregatesFor(db, tenantId, now);
  const popularity = popularityOf(agg, asOfTime(agg, now));
  return (doc) => {
    const item = search.catalog.byId.get(doc.id);
    if (!item) return 1;
    return contextFactor(context, {
      tags: item.tags ?? [],
      region: item.region,
      hourLift: item.kind === 'dish' ? hourLiftOf(popularity, item.id, context.hour) : undefined,
    });
  };
}
