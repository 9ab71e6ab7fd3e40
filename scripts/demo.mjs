// `npm start`: builds the bundle, starts the reference API on an embedded SQLite file with the demo
// tenant (MB_DEMO seeds it), and serves the partner example page that loads the SDK with one script tag.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startStaticServer } from './static-server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const apiPort = Number(process.env.PORT ?? 8787);
const sitePort = Number(process.env.MB_DEMO_PORT ?? 5173);
const env = {
  ...process.env,
  PORT: String(apiPort),
  MB_DEMO: '1',
  MB_DB_PATH: process.env.MB_DB_PATH ?? '.data/matbakh.sqlite',
};

const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

// The script-tag files: matbakh.js and the files it fetches on first use (privacy center, personalization).
for (const mode of ['iife', 'iife-privacy-center', 'lazy'])
  run('npx', ['vite', 'build', '--mode', mode, '--logLevel', 'warn']);
// The partner console the server serves at /console/.
run('npx', ['vite', 'build', '-c', 'packages/console/vite.config.ts', '--logLevel', 'warn']);

// Node itself (not npx) runs the server, so the signal we forward reaches it and it shuts down gracefully.
const api = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/cli.ts', 'serve'], {
  cwd: ROOT,
  stdio: 'inherit',
  env,
});
const site = await startStaticServer({ port: sitePort, api: `http://localhost:${apiPort}` });

console.log(`
  matbakh demo
  partner site   ${site.url}/            (guest: banner, dashboard, recommendations, preferences, tour)
  owner site     ${site.url}/owner/      (restaurant owner: insights, upsell, feature recommendations)
  white-label    ${site.url}/white-label/
  console        http://localhost:${apiPort}/console/   (admin key ak_demo_console_npm_start)
  stored events  http://localhost:${apiPort}/demo/events?writeKey=pk_demo_partner_site
  database       ${env.MB_DB_PATH}
  Ctrl+C stops both.
`);

const stop = async () => {
  await site.close();
  api.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
api.on('exit', (code) => process.exit(code ?? 0));
