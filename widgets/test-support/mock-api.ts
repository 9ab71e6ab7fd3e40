/**
 * The msw mock API (`@matbakh/mocks`) served by the test page's service worker, for tests that run the real SDK
 * against it. Test support only (not published).
 */
import { createMockApi, type MockApiOptions } from '@matbakh/mocks';
import { setupWorker } from 'msw/browser';

/**
 * A mock API at `options.base`, answered by a service worker that runs for the enclosing `describe`: started
 * before its first test and stopped after its last. Requests it does not handle go to the network.
 */
export function useMockApi(options: MockApiOptions) {
  const api = createMockApi(options);
  const worker = setupWorker(...api.handlers);
  before(() =>
    worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' }),
  );
  after(() => worker.stop());
  return api;
}
