// Fails when code in sdk/src writes to the client object: plugins return their API, middleware and hooks to the
// plugin host (sdk/src/plugin/host.ts), which is, with the core that builds the client (sdk/src/client.ts), the only
// place allowed to put anything on it. Also fails on `as unknown as` (a cast that hides such writes from the types).
// Syntactic, with TypeScript's own parser: `client`, `….client` and local aliases of them (`const host = client as
// X`) count as the client.
//
//   node scripts/check-plugins.mjs [file or folder …]   (default: sdk/src)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
/** The core builds the client; the host exposes plugin APIs on it. Nothing else writes to it. */
const ALLOWED = new Set(['sdk/src/client.ts', 'sdk/src/plugin/host.ts']);
const WRITERS = new Set(['assign', 'defineProperty', 'defineProperties', 'set', 'deleteProperty', 'setPrototypeOf']);

/** `x as T`, `(x)`, `x!`, `<T>x` → `x`. */
function unwrap(node) {
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isTypeAssertionExpression(node) ||
    ts.isSatisfiesExpression(node)
  ) {
    node = node.expression;
  }
  return node;
}

/** Problems of one source text: `{ line, column, message }`, 1-based. */
export function checkSource(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const aliases = new Set(['client']);
  const problems = [];
  const report = (node, message) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    problems.push({ line: line + 1, column: character + 1, message });
  };
  const isClient = (node) => {
    const inner = unwrap(node);
    if (ts.isIdentifier(inner)) return aliases.has(inner.text);
    return ts.isPropertyAccessExpression(inner) && inner.name.text === 'client';
  };
  /** The object a write lands on: `client.x = …`, `client.consent.x = …`, `client['x'] = …`. */
  const writesToClient = (target) => {
    let node = unwrap(target);
    while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      if (isClient(node.expression)) return true;
      node = unwrap(node.expression);
    }
    return false;
  };

  const visit = (node) => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      isClient(node.initializer)
    ) {
      aliases.add(node.name.text);
    }
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      writesToClient(node.left)
    ) {
      report(node, `assigns to the client (${node.left.getText(source)}): return it as the plugin's api instead`);
    }
    if (ts.isDeleteExpression(node) && writesToClient(node.expression)) {
      report(node, 'deletes from the client: remove the plugin instead (client.remove)');
    }
    if (ts.isCallExpression(node)) {
      const callee = unwrap(node.expression);
      const [first] = node.arguments;
      if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        (callee.expression.text === 'Object' || callee.expression.text === 'Reflect') &&
        WRITERS.has(callee.name.text) &&
        first &&
        (isClient(first) || writesToClient(first))
      ) {
        report(node, `${callee.getText(source)}(client…) writes to the client: return it as the plugin's api instead`);
      }
    }
    if (ts.isAsExpression(node)) {
      let inner = node.expression;
      while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
      if (ts.isAsExpression(inner) && inner.type.kind === ts.SyntaxKind.UnknownKeyword) {
        report(node, '`as unknown as` hides what the types say');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

function* files(path) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) yield* files(join(path, name));
  } else if (/\.ts$/.test(path) && !/\.d\.ts$/.test(path)) {
    yield path;
  }
}

/** Checks files and folders; returns the problem lines (`path:line:column message`). */
export function check(paths) {
  const lines = [];
  for (const path of paths) {
    for (const file of files(resolve(path))) {
      const name = relative(ROOT, file).split('\\').join('/');
      if (ALLOWED.has(name)) continue;
      for (const p of checkSource(name, readFileSync(file, 'utf8')))
        lines.push(`${name}:${p.line}:${p.column} ${p.message}`);
    }
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const lines = check(args.length ? args : [join(ROOT, 'sdk/src')]);
  if (lines.length) {
    console.error(`${lines.join('\n')}\n\n✗ plugins must not touch the client (${lines.length} place(s))`);
    process.exit(1);
  }
  console.log('✓ no plugin touches the client');
}
