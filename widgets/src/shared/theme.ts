/**
 * Runtime theming of every `mb-*` widget on the page: `setTheme('dark')`, `setTheme({ '--mb-color-primary':
 * '#17703c' })`; from the script tag, `data-theme="brand-example"` or `data-theme='{"--mb-radius-m":"0"}'`;
 * on the global, `matbakh.theme.set(…)` (global-extras.ts).
 *
 * It rewrites ONE constructable stylesheet that every widget's shadow root adopts (see `sharedThemeSheet` in
 * tokens.ts), so all widgets — including ones defined later by lazily loaded files — change at once, and
 * nothing is written to the page's `:root`. Where this sits among the other ways to theme: tokens.ts.
 *
 * Values are checked before anything changes: an unknown token name or an unsafe value throws a
 * {@link ThemeError} naming it, and the theme in place stays as it was.
 *
 * This file ships in the script-tag bundle `matbakh.js` (size budget), so it is written small on purpose: one
 * expression for what a value may not contain and one for what it may not load, a prefix/suffix match instead
 * of an edit distance for "did you mean", and the CSS it writes comes from tokens.ts (`themeRules`).
 */
import { isTheme, SYSTEM_TOKENS, sharedThemeSheet, THEMES, type Theme, type TokenName, themeRules } from './tokens.ts';

/** Token overrides: public system token names (`--mb-color-primary`, …) to CSS values. */
export type ThemeTokens = Partial<Record<TokenName, string>>;

/** What is applied now: a default preset for widgets without a `theme` attribute, and token overrides. */
export interface ThemeState {
  preset: Theme | undefined;
  tokens: ThemeTokens;
}

/** Bad input to `setTheme` / `data-theme`; `field` names the token (or `preset`, `tokens`, `data-theme`). */
export class ThemeError extends TypeError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`matbakh theme: ${message}`);
    this.name = 'ThemeError';
    this.field = field;
  }
}

const fail = (field: string, message: string): never => {
  throw new ThemeError(field, message);
};

/** The public names: `--mb-color-primary`, … (the private `--mb-preset-*` / `--mb-host-*` tiers are not). */
const NAMES: readonly string[] = SYSTEM_TOKENS.map((token) => `--mb-${token}`);
const MAX_VALUE_LENGTH = 500;

/** How many leading characters `a` and `b` share. */
const shared = (a: string, b: string) => {
  let i = 0;
  while (a[i] && a[i] === b[i]) i++;
  return i;
};
const reversed = (text: string) => [...text].reverse().join('');

/**
 * A known token name that differs from `name` only in one stretch of at most 3 characters (same start, same
 * end: `--mb-colour-primary` → `--mb-color-primary`), for "did you mean". (Cheaper than an edit distance,
 * and this ships in `matbakh.js`.)
 */
const closest = (name: string): string | undefined =>
  NAMES.find(
    (known) => shared(name, known) + shared(reversed(name), reversed(known)) >= Math.max(name.length, known.length) - 3,
  );

/**
 * Why a value cannot go into a stylesheet, or undefined when it can. The value is written into a
 * declaration of our own sheet, so anything that could end the declaration or the rule (`;`, `{`, `}`),
 * raise its priority (`!important`), hide text (comments), re-spell any of that (`\` escapes) or load
 * something other than an http(s) resource is refused: every `url()` must be an absolute http(s) URL
 * (those are blanked out first; any `url(` left is refused), and `src()` / `image-set()` are refused.
 */
function unsafeReason(value: string): string | undefined {
  const forbidden = /[;{}!\\<]|\/\*/.exec(value)?.[0];
  if (!value.trim()) return 'is empty';
  if (value.length > MAX_VALUE_LENGTH) return `is longer than ${MAX_VALUE_LENGTH} characters`;
  if (forbidden) return `contains "${forbidden}"`;
  if (
    /url\(|(^|[^\w-])(src|(-webkit-)?image-set)\(/i.test(
      value.replace(/url\(\s*(["']?)https?:\/\/[^"'()\s]+\1\s*\)/gi, ' '),
    )
  )
    return 'uses src(), image-set() or a url() that is not an absolute http(s) URL';
  return undefined;
}

/** Checks a tokens object; returns a clean copy or throws a {@link ThemeError} naming the first bad entry. */
export function validateTokens(input: unknown): ThemeTokens {
  if (typeof input !== 'object' || !input || Array.isArray(input))
    fail('tokens', `expected a preset name (${THEMES.join(', ')}) or an object of --mb-* tokens`);
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(input as object)) {
    if (!NAMES.includes(name)) {
      const hint = closest(name);
      fail(
        name,
        `unknown token "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}. Known tokens: ${NAMES.join(', ')}`,
      );
    }
    if (typeof value !== 'string') fail(name, `the value of "${name}" must be a string`);
    const reason = unsafeReason(value);
    if (reason) fail(name, `the value of "${name}" ${reason}: ${JSON.stringify(value.slice(0, 80))}`);
    clean[name] = value.trim();
  }
  return clean;
}

/** The preset name, or a {@link ThemeError}. */
const checkedPreset = (name: string): Theme =>
  isTheme(name) ? name : fail('preset', `unknown preset "${name}"; presets: ${THEMES.join(', ')}`);

/** Parses a `data-theme` attribute: a preset name, or a JSON object of tokens. Throws {@link ThemeError}. */
export function parseThemeAttribute(value: string): Theme | ThemeTokens {
  const text = value.trim();
  if (text[0] !== '{') return checkedPreset(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    fail('data-theme', 'data-theme is neither a preset name nor valid JSON');
  }
  return validateTokens(parsed);
}

/** The applied state lives on the shared sheet, so every copy of this module sees the same one. */
const STATE: unique symbol = Symbol.for('matbakh.theme.state');
type StatefulSheet = CSSStyleSheet & { [STATE]?: ThemeState };

/** What `setTheme` applied last (a copy). */
export function currentTheme(): ThemeState {
  const state = (sharedThemeSheet() as StatefulSheet | undefined)?.[STATE];
  return { preset: state?.preset, tokens: { ...state?.tokens } };
}

/**
 * Themes every `mb-*` widget on the page, now and later:
 * - a preset name (`light`, `dark`, `high-contrast`, `brand-example`, `system`): the preset of every widget
 *   without its own `theme` attribute; token overrides in place are kept;
 * - an object of tokens: replaces the token overrides (`{}` removes them); the preset is kept;
 * - `null`: back to the defaults.
 * Throws a {@link ThemeError} on bad input, leaving the current theme untouched.
 */
export function setTheme(theme: Theme | ThemeTokens | null): void {
  const next: ThemeState =
    theme === null
      ? { preset: undefined, tokens: {} }
      : typeof theme === 'string'
        ? { ...currentTheme(), preset: checkedPreset(theme) }
        : { ...currentTheme(), tokens: validateTokens(theme) };
  const sheet = sharedThemeSheet() as StatefulSheet | undefined;
  if (!sheet) return;
  sheet.replaceSync(themeCss(next));
  Object.defineProperty(sheet, STATE, { value: next, configurable: true });
}

/**
 * The shared sheet's text for a state: the preset for widgets without a `theme` attribute (the same rules
 * the token sheet has for the attribute), then the tokens on `:host`. Token values were validated: nothing
 * else reaches this.
 */
export function themeCss({ preset, tokens }: ThemeState): string {
  const declarations = Object.entries(tokens).map(([name, value]) => `${name}:${value};`);
  return (
    (preset ? themeRules(':host(:not([theme]))', preset) : '') +
    (declarations.length ? `:host{${declarations.join('')}}` : '')
  );
}
