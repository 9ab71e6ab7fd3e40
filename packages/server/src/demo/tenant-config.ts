/**
 * The demo tenant's stored configuration (seeded by `seed-demo` and `MB_DEMO=1 serve`): the contract's demo rules,
 * tours and experiments, the built-in policy, the default dashboards. Seeded once; the admin API edits it from then
 * on like any tenant's, and a restart never overwrites what was published.
 */
import { DEMO_EXPERIMENTS, DEMO_RULES, DEMO_TOURS } from '@matbakh/demo';
import type { TenantConfigDocument } from '../tenant-config/document.ts';
import { builtInPolicy, DEFAULT_DASHBOARDS } from '../tenant-config/starter.ts';

export function demoConfig(origins: readonly string[]): TenantConfigDocument {
  return {
    consent: builtInPolicy(),
    rules: structuredClone(DEMO_RULES),
    tours: structuredClone(DEMO_TOURS),
    experiments: DEMO_EXPERIMENTS.map((experiment) => ({ ...structuredClone(experiment), status: 'running' as const })),
    dashboards: structuredClone(DEFAULT_DASHBOARDS),
    origins: [...origins],
  };
}
