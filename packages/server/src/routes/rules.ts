import { validateRules, validateTours } from '@matbakh/contract';
import { DEMO_RULES, DEMO_TOURS } from '@matbakh/demo';
import type { RouteModule } from '../route-kit.ts';
import { STARTER_RULES, STARTER_TOURS } from '../tenant-config/starter.ts';

/**
 * Next-best-action rules and onboarding tours reach `GET /v1/config` from each tenant's published configuration
 * (tenant-config/). What this module still guards are the sets tenants are seeded with — the starter a new tenant
 * gets and the demo tenant's — checked when the app is created: a bad edit stops the start with an error naming
 * the rule and the field, instead of being stored for a tenant.
 */
const rulesConfig: RouteModule = () => {
  const errors = [STARTER_RULES, DEMO_RULES].flatMap((rules) => validateRules(rules).errors);
  errors.push(...[STARTER_TOURS, DEMO_TOURS].flatMap((tours) => validateTours(tours).errors));
  if (errors.length) throw new Error(`seeded rules are invalid: ${errors.map((e) => e.message).join('; ')}`);
};
export default rulesConfig;
