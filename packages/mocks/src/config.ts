import { type ConfigResponse, DEFAULT_CONSENT_POLICY, DEFAULT_RETENTION_DAYS } from '@matbakh/contract';

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
  retentionDays: DEFAULT_RETENTION_DAYS,
};
