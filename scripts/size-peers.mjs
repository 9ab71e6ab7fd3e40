// The libraries our budgets are compared with (DESIGN.md's Budgets), measured in the same run as ours so a ratio
// means something on any machine: bundled with esbuild, minified, min+gzip, each with its minimal set-up.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const gzip = (code) => gzipSync(code, { level: 9 }).length;

/** A bundle of `source` (ESM with code splitting): the entry and the chunks it imports statically (the initial load). */
async function initialLoad(source) {
  const outdir = await mkdtemp(join(tmpdir(), 'matbakh-peers-'));
  try {
    const result = await build({
      stdin: { contents: source, resolveDir: ROOT, loader: 'js' },
      absWorkingDir: ROOT,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      charset: 'utf8',
      outdir,
      metafile: true,
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    const outputs = result.metafile.outputs;
    const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint === '<stdin>');
    const seen = new Set();
    const visit = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const { path, kind } of outputs[file].imports) if (kind === 'import-statement') visit(path);
    };
    visit(entry);
    let total = 0;
    for (const file of seen) total += gzip(await readFile(resolve(ROOT, file)));
    return total;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

const file = (path) => readFileSync(resolve(ROOT, 'node_modules', path));

/** Each peer's min+gzip bytes and what was measured. */
export async function measurePeers() {
  const version = (name) => JSON.parse(file(`${name}/package.json`)).version;
  return {
    'analytics-next': {
      what: `@segment/analytics-next ${version('@segment/analytics-next')}: AnalyticsBrowser.load, initial chunks`,
      gzip: await initialLoad(
        "import { AnalyticsBrowser } from '@segment/analytics-next'; AnalyticsBrowser.load({ writeKey: 'k' });",
      ),
    },
    'vanilla-cookieconsent': {
      what: `vanilla-cookieconsent ${version('vanilla-cookieconsent')}: run() + cookieconsent.css`,
      gzip:
        (await initialLoad("import { run } from 'vanilla-cookieconsent'; run({ categories: { necessary: {} } });")) +
        gzip(file('vanilla-cookieconsent/dist/cookieconsent.css')),
    },
    gridstack: {
      what: `gridstack ${version('gridstack')}: gridstack-all.js + gridstack.min.css`,
      gzip: gzip(file('gridstack/dist/gridstack-all.js')) + gzip(file('gridstack/dist/gridstack.min.css')),
    },
    'recommend-js': {
      what: `@algolia/recommend-js ${version('@algolia/recommend-js')}: relatedProducts (without the API client)`,
      gzip: await initialLoad("import { relatedProducts } from '@algolia/recommend-js'; window.r = relatedProducts;"),
    },
  };
}
