import {
  BUILT_IN_WIDGETS,
  type ConfigResponse,
  DEFAULT_ADDRESS,
  DEFAULT_CONSENT_POLICY,
  DEFAULT_RETENTION_DAYS,
} from '@matbakh/contract';
import { DEMO_EXPERIMENTS, DEMO_RULES, DEMO_TOURS } from '@matbakh/demo';

/**
 * What `GET /v1/config` answers in stories and tests: a demo tenant with the reference server's consent
 * policy in every locale (one source, the contract), so widgets are designed against the real texts,
 * including the long Arabic ones.
 */
export const defaultConfig: ConfigResponse = {
  tenant: { id: 'tn_demo', name: 'Matbakh Demo-Küche' },
  consent: DEFAULT_CONSENT_POLICY,
  features: {
    recommendations: true,
    nextBestAction: true,
    preferenceCenter: true,
    tour: true,
    insights: false,
  },
  locales: ['de', 'en', 'ar'],
  address: { ...DEFAULT_ADDRESS },
  retentionDays: DEFAULT_RETENTION_DAYS,
  // The reference server's defaults (packages/server/src/routes/dashboards.ts).
  dashboards: {
    guest: { order: [...BUILT_IN_WIDGETS.guest], hidden: [] },
    owner: { order: [...BUILT_IN_WIDGETS.owner], hidden: [] },
  },
  // The reference server's demo set (packages/server/src/routes/rules.ts).
  rules: DEMO_RULES,
  tours: DEMO_TOURS,
  experiments: [...DEMO_EXPERIMENTS],
};
