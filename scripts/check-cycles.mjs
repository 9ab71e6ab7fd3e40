// Fails on an import cycle in the sources (`sdk/src`, `widgets/src`, `packages/*/src`), type-only imports included:
// a cycle means two modules cannot be understood, tested or moved one without the other.
// Imports are resolved by TypeScript's own resolver with each package's compiler options, so path forms
// (`./x.ts`, `@matbakh/contract`, `/index.ts`) and workspace links all land on the same file.
// Usage: node scripts/check-cycles.mjs [root]   (exit 1 and one line per cycle when there is one)
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCE_ROOTS = [
  'sdk/src',
  'widgets/src',
  'packages/contract/src',
  'packages/demo/src',
  'packages/mocks/src',
  'packages/server/src',
];
const TEST_FILE = /\.(test|spec|stories)\.ts$/;

/** Every non-test `.ts` file below `dir` (check-rooms.mjs reads the same files). */
export function sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') && !TEST_FILE.test(path) ? [path] : [];
  });
}

/** The compiler options of the tsconfig nearest to `dir` (cached per directory). */
function optionsFinder() {
  const cache = new Map();
  return (dir) => {
    const configPath = ts.findConfigFile(dir, ts.sys.fileExists);
    if (!configPath) return { allowImportingTsExtensions: true, moduleResolution: ts.ModuleResolutionKind.Bundler };
    if (!cache.has(configPath)) {
      const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
      cache.set(configPath, ts.parseJsonConfigFileContent(config, ts.sys, dirname(configPath)).options);
    }
    return cache.get(configPath);
  };
}

/** file → the files of the checked set it imports (static, dynamic and type-only imports, and re-exports). */
export function importGraph(root) {
  const files = SOURCE_ROOTS.flatMap((dir) => sourceFiles(resolve(root, dir))).map((file) => realpathSync(file));
  const known = new Set(files);
  const optionsFor = optionsFinder();
  const graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(ts.sys.readFile(file) ?? '', true, true);
    const options = optionsFor(dirname(file));
    const targets = new Set();
    for (const { fileName } of importedFiles) {
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule;
      if (!resolved) continue;
      const target = realpathSync(resolved.resolvedFileName);
      if (known.has(target) && target !== file) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan), each sorted: the cycles. */
export function cycles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), indices.get(next)));
      }
    }
    if (low.get(node) !== indices.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const graph = importGraph(root);
  const found = cycles(graph);
  for (const component of found) {
    console.error(`import cycle: ${component.map((file) => relative(root, file)).join(' ⇄ ')}`);
  }
  if (found.length > 0) {
    console.error(`${found.length} import cycle(s): move the shared part into a module both sides import.`);
    process.exit(1);
  }
  console.log(`no import cycles in ${graph.size} modules`);
}
