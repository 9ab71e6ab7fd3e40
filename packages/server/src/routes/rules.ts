import { DEMO_RULES, DEMO_TOURS, validateRules, validateTours } from '@matbakh/contract';
import type { RouteModule } from '../route-kit.ts';
import { DEMO_WRITE_KEY } from '../tenants.ts';

/**
 * Next-best-action rules and onboarding tours in `GET /v1/config` (`rules`, `tours`). The demo tenant gets the
 * demo set (DEMO_RULES, DEMO_TOURS from the contract); other tenants get empty lists until per-tenant rules
 * exist. The defaults are validated when the app is created: a bad edit stops the start with an error naming
 * the rule and the field, instead of reaching a visitor's device.
 */
const rulesConfig: RouteModule = (_app, kit) => {
  const rules = validateRules(DEMO_RULES);
  const tours = validateTours(DEMO_TOURS);
  const errors = [...rules.errors, ...tours.errors];
  if (errors.length) throw new Error(`default rules are invalid: ${errors.map((e) => e.message).join('; ')}`);
  kit.addConfig((tenant) =>
    tenant.writeKey === DEMO_WRITE_KEY ? { rules: rules.rules, tours: tours.tours } : { rules: [], tours: [] },
  );
};
export default rulesConfig;
