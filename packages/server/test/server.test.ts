import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BatchResponse } from '@matbakh/contract';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db.ts';
import type { LogRecord } from '../src/log.ts';
import { type RunningServer, startServer } from '../src/server.ts';
import { createTenant, findByWriteKey } from '../src/tenants.ts';
import { basic, consentRecord, countRows, grantConsent, openTestDb, serverStore, tempDir, track } from './helpers.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Whether `db` still answers queries (it rejects them once closed). */
const answers = (db: Db) =>
  db.get('SELECT 1 AS one').then(
    () => true,
    () => false,
  );

describe('startServer: graceful shutdown over a real socket', () => {
  it('finishes an in-flight batch, refuses new connections, then closes the DB', { timeout: 60_000 }, async () => {
    const tmp = tempDir();
    const records: LogRecord[] = [];
    let running: RunningServer | undefined;
    try {
      const store = await serverStore(tmp.dir, 'shutdown');
      const config = { ...loadConfig({ ...store.env, PORT: '0' }), log: 'off' as const };
      running = await startServer(config, { log: (r) => records.push(r), handleSignals: false });
      assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const tenant = await createTenant(running.db, { name: 'Shutdown', origins: ['*'] });
      // The visitor's recorded grant: the server stores no event without one.
      await grantConsent(running.db, tenant.id, { anonymousId: 'anon-1' });

      // Warm-up over keep-alive: this socket is idle when close() starts and must not hold the shutdown.
      const health = await fetch(`${running.url}/health/ready`);
      assert.deepEqual(await health.json(), { status: 'ok', db: 'ok', migrations: 'ok', worker: 'ok' });

      const batch = Array.from({ length: 25 }, () => track());
      const body = Buffer.from(JSON.stringify({ batch }));
      const arrived = once(running.server, 'request');
      const req = request(`${running.url}/v1/batch`, {
        method: 'POST',
        headers: { authorization: basic(tenant.writeKey), 'content-length': body.length },
      });
      const response = once(req, 'response');
      // Send half the body: the request is now in flight on the server.
      req.write(body.subarray(0, body.length >> 1));
      await arrived;

      const closed = running.close();
      assert.equal(await answers(running.db), true, 'the DB stays open while a request is in flight');
      await assert.rejects(fetch(`${running.url}/health/live`), 'no new connections after close()');

      req.end(body.subarray(body.length >> 1));
      const [res] = (await response) as [import('node:http').IncomingMessage];
      let text = '';
      for await (const chunk of res) text += chunk;
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers.connection, 'close');
      assert.deepEqual(JSON.parse(text) as BatchResponse, { accepted: 25, duplicate: 0, rejected: 0, errors: [] });

      await closed;
      assert.equal(await answers(running.db), false, 'the DB is closed after shutdown');
      assert.deepEqual(
        records.filter((r) => r.msg !== 'request').map((r) => r.msg),
        ['listening', 'retention purge', 'closing', 'closed'],
      );

      const reopened = await store.open();
      assert.equal(await countRows(reopened, tenant.id), 25);
      await reopened.close();
    } finally {
      // Only matters when the test failed: a server left listening would keep the test process alive forever.
      running?.server.closeAllConnections();
      if (running?.server.listening) running.server.close();
      tmp.cleanup();
    }
  });

  it('closes the DB it was given when the port is taken', { timeout: 60_000 }, async () => {
    const first = await startServer(
      { ...loadConfig({ MB_DB_PATH: ':memory:', PORT: '0' }), log: 'off' },
      { db: await openTestDb(), handleSignals: false },
    );
    const db = await openTestDb();
    await assert.rejects(
      startServer(
        { ...loadConfig({ MB_DB_PATH: ':memory:' }), port: first.port, log: 'off' },
        { db, handleSignals: false },
      ),
      /EADDRINUSE/,
    );
    assert.equal(await answers(db), false);
    await first.close();
  });
});

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return once(child, 'close').then(([code]) => ({ code: code as number | null, stdout, stderr }));
}

/** Collects the child's stdout and resolves with the first line matching `pattern`. */
function collectOutput(child: ChildProcess, pattern: RegExp): { text(): string; line: Promise<string> } {
  let buffer = '';
  const line = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      buffer += chunk;
      const found = buffer.split('\n').find((l) => pattern.test(l));
      if (found) resolve(found);
    });
    child.once('exit', () => reject(new Error(`process ended before printing ${pattern}: ${buffer}`)));
  });
  return { text: () => buffer, line };
}

