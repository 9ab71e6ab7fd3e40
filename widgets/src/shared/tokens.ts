import { type CSSResult, type CSSResultOrNative, unsafeCSS } from 'lit';

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

/** Presets with concrete values (what the `theme` attribute and `matbakh.theme.set(name)` accept, with `system`). */
export const PRESETS = ['light', 'dark', 'high-contrast', 'brand-example'] as const;
export type PresetName = (typeof PRESETS)[number];

/** Values of the `theme` attribute: a preset, or `system` (follows the OS: light, dark or high contrast). */
export const THEMES = [...PRESETS, 'system'] as const;
export type Theme = (typeof THEMES)[number];

export const isTheme = (value: unknown): value is Theme => (THEMES as readonly unknown[]).includes(value);

/** System colour tokens: `--mb-color-<name>`. */
export const COLOR_TOKENS = [
  'surface',
  'text',
  'muted',
  'primary',
  'on-primary',
  'border',
  'focus',
  'danger',
  'success',
] as const;
export type ColorToken = (typeof COLOR_TOKENS)[number];

/** `--mb-radius-<name>` */
export const RADIUS_TOKENS = ['s', 'm', 'l'] as const;
/** `--mb-space-<name>` */
export const SPACE_TOKENS = ['2xs', 'xs', 's', 'm', 'l', 'xl', '2xl'] as const;
/** `--mb-font-size-<name>` */
export const FONT_SIZE_TOKENS = ['xs', 's', 'm', 'l', 'xl', '2xl'] as const;
/** `--mb-shadow-<name>` */
export const SHADOW_TOKENS = RADIUS_TOKENS;
/** `--mb-motion-duration-<name>` */
export const DURATION_TOKENS = RADIUS_TOKENS;

type ShadowToken = (typeof SHADOW_TOKENS)[number];
type RadiusToken = (typeof RADIUS_TOKENS)[number];

/** `prefix` + each name, e.g. `color-surface`. */
const named = <P extends string, N extends string>(prefix: P, names: readonly N[]) =>
  names.map((name) => `${prefix}${name}` as const);

/**
 * Every public system token, without the `--mb-` prefix: what pages and `matbakh.theme.set` may set.
 * (`--mb-ref-*` and the private `--mb-preset-*` / `--mb-host-*` tiers are not part of it.)
 */
export const SYSTEM_TOKENS = [
  ...named('color-', COLOR_TOKENS),
  'font-family',
  'font-family-mono',
  'font-size-base',
  ...named('font-size-', FONT_SIZE_TOKENS),
  'font-weight-regular',
  'font-weight-strong',
  'line-height-tight',
  'line-height-normal',
  ...named('radius-', RADIUS_TOKENS),
  ...named('space-', SPACE_TOKENS),
  ...named('shadow-', SHADOW_TOKENS),
  ...named('motion-duration-', DURATION_TOKENS),
  'motion-easing',
  'border-width',
  'focus-ring-width',
  'focus-ring-offset',
] as const;
export type SystemToken = (typeof SYSTEM_TOKENS)[number];
/** A public token's CSS name, e.g. `--mb-color-primary`. */
export type TokenName = `--mb-${SystemToken}`;

/** Everything a preset decides. Typed records: a preset missing a colour does not compile. */
export interface PresetDefinition {
  /** What the UA uses for scrollbars and form controls. */
  scheme: 'light' | 'dark';
  color: Record<ColorToken, string>;
  shadow: Record<ShadowToken, string>;
  borderWidth: string;
  focusRingWidth: string;
  /** Defaults to the shared scale. */
  radius?: Record<RadiusToken, string>;
  /** Unset: the host page's font is inherited. */
  fontFamily?: string;
}

/** `{ [names[i]]: values[i] }` from a space-separated list of values (the data below stays compact). */
const zip = <N extends string>(names: readonly N[], values: string, map = (value: string) => value) =>
  Object.fromEntries(values.split(' ').map((value, i) => [names[i], map(value)])) as Record<N, string>;

