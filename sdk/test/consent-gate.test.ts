import { expect } from '@esm-bundle/chai';
import { type FakeTime, fakeTime } from './fake-time.ts';
import {
  attempts,
  cleanup,
  type MockApi,
  mockApi,
  sleep,
  storedKeys,
  testClient,
  until,
  watchSideEffects,
} from './helpers.ts';

/** Fake timers for "nothing is ever sent" (issue 18): a minute of fake time instead of 100 ms of real waiting. */
let time: FakeTime | undefined;
const restoreTime = () => {
  time?.restore();
  time = undefined;
};
// Also after every test of the file: no test leaves fake timers to the next.
afterEach(restoreTime);

describe('consent gate', () => {
  let api: MockApi;
  let watch: ReturnType<typeof watchSideEffects>;
  beforeEach(async () => {
    api = await mockApi();
    watch = watchSideEffects();
  });
  afterEach(() => {
    cleanup();
    restoreTime();
    watch.restore();
  });

  it('before a decision: no request, no beacon, no storage write, no cookie', async () => {
    time = fakeTime();
    const client = testClient();
    client.track('Menu Viewed');
    client.page('Home');
    client.identify('user-1', { plan: 'basic' });
    await client.flush();
    dispatchEvent(new PageTransitionEvent('pagehide'));
    await time.advance(60_000);
    expect(watch.requests).to.deep.equal([]);
    expect(watch.writes).to.deep.equal([]);
    expect(storedKeys()).to.deep.equal([]);
    expect(document.cookie).to.equal('');
    expect(client.stats().awaitingConsent).to.equal(4);
  });

  it('on grant, what waited is sent with its original time and identifiers are stored', async () => {
    const client = testClient();
    client.track('Menu Viewed');
    const before = Date.now();
    await sleep(30);
    client.consent.set({ analytics: true });
    await client.flush();
    await until(() => api.messages().length === 2, 'the waiting messages');
    const viewed = api.messages()[1]!;
    expect(Date.parse(viewed.timestamp)).to.be.at.most(before);
    await sleep(0);
    expect(storedKeys()).to.include.members(['mb.consent.pk_test_unit', 'mb.user.pk_test_unit']);
  });

  it('on refusal, what waited is discarded and nothing is ever sent', async () => {
    time = fakeTime();
    const client = testClient();
    client.track('Menu Viewed');
    client.consent.set({ analytics: false, marketing: false });
    client.track('After Refusal');
    await client.flush();
    dispatchEvent(new PageTransitionEvent('pagehide'));
    await time.advance(60_000);
    expect(watch.requests).to.deep.equal([]);
    expect(storedKeys()).to.deep.equal(['mb.consent.pk_test_unit']);
    expect(client.stats()).to.include({ discarded: 3, awaitingConsent: 0, queued: 0 });
  });

  it('withdrawal clears the queue and the stored identity', async () => {
    api.goOffline();
    // A slow retry, so that no request is on its way when consent is withdrawn.
    const client = testClient({ retry: { baseMs: 60_000, maxMs: 60_000 } });
    client.consent.set({ analytics: true });
    client.track('Will Not Leave');
    await client.flush();
    await until(() => storedKeys().some((k) => k.startsWith('mb.q.')), 'persisted queue');
    time = fakeTime();
    client.consent.set({ analytics: false });
    expect(storedKeys()).to.deep.equal(['mb.consent.pk_test_unit']);
    api.goOnline();
    dispatchEvent(new Event('online'));
    await time.advance(60_000);
    expect(api.messages()).to.deep.equal([]);
  });

  it('preferences alone keep the anonymous id across page loads (they sync under it), but nothing is tracked', async () => {
    const first = testClient();
    first.consent.set({ analytics: false, preferences: true });
    first.track('Not Tracked');
    await first.flush();
    await sleep(0);
    expect(storedKeys().sort()).to.deep.equal(['mb.consent.pk_test_unit', 'mb.user.pk_test_unit']);
    const next = testClient();
    expect(next.user().anonymousId).to.equal(first.user().anonymousId);
    expect(watch.requests).to.deep.equal([]);
    next.consent.set({ analytics: false, preferences: false });
    expect(storedKeys()).to.deep.equal(['mb.consent.pk_test_unit']);
  });

  it('a later page load remembers the decision', async () => {
    testClient().consent.set({ analytics: true });
    const next = testClient();
    expect(next.consent.status('analytics')).to.equal('granted');
    expect(next.consent.status('marketing')).to.equal('pending');
    expect(next.consent.status('necessary')).to.equal('granted');
  });

  it('notifies onChange listeners with the new state', () => {
    const client = testClient();
    const seen: boolean[] = [];
    const off = client.consent.onChange((state) => seen.push(state.choices.analytics === true));
    client.consent.set({ analytics: true });
    client.consent.set({ analytics: false });
    off();
    client.consent.set({ analytics: true });
    expect(seen).to.deep.equal([true, false]);
  });

  it('rejects bad consent input with a counted error and keeps the earlier decision', () => {
    const client = testClient();
    client.consent.set({ analytics: true });
    expect(() => client.consent.set({ tracking: true } as never)).not.to.throw();
    expect(() => client.consent.set({ analytics: 'yes' } as never)).not.to.throw();
    expect(client.consent.status('analytics')).to.equal('granted');
    expect(client.stats().errors).to.equal(2);
  });
});

