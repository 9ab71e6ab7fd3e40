// The build's literal minifier must never change what a style sheet means. Unit cases for the traps, then the
// real thing: every `css` template in widgets/src, parsed by Chromium as written and as minified, must give
// the same rules.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import ts from 'typescript';
import { chromeLaunchOptions } from './chrome.mjs';
import { minifyCss, minifyHtml, minifyLiterals } from './minify-literals.mjs';

const WIDGETS = resolve(import.meta.dirname, '../widgets/src');

test('css: whitespace and comments go, meaning stays', () => {
  assert.equal(minifyCss("\n  /* it's */ :host { display: block; }\n"), '\n:host{display:block}\n');
  assert.equal(minifyCss('.a :hover, .b > .c {x: y}'), '.a :hover,.b>.c{x:y}', 'descendant space kept');
  assert.equal(minifyCss('a { margin: calc(1px + 2px) }'), 'a{margin:calc(1px + 2px)}', 'calc() spaces kept');
  assert.equal(minifyCss("a::before { content: ',  {x};' }"), "a::before{content:',  {x};'}", 'strings kept');
});

test('html: indentation after a line break goes, the line break stays; other spaces stay', () => {
  assert.equal(minifyHtml('\n  <p>\n    a  b\n  </p>\n'), '\n<p>\na  b\n</p>\n');
});

/** Source text with template expressions, written `@{…}` here so the test file itself has none. */
const code = (text) => text.replaceAll('@{', '${');

test('only css/html/svg tagged templates change, expressions untouched', () => {
  const source = code(
    'const a = css`a {\n  b: @{x + `  y`};\n}`; const s = `keep  \n  this`; html`<p>\n  @{css`q { r: s }`}</p>`;',
  );
  assert.equal(
    minifyLiterals(source, 'x.ts'),
    code('const a = css`a{\nb:@{x + `  y`};\n}`; const s = `keep  \n  this`; html`<p>\n@{css`q{r:s}`}</p>`;'),
  );
  assert.equal(minifyLiterals('const x = 1;', 'x.ts'), undefined);
  assert.throws(() => minifyLiterals('html`<pre>\n a</pre>`', 'x.ts'), /pre/);
});

test('every widget source keeps its line count (the source maps stay right)', () => {
  const files = widgetSources();
  assert.ok(files.length > 20, `found ${files.length} files`);
  for (const path of files) {
    const source = readFileSync(path, 'utf8');
    const minified = minifyLiterals(source, path) ?? source;
    assert.equal(minified.split('\n').length, source.split('\n').length, path);
  }
});

/** The widgets' shipped sources (tests left out). */
function widgetSources(dir = WIDGETS) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return widgetSources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** The `css` templates of a source text, their expressions replaced by a value that parses anywhere. */
function sheetsOf(path, text) {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const sheets = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'css') {
      sheets.push(
        node.template
          .getText(file)
          .slice(1, -1)
          .replace(/\$\{[^}]*\}/g, 'var(--x)'),
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return sheets;
}

/** Every `css` template in the widgets, as written and as minified. */
function cssTemplates() {
  return widgetSources().flatMap((path) => {
    const source = readFileSync(path, 'utf8');
    const after = sheetsOf(path, minifyLiterals(source, path) ?? source);
    return sheetsOf(path, source).map((before, index) => ({ path, before, after: after[index] }));
  });
}

test('every css template in widgets/src parses to the same rules after minifying (Chromium)', async () => {
  const sheets = cssTemplates();
  assert.ok(sheets.length > 10, `found ${sheets.length} css templates`);
  const browser = await chromium.launch(chromeLaunchOptions());
  try {
    const page = await browser.newPage();
    const differences = await page.evaluate((pairs) => {
      const rules = (text) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        // Values with var() keep their tokens as written, whitespace included (`var(--a, b)` ≠ `var(--a,b)` as text,
        // and a value continued on an indented line keeps that indentation): any run of whitespace is one to CSS.
        return [...sheet.cssRules].map((rule) => rule.cssText.replace(/\s+/g, ' ').replaceAll(', ', ',')).join('\n');
      };
      return pairs
        .filter(({ before, after }) => rules(before) !== rules(after))
        .map(({ path, before, after }) => {
          const [a, b] = [rules(before).split('\n'), rules(after).split('\n')];
          const at = a.findIndex((line, index) => line !== b[index]);
          return `${path}: ${a[at]} ≠ ${b[at]}`;
        });
    }, sheets);
    assert.deepEqual(differences, []);
  } finally {
    await browser.close();
  }
});
