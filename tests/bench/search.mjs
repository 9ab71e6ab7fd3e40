// Search bench (issue 20): `node --import tsx tests/bench/search.mjs`
//
// Quality and speed of search on the quality set (tests/bench/search/quality-set.ts: a 1,000-dish catalogue plus
// two held-out menus, ≥ 200 graded queries), for ours and its peers in the same run: MiniSearch, FlexSearch and
// Orama with default options, FlexSearch and Orama set up like ours, and plain substring match. Prints MRR@10,
// success@5, recall@5 and the zero-result rate (per query kind for ours), p50/p95 query latency, index size
// (serialised, gzip) and library bundle size (esbuild, minified, gzip), each beside ours as a ratio; diet/allergen
// violations of ours under random stored constraints; and ours at 10,000 dishes (server) and 5,000 (on-device).

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  ALLERGENS,
  createSearchIndex,
  DIETS,
  decodeSearchIndex,
  encodeSearchIndex,
  passesHardFilters,
  runSearch,
  searchDocs,
} from '@matbakh/contract';
import { build } from 'esbuild';
import { createApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { openDb } from '../../packages/server/src/db.ts';
import { syntheticCatalog } from '../../packages/server/src/demo/synthetic.ts';
import { removeCatalogItems, upsertCatalog } from '../../packages/server/src/recommend/catalog.ts';
import { prng } from '../../packages/server/src/recommend/prng.ts';
import { refreshTenantSearch } from '../../packages/server/src/search/index-cache.ts';
import { createTenant } from '../../packages/server/src/tenants.ts';
import { deviceKeystrokesInChromium } from './search/device-browser.mjs';
import {
  flexDefaults,
  flexTuned,
  miniSearchDefaults,
  oramaDefaults,
  oramaTuned,
  ours,
  substring,
} from './search/engines.ts';
import { qualityCatalog, qualityQueries } from './search/quality-set.ts';
import { searchOverHttp } from './search/server-http.mjs';

// The tenant of the through-the-app measurement needs a key store (a throw-away one).
process.env.MATBAKH_MASTER_KEY ??= randomBytes(32).toString('base64');
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 3);
const root = fileURLToPath(new URL('../..', import.meta.url));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const fmt = (value, digits = 3) => value.toFixed(digits);
const gz = (text) => gzipSync(text, { level: 9 }).length;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

const catalog = qualityCatalog();
const docs = searchDocs(catalog);
const docById = new Map(docs.map((d) => [d.id, d]));
const queries = qualityQueries(catalog);
const judge = (id, type) => (type === 'dish' ? docById.get(id)?.name : id);

function score(engine) {
  const byKind = new Map();
  const all = { n: 0, rr: 0, success: 0, recall: 0, zero: 0 };
  const times = [];
  for (const query of queries) {
    let ranked = [];
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now();
      ranked = engine.search(query.q, query.type, 10);
      times.push(performance.now() - start);
    }
    const keys = ranked.map((id) => judge(id, query.type));
    const first = keys.findIndex((key) => (query.relevant[key] ?? 0) > 0);
    const wanted = Object.keys(query.relevant);
    const top5 = new Set(keys.slice(0, 5).filter((key) => (query.relevant[key] ?? 0) > 0));
    const m = {
      n: 1,
      rr: first >= 0 ? 1 / (first + 1) : 0,
      success: first >= 0 && first < 5 ? 1 : 0,
      recall: wanted.length === 0 ? 1 : top5.size / Math.min(5, wanted.length),
      zero: ranked.length === 0 ? 1 : 0,
    };
    for (const target of [
      all,
      byKind.get(query.kind) ?? byKind.set(query.kind, { n: 0, rr: 0, success: 0, recall: 0, zero: 0 }).get(query.kind),
    ]) {
      for (const key of Object.keys(m)) target[key] += m[key];
    }
  }
  times.sort((a, b) => a - b);
  return { all, byKind, p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

async function bundleSize(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    logLevel: 'silent',
  });
  return gz(result.outputFiles[0].contents);
}

