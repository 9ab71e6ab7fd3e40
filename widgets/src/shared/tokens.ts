import { type CSSResult, css, unsafeCSS } from 'lit';

/**
 * Design tokens of every `mb-*` widget, as CSS custom properties in two tiers:
 *
 * - reference (`--mb-ref-*`): the raw palette, named by hue and step, never by meaning;
 * - system (`--mb-color-*`, `--mb-font-*`, `--mb-radius-*`, `--mb-space-*`, `--mb-shadow-*`,
 *   `--mb-motion-*`): what components use, mapped onto the reference tier per theme.
 *
 * A component adds its own tier on top, falling back to the system one:
 * `border-radius: var(--mb-card-radius, var(--mb-radius-m))`.
 *
 * Everything is set on the widget's `:host`, never on the page's `:root`: we run inside other people's
 * pages and must not leak variables into them. Partners theme a widget by setting the same properties on
 * the element (`mb-dashboard { --mb-color-primary: #0a6 }`) — a page rule on the host element wins over
 * `:host` rules — and pick a preset with the `theme` attribute: `light` (default), `dark`,
 * `high-contrast`, or `system` (follows `prefers-color-scheme` and `prefers-contrast`). A widget that
 * renders other widgets passes its `theme` down.
 */

/** Values of the `theme` attribute. */
export const THEMES = ['light', 'dark', 'high-contrast', 'system'] as const;
export type Theme = (typeof THEMES)[number];

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

/** Everything a theme decides. Typed records: a preset missing a token does not compile. */
interface Preset {
  scheme: 'light' | 'dark';
  color: Record<ColorToken, string>;
  shadow: Record<ShadowToken, string>;
  borderWidth: string;
  focusRingWidth: string;
}

const reference = {
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

type Ref = keyof typeof reference;
const ref = (name: Ref) => `var(--mb-ref-${name})`;

// Text pairs meet WCAG AA (4.5:1) and borders/focus 3:1 against the surface of their preset.
const light: Preset = {
  scheme: 'light',
  color: {
    surface: ref('neutral-0'),
    text: ref('neutral-900'),
    muted: ref('neutral-600'),
    primary: ref('primary-600'),
    'on-primary': ref('neutral-0'),
    border: ref('neutral-400'),
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
};

// Dark flips the neutral scale and lightens the accents; shadows get darker, not lighter.
const dark: Preset = {
  scheme: 'dark',
  color: {
    surface: ref('neutral-950'),
    text: ref('neutral-50'),
    muted: ref('neutral-300'),
    primary: ref('primary-300'),
    'on-primary': ref('neutral-950'),
    border: ref('neutral-600'),
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
};

// High contrast: black on white, no shadows (they carry no meaning here), thicker lines.
const highContrast: Preset = {
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
};

/** `--mb-<prefix>-<key>: <value>;` for every entry. Only ever fed the constants of this file. */
function declarations(prefix: string, values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([key, value]) => `--mb-${prefix}-${key}: ${value};`)
    .join(' ');
}

function presetDeclarations(preset: Preset): CSSResult {
  return unsafeCSS(
    [
      declarations('color', preset.color),
      declarations('shadow', preset.shadow),
      `--mb-border-width: ${preset.borderWidth};`,
      `--mb-focus-ring-width: ${preset.focusRingWidth};`,
      `color-scheme: ${preset.scheme};`,
    ].join(' '),
  );
}

const scale = unsafeCSS(
  [
    declarations('ref', reference),
    `--mb-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', 'Helvetica Neue', Arial, sans-serif;`,
    `--mb-font-family-mono: ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace;`,
    // rem, not px: follows the reader's browser font size.
    declarations('font-size', {
      xs: '0.75rem',
      s: '0.875rem',
      m: '1rem',
      l: '1.125rem',
      xl: '1.375rem',
      '2xl': '1.75rem',
    }),
    declarations('font-weight', { regular: '400', strong: '600' }),
    declarations('line-height', { tight: '1.25', normal: '1.5' }),
    declarations('radius', { s: '4px', m: '8px', l: '16px' }),
    declarations('space', {
      '2xs': '0.25rem',
      xs: '0.5rem',
      s: '0.75rem',
      m: '1rem',
      l: '1.5rem',
      xl: '2rem',
      '2xl': '3rem',
    }),
    declarations('motion-duration', { s: '100ms', m: '200ms', l: '320ms' }),
    `--mb-motion-easing: cubic-bezier(0.2, 0, 0, 1);`,
    `--mb-focus-ring-offset: 2px;`,
  ].join(' '),
);

/**
 * The token sheet: put it first in every widget's `static styles`.
 *
 * Specificity note: the preset rules all use `:host([theme…])`, so a later rule of equal specificity wins;
 * that is why `system` follows the explicit presets and the forced-colours block comes last.
 */
export const tokens: CSSResult = css`
  :host {
    ${scale}
    ${presetDeclarations(light)}
  }
  :host([theme='dark']) {
    ${presetDeclarations(dark)}
  }
  :host([theme='high-contrast']) {
    ${presetDeclarations(highContrast)}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='system']) {
      ${presetDeclarations(dark)}
    }
  }
  @media (prefers-contrast: more) {
    :host([theme='system']) {
      ${presetDeclarations(highContrast)}
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --mb-motion-duration-s: 0ms;
      --mb-motion-duration-m: 0ms;
      --mb-motion-duration-l: 0ms;
    }
  }
  /* Windows high-contrast & co.: the user's system colours win over every preset. */
  @media (forced-colors: active) {
    :host,
    :host([theme]) {
      --mb-color-surface: Canvas;
      --mb-color-text: CanvasText;
      --mb-color-muted: CanvasText;
      --mb-color-primary: ButtonText;
      --mb-color-on-primary: ButtonFace;
      --mb-color-border: CanvasText;
      --mb-color-focus: Highlight;
      --mb-color-danger: CanvasText;
      --mb-color-success: CanvasText;
    }
  }
`;

/**
 * Base rules every widget shares: border-box sizing, a visible keyboard focus ring, a `hidden` attribute
 * that really hides (author `display` rules would otherwise beat the UA's `[hidden]`), and form controls
 * that inherit the widget's font instead of the UA's.
 */
export const baseStyles: CSSResult = css`
  :host {
    box-sizing: border-box;
    font-family: var(--mb-font-family);
    font-size: var(--mb-font-size-m);
    line-height: var(--mb-line-height-normal);
    color: var(--mb-color-text);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
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
  :focus-visible,
  :host(:focus-visible) {
    outline: var(--mb-focus-ring-width) solid var(--mb-color-focus);
    outline-offset: var(--mb-focus-ring-offset);
  }
`;
