// Nothing acknowledged is ever lost (issue 13): a real `serve` process under load is killed with SIGKILL five
// times and restarted; every message it answered 2xx for is stored, exactly once. Runs on the suite's engine
// (SQLite file, or PostgreSQL with `npm run test:server:pg`).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../scripts/free-port.mjs';
import { createTenant } from '../src/tenants.ts';
import { grantConsent, serverStore, tempDir, track } from './helpers.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const KILLS = 5;
const CLIENTS = 8;

async function start(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(port), MB_LOG: 'off', MB_RATE_LIMIT: '0' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/live`)).ok) return child;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error('serve did not start');
}

describe('kill -9 under load', () => {
  it('loses no acknowledged message and stores none twice', { timeout: 180_000 }, async () => {
    const tmp = tempDir();
    try {
      const store = await serverStore(tmp.dir, 'crash');
      const db = await store.open();
      const tenant = await createTenant(db, { name: 'Crash', origins: ['*'] });
      // The visitor's recorded grant: the server stores no event without one.
      await grantConsent(db, tenant.id, { anonymousId: 'anon-1' });
      const port = await freePort();
      const acknowledged = new Set<string>();
      let sent = 0;
      let stop = false;
      // Clients retry a batch that got no answer (as the SDK does), with the same messageIds, until it is answered.
      const client = async () => {
        while (!stop) {
          const batch = Array.from({ length: 20 }, () => track());
          for (;;) {
            try {
              sent++;
              const res = await fetch(`http://127.0.0.1:${port}/v1/batch`, {
                method: 'POST',
                body: JSON.stringify({ writeKey: tenant.writeKey, batch }),
              });
              if (res.ok) {
                for (const m of batch) acknowledged.add(m.messageId as string);
                break;
              }
            } catch {
              if (stop) break;
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
          }
        }
      };
      let child = await start(store.env, port);
      const clients = Array.from({ length: CLIENTS }, client);
      for (let kill = 0; kill < KILLS; kill++) {
        const before = acknowledged.size;
        while (acknowledged.size < before + 200) await new Promise((resolve) => setTimeout(resolve, 20));
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
        child = await start(store.env, port);
      }
      const last = acknowledged.size;
      while (acknowledged.size < last + 200) await new Promise((resolve) => setTimeout(resolve, 20));
      stop = true;
      await Promise.all(clients);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;

      const rows = await db.all<{ message_id: string }>('SELECT message_id FROM events WHERE tenant_id = ?', [
        tenant.id,
      ]);
      const stored = new Set(rows.map((row) => row.message_id));
      assert.equal(stored.size, rows.length, 'no message stored twice');
      const missing = [...acknowledged].filter((id) => !stored.has(id));
      assert.deepEqual(missing, [], 'every acknowledged message is stored');
      assert.ok(acknowledged.size >= (KILLS + 1) * 200, `acknowledged ${acknowledged.size} over ${sent} sends`);
      await db.close();
    } finally {
      tmp.cleanup();
    }
  });
});
