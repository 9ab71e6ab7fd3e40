import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromeLaunchOptions } from './scripts/chrome.mjs';

// `gc()` for the memory-leak tests (widgets/test-support/leak-probe.ts): they force a collection and count what
// removed elements left reachable.
const launchOptions = { ...chromeLaunchOptions(), args: [...chromeLaunchOptions().args, '--js-flags=--expose-gc'] };

/** Serve msw's worker at the root so its scope covers every test page. */
const mswWorkerAtRoot = (context, next) => {
  if (context.url === '/mockServiceWorker.js') context.url = '/node_modules/msw/lib/mockServiceWorker.js';
  return next();
};

export default {
  rootDir: '.',
  files: ['sdk/test/**/*.test.ts', 'widgets/src/**/*.test.ts', 'packages/mocks/test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions })],
  middleware: [mswWorkerAtRoot],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' })],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html>
  <head><script>window.process = { env: { NODE_ENV: 'development' } };</script></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
};
