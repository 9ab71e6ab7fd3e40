import { expect } from '@esm-bundle/chai';
import { experimentsPlugin } from '../src/experiments/index.ts';
import { privacyPlugin } from '../src/privacy/index.ts';
import { rulesPlugin } from '../src/rules/index.ts';
import type { TenantConfig } from '../src/tenant-config.ts';
import { cleanup, type MockApi, mockApi, testClient, until } from './helpers.ts';

describe('tenant config', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
  });
  afterEach(cleanup);

  it('is loaded once per client, however many plugins need it, and shared as client.config', async () => {
    const client = testClient({ plugins: [privacyPlugin(), rulesPlugin(), experimentsPlugin()] }) as ReturnType<
      typeof testClient
    > & { config: TenantConfig };
    const config = await client.config.load();
    await until(() => client.config.get() !== undefined, 'config loaded');
    expect(config.consent.version).to.be.a('number');
    expect(client.config.get()).to.equal(config);
    const configRequests = api.requests.filter((r) => r.path === '/v1/config');
    expect(configRequests).to.have.length(1);
  });

  it('tries again after a failure', async () => {
    api.failNext(503, { path: '/v1/config' });
    const client = testClient({ plugins: [privacyPlugin()] }) as ReturnType<typeof testClient> & {
      config: TenantConfig;
    };
    const failed = await client.config.load().then(
      () => false,
      () => true,
    );
    expect(failed).to.equal(true);
    const config = await client.config.load();
    expect(config.consent).to.be.an('object');
  });
});
