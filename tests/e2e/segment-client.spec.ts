// A real Segment client against our server: @segment/analytics-next (the npm package, bundled here by esbuild) in
// Chromium, on a page of an allowed origin, configured with `apiHost` on the reference server. No request is
// routed by Playwright: with page.route active, Playwright answers CORS preflights itself, and the preflight is
// part of what is tested. A failure is injected by a small proxy in front of the real server instead.
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { AnalyticsBrowser } from '@segment/analytics-next';
import { build } from 'esbuild';
import { rowsPerMessageId, storedMessage } from './db.ts';
import { API_URL, DEMO_WRITE_KEY } from './env.ts';

declare global {
  interface Window {
    SegmentAnalytics?: { AnalyticsBrowser: typeof AnalyticsBrowser };
  }
}

interface Listening {
  url: string;
  close(): Promise<void>;
}

/** On a free port of 127.0.0.1, addressed as localhost (an origin the demo tenant allows: http://localhost:*). */
function listen(handler: RequestListener): Promise<Listening> {
  const server = createServer(handler);
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      done({ url: `http://localhost:${port}`, close: () => new Promise((closed) => server.close(() => closed())) });
    });
  });
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** What reached the proxy: enough to tell a first try from a retry. */
interface Seen {
  method: string;
  path: string;
  retryCount: string | undefined;
  messageIds: string[];
}

/**
 * Forwards everything (preflights included) to the real server, except that a POST to a path in `failOnce` is
 * answered once with a 500 the page may read — a collector that failed once.
 */
function flakyProxy() {
  const seen: Seen[] = [];
  const failOnce = new Set<string>();
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const method = req.method ?? 'GET';
    const body = await readAll(req);
    const retryCount = req.headers['x-retry-count'];
    seen.push({
      method,
      path,
      retryCount: typeof retryCount === 'string' ? retryCount : undefined,
      messageIds: method === 'POST' ? messageIdsOf(body) : [],
    });
    if (method === 'POST' && failOnce.delete(path)) {
      res.writeHead(500, {
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': req.headers.origin ?? '*',
        Vary: 'Origin',
      });
      return void res.end('{"error":{"code":"internal","message":"injected failure"}}');
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
        headers.set(name, value);
    }
    const answer = await fetch(new URL(req.url ?? '/', API_URL), {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? undefined : new Uint8Array(body),
    });
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
    });
    res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
  };
  return { seen, failOnce, handler };
}

function messageIdsOf(body: Buffer): string[] {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { messageId?: string; batch?: { messageId?: string }[] };
    const messages = parsed.batch ?? [parsed];
    return messages.flatMap((m) => (typeof m.messageId === 'string' ? [m.messageId] : []));
  } catch {
    return [];
  }
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Segment client</title><link rel="icon" href="data:,">
<script src="/analytics-next.js"></script></head><body><h1>Menu</h1></body></html>`;

let site: Listening;
let proxy: Listening;
const flaky = flakyProxy();

test.beforeAll(async () => {
  // The npm package as a bundler ships it, in one file (its lazy chunks inlined): no CDN, nothing fetched later.
  const bundle = await build({
    entryPoints: [resolve(import.meta.dirname, '../../node_modules/@segment/analytics-next/dist/pkg/index.js')],
    bundle: true,
    format: 'iife',
    globalName: 'SegmentAnalytics',
    platform: 'browser',
    target: 'es2020',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.contents;
  site = await listen((req, res) => {
    if (req.url === '/analytics-next.js') {
      return void res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(script);
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(PAGE);
  });
  proxy = await listen(flaky.handler);
});

test.afterAll(async () => {
  await site?.close();
  await proxy?.close();
});

interface Delivery {
  /** POSTs the page made to the collector: path and X-Retry-Count. */
  posts: { path: string; retryCount: string | undefined }[];
  /** The collector's answers to them. */
  answers: { status: number; accepted?: number; duplicate?: number }[];
  /** Page errors and CORS refusals on the console. */
  problems: string[];
}

function watchDelivery(page: Page, collector: string): Delivery {
  const delivery: Delivery = { posts: [], answers: [], problems: [] };
  page.on('pageerror', (error) => delivery.problems.push(error.message));
  page.on('console', (message) => {
    if (/CORS|Access-Control/i.test(message.text())) delivery.problems.push(message.text());
  });
  // The consent record the page posts first is the partner's, not analytics-next's delivery.
  const isDelivery = (method: string, url: string) =>
    method === 'POST' && url.startsWith(collector) && new URL(url).pathname !== '/v1/consent';
  page.on('request', (request) => {
    if (!isDelivery(request.method(), request.url())) return;
    delivery.posts.push({ path: new URL(request.url()).pathname, retryCount: request.headers()['x-retry-count'] });
  });
  page.on('response', async (response) => {
    if (!isDelivery(response.request().method(), response.url())) return;
    const body = (await response.json().catch(() => ({}))) as { accepted?: number; duplicate?: number };
    delivery.answers.push({ status: response.status(), accepted: body.accepted, duplicate: body.duplicate });
  });
  return delivery;
}

type Strategy = { strategy: 'batching'; config: { size: number; timeout: number } } | undefined;

/** Loads analytics-next with inline CDN settings (no CDN request) and makes a page, a track and an identify call. */
async function pageTrackIdentify(page: Page, collector: string, strategy: Strategy): Promise<string[]> {
  await page.goto(site.url);
  return page.evaluate(
    async ({ apiHost, writeKey, strategy }) => {
      const segmentio = { apiHost, protocol: 'http' as const, ...(strategy ? { deliveryStrategy: strategy } : {}) };
      const [analytics] = await window.SegmentAnalytics!.AnalyticsBrowser.load(
        {
          writeKey,
          // What Segment's CDN serves for a JavaScript source with no destinations; sampleRate 0: no metrics calls.
          cdnSettings: {
            integrations: { 'Segment.io': { apiKey: writeKey, apiHost } },
            metrics: { sampleRate: 0 },
            remotePlugins: [],
          },
        },
        { integrations: { 'Segment.io': segmentio } },
      );
      // What a partner whose own consent tool gates analytics-next does: the visitor's decision goes to the ledger
      // (the server stores no browser event without it), and the backend's userHash rides along with identify.
      const base = `http://${apiHost}`;
      const auth = { authorization: `Basic ${btoa(`${writeKey}:`)}` };
      const anonymousId = analytics.user().anonymousId()!;
      const consented = await fetch(`${base}/consent`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          consentId: `cmp-${anonymousId}`,
          anonymousId,
          policyVersion: 1,
          action: 'accept_all',
          choices: { necessary: true, preferences: true, personalization: true, analytics: true, marketing: true },
          channels: {},
          source: 'api',
          timestamp: new Date().toISOString(),
          userAgentClass: 'desktop',
        }),
      });
      if (consented.status !== 201) throw new Error(`consent not recorded: ${consented.status}`);
      const identity = await fetch(`${base}/demo/identity?userId=demo_user7`, { headers: auth });
      const { userHash } = (await identity.json()) as { userHash: string };
      const contexts = [
        await analytics.page('Menu'),
        await analytics.track('Dish Viewed', { dish: 'falafel', price: 8.5 }),
        await analytics.identify('demo_user7', { plan: 'gold' }, { context: { userHash } }),
      ];
      return contexts.map((ctx) => ctx.event.messageId!);
    },
    { apiHost: `${collector.replace(/^http:\/\//, '')}/v1`, writeKey: DEMO_WRITE_KEY, strategy },
  );
}

