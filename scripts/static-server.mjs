// Serves the partner examples and the built bundle, like a partner's own web server would.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};
/** The examples say `http://localhost:8787`, as a partner would paste it; other ports are swapped in when served. */
const DEFAULT_API = 'http://localhost:8787';

/**
 * @param {{ port: number, host?: string, api?: string }} options
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export function startStaticServer({ port, host = '127.0.0.1', api = DEFAULT_API }) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = resolveFile(path);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (type.startsWith('text/html') && api !== DEFAULT_API) {
      const html = (await readFile(file, 'utf8')).replaceAll(DEFAULT_API, api);
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(html);
      return;
    }
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise) => {
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolvePromise({
        url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${actualPort}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

const BUNDLE_FILE = /^\/matbakh[\w-]*\.js(\.map)?$/;

/** `/matbakh*.js` → dist, `/` → examples/partner-site, `/<example>/…` → examples/<example>. Never outside. */
function resolveFile(path) {
  const safe = normalize(path).replace(/^(\.\.[/\\])+/, '');
  const bundle = BUNDLE_FILE.test(safe);
  const candidates = bundle
    ? [join(ROOT, 'dist', safe)]
    : [join(ROOT, 'examples', 'partner-site', safe), join(ROOT, 'examples', safe)];
  for (let candidate of candidates) {
    if (!candidate.startsWith(join(ROOT, bundle ? 'dist' : 'examples'))) continue;
    if (existsSync(candidate) && statSync(candidate).isDirectory()) candidate = join(candidate, 'index.html');
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}
