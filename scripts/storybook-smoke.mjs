// Smoke test of the built Storybook (`npm run storybook:build` first): opens EVERY story of
// storybook-static/index.json in Chromium, waits until it has rendered (play function included), and fails on
//   - console errors and uncaught page errors,
//   - failed requests to Storybook's own origin (network errors and HTTP >= 400),
//   - a render error (Storybook's error display) or a story that does not finish within STORY_TIMEOUT_MS,
//   - axe-core WCAG 2.1 A/AA violations inside `#storybook-root`.
// Known issues owned by someone else can be allowed, each with a reason, in .storybook/smoke-allow.json.
// Prints a table per story and exits 1 on any failure.
//
//   node scripts/storybook-smoke.mjs [--dir storybook-static] [--filter <substring of story id>] [--isolated] [--verbose]
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromeLaunchOptions } from './chrome.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const STATIC_DIR = resolve(ROOT, option('--dir') ?? 'storybook-static');
const FILTER = option('--filter');
const VERBOSE = args.includes('--verbose');
/** A fresh navigation per story instead of switching stories inside one preview page (slower, ~5x). */
const ISOLATED = args.includes('--isolated');
const ALLOW_FILE = join(ROOT, '.storybook', 'smoke-allow.json');
/** Two pages at once: the machine has 2 cores, and Storybook's preview bundle is parse-heavy. */
const CONCURRENCY = 2;
/** Per story, from navigation to the end of its play function; generous for a loaded machine. */
const STORY_TIMEOUT_MS = 20_000;
/** WCAG 2.1 level A and AA: what we promise (not axe's best-practice rules). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Console messages that are not ours to fix and say nothing about a story. Each is matched against the text of
 * a console ERROR; keep this list short and explain every entry. (Currently empty: the msw worker runs with
 * `quiet: true`, and Storybook's build ships its favicon, so neither produces errors. Add here only what a
 * run shows to be noise.)
 * @type {{ pattern: RegExp, reason: string }[]}
 */
const CONSOLE_NOISE = [];

// ---------------------------------------------------------------------------------------------------------
// Static server

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `dir` on a free port of 127.0.0.1. Files never change during a run: the browser may cache them.
 * Exported for the visual regression tests (tests/visual/global-setup.ts).
 */
export function serve(dir) {
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = normalize(join(dir, path));
    if (file !== dir && !file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'max-age=600',
    });
    res.end(readFileSync(file));
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      // `localhost` (not 127.0.0.1): a secure context by name, which msw's service worker requires.
      done({ origin: `http://localhost:${port}`, close: () => new Promise((closed) => server.close(closed)) });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Allow-list of known issues owned by others

/**
 * @typedef {{ story: string, rule?: string, console?: string, reason: string, owner?: string }} Allowance
 * `story`: a story id, or a prefix ending in `*` (`widgets-tour--*`); `rule`: an axe rule id; `console`: a
 * substring of a console error. Every entry needs a `reason`.
 */
function loadAllowList() {
  if (!existsSync(ALLOW_FILE)) return [];
  const parsed = JSON.parse(readFileSync(ALLOW_FILE, 'utf8'));
  const entries = Array.isArray(parsed) ? parsed : parsed.allow;
  if (!Array.isArray(entries)) throw new Error(`${ALLOW_FILE}: expected { "allow": [ … ] }`);
  entries.forEach((entry, index) => {
    const where = `${ALLOW_FILE} allow[${index}]`;
    if (typeof entry.story !== 'string' || !entry.story) throw new Error(`${where}: "story" is required`);
    if (!entry.rule === !entry.console) throw new Error(`${where}: give exactly one of "rule" or "console"`);
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < 10)
      throw new Error(`${where}: "reason" is required (say why it is allowed and who fixes it)`);
  });
  return /** @type {Allowance[]} */ (entries);
}

const storyMatches = (pattern, id) => (pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : pattern === id);

// ---------------------------------------------------------------------------------------------------------
// Stories in a browser page

