/**
 * The partner console's built files (`packages/console/dist`, `npm run build`) at `/console/`: hashed assets cached
 * for a year as immutable, `index.html` revalidated every time (it names the current hashes) and served for every
 * page path (`/console/keys`, …: the console routes with the History API). A strict Content-Security-Policy: only
 * this origin's scripts and styles, no inline script, nothing framed. Bodies are brotli/gzip-compressed once per
 * build and kept in memory, as the SDK files are (sdk-files.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Ctx, RouteModule } from '../route-kit.ts';
import { pickEncoding } from './sdk-files.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

interface Encoded {
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
  etag: string;
  type: string;
}

function encode(name: string, body: Buffer): Encoded {
  return {
    identity: body,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(body, { level: 9 }),
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    type: TYPES[extname(name)] ?? 'application/octet-stream',
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => relative(dir, join(dir, name)).split('\\').join('/'));
}

/** The build's files by path (`index.html`, `assets/index-3f2a.js`), re-read when any of them changed. */
function loader(dir: string): () => Map<string, Encoded> | undefined {
  let stamp = '';
  let files: Map<string, Encoded> | undefined;
  return () => {
    let names: string[];
    try {
      names = listFiles(dir).sort();
    } catch {
      return undefined;
    }
    if (!names.includes('index.html')) return undefined;
    const now = names.map((name) => `${name}:${statSync(join(dir, name)).mtimeMs}`).join('|');
    if (files && now === stamp) return files;
    files = new Map(names.map((name) => [name, encode(name, readFileSync(join(dir, name)))]));
    stamp = now;
    return files;
  };
}

export function consoleFileRoutes(dir: string): RouteModule {
  return (app, kit) => {
    const current = loader(dir);
    const send = (c: Ctx, file: Encoded, cache: string) => {
      c.header('Cache-Control', cache);
      c.header('ETag', file.etag);
      c.header('Vary', 'Accept-Encoding');
      c.header('Content-Security-Policy', CONSOLE_CSP);
      c.header('Referrer-Policy', 'no-referrer');
      c.header('X-Frame-Options', 'DENY');
      c.header('Cross-Origin-Opener-Policy', 'same-origin');
      if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
      const encoding = pickEncoding(c.req.header('accept-encoding'));
      if (encoding !== 'identity') c.header('Content-Encoding', encoding);
      c.header('Content-Type', file.type);
      return c.body(new Uint8Array(file[encoding]), 200);
    };

    app.get('/console', (c) => c.redirect('/console/', 301));
    app.get('/console/*', (c) => {
      const files = current();
      if (!files) {
        return kit.fail(c, 404, 'not_found', 'no console build on this server: run `npm run build` (packages/console)');
      }
      const path = c.req.path.slice('/console/'.length);
      const asset = files.get(path);
      if (asset && path !== 'index.html') return send(c, asset, path.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
      // A file path that is not in the build is a 404; any other path is a console page.
      if (path.startsWith('assets/') || extname(path) !== '') {
        return kit.fail(c, 404, 'not_found', `no console file ${path}`);
      }
      return send(c, files.get('index.html')!, REVALIDATE);
    });
  };
}
