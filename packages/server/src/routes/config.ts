import { type ConfigResponse, DEFAULT_ADDRESS, DEFAULT_CONSENT_POLICY, LOCALES } from '@matbakh/contract';
import type { RouteModule } from '../route-kit.ts';

/** `GET /v1/config`: the tenant's consent policy, locales and address, then each feature's section (`kit.addConfig`). */
export const configRoutes: RouteModule = (app, kit) => {
  app.get('/v1/config', async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    // Short private caching: pages fetch config on every load, while policy changes can wait a minute.
    c.header('Cache-Control', 'private, max-age=60');
    const base: ConfigResponse = {
      tenant: { id: tenant.id, name: tenant.name },
      consent: DEFAULT_CONSENT_POLICY,
      features: {},
      locales: [...LOCALES],
      address: { ...DEFAULT_ADDRESS },
      retentionDays: tenant.retentionDays,
    };
    return c.json<ConfigResponse>(Object.assign(base, kit.configSections(tenant)));
  });
};
