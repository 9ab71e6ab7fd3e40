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
 */
import {
  isTheme,
  type PresetName,
  presetDeclarations,
  SYSTEM_TOKENS,
  sharedThemeSheet,
  THEMES,
  type Theme,
  type TokenName,
} from './tokens.ts';

/** Token overrides: public system token names (`--mb-color-primary`, …) to CSS values. */
export type ThemeTokens = Partial<Record<TokenName, string>>;

/** What is applied now: a default preset for widgets without a `theme` attribute, and token overrides. */
export interface ThemeState {
  preset: Theme | undefined;
  tokens: ThemeTokens;
}

/** Bad input to `setTheme` / `data-theme`; `field` names the token (or `preset`). */
export class ThemeError extends TypeError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`matbakh theme: ${message}`);
    this.name = 'ThemeError';
    this.field = field;
  }
}

const TOKEN_NAMES: ReadonlySet<string> = new Set(SYSTEM_TOKENS.map((token) => `--mb-${token}`));
const MAX_VALUE_LENGTH = 500;

/** The closest known token name (at most 3 edits away), for "did you mean". */
function closest(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of TOKEN_NAMES) {
    // Levenshtein distance, one row at a time.
    let row = [...Array(candidate.length + 1).keys()];
    for (let i = 1; i <= name.length; i++) {
      const next = [i];
      for (let j = 1; j <= candidate.length; j++) {
        next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (name[i - 1] === candidate[j - 1] ? 0 : 1));
      }
      row = next;
    }
    if (row[candidate.length]! < bestDistance) [best, bestDistance] = [candidate, row[candidate.length]!];
  }
  return best;
}

/**
 * Why a value cannot go into a stylesheet, or undefined when it can. The value is written into a
 * declaration of our own sheet, so anything that could end the declaration or the rule (`;`, `{`, `}`),
 * raise its priority (`!important`), hide text (comments), re-spell any of that (`\` escapes) or load
 * something other than an http(s) resource is refused.
 */
function unsafeReason(value: string): string | undefined {
  if (value.trim() === '') return 'is empty';
  if (value.length > MAX_VALUE_LENGTH) return `is longer than ${MAX_VALUE_LENGTH} characters`;
  const forbidden = [';', '{', '}', '!', '\\', '/*', '<'].find((text) => value.includes(text));
  if (forbidden) return `contains "${forbidden}"`;
  if (/(?:^|[^\w-])(?:src|(?:-webkit-)?image-set)\(/i.test(value))
    return 'uses src() or image-set(): use url(https://…)';
  const urls = value.match(/url\(/gi)?.length ?? 0;
  const httpUrls = value.match(/url\(\s*(["']?)https?:\/\/[^"'()\s]+\1\s*\)/gi)?.length ?? 0;
  if (urls !== httpUrls) return 'has a url() that is not an absolute http(s) URL';
  return undefined;
}

/** Checks a tokens object; returns a clean copy or throws a {@link ThemeError} naming the first bad entry. */
export function validateTokens(input: unknown): ThemeTokens {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ThemeError('tokens', `expected a preset name (${THEMES.join(', ')}) or an object of --mb-* tokens`);
  }
  const clean: ThemeTokens = {};
  for (const [name, value] of Object.entries(input)) {
    if (!TOKEN_NAMES.has(name)) {
      const hint = closest(name);
      throw new ThemeError(
        name,
        `unknown token "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}. Known tokens: ${[...TOKEN_NAMES].join(', ')}`,
      );
    }
    if (typeof value !== 'string') throw new ThemeError(name, `the value of "${name}" must be a string`);
    const reason = unsafeReason(value);
    if (reason) throw new ThemeError(name, `the value of "${name}" ${reason}: ${JSON.stringify(value.slice(0, 80))}`);
    clean[name as TokenName] = value.trim();
  }
  return clean;
}

/** The preset name, or a {@link ThemeError}. */
function checkedPreset(name: string): Theme {
  if (!isTheme(name)) throw new ThemeError('preset', `unknown preset "${name}"; presets: ${THEMES.join(', ')}`);
  return name;
}

/** Parses a `data-theme` attribute: a preset name, or a JSON object of tokens. Throws {@link ThemeError}. */
export function parseThemeAttribute(value: string): Theme | ThemeTokens {
  const text = value.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ThemeError('data-theme', 'data-theme is neither a preset name nor valid JSON');
    }
    return validateTokens(parsed);
  }
  return checkedPreset(text);
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
  const previous = currentTheme();
  let next: ThemeState;
  if (theme === null) next = { preset: undefined, tokens: {} };
  else if (typeof theme === 'string') {
    next = { ...previous, preset: checkedPreset(theme) };
  } else next = { ...previous, tokens: validateTokens(theme) };

  const sheet = sharedThemeSheet() as StatefulSheet | undefined;
  if (!sheet) return;
  sheet.replaceSync(themeCss(next));
  Object.defineProperty(sheet, STATE, { value: next, configurable: true });
}

/** The shared sheet's text for a state. Token values were validated: nothing else reaches this. */
export function themeCss({ preset, tokens }: ThemeState): string {
  const rules: string[] = [];
  const defaultPreset = (name: PresetName) => `:host(:not([theme])) { ${presetDeclarations(name)} }`;
  if (preset === 'system') {
    rules.push(
      defaultPreset('light'),
      `@media (prefers-color-scheme: dark) { ${defaultPreset('dark')} }`,
      `@media (prefers-contrast: more) { ${defaultPreset('high-contrast')} }`,
    );
  } else if (preset) rules.push(defaultPreset(preset));
  const declarations = Object.entries(tokens).map(([name, value]) => `${name}: ${value};`);
  if (declarations.length) rules.push(`:host { ${declarations.join(' ')} }`);
  return rules.join('\n');
}
