// Recommender bench (issue 5): `node --import tsx tests/bench/recommender.mjs`
//
// 1. Seeds a temporary SQLite file with the synthetic catalogue and BENCH_USERS guests / BENCH_ORDERS orders
//    (packages/server/src/demo/synthetic.ts, seeded PRNG: the same data on every run), holding out each
//    guest's last order.
// 2. Offline metrics on the held-out orders: hit rate@10, NDCG@10 and catalogue coverage of the recommender
//    (with personalization consent) beside two popularity baselines (global top 10; top 10 of the guest's region).
// 3. Latency of `GET /v1/recommendations` through the Hono app (`app.request`, no network): BENCH_REQUESTS requests
//    (mixed: with and without consent, guests and cold-start visitors), p50 / p95 / p99.
// No thresholds enforced here: it prints; the README quotes the numbers.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { openDb } from '../../packages/server/src/db.ts';
import {
  anonymousIdOf,
  orderMessages,
  syntheticCatalog,
  syntheticOrders,
} from '../../packages/server/src/demo/synthetic.ts';
import { storeMessages } from '../../packages/server/src/events.ts';
import { aggregatesFor, anonymousKey } from '../../packages/server/src/recommend/aggregates.ts';
import { upsertCatalog } from '../../packages/server/src/recommend/catalog.ts';
import { recommend } from '../../packages/server/src/recommend/recommender.ts';
import { createTenant } from '../../packages/server/src/tenants.ts';

// Bench data is thrown away: a fresh master key seals its tenants' secrets (inherited by the servers it starts).
process.env.MATBAKH_MASTER_KEY ??= randomBytes(32).toString('base64');

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 200_000);
const REQUESTS = Math.max(500, Number(process.env.BENCH_REQUESTS ?? 1_000));
const EVAL_USERS = Math.min(USERS, Number(process.env.BENCH_EVAL_USERS ?? USERS));
const K = 10;
const NOW = Date.parse('2026-11-25T18:00:00.000Z');

const ms = (from) => Math.round(performance.now() - from);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (value, digits = 4) => value.toFixed(digits);

function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

