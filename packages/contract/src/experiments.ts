/**
 * A/B experiments, served in `GET /v1/config` (`experiments`) and evaluated on the device by the SDK's
 * `experimentsPlugin()` (sdk/src/experiments): deterministic bucketing, no request per decision.
 */
import type { Result } from './validate.ts';
import { isIsoTimestamp, isPlainObject } from './validate.ts';

export interface ExperimentVariant {
  /** Stable id, sent as `variant_id` in `Experiment Viewed`. `holdout` is reserved. */
  key: string;
  /** Relative weight (≥ 0; normalised over the variants). */
  weight: number;
}

export interface Experiment {
  /** Stable id, sent as `experiment_id` in `Experiment Viewed`. */
  key: string;
  /** Two or more variants; the one keyed `control` (else the first) is the baseline of the report. */
  variants: ExperimentVariant[];
  /** Share of the (non-holdout) traffic in the experiment, 0..1; the rest sees no variant (`null`). */
  allocation: number;
  /**
   * Share of all visitors kept out of every experiment with a holdout, 0..1: they get the variant `holdout`
   * (default experience) and are reported as such. Global: bucketed without the experiment key, so the same
   * visitors are held out everywhere (a smaller holdout is a subset of a larger one).
   */
  holdout?: number;
  /** ISO 8601: before this instant the experiment is off (`null`). */
  startsAt?: string;
  /** ISO 8601: from this instant the experiment is off (`null`). */
  endsAt?: string;
}

/** The variant reported for visitors in an experiment's holdout. */
export const HOLDOUT_VARIANT = 'holdout';

/** The Segment spec's exposure event, with `experiment_id` and `variant_id`. */
export const EXPERIMENT_VIEWED = 'Experiment Viewed';

const KEY = /^[A-Za-z0-9][\w.-]{0,99}$/;
const share = (value: unknown) => typeof value === 'number' && value >= 0 && value <= 1;

/** Checks one experiment; the error names the experiment (when it has a key) and the field. */
export function validateExperiment(raw: unknown, index = 0): Result<Experiment, { message: string; field: string }> {
  const at = `experiments[${index}]`;
  const bad = (field: string, message: string) => ({
    ok: false as const,
    error: { field: `${at}.${field}`, message: `${at}${keyOf(raw)}: ${field} ${message}` },
  });
  if (!isPlainObject(raw)) return { ok: false, error: { field: at, message: `${at} must be an object` } };
  if (typeof raw.key !== 'string' || !KEY.test(raw.key))
    return bad('key', 'must be 1–100 letters, digits, ".", "_" or "-"');
  if (!Array.isArray(raw.variants) || raw.variants.length < 2) return bad('variants', 'must list at least 2 variants');
  const seen = new Set<string>();
  for (const [i, v] of raw.variants.entries()) {
    if (!isPlainObject(v) || typeof v.key !== 'string' || !KEY.test(v.key))
      return bad(`variants[${i}].key`, 'must be 1–100 letters, digits, ".", "_" or "-"');
    if (v.key === HOLDOUT_VARIANT) return bad(`variants[${i}].key`, `"${HOLDOUT_VARIANT}" is reserved`);
    if (seen.has(v.key)) return bad(`variants[${i}].key`, `"${v.key}" is listed twice`);
    seen.add(v.key);
    if (typeof v.weight !== 'number' || !(v.weight >= 0) || !Number.isFinite(v.weight))
      return bad(`variants[${i}].weight`, 'must be a finite number ≥ 0');
  }
  if (!raw.variants.some((v: { weight: number }) => v.weight > 0)) return bad('variants', 'need a weight > 0');
  if (!share(raw.allocation)) return bad('allocation', 'must be a number from 0 to 1');
  if (raw.holdout !== undefined && !share(raw.holdout)) return bad('holdout', 'must be a number from 0 to 1');
  for (const field of ['startsAt', 'endsAt'] as const) {
    if (raw[field] !== undefined && !isIsoTimestamp(raw[field])) return bad(field, 'must be an ISO 8601 timestamp');
  }
  return { ok: true, value: raw as unknown as Experiment };
}

function keyOf(raw: unknown): string {
  return isPlainObject(raw) && typeof raw.key === 'string' ? ` (${raw.key.slice(0, 100)})` : '';
}
