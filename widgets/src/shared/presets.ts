import {
  COLOR_TOKENS,
  type ColorToken,
  DURATION_TOKENS,
  FONT_SIZE_TOKENS,
  named,
  type PresetName,
  RADIUS_TOKENS,
  type RadiusToken,
  SHADOW_TOKENS,
  type ShadowToken,
  SPACE_TOKENS,
  SYSTEM_TOKENS,
  type SystemToken,
  zip,
} from './token-names.ts';

/** The values of the design tokens: the reference palette, the shared scale and each preset's choices. */

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
export const declareAll = (prefix: string, value: (token: SystemToken) => string) =>
  SYSTEM_TOKENS.map((token) => `--mb-${prefix}${token}:${value(token)};`).join('');

/**
 * The preset tier's declarations: `--mb-preset-<token>:<value>; … color-scheme:…;`.
 * Tokens the preset leaves open are declared `initial` so a preset switched in later clears them.
 * Only ever fed the constants of this file.
 */
export function presetDeclarations(name: PresetName): string {
  const values = presetValues(name);
  return `${declareAll('preset-', (token) => values[token] ?? 'initial')}color-scheme:${PRESET_DEFINITIONS[name].scheme};`;
}