const LIBRARY_BUNDLES = {
  'matbakh (MiniSearch + contract)': `import { createSearchIndex, runSearch, searchDocs } from './packages/contract/src/index.ts';
    const i = createSearchIndex(searchDocs([])); console.log(runSearch(i, { q: 'x', limit: 5, diet: [], allergens: [] }));`,
  'MiniSearch 7.2 defaults': `import MiniSearch from 'minisearch'; const m = new MiniSearch({ fields: ['name'] }); m.add({ id: 1, name: 'x' }); console.log(m.search('x'));`,
  'FlexSearch 0.8 defaults': `import F from 'flexsearch'; const d = new F.Document({ document: { id: 'id', index: ['name'] } }); d.add({ id: 1, name: 'x' }); console.log(d.search('x'));`,
  'Orama 3.1 defaults': `import { create, insert, search } from '@orama/orama'; const db = create({ schema: { name: 'string' } }); insert(db, { name: 'x' }); console.log(search(db, { term: 'x' }));`,
};

console.log(
  `search bench: ${docs.filter((d) => d.type === 'dish').length} dishes, ${queries.length} queries, ${ROUNDS} rounds; load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`,
);

const factories = [ours, miniSearchDefaults, flexDefaults, oramaDefaults, flexTuned, oramaTuned, substring];
const rows = [];
const results = [];
for (const factory of factories) {
  const start = performance.now();
  const engine = factory(docs);
  const buildMs = performance.now() - start;
  const s = score(engine);
  const serialised = await engine.serialise();
  const bundle = LIBRARY_BUNDLES[engine.name] ? await bundleSize(LIBRARY_BUNDLES[engine.name]) : undefined;
  results.push({ engine, s, buildMs, index: gz(serialised), bundle });
}
const base = results[0];
const ratio = (value, ref) => (ref ? `${fmt(value / ref, 2)}×` : '–');
for (const { engine, s, buildMs, index, bundle } of results) {
  const n = s.all.n;
  rows.push([
    engine.name,
    fmt(s.all.rr / n),
    fmt(s.all.success / n),
    fmt(s.all.recall / n),
    fmt(s.all.zero / n),
    `${fmt(s.p50, 3)} ms`,
    `${fmt(s.p95, 3)} ms`,
    `${buildMs.toFixed(0)} ms`,
    kb(index),
    bundle ? kb(bundle) : '–',
    `MRR ${ratio(base.s.all.rr, s.all.rr)}, p95 ${ratio(s.p95, base.s.p95)}`,
  ]);
}
table(
  'Quality and speed (ratios: ours ÷ peer for MRR, peer ÷ ours for p95)',
  [
    'engine',
    'MRR@10',
    'success@5',
    'recall@5',
    'zero-result',
    'p50',
    'p95',
    'build',
    'index gzip',
    'bundle min+gz',
    'ours vs peer',
  ],
  rows,
);
const defaults = results.filter((r) => r.engine.name.includes('defaults') || r.engine.name === 'substring match');
const bestDefault = Math.max(...defaults.map((r) => r.s.all.rr / r.s.all.n));
console.log(
  `targets: success@5 ${fmt(base.s.all.success / base.s.all.n)} (≥ 0.9), MRR@10 ${fmt(base.s.all.rr / base.s.all.n)} = ${fmt(base.s.all.rr / base.s.all.n / bestDefault, 2)}× the best default-options baseline (≥ 1.2×)`,
);

table(
  'Ours by query kind',
  ['kind', 'queries', 'MRR@10', 'success@5', 'recall@5', 'zero-result'],
  [...base.s.byKind].map(([kind, m]) => [
    kind,
    m.n,
    fmt(m.rr / m.n),
    fmt(m.success / m.n),
    fmt(m.recall / m.n),
    fmt(m.zero / m.n),
  ]),
);