/**
 * The raw palette, `--mb-ref-<hue>-<step>` (e.g. `--mb-ref-neutral-500: #857d72`). Presets refer to it by
 * `var(--mb-ref-<name>)`. Written as hue, its steps, their `rrggbb`s; primary is terracotta, the brand hue
 * (matbakh = kitchen).
 */
export const REFERENCE: Readonly<Record<string, string>> = {};
for (const [hue, steps, colors] of [
  [
    'neutral',
    '0 50 100 200 300 400 500 600 700 800 900 950 1000',
    'ffffff f8f7f5 efece8 ddd8d1 c4bdb3 9a9186 857d72 6a6259 4f4943 36322e 211e1b 171513 000000',
  ],
  ['primary', '200 300 500 600 700 800', 'f7c8ae f0a27a d0612f b4461b 8f3512 6b270d'],
  ['red', '300 600 800', 'ff9a8f b3261e 7a1510'],
  ['green', '300 600 800', '7dd69a 1e7a3a 114d23'],
  ['blue', '300 600 800', '9cbcff 1a5fd1 0b3a8f'],
] as const) {
  Object.assign(
    REFERENCE,
    zip(named(`${hue}-`, steps.split(' ')), colors, (hex) => `#${hex}`),
  );
}

/** The shared scale: every preset uses it unless it says otherwise. All sizes in `em` (see above). */
const SCALE: Partial<Record<SystemToken, string>> = {
  'font-family-mono': `ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace`,
  'font-size-base': 'medium',
  ...zip(named('font-size-', FONT_SIZE_TOKENS), '0.75em 0.875em 1em 1.125em 1.375em 1.75em'),
  'font-weight-regular': '400',
  'font-weight-strong': '600',
  'line-height-tight': '1.25',
  'line-height-normal': '1.5',
  ...zip(named('radius-', RADIUS_TOKENS), '4px 8px 16px'),
  ...zip(named('space-', SPACE_TOKENS), '0.25em 0.5em 0.75em 1em 1.5em 2em 3em'),
  ...zip(named('motion-duration-', DURATION_TOKENS), '100ms 200ms 320ms'),
  'motion-easing': 'cubic-bezier(0.2, 0, 0, 1)',
  'focus-ring-offset': '2px',
};

/**
 * Shadows s, m, l of a preset: each one or two layers (offsets below) in `rgb(<rgb> / <alpha>)`; `alphas` lists
 * each size's layer alphas (`'0.08 0.1,…'`: s has two layers, alphas 0.08 and 0.1).
 */
const LAYERS = [
  ['0 1px 2px', '0 1px 3px'],
  ['0 2px 4px', '0 4px 12px'],
  ['0 4px 8px', '0 12px 32px'],
];
const shadows = (rgb: string, alphas: string): Record<ShadowToken, string> => {
  const [s, m, l] = alphas.split(',').map((size, i) =>
    size
      .split(' ')
      .map((alpha, layer) => `${LAYERS[i]![layer]} rgb(${rgb} / ${alpha})`)
      .join(', '),
  );
  return { s: s!, m: m!, l: l! };
};
const SOFT = '0.08 0.1,0.08 0.12,0.1 0.16';

/** A preset's colours, in {@link COLOR_TOKENS} order: a palette name (`neutral-0`) or a literal `#rrggbb`. */
const colors = (values: string) =>
  zip(COLOR_TOKENS, values, (value) => (value[0] === '#' ? value : `var(--mb-ref-${value})`));

/**
 * The presets. Every text colour meets WCAG AA (4.5:1) on its background and borders and the focus ring
 * 3:1 on the surface: tokens.test.ts computes it for every preset.
 */
