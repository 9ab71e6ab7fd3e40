import { expect } from '@esm-bundle/chai';
import { cleanup, type MockApi, mockApi, sleep, testClient, until, WRITE_KEY } from './helpers.ts';

describe('persistent queue', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
  });
  afterEach(cleanup);

  it('survives corrupted storage: unreadable entries are removed and counted, tracking goes on', async () => {
    localStorage.setItem(`mb.consent.${WRITE_KEY}`, '{"c":{"analytics":true},"t":"2026-11-25T00:00:00Z","id":"c1"}');
    localStorage.setItem(`mb.q.${WRITE_KEY}.dead-tab`, '{not json');
    localStorage.setItem(`mb.q.${WRITE_KEY}.other-tab`, JSON.stringify({ t: 1, q: [42, { nope: true }] }));
    localStorage.setItem(`mb.user.${WRITE_KEY}`, '[[[');
    const client = testClient();
    client.track('Still Works');
    await client.flush();
    await until(() => api.messages().length === 2, 'delivery');
    // Other tabs' entries are adopted under a Web Lock, which may be granted after the delivery above.
    await until(() => client.stats().corrupted === 3, 'the three unreadable entries counted');
    expect(client.stats().corrupted).to.equal(3);
    expect(client.stats().errors).to.equal(0);
    expect(localStorage.getItem(`mb.q.${WRITE_KEY}.dead-tab`)).to.equal(null);
  });

  it('over quota: keeps the newest messages stored, all in memory, and counts it', async () => {
    api.goOffline();
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      if (key.startsWith('mb.q.') && value.length > 4000) throw new DOMException('full', 'QuotaExceededError');
      original.call(this, key, value);
    };
    try {
      const client = testClient();
      client.consent.set({ analytics: true });
      for (let i = 0; i < 30; i++) client.track('Browse', { i, pad: 'p'.repeat(100) });
      await until(() => client.stats().storageFull > 0, 'a refused write');
      const stored = JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('mb.q.'))!)!);
      expect(stored.q.length).to.be.within(1, 30);
      expect(stored.q.at(-1).properties.i).to.equal(29);
      expect(client.stats().queued).to.equal(31);
      api.goOnline();
      dispatchEvent(new Event('online'));
      await until(() => api.messages().length === 31, 'everything delivered from memory', 5000);
    } finally {
      Storage.prototype.setItem = original;
    }
  });

  it('is bounded: drops the oldest first and counts them', async () => {
    api.goOffline();
    const client = testClient({ maxQueueItems: 10 });
    client.consent.set({ analytics: true });
    for (let i = 0; i < 25; i++) client.track('Tap', { i });
    expect(client.stats().queued).to.equal(10);
    expect(client.stats().dropped).to.equal(16);
    api.goOnline();
    dispatchEvent(new Event('online'));
    await until(() => api.messages().length === 10, 'the newest ten');
    expect(api.messages().map((m) => (m.type === 'track' ? m.properties.i : null))).to.deep.equal([
      15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
    ]);
  });

  it('works with storage disabled: memory only, nothing lost while the page lives', async () => {
    const client = testClient({ storage: 'memory' });
    client.consent.set({ analytics: true });
    client.track('Memory Only');
    await client.flush();
    await until(() => api.messages().length === 2, 'delivery');
    expect(Object.keys(localStorage)).to.deep.equal([]);
  });

  it('adopts the queue of another tab only once that tab has closed', async () => {
    api.goOffline();
    // A slow retry: no request of tab A is on its way when it closes (one would be delivered, then deduplicated).
    const tabA = testClient({ retry: { baseMs: 60_000, maxMs: 60_000 } });
    tabA.consent.set({ analytics: true });
    tabA.track('From Tab A');
    await until(() => Object.keys(localStorage).some((k) => k.startsWith('mb.q.')), 'tab A persisted');
    await sleep(20);
    const tabB = testClient();
    await sleep(100);
    expect(tabB.stats().queued, 'tab A is alive: its queue stays its own').to.equal(0);
    api.goOnline();
    tabA.destroy(); // tab A closes with its messages undelivered, releasing its lock
    await until(() => tabB.stats().sent === 2, 'tab B takes over what tab A left');
    expect([tabA.stats().sent, tabB.stats().sent]).to.deep.equal([0, 2]);
  });
});