describe('cli', () => {
  it('create-tenant prints the tenant and is idempotent with --write-key', { timeout: 120_000 }, async () => {
    const tmp = tempDir();
    try {
      const { env } = await serverStore(tmp.dir, 'cli');
      const args = [
        'create-tenant',
        '--name',
        'Cli Shop',
        '--origin',
        'https://a.example',
        '--write-key',
        'pk_cli_shop',
      ];
      const first = await runCli(args, env);
      assert.equal(first.code, 0, first.stderr);
      const created = JSON.parse(first.stdout) as {
        tenantId: string;
        writeKey: string;
        secret: string;
        origins: string[];
      };
      assert.equal(created.writeKey, 'pk_cli_shop');
      assert.match(created.secret, /^sk_/);
      assert.deepEqual(created.origins, ['https://a.example']);

      const second = await runCli([...args, '--origin', 'http://localhost:*'], env);
      assert.equal(second.code, 0, second.stderr);
      const updated = JSON.parse(second.stdout) as typeof created;
      assert.equal(updated.tenantId, created.tenantId);
      assert.equal(updated.secret, created.secret);
      assert.deepEqual(updated.origins, ['https://a.example', 'http://localhost:*']);

      assert.equal((created as { retentionDays?: number }).retentionDays, 396, 'the default retention');
      const fresh = await runCli(['create-tenant', '--name', 'New', '--origin', '*', '--retention-days', '30'], env);
      const freshTenant = JSON.parse(fresh.stdout) as typeof created & { retentionDays: number };
      assert.match(freshTenant.writeKey, /^pk_[0-9A-Za-z]{24}$/);
      assert.equal(freshTenant.retentionDays, 30);

      const badRetention = await runCli(
        ['create-tenant', '--name', 'X', '--origin', '*', '--retention-days', '1y'],
        env,
      );
      assert.equal(badRetention.code, 1);
      assert.match(badRetention.stderr, /--retention-days/);

      const bad = await runCli(['create-tenant', '--name', 'No origin'], env);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /--origin/);
    } finally {
      tmp.cleanup();
    }
  });

  it('serve stores batches and shuts down cleanly on SIGTERM', { timeout: 120_000 }, async () => {
    const tmp = tempDir();
    try {
      const store = await serverStore(tmp.dir, 'serve');
      const seeded = await runCli(['seed-demo'], store.env);
      assert.equal(seeded.code, 0, seeded.stderr);
      assert.equal((JSON.parse(seeded.stdout) as { writeKey: string }).writeKey, 'pk_demo_partner_site');

      const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...store.env, PORT: '0', MB_LOG: 'json' },
      });
      const exited = once(child, 'exit');
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      const output = collectOutput(child, /"msg":"listening"/);
      const listening = JSON.parse(await output.line) as { url: string };

      // The visitor's decision first, as the SDK records it: the server stores no event without a grant.
      const granted = await fetch(`${listening.url}/v1/consent`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: 'http://localhost:5173' },
        body: JSON.stringify({ writeKey: 'pk_demo_partner_site', ...consentRecord() }),
      });
      assert.equal(granted.status, 201);
      const res = await fetch(`${listening.url}/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: 'http://localhost:5173' },
        body: JSON.stringify({ writeKey: 'pk_demo_partner_site', batch: [track(), track()] }),
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:5173');
      assert.equal(((await res.json()) as BatchResponse).accepted, 2);

      child.kill('SIGTERM');
      const [code, signal] = await exited;
      const logs = output.text();
      assert.equal(signal, null, 'exited by itself, not killed by the signal');
      assert.equal(code, 0, `exit code ${code}; stderr: ${stderr}; stdout: ${logs}`);
      assert.match(logs, /"msg":"shutdown requested","signal":"SIGTERM"/);
      assert.match(logs, /"msg":"closed"/);
      assert.match(logs, /"path":"\/v1\/batch","status":200,.*"accepted":2/);

      const db = await store.open();
      const tenant = await findByWriteKey(db, 'pk_demo_partner_site');
      assert.ok(tenant);
      assert.equal(await countRows(db, tenant.id), 2);
      await db.close();
    } finally {
      tmp.cleanup();
    }
  });
});