describe('consent per write key', () => {
  const OTHER = 'pk_other_tenant';
  const legacyDecision = JSON.stringify({ c: { analytics: true }, t: '2026-11-01T00:00:00.000Z', id: 'legacy-1' });
  beforeEach(async () => {
    await mockApi();
  });
  afterEach(cleanup);

  it('two clients with different write keys on one page keep separate decisions', () => {
    const a = testClient();
    const b = testClient({ writeKey: OTHER });
    a.consent.set({ analytics: true, marketing: true });
    expect(b.consent.status('analytics')).to.equal('pending');
    b.consent.set({ analytics: false });
    expect(a.consent.status('analytics')).to.equal('granted');
    expect(
      storedKeys()
        .filter((k) => k.startsWith('mb.consent'))
        .sort(),
    ).to.deep.equal(['mb.consent.pk_other_tenant', 'mb.consent.pk_test_unit']);
    // The next page load: each tenant finds its own decision, not the other's.
    expect(testClient({ writeKey: OTHER }).consent.status('analytics')).to.equal('denied');
    expect(testClient().consent.status('marketing')).to.equal('granted');
  });

  it("another tenant's decision in another tab does not reload this client's", () => {
    const client = testClient();
    localStorage.setItem(`mb.consent.${OTHER}`, legacyDecision);
    dispatchEvent(new StorageEvent('storage', { key: `mb.consent.${OTHER}` }));
    expect(client.consent.status('analytics')).to.equal('pending');
    localStorage.setItem('mb.consent.pk_test_unit', legacyDecision);
    dispatchEvent(new StorageEvent('storage', { key: 'mb.consent.pk_test_unit' }));
    expect(client.consent.status('analytics')).to.equal('granted');
  });

  it('adopts the page-wide decision of an earlier version once: moved to its own key, not asked again', () => {
    localStorage.setItem('mb.consent', legacyDecision);
    const client = testClient();
    expect(client.consent.status('analytics')).to.equal('granted');
    expect(client.consent.get().id).to.equal('legacy-1');
    expect(storedKeys()).to.deep.equal(['mb.consent.pk_test_unit']);
    expect(localStorage.getItem('mb.consent.pk_test_unit')).to.equal(legacyDecision);
    // Adopted once: a second tenant does not inherit it.
    expect(testClient({ writeKey: OTHER }).consent.status('analytics')).to.equal('pending');
  });

  it('keeps its own decision when both exist (the legacy record is left to a client without one)', () => {
    localStorage.setItem('mb.consent', legacyDecision);
    localStorage.setItem('mb.consent.pk_test_unit', JSON.stringify({ c: { analytics: false }, t: 't', id: 'own' }));
    const client = testClient();
    expect(client.consent.status('analytics')).to.equal('denied');
    expect(client.consent.get().id).to.equal('own');
    expect(localStorage.getItem('mb.consent')).to.equal(legacyDecision);
    expect(testClient({ writeKey: OTHER }).consent.get().id).to.equal('legacy-1');
    expect(localStorage.getItem('mb.consent')).to.equal(null);
  });

  it('with memory storage the legacy record is neither read nor removed', () => {
    localStorage.setItem('mb.consent', legacyDecision);
    const client = testClient({ storage: 'memory' });
    expect(client.consent.status('analytics')).to.equal('pending');
    expect(storedKeys()).to.deep.equal(['mb.consent']);
  });
});

describe('Global Privacy Control', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
  });
  afterEach(() => {
    delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    cleanup();
    restoreTime();
  });

  it('counts as refusal of analytics and marketing: nothing sent or stored', async () => {
    time = fakeTime();
    const client = testClient();
    expect(client.consent.status('analytics')).to.equal('denied');
    expect(client.consent.status('marketing')).to.equal('denied');
    expect(client.consent.status('preferences')).to.equal('pending');
    expect(client.consent.get().gpc).to.equal(true);
    client.track('Menu Viewed');
    await client.flush();
    await time.advance(60_000);
    expect(attempts(api).length).to.equal(0);
    expect(storedKeys()).to.deep.equal([]);
  });

  it('an explicit later choice by the visitor overrides it', async () => {
    const client = testClient();
    client.consent.set({ analytics: true });
    client.track('Menu Viewed');
    await client.flush();
    await until(() => api.messages().length === 2, 'sent after explicit opt-in');
  });
});
