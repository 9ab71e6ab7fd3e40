// Stopping leaves nothing open (issue 19): a `serve` or `worker` process that has sent e-mail keeps the SMTP pool's
// connections between sends; on SIGTERM it must close them and exit by itself — a pooled socket left open would keep
// Node running until the mail server drops it (minutes). Real processes, a real SMTP server, the suite's engine.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { defaultPreferences } from '@matbakh/contract';
import { freePort } from '../../../scripts/free-port.mjs';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db.ts';
import { sendAutomation } from '../src/messaging/campaigns-run.ts';
import { createTenant, type Tenant } from '../src/tenants.ts';
import { cliProcesses } from './cli-process.ts';
import { call, consentRecord, postBatch, serverStore, tempDir, track } from './helpers.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

const cli = cliProcesses();
const run = cli.run;

/** Resolves with the exit code, or 'still running' when the process has not exited within `ms`. */
async function exitWithin(child: ChildProcess, ms: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    once(child, 'exit').then(([code]) => code as number),
    new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('still running'), ms);
    }),
  ]);
  clearTimeout(timer);
  return result;
}

describe('a process that sent e-mail exits on SIGTERM with nothing left open', () => {
  const tmp = tempDir();
  let env: Record<string, string>;
  let db: Db;
  let sink: SmtpSink;
  let tenant: Tenant;

  before(async () => {
    const store = await serverStore(tmp.dir, 'shutdown');
    db = await store.open();
    sink = await startSmtpSink();
    env = {
      ...store.env,
      MB_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      MB_MAIL_FROM: 'Alerts <alerts@matbakh.example>',
      MB_PUBLIC_URL: 'https://mb.example',
      MB_MESSAGING_INTERVAL_MS: '100',
      MB_RATE_LIMIT: '0',
    };
    tenant = await createTenant(db, { name: 'Shutdown', origins: ['*'] });
    // The owner, as the SDK and the privacy center leave them: an address, e-mail consent, alerts by e-mail on.
    const app = createApp({ db, config: { ...loadConfig({ MB_DB_PATH: ':memory:' }), rateLimit: 0 } });
    const consent = await call(app, 'POST', '/v1/consent', {
      writeKey: tenant.writeKey,
      body: consentRecord({ anonymousId: 'owner', channels: { email: true }, action: 'custom' }),
    });
    assert.equal(consent.res.status, 201);
    const identify = track({ type: 'identify', anonymousId: 'owner', traits: { email: 'owner@shop.example' } });
    await postBatch(app, { batch: [identify] }, { writeKey: tenant.writeKey });
    const doc = defaultPreferences();
    doc.notifications.channels.email.health_alerts = true;
    doc.notifications.maxPerDay = 50;
    const prefs = await call(app, 'PUT', '/v1/preferences?anonymousId=owner', {
      writeKey: tenant.writeKey,
      body: doc,
      headers: { 'if-match': '*' },
    });
    assert.equal(prefs.res.status, 200);
  });
  after(async () => {
    cli.killAll();
    await sink.close();
    await db.close();
    tmp.cleanup();
  });

  const alert = (key: string) =>
    sendAutomation(db, {
      tenantId: tenant.id,
      recipient: 'a:owner',
      topic: 'health_alerts',
      content: { de: { title: `Warnung ${key}`, body: 'Bestellungen −40 %' } },
      channels: ['email'],
      idempotencyKey: key,
    });

  for (const [command, args, extra] of [
    ['serve', ['serve'], {}],
    ['worker', ['worker'], { MB_WORKER_INTERVAL_MS: '60000' }],
  ] as const) {
    it(`${command}: sends through the pool, then exits within 5 s of SIGTERM`, { timeout: 60_000 }, async () => {
      const sent = sink.count();
      const child = run([...args], { ...env, ...extra, PORT: String(await freePort()) });
      await alert(`${command}-1`);
      await sink.received(sent + 1);
      // The pool's connection stays open for the next message: this is what stop must close.
      child.kill('SIGTERM');
      assert.equal(await exitWithin(child, 5000), 0);
    });
  }
});
