import { expect } from '@esm-bundle/chai';
import type { TrackMessage } from '@matbakh/contract';
import { cleanup, type MockApi, mockApi, testClient, until } from './helpers.ts';

describe('middleware', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
  });
  afterEach(cleanup);

  const tracked = () =>
    api.messages().filter((m): m is TrackMessage => m.type === 'track' && m.event !== 'Session Started');

  it('removes values that look like e-mail addresses or phone numbers from properties by default', async () => {
    const client = testClient();
    client.consent.set({ analytics: true });
    client.track('Signup Completed', {
      email: 'guest@example.com',
      contact: 'reach me at guest@example.org',
      phone_number: '+49 151 2345 6789',
      landline: '030 1234567',
      order_date: '2026-11-25',
      order_id: 'A-1029384756',
      items: 3,
      nested: { owner: 'owner@restaurant.de', city: 'Berlin' },
      list: ['ok', '0049 30 1234567'],
    });
    await client.flush();
    await until(() => tracked().length === 1, 'delivery');
    expect(tracked()[0]!.properties).to.deep.equal({
      order_date: '2026-11-25',
      order_id: 'A-1029384756',
      items: 3,
      nested: { city: 'Berlin' },
      list: ['ok'],
    });
  });

  it('can be turned off', async () => {
    const client = testClient({ scrubPersonalData: false });
    client.consent.set({ analytics: true });
    client.track('Contact', { email: 'guest@example.com' });
    await client.flush();
    await until(() => tracked().length === 1, 'delivery');
    expect(tracked()[0]!.properties).to.deep.equal({ email: 'guest@example.com' });
  });

  it('runs custom middleware in order, which may enrich or drop; a throwing one drops', async () => {
    const client = testClient({
      middleware: [
        (m) => (m.type === 'track' ? { ...m, properties: { ...m.properties, tenant_region: 'berlin' } } : m),
        (m) => (m.type === 'track' && m.event === 'Internal Ping' ? null : m),
      ],
    });
    client.use((m) => {
      if (m.type === 'track' && m.event === 'Boom') throw new Error('middleware bug');
      return m;
    });
    client.consent.set({ analytics: true });
    client.track('Dish Viewed');
    client.track('Internal Ping');
    client.track('Boom');
    await client.flush();
    await until(() => tracked().length === 1, 'delivery');
    expect(tracked().map((m) => [m.event, m.properties.tenant_region])).to.deep.equal([['Dish Viewed', 'berlin']]);
    expect(client.stats().errors).to.equal(1);
  });
});