// Diet/allergen safety: random stored constraints over every query; a returned dish that violates them is a failure.
{
  const random = prng(7);
  const index = createSearchIndex(docs);
  let checked = 0;
  let violations = 0;
  for (const query of queries) {
    const diet = DIETS.filter(() => random() < 0.15);
    const allergens = ALLERGENS.filter(() => random() < 0.2);
    const response = runSearch(index, { q: query.q, limit: 20, diet, allergens });
    for (const hit of response.groups.flatMap((g) => g.hits)) {
      checked++;
      if (hit.type === 'dish' && !passesHardFilters(docById.get(hit.id), diet, allergens)) violations++;
    }
  }
  console.log(
    `\ndiet/allergen violations: ${violations} of ${checked} hits under random stored constraints (target 0)`,
  );
}

// The compact index the SDK fetches once, for the demo generator's 1,000 dishes.
{
  const thousand = syntheticCatalog(Date.parse('2026-12-01T12:00:00Z'), 10).items;
  const compact = JSON.stringify(encodeSearchIndex(thousand, new Date(0).toISOString()));
  const started = performance.now();
  createSearchIndex(searchDocs(decodeSearchIndex(JSON.parse(compact))));
  console.log(
    `on-device index transfer (GET /v1/search/index), 1,000 dishes: ${kb(compact.length)} raw, ${kb(gz(compact))} gzip (budget 15 KB); decode + index ${(performance.now() - started).toFixed(0)} ms`,
  );
}

