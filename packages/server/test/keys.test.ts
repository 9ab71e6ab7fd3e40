import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createKeyring, loadMasterKey, newMasterKey } from '../src/crypto/master-key.ts';
import { adoptPlainSecrets, hashKey } from '../src/keys.ts';
import { userHashFor } from '../src/subject.ts';
import { findBySecret, findByWriteKey } from '../src/tenants.ts';
import { basic, call, grantConsent, postBatch, type Setup, serverStore, setup, tempDir, track } from './helpers.ts';

const HOUR = 3_600_000;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** The admin key `setup()`'s tenant was created with (shown once, on creation). */
function adminKey(s: Setup): string {
  const key = (s.tenant as { adminKey?: string }).adminKey;
  assert.ok(key, 'createTenant answers the new admin key');
  return key;
}

/** Server-to-server ingest with the given secret: 200 when the key is valid, 401 otherwise. */
async function ingestAsServer(s: Setup, secret: string): Promise<number> {
  const { res } = await postBatch(s.app, { batch: [track({ userId: 'u1' })] }, { writeKey: secret, consent: false });
  return res.status;
}

/** A subject read with a userHash: 200 when the hash verifies under an active secret, 403 otherwise. */
async function readWithHash(s: Setup, userHash: string): Promise<number> {
  const query = new URLSearchParams({ anonymousId: 'a1', userId: 'u1', userHash });
  const { res } = await call(s.app, 'GET', `/v1/consent?${query}`, { writeKey: s.tenant.writeKey });
  return res.status;
}

async function rotate(s: Setup, body: unknown = { overlapSeconds: 3600 }, key = adminKey(s)) {
  return call<{
    secret: string;
    key: { id: string; expiresAt?: string };
    previous: { id: string; expiresAt: string }[];
  }>(s.app, 'POST', '/v1/admin/keys/rotate', { headers: bearer(key), body });
}