export const PRESET_DEFINITIONS: Record<PresetName, PresetDefinition> = {
  light: {
    scheme: 'light',
    //            surface   text        muted       primary     on-primary border      focus    danger  success
    color: colors('neutral-0 neutral-900 neutral-600 primary-600 neutral-0 neutral-500 blue-600 red-600 green-600'),
    shadow: shadows('23 21 19', SOFT),
    borderWidth: '1px',
    focusRingWidth: '2px',
  },
  // Dark flips the neutral scale and lightens the accents; shadows get darker, not lighter.
  dark: {
    scheme: 'dark',
    color: colors('neutral-950 neutral-50 neutral-300 primary-300 neutral-950 neutral-500 blue-300 red-300 green-300'),
    shadow: shadows('0 0 0', '0.4,0.4 0.5,0.45 0.6'),
    borderWidth: '1px',
    focusRingWidth: '2px',
  },
  // High contrast: black on white, no shadows (they carry no meaning here), thicker lines.
  'high-contrast': {
    scheme: 'light',
    color: colors('neutral-0 neutral-1000 neutral-800 primary-800 neutral-0 neutral-1000 blue-800 red-800 green-800'),
    shadow: zip(SHADOW_TOKENS, 'none none none'),
    borderWidth: '2px',
    focusRingWidth: '3px',
  },
  // An example partner brand (a green food-delivery partner, "Grünfink"): its own colours and rounder
  // corners, the host page's font. White-label customers copy this shape for their own preset.
  'brand-example': {
    scheme: 'light',
    color: colors('#f6fbf7 #112a1c #45604f #17703c #ffffff #6e8a78 #6a2bc2 #b3261e #17703c'),
    shadow: shadows('17 42 28', SOFT),
    borderWidth: '1px',
    focusRingWidth: '2px',
    radius: zip(RADIUS_TOKENS, '6px 12px 20px'),
  },
};

/** `{ [prefix + key]: value }` of a record (none when it is undefined). */
const prefixed = (prefix: string, record: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [prefix + key, value]));

/** Every system token of a preset with its value (tokens the preset leaves to the page are absent). */
export function presetValues(name: PresetName): Partial<Record<SystemToken, string>> {
  const { color, shadow, radius, fontFamily, borderWidth, focusRingWidth } = PRESET_DEFINITIONS[name];
  return {
    ...SCALE,
    ...prefixed('color-', color),
    ...prefixed('shadow-', shadow),
    ...prefixed('radius-', radius),
    ...(fontFamily && { 'font-family': fontFamily }),
    'border-width': borderWidth,
    'focus-ring-width': focusRingWidth,
  };
}

/** A preset token's value as `#rrggbb`: resolves `var(--mb-ref-*)` through the palette. */
export function resolveColor(value: string): string {
  const match = /^var\(--mb-ref-([\w-]+)\)$/.exec(value.trim());
  return (match && REFERENCE[match[1]!]) || value;
}

/** `--mb-<prefix><token>:<value>;` for every system token. */
const declare = (prefix: string, value: (token: SystemToken) => string) =>
  SYSTEM_TOKENS.map((token) => `--mb-${prefix}${token}:${value(token)};`).join('');

/**
 * The preset tier's declarations: `--mb-preset-<token>:<value>; … color-scheme:…;`.
 * Tokens the preset leaves open are declared `initial` so a preset switched in later clears them.
 * Only ever fed the constants of this file.
 */
export function presetDeclarations(name: PresetName): string {
  const values = presetValues(name);
  return `${declare('preset-', (token) => values[token] ?? 'initial')}color-scheme:${PRESET_DEFINITIONS[name].scheme};`;
}

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
    )}${presetDeclarations('light')}${declare('host-', (token) => `var(--mb-${token},var(--mb-preset-${token}))`)}}${THEMES.slice(
    1,
  )
    .map((name) => themeRules(`:host([theme=${name}])`, name))
    .join('')}` +
    `:not(* *):not(${NESTED_WIDGETS}){${declare('', (token) => `var(--mb-host-${token})`)}}` +
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
