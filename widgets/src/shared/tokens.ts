import { type CSSResult, type CSSResultOrNative, css, unsafeCSS } from 'lit';

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
 * inherited from the page. Every element INSIDE the shadow root then gets the public name back
 * (`* { --mb-color-primary: var(--mb-host-color-primary) }`), so component styles simply write
 * `var(--mb-color-primary)`. The one rule for authors: **in `:host` rules read `--mb-host-*`**
 * (`:host { background: var(--mb-host-color-surface) }`); the public names exist only below the host.
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
export const SHADOW_TOKENS = ['s', 'm', 'l'] as const;
/** `--mb-motion-duration-<name>` */
export const DURATION_TOKENS = ['s', 'm', 'l'] as const;

type ShadowToken = (typeof SHADOW_TOKENS)[number];
type RadiusToken = (typeof RADIUS_TOKENS)[number];

/**
 * Every public system token, without the `--mb-` prefix: what pages and `matbakh.theme.set` may set.
 * (`--mb-ref-*` and the private `--mb-preset-*` / `--mb-host-*` tiers are not part of it.)
 */
export const SYSTEM_TOKENS = [
  ...COLOR_TOKENS.map((name) => `color-${name}` as const),
  'font-family',
  'font-family-mono',
  'font-size-base',
  ...FONT_SIZE_TOKENS.map((name) => `font-size-${name}` as const),
  'font-weight-regular',
  'font-weight-strong',
  'line-height-tight',
  'line-height-normal',
  ...RADIUS_TOKENS.map((name) => `radius-${name}` as const),
  ...SPACE_TOKENS.map((name) => `space-${name}` as const),
  ...SHADOW_TOKENS.map((name) => `shadow-${name}` as const),
  ...DURATION_TOKENS.map((name) => `motion-duration-${name}` as const),
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

/** The raw palette, `--mb-ref-<name>`. Presets refer to it by `var(--mb-ref-<name>)`. */
export const REFERENCE = {
  'neutral-0': '#ffffff',
  'neutral-50': '#f8f7f5',
  'neutral-100': '#efece8',
  'neutral-200': '#ddd8d1',
  'neutral-300': '#c4bdb3',
  'neutral-400': '#9a9186',
  'neutral-500': '#857d72',
  'neutral-600': '#6a6259',
  'neutral-700': '#4f4943',
  'neutral-800': '#36322e',
  'neutral-900': '#211e1b',
  'neutral-950': '#171513',
  'neutral-1000': '#000000',
  // Terracotta: the brand hue (matbakh = kitchen).
  'primary-200': '#f7c8ae',
  'primary-300': '#f0a27a',
  'primary-500': '#d0612f',
  'primary-600': '#b4461b',
  'primary-700': '#8f3512',
  'primary-800': '#6b270d',
  'red-300': '#ff9a8f',
  'red-600': '#b3261e',
  'red-800': '#7a1510',
  'green-300': '#7dd69a',
  'green-600': '#1e7a3a',
  'green-800': '#114d23',
  'blue-300': '#9cbcff',
  'blue-600': '#1a5fd1',
  'blue-800': '#0b3a8f',
} as const;

type Ref = keyof typeof REFERENCE;
const ref = (name: Ref) => `var(--mb-ref-${name})`;

/** The shared scale: every preset uses it unless it says otherwise. All sizes in `em` (see above). */
const SCALE: Partial<Record<SystemToken, string>> = {
  'font-family-mono': `ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace`,
  'font-size-base': 'medium',
  'font-size-xs': '0.75em',
  'font-size-s': '0.875em',
  'font-size-m': '1em',
  'font-size-l': '1.125em',
  'font-size-xl': '1.375em',
  'font-size-2xl': '1.75em',
  'font-weight-regular': '400',
  'font-weight-strong': '600',
  'line-height-tight': '1.25',
  'line-height-normal': '1.5',
  'radius-s': '4px',
  'radius-m': '8px',
  'radius-l': '16px',
  'space-2xs': '0.25em',
  'space-xs': '0.5em',
  'space-s': '0.75em',
  'space-m': '1em',
  'space-l': '1.5em',
  'space-xl': '2em',
  'space-2xl': '3em',
  'motion-duration-s': '100ms',
  'motion-duration-m': '200ms',
  'motion-duration-l': '320ms',
  'motion-easing': 'cubic-bezier(0.2, 0, 0, 1)',
  'focus-ring-offset': '2px',
};

/**
 * The presets. Every text colour meets WCAG AA (4.5:1) on its background and borders and the focus ring
 * 3:1 on the surface: tokens.test.ts computes it for every preset.
 */
export const PRESET_DEFINITIONS: Record<PresetName, PresetDefinition> = {
  light: {
    scheme: 'light',
    color: {
      surface: ref('neutral-0'),
      text: ref('neutral-900'),
      muted: ref('neutral-600'),
      primary: ref('primary-600'),
      'on-primary': ref('neutral-0'),
      border: ref('neutral-500'),
      focus: ref('blue-600'),
      danger: ref('red-600'),
      success: ref('green-600'),
    },
    shadow: {
      s: '0 1px 2px rgb(23 21 19 / 0.08), 0 1px 3px rgb(23 21 19 / 0.1)',
      m: '0 2px 4px rgb(23 21 19 / 0.08), 0 4px 12px rgb(23 21 19 / 0.12)',
      l: '0 4px 8px rgb(23 21 19 / 0.1), 0 12px 32px rgb(23 21 19 / 0.16)',
    },
    borderWidth: '1px',
    focusRingWidth: '2px',
  },
  // Dark flips the neutral scale and lightens the accents; shadows get darker, not lighter.
  dark: {
    scheme: 'dark',
    color: {
      surface: ref('neutral-950'),
      text: ref('neutral-50'),
      muted: ref('neutral-300'),
      primary: ref('primary-300'),
      'on-primary': ref('neutral-950'),
      border: ref('neutral-500'),
      focus: ref('blue-300'),
      danger: ref('red-300'),
      success: ref('green-300'),
    },
    shadow: {
      s: '0 1px 2px rgb(0 0 0 / 0.4)',
      m: '0 2px 4px rgb(0 0 0 / 0.4), 0 4px 12px rgb(0 0 0 / 0.5)',
      l: '0 4px 8px rgb(0 0 0 / 0.45), 0 12px 32px rgb(0 0 0 / 0.6)',
    },
    borderWidth: '1px',
    focusRingWidth: '2px',
  },
  // High contrast: black on white, no shadows (they carry no meaning here), thicker lines.
  'high-contrast': {
    scheme: 'light',
    color: {
      surface: ref('neutral-0'),
      text: ref('neutral-1000'),
      muted: ref('neutral-800'),
      primary: ref('primary-800'),
      'on-primary': ref('neutral-0'),
      border: ref('neutral-1000'),
      focus: ref('blue-800'),
      danger: ref('red-800'),
      success: ref('green-800'),
    },
    shadow: { s: 'none', m: 'none', l: 'none' },
    borderWidth: '2px',
    focusRingWidth: '3px',
  },
  // An example partner brand (a green food-delivery partner, "Grünfink"): its own colours and rounder
  // corners, the host page's font. White-label customers copy this shape for their own preset.
  'brand-example': {
    scheme: 'light',
    color: {
      surface: '#f6fbf7',
      text: '#112a1c',
      muted: '#45604f',
      primary: '#17703c',
      'on-primary': '#ffffff',
      border: '#6e8a78',
      focus: '#6a2bc2',
      danger: '#b3261e',
      success: '#17703c',
    },
    shadow: {
      s: '0 1px 2px rgb(17 42 28 / 0.08), 0 1px 3px rgb(17 42 28 / 0.1)',
      m: '0 2px 4px rgb(17 42 28 / 0.08), 0 4px 12px rgb(17 42 28 / 0.12)',
      l: '0 4px 8px rgb(17 42 28 / 0.1), 0 12px 32px rgb(17 42 28 / 0.16)',
    },
    borderWidth: '1px',
    focusRingWidth: '2px',
    radius: { s: '6px', m: '12px', l: '20px' },
  },
};

/** Every system token of a preset with its value (tokens the preset leaves to the page are absent). */
export function presetValues(name: PresetName): Partial<Record<SystemToken, string>> {
  const preset = PRESET_DEFINITIONS[name];
  const values: Partial<Record<SystemToken, string>> = { ...SCALE };
  for (const key of COLOR_TOKENS) values[`color-${key}`] = preset.color[key];
  for (const key of SHADOW_TOKENS) values[`shadow-${key}`] = preset.shadow[key];
  if (preset.radius) for (const key of RADIUS_TOKENS) values[`radius-${key}`] = preset.radius[key];
  if (preset.fontFamily) values['font-family'] = preset.fontFamily;
  values['border-width'] = preset.borderWidth;
  values['focus-ring-width'] = preset.focusRingWidth;
  return values;
}

/** A preset token's value as `#rrggbb`: resolves `var(--mb-ref-*)` through the palette. */
export function resolveColor(value: string): string {
  const match = /^var\(--mb-ref-([\w-]+)\)$/.exec(value.trim());
  return match ? REFERENCE[match[1] as Ref] : value;
}

/**
 * The preset tier's declarations: `--mb-preset-<token>: <value>; … color-scheme: …;`.
 * Tokens the preset leaves open are declared `initial` so a preset switched in later clears them.
 * Only ever fed the constants of this file.
 */
export function presetDeclarations(name: PresetName): string {
  const values = presetValues(name);
  return [
    ...SYSTEM_TOKENS.map((token) => `--mb-preset-${token}: ${values[token] ?? 'initial'};`),
    `color-scheme: ${PRESET_DEFINITIONS[name].scheme};`,
  ].join(' ');
}

const referenceDeclarations = Object.entries(REFERENCE)
  .map(([key, value]) => `--mb-ref-${key}: ${value};`)
  .join(' ');
/** Host tier: the page's public value (this element or an ancestor), else the preset's. */
const hostDeclarations = SYSTEM_TOKENS.map(
  (token) => `--mb-host-${token}: var(--mb-${token}, var(--mb-preset-${token}));`,
).join(' ');
/** Below the host the public names come back, resolved. */
/**
 * Our widgets inside another widget's shadow root (cards in a list, widgets in a dashboard) must not get the
 * public names from the rule below: on their host it would read their own `--mb-host-*`, which reads the public
 * name — a cycle that turns every token invalid. They inherit the outer widget's values instead.
 */
const NESTED_WIDGETS = [
  'mb-consent-banner',
  'mb-privacy-center',
  'mb-dashboard',
  'mb-widget-grid',
  'mb-preference-panel',
  'mb-recommendations',
  'mb-recommendation-card',
  'mb-next-best-action',
  'mb-tour',
  'mb-insights',
].join(', ');

const publicDeclarations = SYSTEM_TOKENS.map((token) => `--mb-${token}: var(--mb-host-${token});`).join(' ');

const preset = (name: PresetName) => unsafeCSS(presetDeclarations(name));

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

const tokenSheet: CSSResult = css`
  :host {
    ${unsafeCSS(referenceDeclarations)}
    ${preset('light')}
    ${unsafeCSS(hostDeclarations)}
  }
  :host([theme='dark']) {
    ${preset('dark')}
  }
  :host([theme='high-contrast']) {
    ${preset('high-contrast')}
  }
  :host([theme='brand-example']) {
    ${preset('brand-example')}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='system']) {
      ${preset('dark')}
    }
  }
  @media (prefers-contrast: more) {
    :host([theme='system']) {
      ${preset('high-contrast')}
    }
  }
  :not(${unsafeCSS(NESTED_WIDGETS)}) {
    ${unsafeCSS(publicDeclarations)}
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --mb-host-motion-duration-s: 0ms;
      --mb-host-motion-duration-m: 0ms;
      --mb-host-motion-duration-l: 0ms;
    }
  }
  /* Windows high contrast & co.: the user's system colours beat every tier, page tokens included. */
  @media (forced-colors: active) {
    :host {
      --mb-host-color-surface: Canvas;
      --mb-host-color-text: CanvasText;
      --mb-host-color-muted: CanvasText;
      --mb-host-color-primary: ButtonText;
      --mb-host-color-on-primary: ButtonFace;
      --mb-host-color-border: CanvasText;
      --mb-host-color-focus: Highlight;
      --mb-host-color-danger: CanvasText;
      --mb-host-color-success: CanvasText;
      --mb-host-focus-ring-width: 3px;
    }
  }
`;

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
 * `direction` and the font family still come from the page on purpose.
 *
 * Also: border-box sizing, a visible keyboard focus ring, a `hidden` attribute that really hides (author
 * `display` rules would otherwise beat the UA's `[hidden]`), form controls that inherit the widget's font.
 */
export const baseStyles: CSSResult = css`
  :host {
    box-sizing: border-box;
    font-family: var(--mb-host-font-family, inherit);
    font-size: var(--mb-host-font-size-base, medium);
    line-height: var(--mb-host-line-height-normal);
    color: var(--mb-host-color-text);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  /* Zero specificity, after the * rule above: component rules still override it. */
  :not(* *) {
    box-sizing: border-box;
    font-family: var(--mb-font-family, inherit);
    font-size: var(--mb-font-size-base, medium);
    font-style: normal;
    font-variant: normal;
    font-weight: var(--mb-font-weight-regular);
    font-stretch: normal;
    line-height: var(--mb-line-height-normal);
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-indent: 0;
    text-align: start;
    text-shadow: none;
    white-space: normal;
    overflow-wrap: break-word;
    color: var(--mb-color-text);
    cursor: auto;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  :focus-visible {
    outline: var(--mb-focus-ring-width) solid var(--mb-color-focus);
    outline-offset: var(--mb-focus-ring-offset);
  }
  :host(:focus-visible) {
    outline: var(--mb-host-focus-ring-width) solid var(--mb-host-color-focus);
    outline-offset: var(--mb-host-focus-ring-offset);
  }
`;
