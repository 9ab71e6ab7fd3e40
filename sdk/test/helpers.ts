import { createMockApi } from '@matbakh/mocks';
import { setupWorker } from 'msw/browser';
import { type Client, type ClientOptions, createClient } from '../src/index.ts';

export const API = 'http://api.matbakh.test';
export const WRITE_KEY = 'pk_test_unit';

export type MockApi = ReturnType<typeof createMockApi>;

let running: { api: MockApi; stop(): void } | undefined;

/** One msw worker per test page, answering like the reference server (dedup, failures on demand). */
export async function mockApi(): Promise<MockApi> {
  if (running) {
    running.api.reset();
    return running.api;
  }
  const api = createMockApi({ base: API });
  const worker = setupWorker(...api.handlers);
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
  running = { api, stop: () => worker.stop() };
  return api;
}

const clients: Client[] = [];

/** A client with short timers, on clean storage; destroyed by `cleanup()`. */
export function testClient(options: Partial<ClientOptions> = {}): Client {
  const client = createClient({
    writeKey: WRITE_KEY,
    api: API,
    flushInterval: 40,
    retry: { baseMs: 20, maxMs: 80 },
    ...options,
  });
  clients.push(client);
  return client;
}

export function cleanup() {
  for (const client of clients.splice(0)) client.destroy();
  localStorage.clear();
  sessionStorage.clear();
}

/** The page's own `setTimeout`, kept before a test fakes it (fake-time.ts): `sleep` and `until` wait in real time. */
export const realTimeout: typeof setTimeout = window.setTimeout.bind(window);

export const sleep = (ms: number) => new Promise((resolve) => realTimeout(resolve, ms));

export async function until(condition: () => boolean, what: string, timeoutMs = 4000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Keys this page wrote to localStorage. */
export const storedKeys = () => Object.keys(localStorage);

/** Requests that reached the API, failed ones included. */
export const attempts = (api: MockApi) => api.requests.filter((r) => r.path === '/v1/batch');

/** Messages the server received more than once (it deduplicates them; the client should rarely cause any). */
export function duplicates(api: MockApi): number {
  const all = api.batches.flatMap((b) => b.batch.map((m) => m.messageId));
  return all.length - new Set(all).size;
}

/** Serialized size of each processed batch body. */
export const bodySizes = (api: MockApi) => api.batches.map((b) => new Blob([JSON.stringify(b)]).size);

/** Records every way a page can leave a trace: requests (with their init), beacons, storage writes, cookies. */
export function watchSideEffects() {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const writes: string[] = [];
  const originalFetch = window.fetch;
  const originalBeacon = navigator.sendBeacon;
  const originalSetItem = Storage.prototype.setItem;
  window.fetch = (input, init) => {
    requests.push({ url: String(input), init });
    return originalFetch(input, init);
  };
  navigator.sendBeacon = (url) => {
    requests.push({ url: `beacon ${String(url)}`, init: undefined });
    return true;
  };
  Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
    writes.push(key);
    originalSetItem.call(this, key, value);
  };
  return {
    requests,
    writes,
    restore() {
      window.fetch = originalFetch;
      navigator.sendBeacon = originalBeacon;
      Storage.prototype.setItem = originalSetItem;
    },
  };
}
