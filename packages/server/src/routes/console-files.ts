/**
 * The partner console's built files (`packages/console/dist`, `npm run build`) at `/console/`: hashed assets cached
 * for a year as immutable, `index.html` revalidated every time (it names the current hashes) and served for every
 * page path (`/console/keys`, …: the console routes with the History API). A strict Content-Security-Policy: only
 * this origin's scripts and styles, no inline script, nothing framed. Bodies are brotli/gzip-compressed once per
 * build and kept in memory, as the SDK files are (sdk-files.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { Ctx, RouteModule } from '../route-kit.ts';
import { type EncodedFile, encodeFile, sendEncoded } from './encoded-files.ts';

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

const encode = (name: string, body: Buffer): EncodedFile =>
  encodeFile(body, TYPES[extname(name)] ?? 'application/octet-stream');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => relative(dir, join(dir, name)).split('\\').join('/'));
}

/** The build's files by path (`index.html`, `assets/index-3f2a.js`), re-read when any of them changed. */
function loader(dir: string): () => Map<string, EncodedFile> | undefined {
  let stamp = '';
  let files: Map<string, EncodedFile> | undefined;
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
    const send = (c: Ctx, file: EncodedFile, cache: string) =>
      sendEncoded(c, file, cache, {
        'Content-Security-Policy': CONSOLE_CSP,
        'Referrer-Policy': 'no-referrer',
        'X-Frame-Options': 'DENY',
        'Cross-Origin-Opener-Policy': 'same-origin',
      });

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