async function expectStoredOnce(ids: string[]) {
  await expect.poll(() => Object.values(rowsPerMessageId(ids)), { timeout: 15_000 }).toEqual(ids.map(() => 1));
  const [pageId, trackId, identifyId] = ids;
  expect(storedMessage(pageId!)).toMatchObject({ type: 'page', name: 'Menu' });
  expect(storedMessage(trackId!)).toMatchObject({ type: 'track', event: 'Dish Viewed' });
  expect(storedMessage(identifyId!)).toMatchObject({ type: 'identify', user_id: 'demo_user7' });
}

test('default mode: page, track and identify go to /v1/p, /v1/t, /v1/i and are each stored once', async ({ page }) => {
  const delivery = watchDelivery(page, API_URL);
  const ids = await pageTrackIdentify(page, API_URL, undefined);
  await expectStoredOnce(ids);
  await expect.poll(() => delivery.answers.length).toBe(3);
  expect(delivery.posts.map((p) => p.path).sort()).toEqual(['/v1/i', '/v1/p', '/v1/t']);
  expect(delivery.answers).toEqual(Array(3).fill({ status: 200, accepted: 1, duplicate: 0 }));
  expect(delivery.problems).toEqual([]);
});

test('batching mode: the three calls arrive in one /v1/b batch and are each stored once', async ({ page }) => {
  const delivery = watchDelivery(page, API_URL);
  const ids = await pageTrackIdentify(page, API_URL, { strategy: 'batching', config: { size: 3, timeout: 500 } });
  await expectStoredOnce(ids);
  await expect.poll(() => delivery.answers.length).toBe(1);
  expect(delivery.posts).toEqual([{ path: '/v1/b', retryCount: undefined }]);
  expect(delivery.answers).toEqual([{ status: 200, accepted: 3, duplicate: 0 }]);
  expect(delivery.problems).toEqual([]);
});

for (const { mode, path, strategy } of [
  { mode: 'default', path: '/v1/t', strategy: undefined },
  // The timer outlasts the failed request: analytics-next restarts its X-Retry-Count when its batch timer fires
  // while a request is in flight (flush() resets the counter unless a retry is already pending).
  { mode: 'batching', path: '/v1/b', strategy: { strategy: 'batching', config: { size: 3, timeout: 3000 } } as const },
]) {
  test(`${mode} mode: after a 500 the retry's X-Retry-Count passes the real preflight; stored once`, async ({
    page,
  }) => {
    flaky.seen.length = 0;
    flaky.failOnce.add(path);
    const delivery = watchDelivery(page, proxy.url);
    const ids = await pageTrackIdentify(page, proxy.url, strategy);
    await expectStoredOnce(ids);

    const trackId = ids[1]!;
    const tries = flaky.seen.filter((s) => s.method === 'POST' && s.messageIds.includes(trackId));
    expect(tries.map((t) => [t.path, t.retryCount])).toEqual([
      [path, undefined],
      [path, '1'],
    ]);
    // The preflights went to the real server: it granted X-Retry-Count, or the browser would not have sent the retry.
    expect(flaky.seen.some((s) => s.method === 'OPTIONS' && s.path === path)).toBe(true);
    expect(delivery.answers.filter((a) => a.status === 500)).toHaveLength(1);
    expect(delivery.answers.filter((a) => a.status === 200).every((a) => a.duplicate === 0)).toBe(true);
    expect(delivery.problems).toEqual([]);
  });
}
