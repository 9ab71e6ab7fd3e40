import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import type { AuditLogResponse } from '@matbakh/contract';
import { createApp } from '../src/app.ts';
import { IDLE_MS, SESSION_COOKIE } from '../src/console-sessions.ts';
import { call, type Setup, setup, tempDir } from './helpers.ts';

const HOST = 'console.example';
const SAME = { host: HOST, origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' };

const adminKey = (s: Setup) => (s.tenant as { adminKey?: string }).adminKey!;

async function signIn(s: Setup, key = adminKey(s)) {
  const { res, json } = await call<{ csrfToken: string; keyId: string; expiresAt: string }>(
    s.app,
    'POST',
    '/console/session',
    { headers: SAME, body: { key } },
  );
  const setCookie = res.headers.get('set-cookie') ?? '';
  const id = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(setCookie)?.[1] ?? '';
  return { res, json, setCookie, cookie: `${SESSION_COOKIE}=${id}` };
}

describe('console sign-in', () => {
  it('opens a session with the admin key: an HttpOnly, SameSite=Strict cookie and a CSRF token', async () => {
    const s = await setup();
    const { res, json, setCookie } = await signIn(s);
    assert.equal(res.status, 201);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, /Path=\//);
    assert.doesNotMatch(setCookie, /Secure/, 'plain http (local development) cannot keep a Secure cookie');
    assert.equal(typeof json.csrfToken, 'string');
    const rows = await s.db.all<{ id_hash: string }>('SELECT id_hash FROM console_sessions');
    assert.equal(rows.length, 1);
    assert.ok(!setCookie.includes(rows[0]!.id_hash), 'only a hash of the session id is stored');
  });

  it('sets Secure when the console is reached over https, and accepts a form post', async () => {
    const s = await setup();
    const res = await s.app.request('https://console.example/console/session', {
      method: 'POST',
      headers: { ...SAME, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key: adminKey(s) }).toString(),
    });
    assert.equal(res.status, 201);
    assert.match(res.headers.get('set-cookie') ?? '', /; Secure/);
  });

  it('refuses a wrong key, the write key and the secret key with 401 naming `key`', async () => {
    const s = await setup();
    for (const key of ['ak_wrong', s.tenant.writeKey, s.tenant.secret]) {
      const { res, json, setCookie } = await signIn(s, key);
      assert.equal(res.status, 401, key);
      assert.equal(json.error.field, 'key');
      assert.equal(setCookie, '');
    }
    const empty = await signIn(s, '');
    assert.equal(empty.res.status, 400);
    assert.equal(empty.json.error.field, 'key');
  });

  it('refuses a sign-in posted by another site', async () => {
    const s = await setup();
    const res = await s.app.request('/console/session', {
      method: 'POST',
      headers: { host: HOST, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ key: adminKey(s) }),
    });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: { field: string } }).error.field, 'origin');
  });
});

