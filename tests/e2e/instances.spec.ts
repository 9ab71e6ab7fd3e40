import { createServer, request as forward, type Server } from 'node:http';
import {
  createTenant,
  type Db,
  DEMO_ORIGINS,
  loadConfig,
  openDb,
  type RunningServer,
  startServer,
} from '@matbakh/server';
import { expect, test } from '@playwright/test';
import { startPostgres } from '../../scripts/postgres.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
// window.matbakh's type, as the script-tag bundle declares it
import type {} from '../../sdk/src/loader/index.ts';
import { type EventRow, label, PARTNER_FLOW, pageOwn } from './db.ts';
import { DEMO_WRITE_KEY } from './env.ts';

// The partner page behind a load balancer: two stateless `serve` instances on one PostgreSQL, requests handed to
// them in turn. Every message the page sends is stored exactly once, whichever instance took it.
const SITE_PORT = 15183;
const BALANCER_PORT = 18797;

let pg: { url: string; stop(): void };
let db: Db;
let instances: RunningServer[] = [];
let balancer: Server;
let site: { close(): Promise<void> };
const handled = [0, 0];

/** Round robin, as a load balancer would: each request goes to the next instance, body and headers as they are. */
function startBalancer(targets: RunningServer[]): Promise<Server> {
  let next = 0;
  const server = createServer((req, res) => {
    const index = next++ % targets.length;
    if (req.method === 'POST' && req.url?.startsWith('/v1/batch')) handled[index]!++;
    const target = new URL(targets[index]!.url);
    const upstream = forward(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(BALANCER_PORT, '127.0.0.1', () => resolve(server)));
}

test.beforeAll(async () => {
  pg = await startPostgres();
  db = await openDb(pg.url, { max: 2 });
  await createTenant(db, { name: 'Demo partner site', origins: DEMO_ORIGINS, writeKey: DEMO_WRITE_KEY });
  const config = { ...loadConfig({ DATABASE_URL: pg.url, PORT: '0' }), log: 'off' as const, rateLimit: 1000 };
  instances = await Promise.all([0, 1].map(() => startServer(config, { handleSignals: false })));
  balancer = await startBalancer(instances);
  site = await startStaticServer({ port: SITE_PORT, api: `http://localhost:${BALANCER_PORT}` });
});

test.afterAll(async () => {
  await site?.close();
  await new Promise((resolve) => balancer?.close(resolve));
  await Promise.all(instances.map((instance) => instance.close()));
  await db?.close();
  pg?.stop();
});

test('a partner page through two instances on one PostgreSQL: every message stored once', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`http://localhost:${SITE_PORT}/`);
  await page.waitForFunction(() => typeof (window.matbakh as { version?: string })?.version === 'string');
  const id = await page.evaluate(
    () => (window.matbakh as { client?: { user(): { anonymousId: string } } }).client!.user().anonymousId,
  );
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  await page.getByRole('button', { name: 'In den Warenkorb' }).first().click();
  await page.getByRole('button', { name: 'In den Warenkorb' }).nth(1).click();
  // A first batch now (flush), the rest on leaving the page (beacon) and re-sent by the next page.
  await page.evaluate(() => (window.matbakh as { client?: { flush(): Promise<unknown> } }).client?.flush());
  await page.getByRole('button', { name: 'Bestellen' }).click();
  await page.getByRole('link', { name: 'Über uns' }).click();
  await page.waitForURL('**/about.html');

  const rows = () =>
    db.all<EventRow>(
      `SELECT message_id, type, event, name, anonymous_id, timestamp, original_timestamp FROM events WHERE anonymous_id = ? ORDER BY timestamp, seq`,
      [id],
    );
  await expect.poll(async () => (await rows()).map(label).filter(pageOwn), { timeout: 15_000 }).toEqual(PARTNER_FLOW);
  await page.waitForTimeout(500);
  const all = await rows();
  expect(new Set(all.map((row) => row.message_id)).size).toBe(all.length);
  expect(handled[0], 'instance A took batches').toBeGreaterThan(0);
  expect(handled[1], 'instance B took batches').toBeGreaterThan(0);
  expect(errors).toEqual([]);
});
