// What a page loads of matbakh, from the build's chunk graph: matbakh.js, plus for each element the page shows
// its lazily loaded file (widgets/src/lazy/files.ts) and every chunk that file imports statically (a browser
// fetches those before the file runs). `import()`s are followed only where a page takes them on load: a
// dashboard's built-in widgets for its audience, and a locale's text chunks for that locale.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`]\.\/(matbakh-[\w-]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]\.\/(matbakh-[\w-]+\.js)["'`]\s*\)/g;

/** @param {string} dist the build folder */
export function chunkGraph(dist) {
  const cache = new Map();
  const read = (file) => {
    if (!cache.has(file)) {
      const code = readFileSync(resolve(dist, file));
      const text = code.toString('utf8');
      cache.set(file, {
        min: code.length,
        gzip: gzipSync(code, { level: 9 }).length,
        imports: [...text.matchAll(STATIC_IMPORT)].map((m) => m[1]),
        dynamic: [...text.matchAll(DYNAMIC_IMPORT)].map((m) => m[1]),
      });
    }
    return cache.get(file);
  };
  /** The files a page fetches to run `files` (each once), with their sizes. */
  const closure = (files) => {
    const seen = new Set();
    const visit = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const next of read(file).imports) visit(next);
    };
    for (const file of files) visit(file);
    return [...seen];
  };
  const total = (files) =>
    closure(files).reduce((sum, file) => ({ min: sum.min + read(file).min, gzip: sum.gzip + read(file).gzip }), {
      min: 0,
      gzip: 0,
    });
  return { read, closure, total };
}

/** widgets/src/lazy/files.ts's LAZY_ELEMENTS (file name → tags), read from its source (plain Node runs this). */
export function lazyElements(root = resolve(import.meta.dirname, '..')) {
  const source = readFileSync(resolve(root, 'widgets/src/lazy/files.ts'), 'utf8');
  const list = source.slice(source.indexOf('LAZY_ELEMENTS'), source.indexOf('};'));
  return Object.fromEntries(
    [...list.matchAll(/^\s*'?([a-z-]+)'?: \[([^\]]*)\]/gm)].map(([, name, tags]) => [
      name,
      [...tags.matchAll(/'(mb-[a-z-]+)'/g)].map((m) => m[1]),
    ]),
  );
}
