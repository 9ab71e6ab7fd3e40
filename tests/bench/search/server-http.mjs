// `GET /v1/search` as a guest's browser meets it: over HTTP (loopback, keep-alive) against a real `serve` process
// on a SQLite file holding the tenant's catalogue, its worker running as `npm start` runs it. Requests go one at a
// time; each is timed at the client (wall clock: what the guest waits) and, from /proc/<pid>/schedstat, by the
// CPU the server's main thread spent on it (JS and SQLite run there) and the time it stood ready to run while
// other processes had the cores. On a shared machine the wall clock carries that wait; the CPU time does not.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb } from '../../../packages/server/src/db.ts';
import { upsertCatalog } from '../../../packages/server/src/recommend/catalog.ts';
import { createTenant } from '../../../packages/server/src/tenants.ts';
import { freePort } from '../../../scripts/free-port.mjs';

const CLI = resolve(import.meta.dirname, '../../../packages/server/src/cli.ts');

/** The main thread's time on a CPU and waiting for one, in ms (Linux; undefined elsewhere). */
function schedstat(pid) {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return { run: run / 1e6, wait: wait / 1e6 };
  } catch {
    return undefined;
  }
}

async function serve(dbPath, nodeArgs) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', CLI, 'serve'], {
    env: { ...process.env, PORT: String(port), MB_DB_PATH: dbPath, MB_LOG: 'off', MB_RATE_LIMIT: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/health/live`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  const stopped = new Promise((r) => child.once('exit', r));
  const stop = () => {
    child.kill('SIGTERM');
    return stopped;
  };
  return { url, pid: child.pid, stop };
}

/**
 * @param {{ items: import('@matbakh/contract').CatalogItem[], queries: string[], rounds?: number, warmup?: number,
 *   nodeArgs?: string[] }} o `nodeArgs`: for the server's Node, e.g. `--cpu-prof` to see where its time goes
 * @returns {Promise<{ wall: number[], cpu: number[], wait: number[], documents: number }>}
 *   sorted ms per request
 */
export async function searchOverHttp({ items, queries, rounds = 2, warmup = 50, nodeArgs = [] }) {
  const dir = mkdtempSync(join(tmpdir(), 'matbakh-search-http-'));
  const dbPath = join(dir, 'bench.sqlite');
  try {
    const db = await openDb(dbPath);
    const tenant = await createTenant(db, { name: 'Bench', origins: ['http://localhost:*'] });
    await upsertCatalog(db, tenant.id, items, Date.now());
    await db.close();
    const server = await serve(dbPath, nodeArgs);
    try {
      const url = (q, i) =>
        `${server.url}/v1/search?${new URLSearchParams({ writeKey: tenant.writeKey, q, limit: '5', anonymousId: `a-${i % 500}` })}`;
      // The first request finds the index behind (unless the worker's first pass was quicker) and builds it.
      for (let i = 0; i < warmup; i++) await (await fetch(url(queries[i % queries.length], i))).arrayBuffer();
      const wall = [];
      const cpu = [];
      const wait = [];
      for (let round = 0; round < rounds; round++) {
        for (const [i, q] of queries.entries()) {
          const before = schedstat(server.pid);
          const started = performance.now();
          const res = await fetch(url(q, i));
          await res.arrayBuffer();
          wall.push(performance.now() - started);
          const after = schedstat(server.pid);
          if (before && after) {
            cpu.push(after.run - before.run);
            wait.push(after.wait - before.wait);
          }
          if (res.status !== 200) throw new Error(`status ${res.status} for ${q}`);
        }
      }
      const byNumber = (a, b) => a - b;
      return {
        wall: wall.sort(byNumber),
        cpu: cpu.sort(byNumber),
        wait: wait.sort(byNumber),
        documents: items.length,
      };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