// Scale: the server at 10,000 dishes, the device at 5,000 (one keystroke = one query of the prefix typed so far).
for (const [label, perCuisine, what] of [
  ['server, 10,000 dishes', 100, 'query'],
  ['on-device, 5,000 dishes', 50, 'keystroke'],
]) {
  const items = syntheticCatalog(Date.parse('2026-12-01T12:00:00Z'), perCuisine).items;
  const started = performance.now();
  const index = createSearchIndex(
    searchDocs(what === 'keystroke' ? decodeSearchIndex(encodeSearchIndex(items, '')) : items),
  );
  const buildMs = performance.now() - started;
  const times = [];
  for (const query of queries) {
    const steps = what === 'keystroke' ? [...query.q].map((_, i) => query.q.slice(0, i + 1)) : [query.q];
    for (const q of steps) {
      const start = performance.now();
      runSearch(index, { q, limit: 5, diet: [], allergens: [] });
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}: index built in ${buildMs.toFixed(0)} ms; per ${what} p50 ${fmt(quantile(times, 0.5))} ms, p95 ${fmt(quantile(times, 0.95))} ms (${times.length} runs; targets: server p95 ≤ 20 ms, device median ≤ 5 ms, Node here — no CPU throttle)`,
  );
}

// The same on-device search as the guest's browser runs it: the SDK's client and search plugin in Chromium over the
// compact index of 5,000 dishes, keystroke by keystroke, unthrottled and with the CPU slowed 4× (issue 20's target
// is the median; the 4× row is noted beside it).
{
  const items = syntheticCatalog(Date.parse('2026-12-01T12:00:00Z'), 50).items;
  const runs = await deviceKeystrokesInChromium({
    index: encodeSearchIndex(items, new Date(0).toISOString()),
    queries: queries.map((query) => query.q),
  });
  for (const { rate, times, prefetchMs } of runs) {
    console.log(
      `on-device in Chromium (SDK searchPlugin), 5,000 dishes, ${rate === 1 ? 'no CPU throttle' : `${rate}× CPU throttle`}: per keystroke p50 ${fmt(quantile(times, 0.5), 2)} ms, p95 ${fmt(quantile(times, 0.95), 2)} ms (${times.length} keystrokes; target median ≤ 5 ms); index fetched and built in ${prefetchMs.toFixed(0)} ms; load ${loadavg()[0].toFixed(2)}`,
    );
  }
}

// The server as guests meet it: `GET /v1/search` through the Hono app (no network) on SQLite, 10,000 dishes, the index
// built beforehand as the worker does; each request reads the subject's stored constraints and consent. Then what
// an upload of 10 changed dishes costs the worker: the incremental update against a full build.
{
  const dir = mkdtempSync(join(tmpdir(), 'matbakh-searchbench-'));
  try {
    const at = Date.parse('2026-12-01T12:00:00Z');
    const db = await openDb(join(dir, 'bench.sqlite'));
    const tenant = await createTenant(db, { name: 'Bench', origins: ['http://localhost:*'] });
    const items = syntheticCatalog(at, 100).items;
    await upsertCatalog(db, tenant.id, items, at);
    let started = performance.now();
    const built = await refreshTenantSearch(db, tenant.id);
    const buildMs = performance.now() - started;
    const app = createApp({ db, config: { ...loadConfig({ MB_DB_PATH: ':memory:' }), rateLimit: 1e9 }, now: () => at });
    const url = (q, i) =>
      `/v1/search?${new URLSearchParams({ writeKey: tenant.writeKey, q, limit: '5', anonymousId: `a-${i % 500}` })}`;
    for (let i = 0; i < 50; i++) await (await app.request(url(queries[i % queries.length].q, i))).arrayBuffer();
    const times = [];
    for (let round = 0; round < 2; round++) {
      for (const [i, query] of queries.entries()) {
        const start = performance.now();
        const res = await app.request(url(query.q, i));
        await res.arrayBuffer();
        times.push(performance.now() - start);
        if (res.status !== 200) throw new Error(`status ${res.status} for ${query.q}`);
      }
    }
    times.sort((a, b) => a - b);
    console.log(
      `GET /v1/search via app.request, 10,000 dishes (SQLite): p50 ${fmt(quantile(times, 0.5))} ms, p95 ${fmt(quantile(times, 0.95))} ms, p99 ${fmt(quantile(times, 0.99))} ms (${times.length} requests after 50 warm-up; target p95 ≤ 20 ms); index of ${built.documents} documents built in ${buildMs.toFixed(0)} ms`,
    );
    const dishes = items.filter((item) => item.kind === 'dish');
    await upsertCatalog(
      db,
      tenant.id,
      dishes.slice(0, 5).map((dish) => ({ ...dish, name: `${dish.name} spezial` })),
      at + 1000,
    );
    await removeCatalogItems(
      db,
      tenant.id,
      dishes.slice(5, 10).map((dish) => dish.id),
    );
    started = performance.now();
    const updated = await refreshTenantSearch(db, tenant.id);
    console.log(
      `worker after an upload (5 dishes renamed, 5 removed): catalogue read + incremental update ${(performance.now() - started).toFixed(0)} ms (${JSON.stringify(updated)}); a full build was ${buildMs.toFixed(0)} ms`,
    );
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The target's own terms: `GET /v1/search` over HTTP against a real `serve` process (SQLite, worker on), 10,000
// dishes, one request at a time. Wall clock is what the guest waits; the server's main-thread CPU per request is
// its own cost, and the wait for a core what the shared machine adds (both from /proc/<pid>/schedstat).
{
  const items = syntheticCatalog(Date.parse('2026-12-01T12:00:00Z'), 100).items;
  const loadBefore = loadavg()[0];
  const { wall, cpu, wait, documents } = await searchOverHttp({ items, queries: queries.map((query) => query.q) });
  const ms = (sorted, q) => (sorted.length ? fmt(quantile(sorted, q), 2) : '—');
  console.log(
    `GET /v1/search over HTTP (serve process, SQLite, ${documents} catalogue items, 10,000 dishes): wall p50 ${ms(wall, 0.5)} ms, p95 ${ms(wall, 0.95)} ms, p99 ${ms(wall, 0.99)} ms (target p95 ≤ 20 ms); server main-thread CPU per request p50 ${ms(cpu, 0.5)} ms, p95 ${ms(cpu, 0.95)} ms; server waiting for a core p50 ${ms(wait, 0.5)} ms, p95 ${ms(wait, 0.95)} ms (${wall.length} requests after 50 warm-up; load ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)})`,
  );
}
