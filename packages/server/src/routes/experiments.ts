/**
 * Adds `experiments` to `GET /v1/config` (the SDK's `experimentsPlugin()` buckets on the device).
 *
 * Where experiments come from: each tenant's published configuration (`experiments` section, the running ones;
 * tenant-config/), unless an operator overrides them with a JSON file named by `MB_EXPERIMENTS` —
 * `{ "<tenant id or write key>": [Experiment…], "*": [Experiment…] }` (`*`: every tenant; a tenant's own list
 * comes first, a key in both is taken from the tenant's).
 * Every experiment is validated when the app is created: a bad one stops the start with an error naming the
 * tenant key, the experiment and the field.
 */
import { readFileSync } from 'node:fs';
import { type Experiment, isPlainObject, validateExperiment } from '@matbakh/contract';
import type { RouteModule } from '../route-kit.ts';
import type { Tenant } from '../tenants.ts';

/** Experiments per tenant id or write key; `*` applies to every tenant. */
export type ExperimentsByTenant = Record<string, readonly unknown[]>;
export type ExperimentSource = ExperimentsByTenant | ((tenant: Tenant) => readonly Experiment[]);

/** Checks every list; throws `MB_EXPERIMENTS["<key>"].experiments[i] (key): field …` for the first bad one. */
export function checkExperiments(byTenant: unknown, where = 'MB_EXPERIMENTS'): Record<string, Experiment[]> {
  if (!isPlainObject(byTenant)) throw new Error(`${where} must be an object of { "<tenant id or write key>": [...] }`);
  const out: Record<string, Experiment[]> = {};
  for (const [key, list] of Object.entries(byTenant)) {
    if (!Array.isArray(list)) throw new Error(`${where}["${key}"] must be an array of experiments`);
    out[key] = list.map((raw, index) => {
      const checked = validateExperiment(raw, index);
      if (!checked.ok) throw new Error(`${where}["${key}"].${checked.error.message}`);
      return checked.value;
    });
  }
  return out;
}

function fromFile(path: string): Record<string, Experiment[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`MB_EXPERIMENTS: cannot read ${path} as JSON (${(error as Error).message})`);
  }
  return checkExperiments(parsed, `MB_EXPERIMENTS (${path})`);
}

/**
 * The route module. `source`: experiments per tenant (validated now), or a function of the tenant (trusted,
 * e.g. from a database); default: the `MB_EXPERIMENTS` file, else nothing (the tenant's configuration).
 */
export function experimentsConfig(source?: ExperimentSource): RouteModule {
  const checked = source === undefined || typeof source === 'function' ? undefined : checkExperiments(source);
  return (_app, kit) => {
    const file = process.env.MB_EXPERIMENTS;
    const byTenant = checked ?? (source === undefined && file ? fromFile(file) : undefined);
    // Without a source or a file, the tenant's own configuration (tenant-config/) lists its experiments.
    if (typeof source !== 'function' && byTenant === undefined) return;
    const lookup =
      typeof source === 'function'
        ? source
        : (tenant: Tenant): readonly Experiment[] => {
            if (!byTenant) return [];
            const own = [...(byTenant[tenant.id] ?? []), ...(byTenant[tenant.writeKey] ?? [])];
            const shared = (byTenant['*'] ?? []).filter((e) => !own.some((o) => o.key === e.key));
            return [...own, ...shared];
          };
    kit.addConfig((tenant) => ({ experiments: [...lookup(tenant)] }));
  };
}
