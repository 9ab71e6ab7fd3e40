// Serves the partner examples and the built bundle, like a partner's own web server would.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

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
 * Text files go compressed as a partner's server (or CDN) sends them: brotli when the browser takes it, else gzip.
 * Everything is `no-cache`: the files change under the demo while it runs, so a browser always asks again.
 * @param {{ port: number, host?: string, api?: string, rewriteHtml?: (html: string, url: URL) => string }} options
 *   `rewriteHtml`: changes a page before it is sent (the web-vitals bench serves the page without our script).
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export function startStaticServer({ port, host = '127.0.0.1', api = DEFAULT_API, rewriteHtml }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = resolveFile(decodeURIComponent(url.pathname));
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    let body = await readFile(file);
    if (type.startsWith('text/html')) {
      const html = body.toString('utf8').replaceAll(DEFAULT_API, api);
      body = Buffer.from(rewriteHtml ? rewriteHtml(html, url) : html, 'utf8');
    }
    const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
    const encoding =
      type === TYPES['.map'] || !/^(text|application\/json|image\/svg)/.test(type) ? undefined : accepted(req);
    if (encoding) {
      headers['Content-Encoding'] = encoding;
      body = type.startsWith('text/html') ? compress(body, encoding) : compressedFile(file, body, encoding);
    }
    res.writeHead(200, headers).end(body);
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

/** The encoding to answer with: `br` before `gzip`, as the browser's Accept-Encoding allows. */
function accepted(req) {
  const offered = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(offered)) return 'br';
  return /\bgzip\b/.test(offered) ? 'gzip' : undefined;
}

/** Compressed static files by path, size and time: compressing the bundle again on every request skews timings. */
const compressedFiles = new Map();
function compressedFile(file, body, encoding) {
  const { mtimeMs, size } = statSync(file);
  const key = `${encoding} ${file} ${mtimeMs} ${size}`;
  if (!compressedFiles.has(key)) compressedFiles.set(key, compress(body, encoding));
  return compressedFiles.get(key);
}

const compress = (body, encoding) => (encoding === 'br' ? brotli(body) : gzipSync(body));

const brotli = (body) =>
  brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });

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
