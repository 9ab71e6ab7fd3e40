// `npm run test:server:pg`: the server suite (or the files given) against a real, throw-away PostgreSQL.
// Every test that opens a database through test/helpers.ts gets a schema of its own on it.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findPostgresBin, PG_FIX_HINT, startPostgres } from './postgres.mjs';

const ROOT = resolve(import.meta.dirname, '..');
if (!findPostgresBin()) {
  console.error(PG_FIX_HINT);
  process.exit(1);
}
const files = process.argv.slice(2);
const pg = await startPostgres();
let status = 1;
try {
  console.log(`PostgreSQL: ${pg.url}`);
  // Node 20's test runner takes no globs: the suite is every *.test.ts of the server package.
  const suite = readdirSync(join(ROOT, 'packages/server/test'))
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => join('packages/server/test', name));
  const args = ['--import', 'tsx', '--test', ...(files.length ? files : suite)];
  ({ status } = spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, MB_TEST_DATABASE_URL: pg.url },
  }));
} finally {
  pg.stop();
}
process.exit(status ?? 1);