/**
 * @typedef {{ id: string, title: string, name: string, ms: number, consoleErrors: string[],
 *   requestFailures: string[], teardownErrors: string[], renderError?: string, violations: { rule: string, impact: string, nodes: number,
 *   help: string, targets: string[] }[], allowed: string[], note?: string }} StoryResult
 */

const newResult = (entry) => ({
  id: entry.id,
  title: entry.title,
  name: entry.name,
  /** Tagged `failing-api`: the story shows the widget against a mock API that answers with errors on purpose. */
  failingApi: Array.isArray(entry.tags) && entry.tags.includes('failing-api'),
  ms: 0,
  consoleErrors: [],
  requestFailures: [],
  teardownErrors: [],
  violations: [],
  allowed: [],
});

/**
 * The browser asks every page for `/favicon.ico` on its own; Storybook's iframe.html links no icon and the
 * build has none, so that 404 is the browser's habit, not a story's request. It is the only request ignored.
 */
const BROWSER_NOISE_PATHS = new Set(['/favicon.ico']);

/**
 * A page running Storybook's preview (iframe.html). Stories are shown one after another in the same page by
 * asking the preview to switch (`setCurrentStory` on its channel, what Storybook's own test-runner does):
 * the first load of the preview costs seconds (its bundle, msw's service worker), a switch ~0.2 s. With
 * `isolated`, every story gets a fresh navigation to `iframe.html?id=<id>&viewMode=story` instead.
 */
class StoryPage {
  /** @type {StoryResult | undefined} what console / request events are written to */
  current;

  constructor(context, origin, axeSource, allowList) {
    this.context = context;
    this.origin = origin;
    this.axeSource = axeSource;
    this.allowList = allowList;
  }

