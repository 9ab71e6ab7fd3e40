// Bundle-size budgets (min+gzip), measured the way the peers in DESIGN.md were: esbuild, minified.
// Also keeps promises that are easy to break silently: the version in the bundle and the README's snippet.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const KB = 1024;

/** name, entry, budget in bytes, what is left out because the page pays for it once. */
const ENTRIES = [
  {
    name: 'core client (tracking + transport + consent gate + loader)',
    entry: 'sdk/src/loader/index.ts',
    budget: 6 * KB,
  },
  { name: 'initial script-tag payload (dist/matbakh.js)', file: 'dist/matbakh.js', budget: 25 * KB },
];

async function measure({ entry, file, external = [] }) {
  let code;
  if (file) code = readFileSync(resolve(ROOT, file));
  else {
    const result = await build({
      entryPoints: [resolve(ROOT, entry)],
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2020',
      write: false,
      external,
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    code = result.outputFiles[0].contents;
  }
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const problems = [];
const rows = [];
for (const entry of ENTRIES) {
  const size = await measure(entry);
  const ok = size.gzip <= entry.budget;
  if (!ok)
    problems.push(`${entry.name}: ${(size.gzip / KB).toFixed(2)} KB > budget ${(entry.budget / KB).toFixed(2)} KB`);
  rows.push({
    entry: entry.name,
    'min (KB)': (size.min / KB).toFixed(2),
    'min+gzip (KB)': (size.gzip / KB).toFixed(2),
    'budget (KB)': (entry.budget / KB).toFixed(2),
    ok: ok ? 'yes' : 'NO',
  });
}
console.table(rows);

const sdkVersion = JSON.parse(readFileSync(resolve(ROOT, 'sdk/package.json'), 'utf8')).version;
const versionSource = readFileSync(resolve(ROOT, 'sdk/src/version.ts'), 'utf8');
if (!versionSource.includes(`VERSION = '${sdkVersion}'`))
  problems.push(`sdk/src/version.ts does not say ${sdkVersion} (sdk/package.json)`);
const bundle = readFileSync(resolve(ROOT, 'dist/matbakh.js'), 'utf8');
const quoted = ['"', "'", '`'].some((q) => bundle.includes(`${q}${sdkVersion}${q}`));
if (!quoted || !bundle.startsWith(`/*! matbakh.js ${sdkVersion}`)) {
  problems.push(`dist/matbakh.js does not carry version ${sdkVersion} (banner and VERSION)`);
}

const snippet = readFileSync(resolve(ROOT, 'sdk/src/loader/snippet.js'), 'utf8').trim();
for (const doc of ['README.md', 'examples/partner-site/index.html']) {
  if (!readFileSync(resolve(ROOT, doc), 'utf8').includes(snippet))
    problems.push(`${doc} does not contain the current pre-load snippet (sdk/src/loader/snippet.js)`);
}
console.log(`pre-load snippet: ${Buffer.byteLength(snippet)} bytes`);

if (problems.length) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  process.exit(1);
}
console.log('✓ all budgets and checks hold');
