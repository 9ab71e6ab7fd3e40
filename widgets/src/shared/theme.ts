/**
 * Runtime theming of every `mb-*` widget on the page: `setTheme('dark')`, `setTheme({ '--mb-color-primary':
 * '#17703c' })`; from the script tag, `data-theme="brand-example"` or `data-theme='{"--mb-radius-m":"0"}'`;
 * on the global, `matbakh.theme.set(…)` (global-extras.ts).
 *
 * It rewrites ONE constructable stylesheet that every widget's shadow root adopts (see `sharedThemeSheet` in
 * tokens.ts), so all widgets — including ones defined later by lazily loaded files — change at once, and
 * nothing is written to the page's `:root`. Where this sits among the other ways to theme: tokens.ts.
 *
 * Values are checked before anything changes: an unknown token name, an unsafe value, a value that does not
 * parse as what the token is (a colour, a length, a shadow, …) or a theme whose text and controls would be
 * unreadable (a text/background pair below WCAG AA: 4.5:1 for text, 3:1 for borders and the focus ring) throws
 * a {@link ThemeError} naming it, and the theme in place stays as it was. The consent banner's buttons can never
 * become unreadable through a theme.
 *
 * This file ships in the script-tag bundle `matbakh.js` (size budget), so it is written small on purpose: one
 * expression for what a value may not contain and one for what it may not load, a prefix/suffix match instead
 * of an edit distance for "did you mean", and the CSS it writes comes from tokens.ts (`themeRules`).
 */
import {
  type ColorToken,
  isTheme,
  type PresetName,
  presetValues,
  resolveColor,
  SYSTEM_TOKENS,
  sharedThemeSheet,
  THEMES,
  type Theme,
  type TokenName,
  themeRules,
} from './tokens.ts';

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

/**
 * The CSS property a token's value must parse as: `part:property` (or `property` when the name holds it), the
 * first part found in the token's name wins (`--mb-color-*` first). One string: it ships in `matbakh.js`.
 */
const KINDS = (
  'color family:font-family size:font-size weight:font-weight line-height radius:border-radius space:padding ' +
  'shadow:box-shadow duration:transition-duration easing:transition-timing-function offset:outline-offset ' +
  'width:outline-width'
)
  .split(' ')
  .map((kind) => kind.split(':'));

/**
 * Why `value` is not a valid `name`, or undefined. Colours must be concrete (no `var()`: their contrast is
 * checked); other tokens may refer to the page's custom properties.
 */
function typeReason(name: string, value: string): string | undefined {
  const [part, property = part] = KINDS.find(([part]) => name.includes(part as string)) as string[];
  if (typeof CSS === 'undefined') return undefined;
  if (part === 'color' && /var\(|currentcolor|inherit|initial|unset|revert/i.test(value))
    return 'must be a plain colour (no var(), currentcolor, inherit)';
  return CSS.supports(property as string, value) ? undefined : `is not a valid ${property} value`;
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
    const reason = unsafeReason(value) ?? typeReason(name, value);
    if (reason) fail(name, `the value of "${name}" ${reason}: ${JSON.stringify(value.slice(0, 80))}`);
    clean[name] = value.trim();
  }
  return clean;
}

/**
 * Which colour is read on which, and the WCAG AA minimum: 4.5 text (1.4.3), 3 borders and focus (1.4.11).
 * Filled buttons first (the banner's Accept / Reject): theirs is the error a partner sees first.
 */
const PAIRS: [ColorToken, ColorToken, number][] = [
  ['on-primary', 'primary', 4.5],
  ['text', 'surface', 4.5],
  ['muted', 'surface', 4.5],
  ['primary', 'surface', 4.5],
  ['danger', 'surface', 4.5],
  ['success', 'surface', 4.5],
  ['border', 'surface', 3],
  ['focus', 'surface', 3],
];

let probe: CanvasRenderingContext2D | null | undefined;
/**
 * `colors` painted over each other on one pixel, as sRGB (any CSS colour syntax, alpha composited): what the
 * visitor sees. Undefined where there is no canvas (the check is skipped there).
 */
function paint(...colors: string[]): number[] | undefined {
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!probe) return undefined;
  probe.clearRect(0, 0, 1, 1);
  for (const color of colors) {
    probe.fillStyle = color;
    probe.fillRect(0, 0, 1, 1);
  }
  return [...probe.getImageData(0, 0, 1, 1).data.slice(0, 3)];
}

/** WCAG 2.x relative luminance of sRGB bytes. */
const luminance = (rgb: number[]) =>
  rgb
    .map((byte) => byte / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    .reduce((sum, c, i) => sum + c * ([0.2126, 0.7152, 0.0722][i] as number), 0);

/** The contrast of `fg` on `bg`; a translucent background counts over white and over black (the worse). */
function contrast(fg: string, bg: string): number {
  let worst = 21;
  for (const page of ['#fff', '#000']) {
    const back = paint(page, bg);
    const front = paint(page, bg, fg);
    if (!back || !front) return 21;
    const [hi, lo] = [luminance(front), luminance(back)].sort((a, b) => b - a) as [number, number];
    worst = Math.min(worst, (hi + 0.05) / (lo + 0.05));
  }
  return worst;
}

/**
 * Throws a {@link ThemeError} naming the first pair below AA in the colours widgets would get: each preset the
 * page-wide theme may use (`system`: light, dark and high contrast; none: light) with the overrides on top.
 */
function checkContrast({ preset, tokens }: ThemeState): void {
  const presets: PresetName[] =
    preset === 'system' ? ['light', 'dark', 'high-contrast'] : [preset === undefined ? 'light' : preset];
  for (const name of presets) {
    const values = presetValues(name);
    const color = (role: ColorToken) => tokens[`--mb-color-${role}`] ?? resolveColor(values[`color-${role}`] as string);
    for (const [fg, bg, minimum] of PAIRS) {
      const ratio = contrast(color(fg), color(bg));
      if (ratio < minimum)
        fail(
          tokens[`--mb-color-${fg}`] ? `--mb-color-${fg}` : tokens[`--mb-color-${bg}`] ? `--mb-color-${bg}` : 'preset',
          `"--mb-color-${fg}" ${color(fg)} on "--mb-color-${bg}" ${color(bg)} (${name}): contrast ${
            Math.floor(ratio * 100) / 100
          }:1, below WCAG AA ${minimum}:1`,
        );
    }
  }
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
  checkContrast(next);
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
