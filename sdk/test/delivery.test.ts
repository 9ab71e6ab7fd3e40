import { expect } from '@esm-bundle/chai';
import type { BatchRequest } from '@matbakh/contract';
import { backoffDelay, retryAfterMs } from '../src/transport/backoff.ts';
import { type FakeTime, fakeTime } from './fake-time.ts';
import {
  API,
  attempts,
  bodySizes,
  cleanup,
  duplicates,
  type MockApi,
  mockApi,
  sleep,
  testClient,
  until,
} from './helpers.ts';

/** Fake timers for the tests that wait for backoff, Retry-After or the flush interval; real again after each. */
let time: FakeTime | undefined;
afterEach(() => {
  time?.restore();
  time = undefined;
});

describe('delivery: batching', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
  });
  afterEach(cleanup);

  it('sends a batch as soon as 20 messages wait, the rest after the interval', async () => {
    time = fakeTime();
    const client = testClient({ flushInterval: 1500 });
    client.consent.set({ analytics: true });
    for (let i = 0; i < 44; i++) client.track('Menu Scrolled', { i }); // + Session Started = 45
    await time.advanceUntil(() => api.batches.length >= 2, 'two full batches', 1000);
    expect(api.batches.slice(0, 2).map((b) => b.batch.length)).to.deep.equal([20, 20]);
    await until(() => client.stats().sent === 40, 'both answers');
    const answered = time.elapsed;
    await time.advance(1499);
    expect(api.batches.length, 'the remaining 5 wait for the interval').to.equal(2);
    await time.advanceUntil(() => api.batches.length === 3, 'the interval flush', 5000);
    expect(time.elapsed - answered, 'not before the interval').to.be.at.least(1500);
    expect(api.batches[2]!.batch.length).to.equal(5);
    expect(api.messages().length).to.equal(45);
    await until(() => client.stats().sent === 45, 'the last response');
    expect(client.stats()).to.include({ queued: 0, retried: 0 });
  });

  it('keeps every batch under 32 KB', async () => {
    const client = testClient({ flushInterval: 50 });
    client.consent.set({ analytics: true });
    const note = 'x'.repeat(6000);
    for (let i = 0; i < 12; i++) client.track('Review Written', { note });
    await until(() => api.messages().length === 13, 'all messages');
    for (const size of bodySizes(api)) expect(size).to.be.at.most(32 * 1024 + 600);
    expect(api.batches.length).to.be.greaterThan(2);
  });

  it('sends text/plain with keepalive and the write key in the body (no CORS preflight, survives unload)', async () => {
    const seen: RequestInit[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      seen.push(init ?? {});
      return original(input, init);
    };
    try {
      const client = testClient();
      client.consent.set({ analytics: true });
      client.track('Order Completed', { order_id: 'o-1' });
      await client.flush();
      await until(() => api.batches.length === 1, 'a batch');
    } finally {
      window.fetch = original;
    }
    expect(seen[0]).to.include({ method: 'POST', keepalive: true });
    expect(new Headers(seen[0]!.headers).get('Content-Type')).to.equal('text/plain');
    expect(api.batches[0]!.writeKey).to.equal('pk_test_unit');
  });
});

describe('delivery: failures (table-driven)', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
  });
  afterEach(cleanup);

  const retried: [string, () => void][] = [
    ['503', () => api.failNext(503)],
    ['500 twice', () => api.failNext(500, { times: 2 })],
    ['408', () => api.failNext(408)],
    ['429 with Retry-After', () => api.failNext(429, { retryAfter: 1 })],
    ['network error', () => api.goOffline()],
  ];
  for (const [name, fail] of retried) {
    it(`retries after ${name} and delivers every message exactly once`, async () => {
      time = fakeTime();
      fail();
      const client = testClient();
      client.consent.set({ analytics: true });
      for (let i = 0; i < 3; i++) client.track('Dish Liked', { i });
      await client.flush();
      if (name === 'network error') {
        await until(() => client.stats().retried >= 1, 'a failed attempt');
        api.goOnline();
        dispatchEvent(new Event('online'));
      }
      await time.advanceUntil(() => api.messages().length === 4, 'delivery', 5000);
      await until(() => client.stats().sent === 4, 'the answer');
      // Long after any backoff, interval or Retry-After: nothing is sent again.
      await time.advance(5000);
      expect(api.messages().length).to.equal(4);
      expect(duplicates(api)).to.equal(0);
      expect(client.stats()).to.include({ sent: 4, queued: 0, dropped: 0 });
      expect(client.stats().retried).to.be.at.least(1);
    });
  }

  it('waits as long as Retry-After says before retrying a 429', async () => {
    time = fakeTime();
    api.failNext(429, { retryAfter: 1 });
    const client = testClient({ retry: { baseMs: 1, maxMs: 1 } });
    client.consent.set({ analytics: true });
    client.track('Search');
    await client.flush();
    await until(() => attempts(api).length === 1, 'first attempt');
    const refusedAt = time.elapsed;
    await time.advance(999);
    expect(attempts(api).length, 'not before the second Retry-After asked for').to.equal(1);
    await time.advanceUntil(() => api.messages().length === 2, 'retry', 4000);
    expect(time.elapsed - refusedAt).to.be.at.least(1000);
  });

  for (const status of [400, 401, 403, 413]) {
    it(`drops and counts a batch refused with ${status}, without retrying`, async () => {
      time = fakeTime();
      api.failNext(status);
      const client = testClient();
      client.consent.set({ analytics: true });
      client.track('Bad');
      await client.flush();
      await until(() => client.stats().dropped === 2, 'dropped');
      // Long after any backoff or interval: no second attempt.
      await time.advance(60_000);
      expect(attempts(api).length).to.equal(1);
      expect(client.stats()).to.include({ queued: 0, retried: 0, sent: 0 });
    });
  }

  it('replays what an offline page left behind exactly once on the next load', async () => {
    api.goOffline();
    const first = testClient();
    first.consent.set({ analytics: true });
    for (let i = 0; i < 5; i++) first.track('Offline Order Step', { i });
    await first.flush();
    await until(() => first.stats().retried >= 1, 'a failed attempt');
    first.destroy(); // the tab closes; the next page takes its entry as soon as its Web Lock is released

    api.goOnline();
    const second = testClient(); // the next page load, same storage
    await until(() => api.messages().length === 6, 'replay', 5000);
    await sleep(150);
    expect(api.messages().length).to.equal(6);
    expect(duplicates(api)).to.equal(0);
    expect(second.stats().sent).to.equal(6);
    await until(
      () => !Object.keys(localStorage).some((k) => k.startsWith('mb.q.')),
      'delivered messages leave storage',
    );
  });
});

