import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLaunchOptions } from './scripts/chrome.mjs';
import { bundledTestFiles } from './scripts/wtr-bundle.mjs';
import { PooledPlaywrightLauncher } from './scripts/wtr-page-pool.mjs';

// `gc()` for the memory-leak tests (widgets/test-support/leak-probe.ts): they force a collection and count what
// removed elements left reachable.
const launchOptions = { ...chromeLaunchOptions(), args: [...chromeLaunchOptions().args, '--js-flags=--expose-gc'] };

// SDK test pages load as one bundle each (scripts/wtr-bundle.mjs): about half the CPU of the step went into
// loading ~250 modules per page, more than the tests themselves took.
const sdkTestBundles = bundledTestFiles({
  rootDir: '.',
  include: /^\/sdk\/test\/.*\.test\.ts$/,
  tsconfig: 'tsconfig.base.json',
  target: 'es2022',
});

/** Serve msw's worker at the root so its scope covers every test page. */
const mswWorkerAtRoot = (context, next) => {
  if (context.url === '/mockServiceWorker.js') context.url = '/node_modules/msw/lib/mockServiceWorker.js';
  return next();
};

export default {
  rootDir: '.',
  files: [
    'sdk/test/**/*.test.ts',
    'widgets/src/**/*.test.ts',
    'packages/mocks/test/**/*.test.ts',
    'packages/console/test/**/*.test.ts',
  ],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // Two pages at a time on the 2-core CI box: each test page mostly waits on its own renderer or on a round trip
  // to this process (a key press, a mouse move), so two overlap well; more only queue for the same two cores.
  concurrency: 2,
  // The per-test timeout catches a test that hangs; it is not a performance check (those are benchmarks, see
  // `npm run bench`). Measured on the 2-core box at load 20–31 (other work plus two busy loops): a real key
  // press through the runner takes 140 ms (median) to 450 ms, so the tests that press 40–70 keys, drag by mouse,
  // or run axe several times took 9–12.6 s and three of them hit the former 10 s at random. 30 s leaves room for
  // that load; a test that waits for something that never comes still fails.
  testFramework: { config: { timeout: 30_000 } },
  // Starting Chromium and its first page took over the default 30 s once at load 30.
  browserStartTimeout: 60_000,
  // A whole test file, which scales with load the same way: the largest took 45 s at load 23, and two
  // (privacy-center, recommendations) went over the default 2 min at load 30–34. A hang inside a test still fails
  // at the per-test timeout above.
  testsFinishTimeout: 300_000,
  browsers: [new PooledPlaywrightLauncher(launchOptions)],
  middleware: [mswWorkerAtRoot, sdkTestBundles.middleware],
  plugins: [sdkTestBundles.plugin, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' })],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html>
  <head><script>window.process = { env: { NODE_ENV: 'development' } };</script></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
};
