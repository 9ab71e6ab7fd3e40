// Minifies the static text of Lit's `css` and `html` tagged templates at build time. A bundler's minifier
// leaves template literals alone (their text is data to it), so the indentation of every style sheet and
// template would otherwise ship to every partner page. One transform, used by the vite builds and by the
// size script (so the budgets measure what ships).
//
// Rules, chosen to never change what renders:
//  - css: comments go; whitespace runs become one space; the space next to `{ } ; , >`, after `:` and a `;`
//    before `}` go; quoted strings are kept. Nothing else is touched (a space before `:` is a descendant
//    combinator, and calc() needs the spaces around `+` and `-`).
//  - html: a whitespace run that contains a line break becomes that line break (the browser collapses it to
//    one space anyway); runs without one are kept as written. Templates under `<pre>`/`<textarea>` and
//    `white-space: pre*` would notice this; none of ours use them, and the transform refuses such templates.
// Line breaks are never removed (a run of them stays, without its indentation), so every line keeps its number
// and the published source maps still point at the right line of the widget's source.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

const TAGS = new Set(['css', 'html', 'svg']);

/** The line breaks in `text`, nothing else: what a removed run leaves behind, so lines keep their numbers. */
const breaksOf = (text) => text.replace(/[^\n]/g, '');

/** @param {string} text raw template text between expressions */
export function minifyCss(text) {
  // Quoted strings (`content: ", "`) are kept exactly: split them out, minify what lies between.
  return text
    .replace(/\/\*[\s\S]*?\*\//g, breaksOf)
    .split(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/)
    .map((piece, index) =>
      index % 2
        ? piece
        : piece
            .replace(/\s+/g, (run) => breaksOf(run) || ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');
}

/** @param {string} text raw template text between expressions */
export function minifyHtml(text) {
  return text.replace(/[ \t]*\n\s*/g, breaksOf);
}

/** The tag's name: `css`, `html`, or `svg`, also when written as `lit.html`. */
function tagName(node) {
  if (ts.isIdentifier(node.tag)) return node.tag.text;
  if (ts.isPropertyAccessExpression(node.tag)) return node.tag.name.text;
  return '';
}

/**
 * The source with every `css`/`html`/`svg` tagged template's static parts minified; `undefined` when nothing
 * changed (so callers can skip source maps for untouched files).
 * @param {string} code TypeScript or JavaScript source
 * @param {string} fileName for the parser and error messages
 * @returns {string | undefined}
 */
export function minifyLiterals(code, fileName) {
  if (!/\b(css|html|svg)`/.test(code)) return undefined;
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  /** @type {{ start: number; end: number; text: string }[]} */
  const edits = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && TAGS.has(tagName(node))) {
      const kind = tagName(node);
      const minify = kind === 'css' ? minifyCss : minifyHtml;
      const template = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const part of parts) {
        // The raw text sits between the part's delimiters: ` or } before, ` or ${ after.
        const start = part.getStart(source) + 1;
        const end = part.getEnd() - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1);
        const raw = code.slice(start, end);
        if (kind !== 'css' && /<(pre|textarea)\b|white-space:\s*pre/.test(raw)) {
          throw new Error(`${fileName}: a template with <pre>, <textarea> or white-space: pre cannot be minified`);
        }
        const text = minify(raw);
        if (text !== raw) edits.push({ start, end, text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (edits.length === 0) return undefined;
  let out = '';
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    out += code.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + code.slice(at);
}

const WIDGET_SOURCE = /[\\/]widgets[\\/]src[\\/].*\.ts$/;

/** esbuild plugin (scripts/size.mjs). */
export const esbuildMinifyLiterals = {
  name: 'minify-literals',
  setup(build) {
    build.onLoad({ filter: WIDGET_SOURCE }, async (args) => {
      const code = await readFile(args.path, 'utf8');
      return { contents: minifyLiterals(code, args.path) ?? code, loader: 'ts' };
    });
  },
};

/** vite plugin (vite.config.ts): production builds only; dev, tests and Storybook see the source as written. */
export function viteMinifyLiterals() {
  return {
    name: 'minify-literals',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!WIDGET_SOURCE.test(id.split('?')[0])) return undefined;
      const text = minifyLiterals(code, id);
      // Lines keep their numbers (see the top of this file): no map of our own, the line mapping holds.
      return text === undefined ? undefined : { code: text, map: null };
    },
  };
}
