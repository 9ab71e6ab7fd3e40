import { expect } from '@esm-bundle/chai';
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

  describe('forecast, churn and win-back (issue 21)', () => {
    const withGroup = () => {
      const client = ownerClient();
      client.group('rest-42', {}, { groupHash: GROUP_HASH } as never);
      return client;
    };

    it('forecast asks for the horizon with the proofs; 7 days by default', async () => {
      const client = withGroup();
      const week = await client.insights.forecast({ locale: 'en' });
      expect(week.horizon).to.equal(7);
      expect(week.orders.points).to.have.length(7);
      const month = await client.insights.forecast({ horizon: 28, locale: 'de' });
      expect(month.orders.points).to.have.length(28);
      expect(month.orders.points.find((p) => p.date === '2026-12-25')?.holiday).to.equal('1. Weihnachtstag');
      const paths = api.requests.filter((r) => r.path === '/v1/insights/forecast');
      expect(paths.map((r) => r.status)).to.deep.equal([200, 200]);
    });

    it('churn lists the at-risk regulars by pseudonym', async () => {
      const churn = await withGroup().insights.churn({ locale: 'en' });
      expect(churn.atRisk.length).to.be.greaterThan(0);
      expect(churn.atRisk[0]!.guestRef).to.match(/^G-/);
      expect(churn.atRisk[0]!.reasons[0]!.text).to.match(/Usually orders every/);
    });

    it('win-back posts the proofs as JSON; the second call in the week says it already runs', async () => {
      const client = withGroup();
      const first = await client.insights.winBack({ locale: 'en' });
      expect(first).to.include({ alreadyRunning: false });
      expect(first.queued).to.be.greaterThan(0);
      const second = await client.insights.winBack();
      expect(second).to.include({ alreadyRunning: true, queued: 0 });
      expect(api.predictive.winBacks).to.deep.equal(['rest-42']);
    });

    it('failures reject with the status (never a synchronous throw); without a group, a clear refusal', async () => {
      const client = withGroup();
      api.failNext(503, { path: '/v1/insights/churn' });
      const failed = await client.insights.churn().then(
        () => undefined,
        (e: { status: number }) => e,
      );
      expect(failed?.status).to.equal(503);
      const anonymous = testClient({ plugins: [insightsPlugin()] }) as InsightsClient;
      const refused = anonymous.insights.winBack();
      expect(refused).to.be.instanceOf(Promise);
      expect(
        await refused.then(
          () => '',
          (e: Error) => e.message,
        ),
      ).to.match(/winBack\(\): no groupId/);
      // Another restaurant than the page's group: no groupHash to send, and the server names the missing proof.
      const noProof = await client.insights.winBack({ groupId: 'rest-other' }).then(
        () => undefined,
        (e: { status: number; body: { error: { field: string } } }) => e,
      );
      expect(noProof?.status).to.equal(403);
      expect(noProof?.body.error.field).to.equal('groupHash');
      expect(api.predictive.winBacks).to.deep.equal([]);
    });
  });
});
