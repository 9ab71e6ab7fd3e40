import { type Experiment, HOLDOUT_VARIANT } from '@matbakh/contract';
import { unitInterval } from './hash.ts';

/** Seeds of the three independent draws: changing one decision never reshuffles another. */
const SEED_VARIANT = 0;
const SEED_ALLOCATION = 1;
const SEED_HOLDOUT = 2;

/**
 * Where `identifier` (the userId when identified, else the anonymousId) falls in `experiment` at `now`:
 *
 * 1. outside `startsAt`..`endsAt` → `null`;
 * 2. holdout: `murmur3("holdout:" + id, 2)` below `holdout` → `'holdout'` (global: no experiment key in it);
 * 3. allocation: `murmur3(key + ":" + id, 1)` at or above `allocation` → `null` (not in the experiment);
 * 4. variant: `murmur3(key + ":" + id, 0)` picks along the cumulative normalised weights.
 *
 * Each draw has its own seed, so raising `allocation` only adds visitors (nobody changes variant) and changing
 * weights never moves anyone in or out of the experiment. Pure and deterministic.
 */
export function assignVariant(experiment: Experiment, identifier: string, now = Date.now()): string | null {
  if (experiment.startsAt !== undefined && now < Date.parse(experiment.startsAt)) return null;
  if (experiment.endsAt !== undefined && now >= Date.parse(experiment.endsAt)) return null;
  if ((experiment.holdout ?? 0) > 0 && unitInterval(`holdout:${identifier}`, SEED_HOLDOUT) < experiment.holdout!) {
    return HOLDOUT_VARIANT;
  }
  const bucketKey = `${experiment.key}:${identifier}`;
  if (unitInterval(bucketKey, SEED_ALLOCATION) >= experiment.allocation) return null;
  const total = experiment.variants.reduce((sum, v) => sum + Math.max(0, v.weight), 0);
  if (!(total > 0)) return null;
  let point = unitInterval(bucketKey, SEED_VARIANT) * total;
  let last: string | null = null;
  for (const variant of experiment.variants) {
    if (!(variant.weight > 0)) continue;
    last = variant.key;
    point -= variant.weight;
    if (point < 0) return variant.key;
  }
  // Rounding at the very top of the range.
  return last;
}

/** `?mb_variant=checkout:b,banner:control` → `{ checkout: 'b', banner: 'control' }`; junk pairs are skipped. */
export function parseForced(search: string): Record<string, string> {
  const forced: Record<string, string> = {};
  for (const value of new URLSearchParams(search).getAll('mb_variant')) {
    for (const pair of value.split(',')) {
      const at = pair.indexOf(':');
      const key = pair.slice(0, at).trim();
      const variant = pair.slice(at + 1).trim();
      if (at > 0 && key && variant) forced[key] = variant;
    }
  }
  return forced;
}
