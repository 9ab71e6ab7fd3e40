/**
 * The script-tag files, served by the reference server itself (`GET /sdk/…`), so the README's snippet works as
 * written against any deployment of it:
 *
 * - `/sdk/matbakh.js` and its siblings (`matbakh-privacy-center.js`, the element files `matbakh-<name>.js` and their
 *   shared `matbakh-chunk-<name>.js`, the `.map`s):
 *   the current build, cached for 5 minutes, so a new build reaches pages soon;
 * - `/sdk/<version>/matbakh.js` …: the same files under a version that is a hash of the whole set, cached for a
 *   year as immutable (matbakh.js fetches its lazy siblings from beside itself, so a set shares one version);
 * - `/sdk/` (and `/sdk/index.json`): the version and each file's URL and Subresource Integrity hash, for pages that
 *   pin a version with `integrity=` or copy the files to their own CDN.
 *
 * Bodies are brotli- or gzip-compressed by `Accept-Encoding`, compressed once per build and kept in memory.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Ctx, RouteModule } from '../route-kit.ts';
import { type EncodedFile, encodeFile, sendEncoded } from './encoded-files.ts';

const SDK_FILE = /^matbakh(-[a-z]+(-[a-z]+)*)?\.js(\.map)?$/;
const SHORT_CACHE = 'public, max-age=300';
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Build {
  /** Newest mtime of the folder's files, to notice a rebuild. */
  stamp: string;
  version: string;
  files: Map<string, EncodedFile>;
}

const encode = (name: string, body: Buffer): EncodedFile =>
  encodeFile(body, name.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8');

/** The folder's files, re-read when any of them changed (a rebuild while the server runs). */
function loader(dir: string): () => Build | undefined {
  let build: Build | undefined;
  return () => {
    let names: string[];
    try {
      names = readdirSync(dir)
        .filter((name) => SDK_FILE.test(name))
        .sort();
    } catch {
      return undefined;
    }
    if (!names.includes('matbakh.js')) return undefined;
    const stamp = names.map((name) => `${name}:${statSync(join(dir, name)).mtimeMs}`).join('|');
    if (build?.stamp === stamp) return build;
    const files = new Map<string, EncodedFile>();
    const version = createHash('sha256');
    for (const name of names) {
      const body = readFileSync(join(dir, name));
      files.set(name, encode(name, body));
      version.update(name).update(body);
    }
    build = { stamp, version: version.digest('hex').slice(0, 12), files };
    return build;
  };
}

export function sdkFileRoutes(dir: string): RouteModule {
  return (app, kit) => {
    const current = loader(dir);
    const missing = (c: Ctx) =>
      kit.fail(c, 404, 'not_found', 'no SDK build on this server: run `npm run build` (it writes dist/matbakh*.js)');

    const send = (c: Ctx, name: string, cache: string) => {
      const build = current();
      if (!build) return missing(c);
      const file = build.files.get(name);
      if (!file) return kit.fail(c, 404, 'not_found', `no SDK file ${name}`);
      // Pages with Cross-Origin-Embedder-Policy may still load us.
      // The element files are ES modules, fetched with CORS from any partner's page (the API's rule narrows this
      // to the origin when it knows it).
      return sendEncoded(c, file, cache, {
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Access-Control-Allow-Origin': '*',
      });
    };

    const index = (c: Ctx) => {
      const build = current();
      if (!build) return missing(c);
      c.header('Cache-Control', SHORT_CACHE);
      const base = new URL(`/sdk/${build.version}/`, c.req.url).pathname;
      return c.json({
        version: build.version,
        files: [...build.files]
          .filter(([name]) => name.endsWith('.js'))
          .map(([name, file]) => ({ name, url: `${base}${name}`, integrity: file.integrity })),
      });
    };
    app.get('/sdk/', index);
    app.get('/sdk/index.json', index);
    app.get('/sdk/:name', (c) => {
      const name = c.req.param('name');
      return SDK_FILE.test(name) ? send(c, name, SHORT_CACHE) : kit.fail(c, 404, 'not_found', `no SDK file ${name}`);
    });
    app.get('/sdk/:version/:name', (c) => {
      const { version, name } = c.req.param();
      const build = current();
      if (!build) return missing(c);
      // Only the version this server has: an old page asking for another build gets a 404, never other bytes.
      if (version !== build.version || !SDK_FILE.test(name)) {
        return kit.fail(c, 404, 'not_found', `no SDK file ${version}/${name} (current version: ${build.version})`);
      }
      return send(c, name, IMMUTABLE);
    });
  };
}
