import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTenant, DEMO_ORIGINS, loadConfig, openDb, startServer } from '@matbakh/server';
import { build } from 'vite';
import { startSmtpSink } from '../../packages/server/test/smtp-sink.ts';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { API_URL, E2E_API_PORT, E2E_SITE_PORT } from './env.ts';
import { E2E_FIXTURE_PORT, SECOND_WRITE_KEY } from './fixtures/env.ts';
import { startFixtureServer } from './fixtures/server.ts';

/** Builds the bundle, starts the real server (demo tenant seeded) on a fresh SQLite file, and the example site. */
export default async function globalSetup() {
  const root = resolve(import.meta.dirname, '../..');
  // The script-tag files: matbakh.js and the files it fetches on first use (privacy center, personalization), and
  // the Web Push service worker (matbakh-sw.js).
  for (const mode of ['iife', 'iife-privacy-center', 'iife-sw', 'lazy']) {
    const build = spawnSync('npx', ['vite', 'build', '--mode', mode, '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error(`vite build --mode ${mode} failed`);
  }

  // The partner console served at /console/ (packages/console/dist).
  await build({ configFile: join(root, 'packages/console/vite.config.ts'), logLevel: 'warn' });

  // The framework examples, each with its own vite config (React 19: plain JSX; Vue: plugin-vue).
  for (const example of ['react-host', 'vue-host']) {
    await build({ configFile: join(root, 'examples', example, 'vite.config.ts'), logLevel: 'warn' });
  }

  const runDir = mkdtempSync(join(tmpdir(), 'matbakh-e2e-'));
  const dbPath = join(runDir, 'e2e.sqlite');
  process.env.MB_E2E_DB = dbPath;
  // The owners' mailbox: a real SMTP server the API's e-mail channel delivers to; each message it accepts is
  // written to a file the specs read (tests/e2e/mailbox.ts).
  const mailbox = join(runDir, 'mailbox');
  mkdirSync(mailbox);
  let mails = 0;
  const smtp = await startSmtpSink({
    keep: false,
    onMessage: (raw) => writeFileSync(join(mailbox, `${String(++mails).padStart(5, '0')}.eml`), raw),
  });
  process.env.MB_E2E_MAILBOX = mailbox;
  // The e-mail channel reads these on its first send (messaging/channels/email-config.ts).
  process.env.MB_SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  process.env.MB_MAIL_FROM = 'Beirut Kitchen alerts <alerts@matbakh.example>';
  process.env.MB_PUBLIC_URL = API_URL;
  const config = {
    ...loadConfig({}),
    port: E2E_API_PORT,
    dbPath,
    log: 'off' as const,
    demo: true,
    rateLimit: 1000,
    // The console e2e walks every page in three languages and two sizes: more admin requests than a person makes.
    serverRateLimit: 1000,
    publicUrl: API_URL,
    // Campaign triggers (a health alert) every second instead of every minute: the alert e2e waits for one.
    messagingIntervalMs: 200,
    messagingTriggerIntervalMs: 1000,
  };
  const api = await startServer(config);
  const site = await startStaticServer({ port: E2E_SITE_PORT, api: API_URL });
  // A second tenant for two clients on one page (matbakh.create); the server reads tenants per request.
  const db = await openDb(dbPath);
  await createTenant(db, { name: 'E2E second partner', origins: DEMO_ORIGINS, writeKey: SECOND_WRITE_KEY });
  await db.close();
  const fixtures = await startFixtureServer({ port: E2E_FIXTURE_PORT, api: API_URL });
  return async () => {
    await fixtures.close();
    await site.close();
    await api.close();
    await smtp.close();
  };
}
