import { type CSSResult, type CSSResultOrNative, unsafeCSS } from 'lit';
import { declareAll, presetDeclarations, REFERENCE } from './presets.ts';
import { COLOR_TOKENS, DURATION_TOKENS, type PresetName, THEMES, type Theme, zip } from './token-names.ts';

/**
 * Design tokens of every `mb-*` widget: CSS custom properties `--mb-*`, in three tiers.
 *
 * | tier      | names                          | set by                                                        |
 * | --------- | ------------------------------ | ------------------------------------------------------------- |
 * | reference | `--mb-ref-*`                   | this file: the raw palette, named by hue and step              |
 * | preset    | `--mb-preset-*` (private)      | the `theme` attribute, else `matbakh.theme.set(presetName)` / `data-theme`, else `light` |
 * | system    | `--mb-color-*`, `--mb-space-*`, … (public, {@link SYSTEM_TOKENS}) | the page and `matbakh.theme.set(tokens)`; default: the preset |
 *
 * A component adds its own tier on top, falling back to the system one:
 * `border-radius: var(--mb-card-radius, var(--mb-radius-m))`.
 *
 * **Who wins** (highest first) for a system token such as `--mb-color-primary`:
 * 1. a page rule on the element itself — `mb-consent-banner { --mb-color-primary: #0a6 }`;
 * 2. `matbakh.theme.set({ '--mb-color-primary': '#0a6' })` (a shared stylesheet adopted by every widget);
 * 3. a page rule on ANY ancestor — `body { --mb-color-primary: #0a6 }`, inherited through shadow roots;
 * 4. the preset: `theme` attribute, else `matbakh.theme.set('dark')` / `data-theme="dark"`, else `light`.
 *
 * To let (3) beat (4), the widget's `:host` never declares the public names. It declares the preset tier
 * under `--mb-preset-*` and resolves each token once, on the host: `--mb-host-color-primary:
 * var(--mb-color-primary, var(--mb-preset-color-primary))` — `var(--mb-color-primary)` there reads the value
 * inherited from the page. The shadow root's top-level elements then get the public name back
 * (`:not(* *) { --mb-color-primary: var(--mb-host-color-primary) }`) and everything below inherits it, so
 * component styles simply write `var(--mb-color-primary)`. (Only the top level: declared on every element, the
 * ~60 names made each element's style recalculation resolve them all again — a reorder restyled whole cells.)
 * The one rule for authors: **in `:host` rules read `--mb-host-*`** (`:host { background:
 * var(--mb-host-color-surface) }`); the public names exist only below the host.
 *
 * Nothing is ever set on the page's `:root`: we run inside other people's pages and must not leak variables
 * into them. `forced-colors: active` maps every colour to the user's system colours (beating all tiers),
 * `prefers-reduced-motion` zeroes the durations, `theme="system"` follows `prefers-color-scheme` and
 * `prefers-contrast`.
 *
 * **Sizes are `em`, never `rem`:** a page's `html { font-size: 62.5% }` must not shrink us. Each widget's
 * top-level elements use `font-size: var(--mb-font-size-base)` (default `medium`: the visitor's browser
 * setting, which the page's `html` font size does not change), and every size token is relative to it.
 * Font sizes are `em` too: set them on leaf elements (they compound when nested).
 *
 * **Fonts:** the host page's font is inherited unless `--mb-font-family` is set (a preset may set one).
 */

export {
  PRESET_DEFINITIONS,
  type PresetDefinition,
  presetDeclarations,
  presetValues,
  REFERENCE,
  resolveColor,
} from './presets.ts';
export {
  COLOR_TOKENS,
  type ColorToken,
  DURATION_TOKENS,
  FONT_SIZE_TOKENS,
  isTheme,
  PRESETS,
  type PresetName,
  RADIUS_TOKENS,
  SHADOW_TOKENS,
  SPACE_TOKENS,
  SYSTEM_TOKENS,
  type SystemToken,
  THEMES,
  type Theme,
  type TokenName,
} from './token-names.ts';

/**
 * Our widgets inside another widget's shadow root (cards in a list, widgets in a dashboard) must not get the
 * public names from the rule below the host: on their host it would read their own `--mb-host-*`, which reads
 * the public name — a cycle that turns every token invalid. They inherit the outer widget's values instead.
 */
const NESTED_WIDGETS = [
  'consent-banner',
  'privacy-center',
  'dashboard',
  'widget-grid',
  'preference-panel',
  'recommendations',
  'recommendation-card',
  'next-best-action',
  'tour',
  'insights',
]
  .map((name) => `mb-${name}`)
  .join();

/**
 * Windows high contrast & co.: the user's system colours beat every tier, page tokens included
 * (`{@link COLOR_TOKENS}` order), and the focus ring gets thicker.
 */
const FORCED_COLORS = zip(
  COLOR_TOKENS,
  'Canvas CanvasText CanvasText ButtonText ButtonFace CanvasText Highlight CanvasText CanvasText',
);

/**
 * Where `setTheme` (theme.ts) writes: ONE constructable stylesheet per document, adopted by every widget's
 * shadow root through {@link tokens}, so a theme change restyles all widgets at once. It is kept on the
 * document under a `Symbol.for` key (non-enumerable, invisible to the page) so that every copy of this
 * module — `matbakh.js` and the lazily loaded widget files are separate bundles — shares the same sheet.
 */
export const THEME_SHEET: unique symbol = Symbol.for('matbakh.theme.sheet');