  async open() {
    this.page = await this.context.newPage();
    this.loaded = false;
    const own = (url) => url.startsWith(`${this.origin}/`);
    const path = (url) => url.replace(this.origin, '');
    this.page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const { url, lineNumber } = message.location();
      // Chrome's own "Failed to load resource" line for the favicon: see BROWSER_NOISE_PATHS.
      if (url && BROWSER_NOISE_PATHS.has(path(url))) return;
      this.#consoleError(`${message.text()}${url ? ` (${path(url)}:${lineNumber})` : ''}`);
    });
    this.page.on('pageerror', (error) => this.#consoleError(`uncaught ${error.name}: ${error.message}`));
    this.page.on('requestfailed', (request) => {
      if (own(request.url()) && !BROWSER_NOISE_PATHS.has(path(request.url())))
        this.current?.requestFailures.push(`${request.failure()?.errorText ?? 'failed'} ${path(request.url())}`);
    });
    this.page.on('response', (response) => {
      if (own(response.url()) && response.status() >= 400 && !BROWSER_NOISE_PATHS.has(path(response.url())))
        this.current?.requestFailures.push(`HTTP ${response.status()} ${path(response.url())}`);
    });
  }

  async close() {
    this.current = undefined; // requests aborted by closing the page are not a story's fault
    await this.page?.close();
  }

  #consoleError(fullText) {
    const result = this.current;
    // The first lines say what happened; a minified stack below them says nothing.
    const lines = fullText.split('\n');
    const text = lines.length > 2 ? `${lines.slice(0, 2).join(' ')} …` : lines.join(' ');
    if (!result) return;
    if (CONSOLE_NOISE.some(({ pattern }) => pattern.test(text))) return;
    // The browser's own line for an HTTP error answer is the story's subject there, not a fault; any other
    // console error still fails it.
    if (result.failingApi && /^Failed to load resource: the server responded with a status of 5\d\d/.test(text)) {
      result.allowed.push('the mock API answers 5xx on purpose (tag failing-api)');
      return;
    }
    const allowance = this.allowList.find(
      (allow) => allow.console && storyMatches(allow.story, result.id) && text.includes(allow.console),
    );
    if (allowance) result.allowed.push(`console "${allowance.console}"`);
    else result.consoleErrors.push(text);
  }

  /** @returns {Promise<StoryResult>} */
  async check(entry, { isolated = false } = {}) {
    const result = newResult(entry);
    const started = performance.now();
    this.current = result;
    try {
      const navigate = isolated || !this.loaded;
      if (navigate) {
        // `a11y.manual:!true` keeps the a11y addon from running its own axe pass after each story: it would race
        // ours ("Axe is already running") and double the time. Ours checks the same rules and fails the run.
        const url = `${this.origin}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=story&globals=a11y.manual:!true`;
        await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: STORY_TIMEOUT_MS });
        this.loaded = true;
      } else {
        await this.page.evaluate(
          (storyId) => window.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId, viewMode: 'story' }),
          entry.id,
        );
      }
      const outcome = await this.page
        .waitForFunction(
          ([storyId, previousId]) => {
            const render = window.__STORYBOOK_PREVIEW__?.currentRender;
            // A story that cannot even be loaded (e.g. an export the index lists but the file lacks) never gets
            // a render of its own: Storybook shows its error display instead.
            const errorShown = document.body.classList.contains('sb-show-errordisplay');
            if (errorShown && render?.id !== previousId) return 'error';
            if (render?.id !== storyId || render.phase !== 'finished') return false;
            if (errorShown) return 'error';
            return document.querySelector('#storybook-root')?.childElementCount ? 'ok' : 'empty';
          },
          [entry.id, navigate ? undefined : this.shownId],
          { timeout: STORY_TIMEOUT_MS, polling: 25 },
        )
        .then((handle) => handle.jsonValue());
      if (outcome === 'ok') await this.#axe(result);
      else {
        const message = await this.page.evaluate(() =>
          [document.querySelector('#error-message'), document.querySelector('#error-stack')]
            .map((element) => element?.textContent?.trim().split('\n')[0] ?? '')
            .join(' '),
        );
        result.renderError = outcome === 'empty' ? 'nothing rendered in #storybook-root' : `render error: ${message}`;
      }
    } catch (error) {
      result.renderError = `did not finish rendering: ${String(error?.message ?? error).split('\n')[0]}`;
      this.loaded = false; // the preview may be stuck: the next story navigates afresh
    }
    this.shownId = entry.id;
    // Errors logged while the story settles (after its play function) still count for it.
    await this.page.waitForTimeout(50).catch(() => {});
    result.ms = Math.round(performance.now() - started);
    this.current = undefined;
    return result;
  }

  async #axe(result) {
    // One more frame lets the last style changes land (the context asks for reduced motion, so dialog
    // fade-ins are instant and do not skew colour contrast).
    await this.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    if (!(await this.page.evaluate(() => typeof window.axe?.run === 'function')))
      await this.page.addScriptTag({ content: this.axeSource });
    const violations = await this.page.evaluate(async (tags) => {
      const outcome = await window.axe.run(
        { include: [['#storybook-root']] },
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
      );
      return outcome.violations.map((violation) => ({
        rule: violation.id,
        impact: violation.impact ?? '',
        help: violation.help,
        nodes: violation.nodes.length,
        targets: violation.nodes.slice(0, 3).map((node) => JSON.stringify(node.target)),
      }));
    }, AXE_TAGS);
    for (const violation of violations) {
      const allowance = this.allowList.find(
        (allow) => allow.rule === violation.rule && storyMatches(allow.story, result.id),
      );
      if (allowance) result.allowed.push(`axe ${violation.rule}`);
      else result.violations.push(violation);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Main

function readStories() {
  const indexFile = join(STATIC_DIR, 'index.json');
  if (!existsSync(indexFile)) {
    console.error(`${indexFile} not found. Build first: npm run storybook:build`);
    process.exit(1);
  }
  const index = JSON.parse(readFileSync(indexFile, 'utf8'));
  return Object.values(index.entries ?? {})
    .filter((entry) => entry.type === 'story')
    .filter((entry) => !FILTER || entry.id.includes(FILTER));
}

const failed = (result) =>
  Boolean(
    result.renderError ||
      result.consoleErrors.length ||
      result.requestFailures.length ||
      result.teardownErrors.length ||
      result.violations.length,
  );

function printTable(results) {
  const rows = results.map((result) => [
    failed(result) ? 'FAIL' : 'ok',
    result.id,
    String(result.ms),
    String(
      result.consoleErrors.length +
        result.requestFailures.length +
        result.teardownErrors.length +
        (result.renderError ? 1 : 0),
    ),
    String(result.violations.reduce((sum, violation) => sum + violation.nodes, 0)),
    result.allowed.length ? String(result.allowed.length) : '',
  ]);
  const header = ['', 'story', 'ms', 'errors', 'axe', 'allowed'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (row) =>
    row.map((cell, column) => (column >= 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

function printFailures(results) {
  for (const result of results.filter((item) => item.note)) console.log(`\n! ${result.id}: ${result.note}`);
  for (const result of results.filter(failed)) {
    console.log(`\n✗ ${result.id}  (${result.title} › ${result.name})`);
    if (result.renderError) console.log(`  render: ${result.renderError}`);
    for (const text of result.consoleErrors) console.log(`  console: ${text}`);
    for (const text of result.requestFailures) console.log(`  request: ${text}`);
    for (const text of result.teardownErrors) console.log(`  unmount: ${text}`);
    for (const violation of result.violations)
      console.log(
        `  axe ${violation.rule} (${violation.impact}, ${violation.nodes} node${violation.nodes === 1 ? '' : 's'}): ${violation.help}\n      ${violation.targets.join('\n      ')}`,
      );
  }
}

async function main() {
  const runStarted = performance.now();
  const stories = readStories();
  if (!stories.length) {
    console.error(`No stories in ${STATIC_DIR}/index.json${FILTER ? ` matching "${FILTER}"` : ''}.`);
    process.exit(1);
  }
  const allowList = loadAllowList();
  const axeSource = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  const server = await serve(STATIC_DIR);
  const browser = await chromium.launch(chromeLaunchOptions());
  /** @type {StoryResult[]} */
  const results = [];
  try {
    // One context for all stories: msw's service worker is registered once and serves every page after.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      reducedMotion: 'reduce',
      locale: 'de-DE',
    });
    const queue = [...stories];
    const worker = async () => {
      const shared = new StoryPage(context, server.origin, axeSource, allowList);
      await shared.open();
      /** @type {StoryResult | undefined} the story shown before in this page */
      let previous;
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        let result = await shared.check(entry, { isolated: ISOLATED });
        if (failed(result) && previous && !ISOLATED) {
          // Shown after another story, a failure may be that story's: Storybook unmounts the previous story when
          // it mounts the next one, so an error thrown while unmounting (a `disconnectedCallback`) lands here.
          // A fresh page decides: if the story passes alone, the previous story is blamed, with what it caused.
          const fresh = new StoryPage(context, server.origin, axeSource, allowList);
          await fresh.open();
          const retry = await fresh.check(entry, { isolated: true });
          await fresh.close();
          if (!failed(retry)) {
            const caused = [...result.consoleErrors, ...result.requestFailures, result.renderError]
              .filter(Boolean)
              .map((text) => `${text} (thrown while unmounting it for ${entry.id})`);
            for (const text of caused) if (!previous.teardownErrors.includes(text)) previous.teardownErrors.push(text);
            if (result.violations.length) previous.note = `axe violations showed up in ${entry.id} after this story`;
          }
          result = retry;
        }
        previous = result;
        results.push(result);
        if (VERBOSE) console.log(`${failed(result) ? 'FAIL' : 'ok  '} ${result.id} ${result.ms} ms`);
      }
      await shared.close();
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, stories.length) }, worker));
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }

  const order = new Map(stories.map((entry, index) => [entry.id, index]));
  results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  printTable(results);
  printFailures(results);
  const failures = results.filter(failed);
  const allowedCount = results.reduce((sum, result) => sum + result.allowed.length, 0);
  const seconds = ((performance.now() - runStarted) / 1000).toFixed(1);
  console.log(
    `\nstorybook smoke: ${results.length} stories, ${results.length - failures.length} passed, ${failures.length} failed` +
      `${allowedCount ? `, ${allowedCount} allowed known issue(s) (${ALLOW_FILE.replace(`${ROOT}/`, '')})` : ''} in ${seconds} s`,
  );
  process.exit(failures.length ? 1 : 0);
}

// Run only as a script: importing the module (for `serve`) must not start a smoke run.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
