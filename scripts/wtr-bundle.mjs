// Serves a test file as one esbuild bundle. Unbundled, an SDK test page loads ~250 modules (the SDK, the contract,
// the mock API, msw, chai), each a request through the dev server and a compile in the page's fresh browser
// context, for every file again: that was most of the SDK step's CPU, more than the tests themselves.
import path from 'node:path';
import * as esbuild from 'esbuild';

/**
 * For @web/test-runner: `middleware` answers the request for a test file matching `include` with its bundle; a
 * file esbuild cannot build goes the usual way, so the runner reports the error as it always does. `plugin` hands
 * the bundle's sources to the runner's file watcher, so that `--watch` runs again when one of them changes.
 * @param {{ rootDir: string, include: RegExp, tsconfig: string, target: string }} options
 * @returns {{ middleware: import('koa').Middleware, plugin: import('@web/dev-server-core').Plugin }}
 */
export function bundledTestFiles({ rootDir, include, tsconfig, target }) {
  const root = path.resolve(rootDir);
  /** @type {{ add(files: string[]): void } | undefined} */
  let watcher;
  const plugin = {
    name: 'bundled-test-files',
    serverStart({ config, fileWatcher }) {
      if (!config.disableFileWatcher) watcher = fileWatcher;
    },
  };
  /** @type {import('koa').Middleware} */
  const middleware = async (context, next) => {
    if (context.method !== 'GET' || !context.query['wtr-session-id'] || !include.test(context.path)) return next();
    const file = path.join(root, context.path);
    if (!file.startsWith(`${root}${path.sep}`)) return next();
    let result;
    try {
      result = await esbuild.build({
        entryPoints: [file],
        bundle: true,
        write: false,
        metafile: true,
        format: 'esm',
        platform: 'browser',
        target,
        tsconfig: path.resolve(tsconfig),
        conditions: ['browser', 'development'],
        sourcemap: 'inline',
        sourcesContent: false,
        // Next to the test file: `import.meta.url` and run-time `import()` resolve as they would unbundled.
        outfile: `${file}.js`,
        // The runner's own browser modules (its web socket, test commands) are served as they are.
        external: ['/__web-dev-server__*', '/__web-test-runner__*'],
        logLevel: 'silent',
      });
    } catch {
      return next();
    }
    const sources = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('('));
    watcher?.add(sources.map((input) => path.resolve(input)));
    context.type = 'js';
    // Test tabs are reused with their HTTP cache (scripts/wtr-page-pool.mjs): a kept bundle is revalidated.
    context.set('cache-control', 'no-cache');
    context.body = result.outputFiles[0].text;
  };
  return { middleware, plugin };
}
