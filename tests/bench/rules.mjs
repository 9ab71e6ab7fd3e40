// Rules engine bench: 200 rules against a profile with 10,000 events (budget ≤ 2 ms per evaluation).
// Run: node tests/bench/rules.mjs — bundles the engine with esbuild and times it in Node; prints a table.
import { build } from 'esbuild';

const entry = `
  export { eligibleRules, recordOutcome } from './sdk/src/rules/engine.ts';
  export { createEventLog } from './sdk/src/rules/event-log.ts';
  export { validateRules } from './packages/contract/src/rules-validate.ts';
`;
const out = await build({
  stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
  logLevel: 'error',
});
const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`;
const { eligibleRules, createEventLog, recordOutcome, validateRules } = await import(url);

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 12);
const EVENTS = ['Order Completed', 'Product Viewed', 'Product Added', 'Feature Used', 'Page Viewed', 'Search'];
const FEATURES = ['analytics', 'menu', 'reports', 'loyalty', 'delivery'];
const text = (s) => ({ de: s, en: s, ar: s });

// Deterministic pseudo-random numbers (mulberry32).
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const log = createEventLog({ properties: ['feature'], maxPerName: 2000 });
for (let i = 0; i < 10_000; i++)
  log.record(pick(EVENTS), NOW - Math.floor(random() * 90 * DAY), { feature: pick(FEATURES) });

function condition(depth = 0) {
  const r = random();
  if (depth < 2 && r < 0.25) return { all: [condition(depth + 1), condition(depth + 1)] };
  if (depth < 2 && r < 0.35) return { any: [condition(depth + 1), condition(depth + 1)] };
  if (r < 0.55)
    return { event: pick(EVENTS), count: { gte: Math.floor(random() * 5) }, withinDays: 1 + Math.floor(random() * 60) };
  if (r < 0.7) return { event: 'Feature Used', where: { feature: pick(FEATURES) }, count: { eq: 0 }, withinDays: 30 };
  if (r < 0.8) return { trait: 'plan', op: 'in', value: ['basic', 'gold'] };
  if (r < 0.9) return { preference: 'diets', op: 'includes', value: 'vegan' };
  return { context: 'hour', op: 'gte', value: Math.floor(random() * 24) };
}
const raw = Array.from({ length: 200 }, (_, i) => ({
  id: `rule-${i}`,
  priority: Math.floor(random() * 100),
  placement: pick(['home', 'menu', 'cart']),
  action: { kind: 'tip', title: text('t'), body: text('b'), reason: text('r') },
  when: condition(),
  cap: { perDay: 2, perWeek: 5 },
  cooldownHours: 4,
}));
const { rules, errors } = validateRules(raw);
if (errors.length) throw new Error(errors[0].message);
let caps = {};
for (let i = 0; i < 200; i += 3) caps = recordOutcome(caps, `rule-${i}`, 'shown', NOW - i * 3_600_000);

const input = {
  traits: { plan: 'gold' },
  preferences: { diets: ['vegan'] },
  events: log,
  context: { now: NOW, device: 'desktop', locale: 'de', role: 'guest', visitor: 'returning' },
  variantOf: () => null,
  consentStatus: () => 'granted',
  caps,
};

function measure(label, fn, runs = 500) {
  for (let i = 0; i < 50; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(3);
  return { case: label, 'median ms': q(0.5), 'p95 ms': q(0.95), 'max ms': q(1), eligible: fn().length };
}

const validateStart = performance.now();
for (let i = 0; i < 20; i++) validateRules(raw);
const validateMs = ((performance.now() - validateStart) / 20).toFixed(3);

console.log(
  `rules bench: ${rules.length} rules, ${log.size()} events in the log (≤ 2,000 per name), Node ${process.version}`,
);
console.table([
  measure('all placements (200 rules)', () => eligibleRules(rules, input)),
  measure('one placement', () => eligibleRules(rules, input, 'home')),
]);
console.log(`validateRules(200 rules): ${validateMs} ms; budget: evaluation ≤ 2 ms`);