const dir = mkdtempSync(join(tmpdir(), 'matbakh-recbench-'));
try {
  const started = performance.now();
  const db = await openDb(process.env.BENCH_DATABASE_URL ?? join(dir, 'bench.sqlite'));
  const tenant = await createTenant(db, { name: 'Bench', origins: ['http://localhost:*'] });
  const catalog = syntheticCatalog(NOW, 5);
  await upsertCatalog(db, tenant.id, catalog.items, NOW);
  let t = performance.now();
  const orders = syntheticOrders(catalog, { users: USERS, orders: ORDERS, days: 90, seed: 7, now: NOW });
  const generateMs = ms(t);

  // Leave-last-out: each guest's last order is the test set, the rest is stored as tracked events.
  const lastIndex = new Map();
  orders.forEach((order, index) => {
    lastIndex.set(order.user, index);
  });
  const heldOut = new Map();
  const train = [];
  orders.forEach((order, index) => {
    if (lastIndex.get(order.user) === index) heldOut.set(order.user, order);
    else train.push(order);
  });
  t = performance.now();
  const messages = orderMessages(train);
  for (let i = 0; i < messages.length; i += 20_000)
    await storeMessages(db, tenant.id, messages.slice(i, i + 20_000), NOW);
  const storeMs = ms(t);
  t = performance.now();
  const agg = await aggregatesFor(db, tenant.id, NOW);
  const aggregateMs = ms(t);

  table(
    `Seed (${cpus().length} cores, load ${loadavg()[0].toFixed(1)})`,
    ['what', 'value'],
    [
      ['catalogue', `${catalog.restaurants.length} restaurants, ${catalog.dishes.length} dishes`],
      ['guests', USERS.toLocaleString('en')],
      ['orders (train + held out)', `${train.length.toLocaleString('en')} + ${heldOut.size.toLocaleString('en')}`],
      ['generate / store / aggregate ms', `${generateMs} / ${storeMs} / ${aggregateMs}`],
    ],
  );

  // Baselines: the most ordered dishes overall, and in the guest's (inferred) home region.
  const byPopularity = [...agg.itemTotal].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  const globalTop = byPopularity.slice(0, K);
  const dishRegion = new Map(catalog.dishes.map((d) => [d.id, d.region]));
  const regionTop = new Map();
  for (const id of byPopularity) {
    const region = dishRegion.get(id);
    const list = regionTop.get(region) ?? [];
    if (list.length < K) list.push(id);
    regionTop.set(region, list);
  }
  const homeRegion = (user) => {
    const stats = agg.subjects.get(anonymousKey(anonymousIdOf(user)));
    const counts = new Map();
    for (const [id, n] of stats?.itemCounts ?? [])
      counts.set(dishRegion.get(id), (counts.get(dishRegion.get(id)) ?? 0) + n);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  };

  const scores = { recommender: [], global: [], region: [] };
  const covered = { recommender: new Set(), global: new Set(), region: new Set() };
  const evaluate = (name, list, relevant) => {
    let dcg = 0;
    let hit = 0;
    list.slice(0, K).forEach((id, rank) => {
      covered[name].add(id);
      if (relevant.has(id)) {
        hit = 1;
        dcg += 1 / Math.log2(rank + 2);
      }
    });
    let ideal = 0;
    for (let i = 0; i < Math.min(K, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
    scores[name].push([hit, dcg / ideal]);
  };

  t = performance.now();
  let evaluated = 0;
  for (const [user, order] of heldOut) {
    if (evaluated >= EVAL_USERS) break;
    evaluated++;
    const relevant = new Set(order.items.map((item) => item.product_id));
    const response = await recommend(db, {
      tenantId: tenant.id,
      query: {
        slot: 'home',
        limit: K,
        locale: 'de',
        audience: 'guest',
        profiling: true,
        diet: [],
        allergens: [],
        hour: order.hour,
        anonymousId: anonymousIdOf(user),
      },
      subject: { anonymousId: anonymousIdOf(user) },
      now: NOW,
    });
    evaluate(
      'recommender',
      response.items.map((item) => item.id),
      relevant,
    );
    evaluate('global', globalTop, relevant);
    evaluate('region', regionTop.get(homeRegion(user)) ?? globalTop, relevant);
  }
  const evalMs = ms(t);
  const summary = (name) => {
    const rows = scores[name];
    const hit = rows.reduce((s, r) => s + r[0], 0) / rows.length;
    const ndcg = rows.reduce((s, r) => s + r[1], 0) / rows.length;
    return [hit, ndcg, covered[name].size / catalog.dishes.length];
  };
  const rec = summary('recommender');
  const glob = summary('global');
  const reg = summary('region');
  table(
    `Offline metrics: leave-last-out, ${evaluated.toLocaleString('en')} guests, @${K} (${evalMs} ms)`,
    ['ranker', `hit rate@${K}`, `NDCG@${K}`, 'coverage'],
    [
      ['recommender (with consent)', fmt(rec[0]), fmt(rec[1]), `${fmt(rec[2] * 100, 1)} %`],
      ['popularity, global top 10', fmt(glob[0]), fmt(glob[1]), `${fmt(glob[2] * 100, 1)} %`],
      ["popularity, guest's region", fmt(reg[0]), fmt(reg[1]), `${fmt(reg[2] * 100, 1)} %`],
    ],
  );
  const beats = rec[0] > Math.max(glob[0], reg[0]) && rec[1] > Math.max(glob[1], reg[1]);
  console.log(`\nrecommender beats both popularity baselines on hit rate and NDCG: ${beats ? 'yes' : 'NO'}`);

  // Latency through the Hono app (no network), the rate limit raised so it measures the route, not the limiter.
  const config = { ...loadConfig({ MB_DB_PATH: ':memory:' }), rateLimit: 1e9 };
  const app = createApp({ db, config, now: () => NOW });
  const users = [...heldOut.keys()];
  const url = (i) => {
    const user = users[(i * 7919) % users.length];
    const consent = i % 3 !== 0;
    const anon = i % 10 === 9 ? `cold-${i}` : anonymousIdOf(user);
    const diet = i % 5 === 0 ? '&diet=vegetarian&allergens=nuts' : '';
    return `/v1/recommendations?writeKey=${tenant.writeKey}&anonymousId=${anon}&profiling=${consent ? 1 : 0}&limit=10&hour=${(i % 12) + 10}&locale=en${diet}`;
  };
  for (let i = 0; i < 50; i++) await (await app.request(url(i + REQUESTS))).arrayBuffer();
  const times = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await app.request(url(i));
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`status ${res.status} for ${url(i)}`);
  }
  times.sort((a, b) => a - b);
  table(
    `GET /v1/recommendations via app.request: ${REQUESTS} requests (after 50 warm-up), ${USERS.toLocaleString('en')} guests / ${ORDERS.toLocaleString('en')} orders`,
    ['p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'target p95'],
    [[fmt(pct(times, 50), 2), fmt(pct(times, 95), 2), fmt(pct(times, 99), 2), fmt(times.at(-1), 2), '≤ 30 ms']],
  );
  console.log(`\ntotal ${ms(started)} ms`);
  await db.close();
  if (!beats) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
