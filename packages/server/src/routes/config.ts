import type { RouteModule } from '../route-kit.ts';
import { buildConfig, sendConfig, servedConfig } from '../tenant-config/response.ts';

/**
 * `GET /v1/config`: the tenant's published configuration (consent policy, rules, tours, experiments, dashboards;
 * tenant-config/), its locales and address, then each feature's section (`kit.addConfig`). With a strong ETag: a
 * client's `If-None-Match` gets a 304 while nothing changed.
 */
export const configRoutes: RouteModule = (app, kit) => {
  app.get('/v1/config', async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    return sendConfig(c, buildConfig(tenant, await servedConfig(kit.db, tenant), kit.configSections(tenant)));
  });
};