describe('keys at rest', () => {
  it('stores only a hash of each key and the secret sealed: no table holds a key in plain text', async () => {
    const s = await setup();
    const dump = JSON.stringify([await s.db.all('SELECT * FROM tenants'), await s.db.all('SELECT * FROM api_keys')]);
    assert.ok(!dump.includes(s.tenant.secret), 'the secret is nowhere in plain text');
    assert.ok(!dump.includes(adminKey(s)), 'the admin key is nowhere in plain text');
    assert.ok(dump.includes(hashKey(s.tenant.secret)) && dump.includes(hashKey(adminKey(s))), 'their hashes are');
    const sealed = await s.db.get<{ sealed_secret: string }>(
      "SELECT sealed_secret FROM api_keys WHERE kind = 'secret'",
    );
    assert.match(sealed!.sealed_secret, /^mk1\./);
    const admin = await s.db.get<{ sealed_secret: string | null }>(
      "SELECT sealed_secret FROM api_keys WHERE kind = 'admin'",
    );
    assert.equal(admin!.sealed_secret, null, 'an admin key is never stored readable');
  });

  it("moves a tenant's plain secret from before the key table into it, keeping its pseudonyms", async () => {
    const s = await setup();
    const old = `sk_${'P'.repeat(40)}`;
    await s.db.run(
      `INSERT INTO tenants (id, name, write_key, secret, allowed_origins, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ['ten_old', 'Old shop', 'pk_old_shop', old, '["https://old.example"]', '2024-01-01T00:00:00.000Z'],
    );
    assert.equal((await findByWriteKey(s.db, 'pk_old_shop'))?.secret, old, 'usable before the move too');
    assert.equal(await adoptPlainSecrets(s.db, Date.now()), 1);
    assert.equal(await adoptPlainSecrets(s.db, Date.now()), 0, 'idempotent');
    const row = await s.db.get<{ secret: string }>("SELECT secret FROM tenants WHERE id = 'ten_old'");
    assert.equal(row!.secret, '');
    const moved = await findBySecret(s.db, old);
    assert.equal(moved?.id, 'ten_old');
    assert.equal(moved?.pseudonymKey, old, 'erased subjects stay matchable by their old pseudonyms');
  });
});

describe('secret rotation with overlap', () => {
  it('both secrets work during the overlap; after it the old one is refused, hashes made with it too', async () => {
    const s = await setup();
    const oldSecret = s.tenant.secret;
    await grantConsent(s.db, s.tenant.id, { anonymousId: 'a1', userId: 'u1' });
    const rotated = await rotate(s);
    assert.equal(rotated.res.status, 201);
    const newSecret = rotated.json.secret;
    assert.match(newSecret, /^sk_[0-9A-Za-z]{40}$/);
    assert.notEqual(newSecret, oldSecret);
    assert.equal(rotated.json.previous.length, 1);
    assert.equal(rotated.json.previous[0]!.expiresAt, '2025-03-01T13:00:00.000Z');
    const logged = await s.db.all<{ actor: string; actor_id: string; target: string }>(
      "SELECT actor, actor_id, target FROM audit_log WHERE action = 'admin_change'",
    );
    const adminId = (await s.db.get<{ id: string }>("SELECT id FROM api_keys WHERE kind = 'admin'"))!.id;
    assert.deepEqual(logged, [{ actor: 'admin_key', actor_id: adminId, target: 'keys' }], 'the rotation is audited');

    s.advance(HOUR - 1000);
    assert.equal(await ingestAsServer(s, oldSecret), 200, 'old secret during the overlap');
    assert.equal(await ingestAsServer(s, newSecret), 200, 'new secret');
    assert.equal(await readWithHash(s, userHashFor(oldSecret, 'u1')), 200, 'userHash made with the old secret');
    assert.equal(await readWithHash(s, userHashFor(newSecret, 'u1')), 200, 'userHash made with the new secret');

    s.advance(1000);
    assert.equal(await ingestAsServer(s, oldSecret), 401, 'old secret after the overlap');
    assert.equal(await readWithHash(s, userHashFor(oldSecret, 'u1')), 403, 'its hashes too');
    assert.equal(await ingestAsServer(s, newSecret), 200);
    assert.equal(await readWithHash(s, userHashFor(newSecret, 'u1')), 200);
    assert.equal(
      (await findByWriteKey(s.db, s.tenant.writeKey, Date.parse('2025-03-01T13:00:00Z')))?.secret,
      newSecret,
    );
  });

  it('a revoked key is refused at once; the last active secret cannot be revoked', async () => {
    const s = await setup();
    const oldSecret = s.tenant.secret;
    const listed = await call<{ keys: { id: string; kind: string; hint: string }[] }>(s.app, 'GET', '/v1/admin/keys', {
      headers: bearer(adminKey(s)),
    });
    assert.equal(listed.res.status, 200);
    const oldId = listed.json.keys.find((k) => k.kind === 'secret')!.id;
    assert.ok(!JSON.stringify(listed.json).includes(oldSecret), 'a listing never shows a key');

    const last = await call(s.app, 'POST', `/v1/admin/keys/${oldId}/revoke`, { headers: bearer(adminKey(s)) });
    assert.equal(last.res.status, 409);
    assert.equal(last.json.error.field, 'id');
    assert.equal(await ingestAsServer(s, oldSecret), 200);

    const { json } = await rotate(s);
    const revoked = await call(s.app, 'POST', `/v1/admin/keys/${oldId}/revoke`, { headers: bearer(adminKey(s)) });
    assert.equal(revoked.res.status, 200);
    assert.equal(await ingestAsServer(s, oldSecret), 401, 'revoked within the overlap');
    assert.equal(await readWithHash(s, userHashFor(oldSecret, 'u1')), 403);
    assert.equal(await ingestAsServer(s, json.secret), 200);
    const unknown = await call(s.app, 'POST', '/v1/admin/keys/key_nope/revoke', { headers: bearer(adminKey(s)) });
    assert.equal(unknown.res.status, 404);
  });

  it('refuses a bad overlap naming the field, and overlap 0 ends the old secret at once', async () => {
    const s = await setup();
    for (const overlapSeconds of [-1, 1.5, '3600', 31 * 24 * 3600]) {
      const { res, json } = await rotate(s, { overlapSeconds });
      assert.equal(res.status, 400, String(overlapSeconds));
      assert.equal(json.error.field, 'overlapSeconds');
    }
    const oldSecret = s.tenant.secret;
    const { json } = await rotate(s, { overlapSeconds: 0 });
    assert.equal(await ingestAsServer(s, oldSecret), 401);
    assert.equal(await ingestAsServer(s, json.secret), 200);
  });
});

describe('key scopes', () => {
  it('the write key and the secret key cannot manage keys: 403 naming authorization; no key or a wrong one: 401', async () => {
    const s = await setup();
    const cases: [Record<string, string>, number][] = [
      [{ authorization: basic(s.tenant.writeKey) }, 403],
      [bearer(s.tenant.writeKey), 403],
      [bearer(s.tenant.secret), 403],
      [{}, 401],
      [bearer(`ak_${'x'.repeat(40)}`), 401],
      [bearer('pk_unknown'), 401],
    ];
    for (const [headers, status] of cases) {
      for (const [method, path] of [
        ['GET', '/v1/admin/keys'],
        ['POST', '/v1/admin/keys/rotate'],
      ] as const) {
        const { res, json } = await call(s.app, method, path, { headers, body: method === 'POST' ? {} : undefined });
        assert.equal(res.status, status, `${method} ${path} with ${JSON.stringify(headers)}`);
        assert.equal(json.error.field, 'authorization');
      }
    }
    assert.equal((await s.db.all("SELECT id FROM api_keys WHERE kind = 'secret'")).length, 1, 'nothing rotated');
  });

  it('the admin key cannot ingest (as server or browser) but uploads the catalogue, as the secret key still may', async () => {
    const s = await setup();
    const { res, json } = await postBatch(s.app, { batch: [track({ userId: 'u1' })] }, { writeKey: adminKey(s) });
    assert.equal(res.status, 403);
    assert.equal(json.error.field, 'writeKey');
    const imported = await call(s.app, 'POST', '/v1/import/events', { headers: bearer(adminKey(s)), body: [track()] });
    assert.equal(imported.res.status, 403);
    assert.equal(imported.json.error.field, 'authorization');
    assert.equal((await s.db.get<{ n: number }>('SELECT count(*) AS n FROM events'))!.n, 0);

    const restaurant = {
      id: 'r1',
      kind: 'restaurant',
      name: 'Falafel Haus',
      cuisine: 'lebanese',
      region: 'Berlin-Mitte',
    };
    for (const key of [adminKey(s), s.tenant.secret]) {
      const upload = await call(s.app, 'POST', '/v1/admin/catalog', {
        headers: bearer(key),
        body: { items: [restaurant] },
      });
      assert.equal(upload.res.status, 200, JSON.stringify(upload.json));
    }
  });
});

describe('master key', () => {
  it('seals per row: another row, another key or a changed byte does not open; previous keys still do', () => {
    const [a, b] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    const ring = createKeyring([a]);
    const sealed = ring.seal('sk_secret', 'api_keys:t1:k1');
    assert.equal(ring.open(sealed, 'api_keys:t1:k1').toString(), 'sk_secret');
    assert.throws(() => ring.open(sealed, 'api_keys:t2:k1'));
    assert.throws(() => createKeyring([b]).open(sealed, 'api_keys:t1:k1'), /does not hold/);
    // One bit of the ciphertext flipped.
    const parts = sealed.split('.');
    const data = Buffer.from(parts[4]!, 'base64url');
    data[0] = data[0]! ^ 1;
    const tampered = [...parts.slice(0, 4), data.toString('base64url')].join('.');
    assert.throws(() => ring.open(tampered, 'api_keys:t1:k1'));
    const rotated = createKeyring([b, a]);
    assert.equal(rotated.open(sealed, 'api_keys:t1:k1').toString(), 'sk_secret', 'an older key still opens');
    assert.equal(rotated.keyIdOf(rotated.seal('x', 'y')), rotated.currentId, 'new values use the current key');
  });

  it('comes from the environment or its file; only the demo creates one, owner-readable', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'sub', 'master.key');
      assert.throws(() => loadMasterKey({}, { defaultFile: file, generate: false }), /MATBAKH_MASTER_KEY/);
      assert.throws(
        () => loadMasterKey({ MATBAKH_MASTER_KEY: 'c2hvcnQ=' }, { defaultFile: file, generate: false }),
        /32/,
      );
      const generated = loadMasterKey({}, { defaultFile: file, generate: true });
      assert.equal(generated.from, 'generated');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const again = loadMasterKey({}, { defaultFile: file, generate: true });
      assert.equal(again.from, 'file');
      assert.equal(again.keyring.currentId, generated.keyring.currentId);
      const inline = newMasterKey();
      assert.equal(loadMasterKey({ MATBAKH_MASTER_KEY: inline }, { defaultFile: file, generate: true }).from, 'env');
    } finally {
      cleanup();
    }
  });
});

const CLI = new URL('../src/cli.ts', import.meta.url).pathname;

async function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const [code] = await once(child, 'close');
  return { code: code as number | null, out, err };
}

describe('keys CLI', () => {
  it('create-tenant prints the admin key; keys:rotate, keys:list and keys:revoke manage the secrets', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = await serverStore(dir, 'keyscli');
      const created = await runCli(['create-tenant', '--name', 'Shop', '--origin', 'https://shop.example'], store.env);
      assert.equal(created.code, 0, created.err);
      const tenant = JSON.parse(created.out) as { tenantId: string; secret: string; adminKey: string };
      assert.match(tenant.adminKey, /^ak_/);
      assert.match(tenant.secret, /^sk_/);

      const rotated = await runCli(['keys:rotate', '--tenant', tenant.tenantId, '--overlap-hours', '0'], store.env);
      assert.equal(rotated.code, 0, rotated.err);
      const rotation = JSON.parse(rotated.out) as { secret: string; previous: { id: string }[] };
      const listed = JSON.parse((await runCli(['keys:list', '--tenant', tenant.tenantId], store.env)).out) as {
        keys: { id: string; kind: string; expiresAt?: string }[];
      };
      assert.deepEqual(listed.keys.map((k) => k.kind).sort(), ['admin', 'secret', 'secret']);
      const db = await store.open();
      try {
        assert.equal(await findBySecret(db, tenant.secret), undefined, 'the old secret ended with overlap 0');
        assert.equal((await findBySecret(db, rotation.secret))?.id, tenant.tenantId);
      } finally {
        await db.close();
      }
      const lastId = listed.keys.find((k) => k.kind === 'secret' && k.expiresAt === undefined)!.id;
      const refused = await runCli(['keys:revoke', '--tenant', tenant.tenantId, '--key', lastId], store.env);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /last active secret/);
    } finally {
      cleanup();
    }
  });
});