export function sharedThemeSheet(): CSSStyleSheet | undefined {
  if (typeof document === 'undefined' || typeof CSSStyleSheet !== 'function') return undefined;
  const holder = document as Document & { [THEME_SHEET]?: CSSStyleSheet };
  let sheet = holder[THEME_SHEET];
  if (!sheet) {
    try {
      sheet = new CSSStyleSheet();
    } catch {
      return undefined; // no constructable stylesheets (very old browsers): setTheme has no effect there
    }
    Object.defineProperty(holder, THEME_SHEET, { value: sheet });
  }
  return sheet;
}

/**
 * The rules that give `selector` a theme: its preset's declarations; for `system`, dark and high contrast
 * under their media queries (light is every widget's default). The token sheet uses them for the `theme`
 * attribute, theme.ts for the page-wide preset.
 */
export function themeRules(selector: string, theme: Theme): string {
  const rule = (name: PresetName) => `${selector}{${presetDeclarations(name)}}`;
  return theme === 'system'
    ? `@media(prefers-color-scheme:dark){${rule('dark')}}@media(prefers-contrast:more){${rule('high-contrast')}}`
    : rule(theme);
}

/**
 * The token tiers as one sheet (built from the data above; the tiers are explained at the top of this file):
 * on `:host` the palette, the default preset and the host tier (`--mb-host-<token>`: the page's public value
 * from this element or an ancestor, else the preset's); the other presets by `theme` attribute; below the
 * host the public names come back on the top-level elements, resolved; then reduced motion and forced colours,
 * which beat all tiers.
 */
const tokenSheet: CSSResult = unsafeCSS(
  `:host{${Object.entries(REFERENCE)
    .map(([name, value]) => `--mb-ref-${name}:${value};`)
    .join(
      '',
    )}${presetDeclarations('light')}${declareAll('host-', (token) => `var(--mb-${token},var(--mb-preset-${token}))`)}}${THEMES.slice(
    1,
  )
    .map((name) => themeRules(`:host([theme=${name}])`, name))
    .join('')}` +
    `:not(* *):not(${NESTED_WIDGETS}){${declareAll('', (token) => `var(--mb-host-${token})`)}}` +
    `@media(prefers-reduced-motion:reduce){:host{${DURATION_TOKENS.map((name) => `--mb-host-motion-duration-${name}:0ms;`).join('')}}}` +
    `@media(forced-colors:active){:host{${COLOR_TOKENS.map((name) => `--mb-host-color-${name}:${FORCED_COLORS[name]};`).join('')}--mb-host-focus-ring-width:3px}}`,
);

const themeSheet = sharedThemeSheet();

/**
 * The token sheets: put `tokens` first in every widget's `static styles` (Lit flattens the array).
 * The shared theme sheet follows the built-in presets, so `setTheme` beats them.
 */
export const tokens: CSSResultOrNative[] = themeSheet ? [tokenSheet, themeSheet] : [tokenSheet];

/**
 * Base rules every widget shares.
 *
 * Isolation: the page's CSS cannot select anything inside our shadow roots, but it reaches us two ways:
 * rules matching the host element itself (`* { … }`, even `!important`: a page rule on the host beats any
 * `:host` rule) and inheritance from the host. So the inherited text properties are set again on the
 * shadow root's TOP-LEVEL elements (`:not(* *)` matches exactly those: the host is featureless, so a
 * top-level element has no ancestor matching `*`); an element's own declaration always beats inheritance.
 * That rule has zero specificity and comes after the `*` rule, so component rules still override it.
 * `direction` and the font family still come from the page on purpose.
 *
 * Also: border-box sizing (set on every element, not inherited: an explicit `inherit` makes every child restyle
 * whenever its parent does, e.g. a whole grid cell when its `order` changes), a visible keyboard focus ring, a
 * `hidden` attribute that really hides (author `display` rules would otherwise beat the UA's `[hidden]`), form
 * controls that inherit the widget's font, and
 * `.visually-hidden` for text only screen readers get (live regions, "opens in a new tab").
 * (Written compactly: it ships in every widget file.)
 */
export const baseStyles: CSSResult = unsafeCSS(
  ':host{box-sizing:border-box;font-family:var(--mb-host-font-family,inherit);font-size:var(--mb-host-font-size-base,medium);line-height:var(--mb-host-line-height-normal);color:var(--mb-host-color-text)}' +
    '*,::before,::after{box-sizing:border-box}' +
    ':not(* *){font-family:var(--mb-font-family,inherit);font-size:var(--mb-font-size-base,medium);' +
    'font-style:normal;font-variant:normal;font-weight:var(--mb-font-weight-regular);font-stretch:normal;line-height:var(--mb-line-height-normal);' +
    'letter-spacing:normal;word-spacing:normal;text-transform:none;text-indent:0;text-align:start;text-shadow:none;white-space:normal;' +
    'overflow-wrap:break-word;hyphens:auto;color:var(--mb-color-text);cursor:auto}' +
    ':host([hidden]),[hidden]{display:none!important}' +
    'button,input,select,textarea{font:inherit;color:inherit;letter-spacing:inherit}' +
    ':focus-visible{outline:var(--mb-focus-ring-width) solid var(--mb-color-focus);outline-offset:var(--mb-focus-ring-offset)}' +
    ':host(:focus-visible){outline:var(--mb-host-focus-ring-width) solid var(--mb-host-color-focus);outline-offset:var(--mb-host-focus-ring-offset)}' +
    '.visually-hidden{position:absolute;inline-size:1px;block-size:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}',
);
