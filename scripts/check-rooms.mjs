// Fails on a room too big to read at once without a stated reason: a module over 300 lines or a function (declaration,
// method, accessor, constructor, function expression or arrow) over 80 lines in the sources (`sdk/src`,
// `widgets/src`, `packages/*/src`; tests, stories and `.d.ts` files are not counted).
//
// The one convention for stating a reason is a comment whose line starts `Long because:` (after `//`, `/*` or a
// JSDoc `*`):
// - a module: in the comments at the top of the file, before its first statement;
// - a function: in the comments right above it (or above the statement, property or export that holds it). The
//   reason covers the functions nested inside it.
// Exempt by rule: message catalogs (`*.messages.ts`, `messages*.ts`: one entry per text and locale) and data
// modules (nothing but imports, types and constant literals: a table is read row by row, not held in the head).
//
// Usage: node scripts/check-rooms.mjs [root]   (exit 1 and one line per finding when there is one)
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { sourceFiles } from './check-cycles.mjs';

export const MAX_MODULE_LINES = 300;
export const MAX_FUNCTION_LINES = 80;
const CATALOG = /(^|[/.])messages[^/]*\.ts$/;
const MARKER = /^\s*(\/\/|\/\*+|\*)?\s*Long because:/m;

/** The source folders: `sdk/src`, `widgets/src` and every `packages/<name>/src`. */
function sourceRoots(root) {
  let packages = [];
  try {
    packages = readdirSync(join(root, 'packages')).map((name) => join('packages', name, 'src'));
  } catch {}
  return ['sdk/src', 'widgets/src', ...packages].map((dir) => join(root, dir));
}

/** The text of the comments in `ranges`. */
function commentText(text, ranges) {
  return (ranges ?? []).map(({ pos, end }) => text.slice(pos, end)).join('\n');
}

/** Whether the comments right above `node`, or above what holds it, state a reason. */
function statesReason(source, node) {
  const text = source.text;
  for (let at = node; at && !ts.isSourceFile(at) && !ts.isBlock(at); at = at.parent) {
    if (MARKER.test(commentText(text, ts.getLeadingCommentRanges(text, at.getFullStart())))) return true;
    // Holders whose comment belongs to the function: `const f = () => …`, `{ key: () => … }`, `export default …`,
    // `definePlugin({ setup() … })`, `x = function …`.
    const holder = at.parent;
    if (
      !holder ||
      !(
        ts.isVariableDeclaration(holder) ||
        ts.isVariableDeclarationList(holder) ||
        ts.isVariableStatement(holder) ||
        ts.isPropertyAssignment(holder) ||
        ts.isPropertyDeclaration(holder) ||
        ts.isExportAssignment(holder) ||
        ts.isCallExpression(holder) ||
        ts.isObjectLiteralExpression(holder) ||
        ts.isParenthesizedExpression(holder) ||
        ts.isAsExpression(holder) ||
        ts.isSatisfiesExpression(holder) ||
        ts.isBinaryExpression(holder) ||
        ts.isExpressionStatement(holder)
      )
    ) {
      return false;
    }
  }
  return false;
}

/** Whether the comments before the module's first statement state a reason. */
function moduleStatesReason(source) {
  const first = source.statements[0];
  const head = source.text.slice(0, first ? first.getStart(source) : source.text.length);
  return MARKER.test(head);
}

/** A module of imports, types and constant literals only: no function anywhere in it. */
function isDataModule(source) {
  let code = false;
  const visit = (node) => {
    if (code) return;
    if (ts.isFunctionLike(node) && 'body' in node && node.body) code = true;
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) code = true;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return !code;
}

const lineOf = (source, pos) => source.getLineAndCharacterOfPosition(pos).line + 1;

/** What a function is called in a finding: its own name, or the name of what holds it. */
function nameOf(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name && ts.isPrivateIdentifier(node.name)) return node.name.text;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const holder = node.parent;
  if (holder && (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) && ts.isIdentifier(holder.name)) {
    return holder.name.text;
  }
  if (holder && ts.isPropertyDeclaration(holder) && ts.isIdentifier(holder.name)) return holder.name.text;
  return '(anonymous)';
}

/** The findings in one file: `{ file, line, kind: 'module' | 'function', name, lines }`. */
export function roomsOf(file, text = readFileSync(file, 'utf8')) {
  if (CATALOG.test(file)) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings = [];
  const moduleLines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
  if (moduleLines > MAX_MODULE_LINES && !moduleStatesReason(source) && !isDataModule(source)) {
    findings.push({ file, line: 1, kind: 'module', name: '', lines: moduleLines });
  }
  const visit = (node, covered) => {
    let inside = covered;
    const isFunction =
      ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node);
    if (isFunction && node.body) {
      const first = lineOf(source, node.getStart(source));
      const lines = lineOf(source, node.end) - first + 1;
      if (lines > MAX_FUNCTION_LINES && !covered) {
        if (statesReason(source, node)) inside = true;
        else findings.push({ file, line: first, kind: 'function', name: nameOf(node), lines });
      }
    }
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  visit(source, false);
  return findings;
}

/** Every finding below `root`. */
export function rooms(root) {
  return sourceRoots(root)
    .flatMap(sourceFiles)
    .flatMap((file) => roomsOf(file));
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const found = rooms(root);
  for (const { file, line, kind, name, lines } of found) {
    const what =
      kind === 'module'
        ? `module of ${lines} lines (> ${MAX_MODULE_LINES})`
        : `function ${name} of ${lines} lines (> ${MAX_FUNCTION_LINES})`;
    console.error(`${relative(root, file)}:${line}: ${what}`);
  }
  if (found.length > 0) {
    console.error(
      `${found.length} room(s) too big: split them by job, or state why not in a comment starting "Long because:" (see the header of scripts/check-rooms.mjs).`,
    );
    process.exit(1);
  }
  console.log('no module over 300 lines and no function over 80 lines without a stated reason');
}