describe('delivery: beacon on hide', () => {
  let api: MockApi;
  let beacons: { url: string; body: BatchRequest; size: number }[];
  const original = navigator.sendBeacon;
  beforeEach(async () => {
    api = await mockApi();
    beacons = [];
    navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
      const blob = data as Blob;
      void blob.text().then((text) => beacons.push({ url: String(url), body: JSON.parse(text), size: blob.size }));
      return true;
    };
  });
  afterEach(() => {
    navigator.sendBeacon = original;
    cleanup();
  });

  it('hands waiting messages to sendBeacon on pagehide, with the write key in the body', async () => {
    const client = testClient({ flushInterval: 60_000 });
    client.consent.set({ analytics: true });
    client.track('Cart Viewed');
    client.track('Checkout Started');
    dispatchEvent(new PageTransitionEvent('pagehide'));
    await until(() => beacons.length === 1, 'a beacon');
    expect(beacons[0]!.url).to.equal(`${API}/v1/batch`);
    expect(beacons[0]!.body.writeKey).to.equal('pk_test_unit');
    expect(beacons[0]!.body.batch.map((m) => (m.type === 'track' ? m.event : ''))).to.deep.equal([
      'Session Started',
      'Cart Viewed',
      'Checkout Started',
    ]);
    // Kept in storage until a later load gets a 2xx: a beacon only says it was queued.
    expect(Object.keys(localStorage).some((k) => k.startsWith('mb.q.'))).to.equal(true);
  });

  it('splits large queues into beacons under 64 KiB', async () => {
    const client = testClient({ flushInterval: 60_000, flushAt: 1000, maxBatchBytes: 10_000_000 });
    client.consent.set({ analytics: true });
    const text = 'ü'.repeat(3000); // 2 bytes each in UTF-8
    for (let i = 0; i < 60; i++) client.track('Review Draft Saved', { text, i });
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    delete (document as { visibilityState?: string }).visibilityState;
    await until(() => beacons.reduce((n, b) => n + b.body.batch.length, 0) === 61, 'all messages beaconed');
    expect(beacons.length).to.be.greaterThan(1);
    for (const beacon of beacons) expect(beacon.size).to.be.at.most(64 * 1024);
  });

  it('does not send the same message again in this page after beaconing it', async () => {
    const client = testClient({ flushInterval: 60_000 });
    client.consent.set({ analytics: true });
    client.track('Before Hide');
    dispatchEvent(new PageTransitionEvent('pagehide'));
    client.track('After Return');
    await client.flush();
    await until(() => api.messages().length === 1, 'fetch batch');
    expect(api.messages().map((m) => (m.type === 'track' ? m.event : ''))).to.deep.equal(['After Return']);
  });
});

describe('backoff', () => {
  it('uses full jitter under an exponential cap', () => {
    expect(backoffDelay(0, 1000, 60_000, () => 0.999)).to.equal(999);
    expect(backoffDelay(3, 1000, 60_000, () => 0.5)).to.equal(4000);
    expect(backoffDelay(20, 1000, 60_000, () => 0.999)).to.be.below(60_000);
    expect(backoffDelay(5, 1000, 60_000, () => 0)).to.equal(0);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('3')).to.equal(3000);
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(retryAfterMs('Wed, 25 Nov 2026 12:00:10 GMT', now)).to.equal(10_000);
    expect(retryAfterMs(null)).to.equal(undefined);
    expect(retryAfterMs('soon')).to.equal(undefined);
  });
});
