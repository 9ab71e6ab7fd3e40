/** The names of the design tokens (the public tier's vocabulary) and the presets; values live in presets.ts. */

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

export type ShadowToken = (typeof SHADOW_TOKENS)[number];
export type RadiusToken = (typeof RADIUS_TOKENS)[number];

/** `prefix` + each name, e.g. `color-surface`. */
export const named = <P extends string, N extends string>(prefix: P, names: readonly N[]) =>
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

/** `{ [names[i]]: values[i] }` from a space-separated list of values (the data below stays compact). */
export const zip = <N extends string>(names: readonly N[], values: string, map = (value: string) => value) =>
  Object.fromEntries(values.split(' ').map((value, i) => [names[i], map(value)])) as Record<N, string>;