describe('console session on the admin routes', () => {
  it('reads the admin routes with the cookie, and the audit log shows sign-in and sign-out with the key id', async () => {
    const s = await setup();
    const { cookie, json } = await signIn(s);
    const keys = await call<{ keys: { id: string }[] }>(s.app, 'GET', '/v1/admin/keys', {
      headers: { ...SAME, cookie },
    });
    assert.equal(keys.res.status, 200);
    assert.ok(keys.json.keys.some((key) => key.id === json.keyId));
    const out = await s.app.request('/console/session', {
      method: 'DELETE',
      headers: { ...SAME, cookie, 'x-csrf-token': json.csrfToken },
    });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
    const after = await call(s.app, 'GET', '/v1/admin/keys', { headers: { ...SAME, cookie } });
    assert.equal(after.res.status, 401, 'signed out: the cookie no longer works');
    const audit = await call<AuditLogResponse>(s.app, 'GET', '/v1/admin/audit', {
      headers: { authorization: `Bearer ${adminKey(s)}` },
    });
    const events = audit.json.entries
      .filter((entry) => entry.target === 'console_session')
      .map((entry) => [entry.detail.event, entry.actorId]);
    assert.deepEqual(events, [
      ['sign_in', json.keyId],
      ['sign_out', json.keyId],
    ]);
  });

  it('refuses a write without X-CSRF-Token (403 naming it) and takes it with the token', async () => {
    const s = await setup();
    const { cookie, json } = await signIn(s);
    const body = JSON.stringify({ overlapSeconds: 60 });
    const headers = { ...SAME, cookie, 'content-type': 'application/json' };
    const refused = await s.app.request('/v1/admin/keys/rotate', { method: 'POST', headers, body });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { field: string } }).error.field, 'X-CSRF-Token');
    const wrong = await s.app.request('/v1/admin/keys/rotate', {
      method: 'POST',
      headers: { ...headers, 'x-csrf-token': `${json.csrfToken.slice(1)}x` },
      body,
    });
    assert.equal(wrong.status, 403);
    const ok = await s.app.request('/v1/admin/keys/rotate', {
      method: 'POST',
      headers: { ...headers, 'x-csrf-token': json.csrfToken },
      body,
    });
    assert.equal(ok.status, 201);
  });

  it('refuses the cookie from another origin, even with the token, and grants no CORS credentials', async () => {
    const s = await setup();
    const { cookie, json } = await signIn(s);
    for (const headers of <Record<string, string>[]>[
      { host: HOST, origin: 'https://shop.example', 'sec-fetch-site': 'cross-site' },
      { host: HOST, origin: 'https://shop.example' },
      { host: HOST, 'sec-fetch-site': 'same-site' },
    ]) {
      const res = await s.app.request('/v1/admin/keys', {
        headers: { ...headers, cookie, 'x-csrf-token': json.csrfToken },
      });
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
    }
  });

  it('ends after 30 idle minutes, and a request within them slides the expiry', async () => {
    const s = await setup();
    const { cookie } = await signIn(s);
    const read = async () =>
      (await call(s.app, 'GET', '/console/session', { headers: { ...SAME, cookie } })).res.status;
    s.advance(IDLE_MS - 60_000);
    assert.equal(await read(), 200);
    s.advance(IDLE_MS - 60_000);
    assert.equal(await read(), 200, 'used 29 minutes ago: still alive');
    s.advance(IDLE_MS);
    const ended = await call(s.app, 'GET', '/v1/admin/keys', { headers: { ...SAME, cookie } });
    assert.equal(ended.res.status, 401);
    assert.equal(ended.json.error.field, 'session');
  });

  it('ends 12 hours after sign-in however busy', async () => {
    const s = await setup();
    const { cookie } = await signIn(s);
    for (let hour = 0; hour < 12 * 3; hour++) {
      s.advance(20 * 60_000);
      const { res } = await call(s.app, 'GET', '/console/session', { headers: { ...SAME, cookie } });
      assert.equal(res.status, hour < 12 * 3 - 1 ? 200 : 401, `after ${(hour + 1) * 20} minutes`);
    }
  });

  it('ends when its admin key is revoked', async () => {
    const s = await setup();
    const { cookie, json } = await signIn(s);
    const revoke = await s.app.request(`/v1/admin/keys/${json.keyId}/revoke`, {
      method: 'POST',
      headers: { ...SAME, cookie, 'x-csrf-token': json.csrfToken },
    });
    assert.equal(revoke.status, 200);
    const { res } = await call(s.app, 'GET', '/v1/admin/audit', { headers: { ...SAME, cookie } });
    assert.equal(res.status, 401);
  });
});

describe('console files', () => {
  it('serves index.html for page paths with a strict CSP, assets immutable and compressed', async () => {
    const s = await setup();
    const temp = tempDir();
    after(temp.cleanup);
    const dir = join(temp.dir, 'console');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><script type="module" src="/console/assets/app-1a2b.js"></script>',
    );
    writeFileSync(join(dir, 'assets/app-1a2b.js'), 'console.log("console");'.repeat(50));
    const app = createApp({ db: s.db, config: { ...s.config, consoleDir: dir } });
    const page = await app.request('/console/keys');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self';/);
    assert.doesNotMatch(page.headers.get('content-security-policy') ?? '', /unsafe-inline/);
    const asset = await app.request('/console/assets/app-1a2b.js', { headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(asset.headers.get('content-encoding'), 'br');
    assert.match(brotliDecompressSync(Buffer.from(await asset.arrayBuffer())).toString(), /^console\.log/);
    assert.equal((await app.request('/console/assets/missing-1234.js')).status, 404);
    assert.equal((await app.request('/console')).status, 301);
  });
});

describe('POST /v1/admin/keys', () => {
  it('creates a further admin key, shown once, that works; the secret key cannot make one', async () => {
    const s = await setup();
    const made = await call<{ key: string; record: { id: string; kind: string } }>(s.app, 'POST', '/v1/admin/keys', {
      headers: { authorization: `Bearer ${adminKey(s)}` },
      body: { kind: 'admin' },
    });
    assert.equal(made.res.status, 201);
    assert.match(made.json.key, /^ak_[0-9A-Za-z]{40}$/);
    const listed = await call<{ keys: { id: string }[] }>(s.app, 'GET', '/v1/admin/keys', {
      headers: { authorization: `Bearer ${made.json.key}` },
    });
    assert.equal(listed.res.status, 200);
    assert.ok(!JSON.stringify(listed.json).includes(made.json.key), 'never listed again');
    const secret = await call(s.app, 'POST', '/v1/admin/keys', {
      headers: { authorization: `Bearer ${s.tenant.secret}` },
      body: {},
    });
    assert.equal(secret.res.status, 403);
    const wrongKind = await call(s.app, 'POST', '/v1/admin/keys', {
      headers: { authorization: `Bearer ${adminKey(s)}` },
      body: { kind: 'secret' },
    });
    assert.equal(wrongKind.res.status, 400);
    assert.equal(wrongKind.json.error.field, 'kind');
  });
});
