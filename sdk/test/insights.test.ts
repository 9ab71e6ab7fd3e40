import { expect } from '@open-wc/testing';
import { type InsightsClient, insightsPlugin } from '../src/insights/index.ts';
import { cleanup, type MockApi, mockApi, testClient, until } from './helpers.ts';

const HASH = 'a'.repeat(64);
const GROUP_HASH = 'b'.repeat(64);

describe('insights plugin', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
  });
  afterEach(cleanup);

  const ownerClient = () => {
    const client = testClient({ plugins: [insightsPlugin()] }) as InsightsClient;
    client.consent.set({ analytics: true });
    client.identify('owner-7', {}, { userHash: HASH });
    return client;
  };

  it('asks for the restaurant of the last group() call, with the backend’s groupHash', async () => {
    const client = ownerClient();
    expect(client.insights.$group.get()).to.equal(undefined);
    client.group('rest-42', { name: 'Beirut Kitchen' }, { groupHash: GROUP_HASH } as never);
    expect(client.insights.$group.get()).to.deep.equal({ groupId: 'rest-42', groupHash: GROUP_HASH });
    const response = await client.insights.get({ locale: 'en' });
    expect(response.groupId).to.equal('rest-42');
  });

  it('never puts the groupHash into the tracked group message', async () => {
    const client = ownerClient();
    client.group('rest-42', { name: 'Beirut Kitchen' }, { groupHash: GROUP_HASH } as never);
    await client.flush();
    await until(() => api.messages().some((m) => m.type === 'group'), 'group message');
    const message = api.messages().find((m) => m.type === 'group')!;
    expect(JSON.stringify(message)).to.not.include(GROUP_HASH);
    expect(message).to.include({ groupId: 'rest-42' });
  });

  it('without a group it refuses clearly; reset() forgets the group', async () => {
    const client = ownerClient();
    const error = await client.insights.get().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.match(/no groupId/);
    client.group('rest-42', {}, { groupHash: GROUP_HASH } as never);
    client.reset();
    expect(client.insights.$group.get()).to.equal(undefined);
  });
});
