// `npm test`: every check CI runs, in order, stopping at the first failure.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { FIX_HINT, findChrome } from './chrome.mjs';
import { findPostgresBin, PG_FIX_HINT } from './postgres.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const chrome = findChrome();
if (!chrome) {
  console.error(FIX_HINT);
  process.exit(1);
}
console.log(`Chromium: ${chrome}`);
const postgres = findPostgresBin();
if (!postgres) {
  console.error(PG_FIX_HINT);
  process.exit(1);
}
console.log(`PostgreSQL: ${postgres}`);

const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npx', ['biome', 'ci', '.']],
  ['import cycles', 'node', ['scripts/check-cycles.mjs']],
  ['small rooms', 'node', ['scripts/check-rooms.mjs']],
  ['no plugin touches the client', 'node', ['scripts/check-plugins.mjs']],
  ['unit + component tests (Chromium)', 'npx', ['web-test-runner']],
  ['server + build-tool tests (SQLite)', 'npm', ['run', '--silent', 'test:server']],
  ['server tests (PostgreSQL)', 'npm', ['run', '--silent', 'test:server:pg']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['bundle-size budgets', 'node', ['scripts/size.mjs']],
  ['end-to-end (Playwright)', 'npx', ['playwright', 'test']],
  ['storybook build', 'npm', ['run', '--silent', 'storybook:build']],
  ['storybook smoke', 'node', ['scripts/storybook-smoke.mjs']],
  ['visual regression', 'npx', ['playwright', 'test', '-c', 'playwright.visual.config.ts']],
];

const results = [];
for (const [name, command, args] of steps) {
  console.log(`\n━━ ${name}`);
  const started = performance.now();
  const { status } = spawnSync(command, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, CHROME_PATH: chrome },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  results.push([name, status === 0, seconds]);
  if (status !== 0) break;
}

console.log('\n━━ summary');
for (const [name, ok, seconds] of results) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds} s)`);
const failed = results.filter(([, ok]) => !ok).length;
const skipped = steps.length - results.length;
console.log(`test steps: ${results.length - failed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
