// The reference server serves the script-tag files (issue 16: a quick start that works as written).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { setup, tempDir } from './helpers.ts';

const MAIN = `/* matbakh */ ${'window.matbakh = window.matbakh || {}; '.repeat(200)}`;
const LAZY = `/* personalization */ ${'customElements; '.repeat(200)}`;

async function withSdk(run: (s: Awaited<ReturnType<typeof setup>>, dir: string) => Promise<void>) {
  const tmp = tempDir();
  const dir = join(tmp.dir, 'dist');
  mkdirSync(dir);
  writeFileSync(join(dir, 'matbakh.js'), MAIN);
  writeFileSync(join(dir, 'matbakh-personalization.js'), LAZY);
  writeFileSync(join(dir, 'matbakh.js.map'), '{"version":3}');
  writeFileSync(join(dir, 'secret.txt'), 'not for the web');
  try {
    await run(await setup({ sdkDir: dir }), dir);
  } finally {
    tmp.cleanup();
  }
}

const get = (s: Awaited<ReturnType<typeof setup>>, path: string, headers: Record<string, string> = {}) =>
  s.app.request(path, { headers });

describe('GET /sdk/…', () => {
  it('serves the element files and their shared chunks to any page, as ES modules need (CORS)', async () => {
    await withSdk(async (s, dir) => {
      writeFileSync(join(dir, 'matbakh-chunk-use-preferences.js'), 'export const a = 1;');
      const chunk = await get(s, '/sdk/matbakh-chunk-use-preferences.js', { origin: 'https://unknown.example' });
      assert.equal(chunk.status, 200);
      assert.equal(chunk.headers.get('access-control-allow-origin'), '*');
      assert.equal(await chunk.text(), 'export const a = 1;');
    });
  });

  it('serves matbakh.js brotli- or gzip-compressed by Accept-Encoding, short-cached', async () => {
    await withSdk(async (s) => {
      const br = await get(s, '/sdk/matbakh.js', { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(br.status, 200);
      assert.equal(br.headers.get('content-encoding'), 'br');
      assert.equal(br.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(br.headers.get('cache-control'), 'public, max-age=300');
      assert.equal(br.headers.get('vary'), 'Accept-Encoding, Origin');
      const brBytes = Buffer.from(await br.arrayBuffer());
      assert.ok(brBytes.length < MAIN.length / 4, 'compressed');
      assert.equal(brotliDecompressSync(brBytes).toString(), MAIN);

      const gz = await get(s, '/sdk/matbakh.js', { 'accept-encoding': 'gzip' });
      assert.equal(gz.headers.get('content-encoding'), 'gzip');
      assert.equal(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), MAIN);

      const plain = await get(s, '/sdk/matbakh.js', { 'accept-encoding': 'br;q=0, gzip;q=0' });
      assert.equal(plain.headers.get('content-encoding'), null);
      assert.equal(await plain.text(), MAIN);
    });
  });

  it('lists the version and Subresource Integrity hashes; versioned URLs are immutable and hold the same bytes', async () => {
    await withSdk(async (s) => {
      const index = (await (await get(s, '/sdk/')).json()) as {
        version: string;
        files: Array<{ name: string; url: string; integrity: string }>;
      };
      assert.match(index.version, /^[0-9a-f]{12}$/);
      assert.deepEqual(
        index.files.map((f) => f.name),
        ['matbakh-personalization.js', 'matbakh.js'],
      );
      const main = index.files.find((f) => f.name === 'matbakh.js')!;
      assert.equal(main.url, `/sdk/${index.version}/matbakh.js`);
      assert.equal(main.integrity, `sha384-${createHash('sha384').update(MAIN).digest('base64')}`);
      const pinned = await get(s, main.url);
      assert.equal(pinned.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(await pinned.text(), MAIN);
      // The lazy sibling sits beside it under the same version: matbakh.js fetches it relative to itself.
      assert.equal(await (await get(s, `/sdk/${index.version}/matbakh-personalization.js`)).text(), LAZY);
      const stale = await get(s, '/sdk/000000000000/matbakh.js');
      assert.equal(stale.status, 404);
    });
  });

  it('answers 304 to a matching If-None-Match, and a rebuild changes the version', async () => {
    await withSdk(async (s, dir) => {
      const first = await get(s, '/sdk/matbakh.js');
      const etag = first.headers.get('etag')!;
      assert.equal((await get(s, '/sdk/matbakh.js', { 'if-none-match': etag })).status, 304);
      const before = ((await (await get(s, '/sdk/index.json')).json()) as { version: string }).version;
      writeFileSync(join(dir, 'matbakh.js'), `${MAIN}// rebuilt`);
      const after = ((await (await get(s, '/sdk/index.json')).json()) as { version: string }).version;
      assert.notEqual(after, before);
      assert.equal((await get(s, '/sdk/matbakh.js', { 'if-none-match': etag })).status, 200);
    });
  });

  it('serves nothing else from the folder, and says how to build when there is no build', async () => {
    await withSdk(async (s) => {
      for (const path of ['/sdk/secret.txt', '/sdk/..%2Fsecret.txt', '/sdk/matbakh.js%00.txt', '/sdk/other.js']) {
        const res = await get(s, path);
        assert.equal(res.status, 404, path);
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'not_found');
      }
    });
    const empty = await setup({ sdkDir: join(tempDir().dir, 'nothing') });
    const res = await get(empty, '/sdk/matbakh.js');
    assert.equal(res.status, 404);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /npm run build/);
  });
});
