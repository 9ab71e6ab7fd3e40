// Prints per-variant conversion (users who clicked a recommendation after exposure) of every A/B experiment in
// a matbakh database, with a two-proportion z-test against the control.
//
//   node scripts/experiment-report.mjs [path/to/matbakh.sqlite | postgres://…] [--tenant ten_…] [--control control] [--json]
//
// The location defaults to MB_DB, else DATABASE_URL, else MB_DB_PATH, else .data/matbakh.sqlite.
// The computation is packages/server/src/experiments-report.ts (tested in packages/server/test/experiments.test.ts).
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

register();
const { experimentReport, formatReport } = await import('../packages/server/src/experiments-report.ts');
const { openDb } = await import('../packages/server/src/db.ts');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { tenant: { type: 'string' }, control: { type: 'string' }, json: { type: 'boolean' } },
});
const path =
  positionals[0] ?? process.env.MB_DB ?? process.env.DATABASE_URL ?? process.env.MB_DB_PATH ?? '.data/matbakh.sqlite';
if (!/^postgres(ql)?:\/\//i.test(path) && !existsSync(path)) {
  process.stderr.write(`experiment-report: no database at ${path} (pass a path, or set MB_DB)\n`);
  process.exit(2);
}
const db = await openDb(path, { max: 1 });
try {
  const results = await experimentReport(db, { tenantId: values.tenant, control: values.control });
  process.stdout.write(values.json ? `${JSON.stringify(results, null, 2)}\n` : formatReport(results));
} finally {
  await db.close();
}
