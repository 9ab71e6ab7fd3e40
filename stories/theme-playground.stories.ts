import { CONSENT_BANNER_TAG } from '@matbakh/widgets/consent-banner/consent-banner.ts';
// Registration modules, imported by a used binding: widgets/package.json's `sideEffects` does not list
// `<name>.ts` registration files, so a bare import would be tree-shaken in a production build.
import { NEXT_BEST_ACTION_TAG } from '@matbakh/widgets/next-best-action/next-best-action.ts';
import { RECOMMENDATION_CARD_TAG } from '@matbakh/widgets/recommendation-card/recommendation-card.ts';
import { defineElement } from '@matbakh/widgets/shared/define.ts';
import { dirOf, isLocale, type Locale } from '@matbakh/widgets/shared/i18n.ts';
import { currentTheme, setTheme, type ThemeState, type ThemeTokens } from '@matbakh/widgets/shared/theme.ts';
import {
  COLOR_TOKENS,
  type ColorToken,
  FONT_SIZE_TOKENS,
  PRESETS,
  type PresetName,
  presetValues,
  RADIUS_TOKENS,
  resolveColor,
  SPACE_TOKENS,
  type SystemToken,
  type TokenName,
} from '@matbakh/widgets/shared/tokens.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { createFakeActionsClient, SAMPLE_ACTIONS } from '../widgets/test-support/fake-actions-client.ts';
import { createFakeConsentClient } from '../widgets/test-support/fake-consent-client.ts';
import { sampleItems } from '../widgets/test-support/fake-recommendations-client.ts';

/** What each colour role is for, as the label's hint. */
const COLOR_HINTS: Record<ColorToken, string> = {
  surface: 'Background of cards, bars and dialogs',
  text: 'Body text on the surface',
  muted: 'Secondary text on the surface',
  primary: 'Buttons and links',
  'on-primary': 'Text on primary buttons',
  border: 'Lines and input borders',
  focus: 'Keyboard focus ring',
  danger: 'Errors and destructive actions',
  success: 'Confirmations',
};

const PRESET_LABELS: Record<PresetName, string> = {
  light: 'Light',
  dark: 'Dark',
  'high-contrast': 'High contrast',
  'brand-example': 'Brand example (green partner)',
};

/** Text/background pairs checked live against WCAG AA (4.5:1 for text, 3:1 for the focus ring). */
const CONTRAST_PAIRS: { fg: ColorToken; bg: ColorToken; min: number }[] = [
  { fg: 'text', bg: 'surface', min: 4.5 },
  { fg: 'muted', bg: 'surface', min: 4.5 },
  { fg: 'on-primary', bg: 'primary', min: 4.5 },
  { fg: 'primary', bg: 'surface', min: 4.5 },
  { fg: 'danger', bg: 'surface', min: 4.5 },
  { fg: 'focus', bg: 'surface', min: 3 },
];

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `0.75em` × 1.2 → `0.9em`; px and em only (what the shared scale uses). */
function scaleLength(value: string, factor: number): string {
  const match = /^(-?[\d.]+)(em|px)$/.exec(value);
  if (!match) return value;
  const scaled = Math.round(Number(match[1]) * factor * 1000) / 1000;
  return `${scaled}${match[2]}`;
}

/** What the designer controls: the colour roles and three scale factors. */
interface Edits {
  colors: Record<ColorToken, string>;
  /** `--mb-radius-m` in px; s and l follow in the preset's proportion. */
  radius: number;
  /** Factor on the preset's spacing scale, in percent. */
  space: number;
  /** Factor on the preset's font sizes, in percent. */
  font: number;
}

const px = (value: string | undefined) => Number.parseFloat(value ?? '0') || 0;

function editsOf(preset: PresetName): Edits {
  const values = presetValues(preset);
  const colors = Object.fromEntries(
    COLOR_TOKENS.map((name) => [name, resolveColor(values[`color-${name}`] ?? '#000000').toLowerCase()]),
  ) as Record<ColorToken, string>;
  return { colors, radius: px(values['radius-m']), space: 100, font: 100 };
}

/** The full set of values the edits stand for. */
function valuesOf(preset: PresetName, edits: Edits): Partial<Record<SystemToken, string>> {
  const base = presetValues(preset);
  const values: Partial<Record<SystemToken, string>> = {};
  for (const name of COLOR_TOKENS) values[`color-${name}`] = edits.colors[name];
  const baseRadius = px(base['radius-m']) || 1;
  for (const name of RADIUS_TOKENS) {
    values[`radius-${name}`] = `${Math.round((px(base[`radius-${name}`]) / baseRadius) * edits.radius * 10) / 10}px`;
  }
  for (const name of SPACE_TOKENS) {
    values[`space-${name}`] = scaleLength(base[`space-${name}`] ?? '', edits.space / 100);
  }
  for (const name of FONT_SIZE_TOKENS) {
    values[`font-size-${name}`] = scaleLength(base[`font-size-${name}`] ?? '', edits.font / 100);
  }
  return values;
}

/** Only what differs from the preset: the object a partner passes to `matbakh.theme.set(…)`. */
function overridesOf(preset: PresetName, edits: Edits): ThemeTokens {
  const base = presetValues(preset);
  const tokens: ThemeTokens = {};
  for (const [name, value] of Object.entries(valuesOf(preset, edits)) as [SystemToken, string][]) {
    const original = base[name];
    const same = name.startsWith('color-')
      ? resolveColor(original ?? '').toLowerCase() === value.toLowerCase()
      : original === value;
    if (!same) tokens[`--mb-${name}` as TokenName] = value;
  }
  return tokens;
}

/**
 * Story-only element: the designer's controls, three sample widgets themed live with `setTheme(tokens)`, and
 * the resulting tokens object. The samples live in this element's shadow root, so the toolbar decorator's
 * `theme` attribute does not reach them: the preset picker decides their `theme`; the toolbar's Theme only
 * picks the starting preset, its Locale their `lang`.
 */
class StoryThemePlayground extends LitElement {
  static override properties = {
    theme: { type: String },
    lang: { type: String },
    preset: { state: true },
    edits: { state: true },
    status: { state: true },
    error: { state: true },
  };

  static override styles = css`
    :host {
      display: block;
      font: 15px/1.45 system-ui, sans-serif;
      color: #211e1b;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(16em, 22em) 1fr;
      gap: 16px;
      align-items: start;
    }
    @media (max-width: 760px) {
      .layout {
        grid-template-columns: 1fr;
      }
    }
    .panel {
      background: #ffffff;
      border: 1px solid #857d72;
      border-radius: 8px;
      padding: 12px 16px;
    }
    h2 {
      margin: 0 0 8px;
      font-size: 1.25em;
    }
    fieldset {
      border: 1px solid #c4bdb3;
      border-radius: 6px;
      margin: 0 0 12px;
      padding: 8px 12px;
    }
    legend {
      font-weight: 600;
      padding: 0 4px;
    }
    .row {
      display: grid;
      grid-template-columns: 2.75em 1fr;
      gap: 2px 8px;
      align-items: center;
      margin-block: 6px;
    }
    .row input[type='color'] {
      inline-size: 2.75em;
      block-size: 2em;
      padding: 0;
      border: 1px solid #857d72;
      border-radius: 4px;
      grid-row: span 2;
    }
    .hint,
    .value {
      color: #5c554d;
      font-size: 0.85em;
    }
    code {
      font-family: ui-monospace, Menlo, Consolas, monospace;
      font-size: 0.9em;
    }
    .slider {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 2px 8px;
      margin-block: 8px;
    }
    .slider input {
      grid-column: 1 / -1;
      inline-size: 100%;
    }
    select,
    button,
    textarea {
      font: inherit;
    }
    select {
      inline-size: 100%;
    }
    :focus-visible {
      outline: 3px solid #1a5fd1;
      outline-offset: 2px;
    }
    .samples {
      display: grid;
      gap: 16px;
    }
    .frame {
      position: relative;
      /* The containing block of the banner's fixed layers: the dialog stays inside this frame. */
      transform: translateZ(0);
      overflow: hidden;
      min-block-size: 26em;
      border: 1px dashed #857d72;
      border-radius: 8px;
      background: #f8f7f5;
    }
    .frame p {
      margin: 12px 16px;
    }
    .pair {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(16em, 1fr));
      gap: 16px;
      align-items: start;
    }
    .caption {
      margin: 0 0 6px;
      font-weight: 600;
    }
    textarea {
      box-sizing: border-box;
      inline-size: 100%;
      min-block-size: 12em;
      font-family: ui-monospace, Menlo, Consolas, monospace;
      font-size: 0.85em;
      border: 1px solid #857d72;
      border-radius: 4px;
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      margin-block: 8px;
    }
    button {
      padding: 4px 14px;
      border: 1px solid #4f4943;
      border-radius: 6px;
      background: #ffffff;
      color: #211e1b;
      cursor: pointer;
    }
    .contrast {
      list-style: none;
      margin: 0;
      padding: 0;
      font-size: 0.9em;
    }
    .fail {
      color: #b3261e;
      font-weight: 600;
    }
    .error {
      color: #b3261e;
    }
  `;

  declare theme: string;
  declare lang: string;
  declare preset: PresetName;
  declare edits: Edits;
  declare status: string;
  declare error: string;

  /** Fake clients of the samples; new ones on Reset (the visitor may have answered the banner). */
  private consentClient = createFakeConsentClient();
  private actionsClient = createFakeActionsClient([...SAMPLE_ACTIONS]);
  /** What was applied before this story: put back when it goes, so other stories are not themed by it. */
  private previousTheme: ThemeState | undefined;
  private initialPreset: PresetName = 'light';

  constructor() {
    super();
    this.theme = '';
    this.lang = '';
    this.preset = 'light';
    this.edits = editsOf('light');
    this.status = '';
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.previousTheme = currentTheme();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const previous = this.previousTheme;
    if (!previous) return;
    setTheme(null);
    if (previous.preset) setTheme(previous.preset);
    setTheme(previous.tokens);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The toolbar's theme picks the starting preset ("system" has no values of its own to edit).
    if (changed.has('theme') && (PRESETS as readonly string[]).includes(this.theme)) {
      this.initialPreset = this.theme as PresetName;
      this.preset = this.initialPreset;
      this.edits = editsOf(this.preset);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('edits') && !changed.has('preset')) return;
    try {
      setTheme(overridesOf(this.preset, this.edits));
      this.error = '';
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private get locale(): Locale {
    const lang = this.lang || this.closest('[lang]')?.getAttribute('lang') || 'de';
    return isLocale(lang) ? lang : 'de';
  }

  private readonly onPreset = (event: Event) => {
    this.preset = (event.target as HTMLSelectElement).value as PresetName;
    this.edits = editsOf(this.preset);
    this.status = '';
  };

  private setColor(name: ColorToken, value: string): void {
    this.edits = { ...this.edits, colors: { ...this.edits.colors, [name]: value } };
  }

  private setScale(key: 'radius' | 'space' | 'font', value: string): void {
    this.edits = { ...this.edits, [key]: Number(value) };
  }

  private readonly onCopy = async () => {
    const text = this.json;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard API');
      await navigator.clipboard.writeText(text);
      this.status = 'Copied the tokens object to the clipboard.';
    } catch {
      // No clipboard (insecure context, permission refused): select the text for Ctrl+C / ⌘C.
      const area = this.renderRoot.querySelector('textarea');
      area?.focus();
      area?.select();
      this.status = 'Could not copy automatically: the text is selected, press Ctrl+C (⌘C on a Mac).';
    }
  };

  private readonly onReset = () => {
    this.preset = this.initialPreset;
    this.edits = editsOf(this.preset);
    this.consentClient = createFakeConsentClient();
    this.actionsClient = createFakeActionsClient([...SAMPLE_ACTIONS]);
    this.status = `Reset to the ${PRESET_LABELS[this.preset]} preset.`;
  };

  private get json(): string {
    return JSON.stringify(overridesOf(this.preset, this.edits), null, 2);
  }

  override render() {
    const locale = this.locale;
    const edits = this.edits;
    const overrides = overridesOf(this.preset, edits);
    const count = Object.keys(overrides).length;
    return html`<div class="layout" dir="ltr">
      <form class="panel" aria-labelledby="controls-title" @submit=${(event: Event) => event.preventDefault()}>
        <h2 id="controls-title">Tokens</h2>
        <fieldset>
          <legend>Base</legend>
          <label for="preset">Preset</label>
          <select id="preset" .value=${this.preset} @change=${this.onPreset}>
            ${PRESETS.map(
              (name) => html`<option value=${name} ?selected=${name === this.preset}>${PRESET_LABELS[name]}</option>`,
            )}
          </select>
        </fieldset>
        <fieldset>
          <legend>Colour roles</legend>
          ${COLOR_TOKENS.map(
            (name) => html`<div class="row">
              <input
                type="color"
                id="color-${name}"
                .value=${edits.colors[name]}
                aria-describedby="hint-${name}"
                @input=${(event: Event) => this.setColor(name, (event.target as HTMLInputElement).value)}
              />
              <label for="color-${name}"><code>--mb-color-${name}</code></label>
              <span class="hint" id="hint-${name}">${COLOR_HINTS[name]} · ${edits.colors[name]}</span>
            </div>`,
          )}
        </fieldset>
        <fieldset>
          <legend>Scale</legend>
          ${this.slider('radius', 'Corner radius (--mb-radius-m)', 0, 32, 1, `${edits.radius} px`)}
          ${this.slider('space', 'Spacing scale (--mb-space-*)', 50, 200, 5, `${edits.space} %`)}
          ${this.slider('font', 'Font scale (--mb-font-size-*)', 75, 150, 5, `${edits.font} %`)}
        </fieldset>
        <fieldset>
          <legend>Contrast (WCAG AA)</legend>
          <ul class="contrast">
            ${CONTRAST_PAIRS.map(({ fg, bg, min }) => {
              const ratio = contrast(edits.colors[fg], edits.colors[bg]);
              const ok = ratio >= min;
              return html`<li class=${ok ? '' : 'fail'}>
                ${fg} on ${bg}: ${ratio.toFixed(2)}:1 ${ok ? '✓' : `✗ below ${min}:1`}
              </li>`;
            })}
          </ul>
        </fieldset>
      </form>

      <div class="samples">
        <section class="panel" aria-labelledby="result-title">
          <h2 id="result-title">Result</h2>
          <label for="json"
            >${count ? `${count} token${count === 1 ? '' : 's'} differ from ${PRESET_LABELS[this.preset]}` : `Same as ${PRESET_LABELS[this.preset]}: no overrides`}
            — pass to <code>matbakh.theme.set(…)</code> after <code>matbakh.theme.set('${this.preset}')</code>:</label
          >
          <textarea id="json" readonly spellcheck="false" .value=${this.json}></textarea>
          <div class="buttons">
            <button type="button" @click=${this.onCopy}>Copy</button>
            <button type="button" @click=${this.onReset}>Reset</button>
            <span role="status">${this.status}</span>
          </div>
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        </section>

        <div class="pair" lang=${locale} dir=${dirOf(locale)}>
          <div>
            <p class="caption" id="card-caption">Recommendation card</p>
            <mb-recommendation-card
              role="group"
              aria-labelledby="card-caption"
              theme=${this.preset}
              lang=${locale}
              .item=${sampleItems('guest', locale)[0]}
              request-id="playground"
              position="1"
            ></mb-recommendation-card>
          </div>
          <div>
            <p class="caption">Next best action</p>
            <mb-next-best-action
              theme=${this.preset}
              lang=${locale}
              placement="home"
              .client=${this.actionsClient}
            ></mb-next-best-action>
          </div>
        </div>

        <div>
          <p class="caption" id="banner-caption">Consent banner (dialog layout, preview only)</p>
          <!-- inert: the modal banner would take focus from the controls on every change; Reset brings it back. -->
          <div class="frame" inert aria-labelledby="banner-caption" role="img" lang=${locale} dir=${dirOf(locale)}>
            <p>A stand-in host page behind the banner.</p>
            <mb-consent-banner
              layout="dialog"
              theme=${this.preset}
              lang=${locale}
              .client=${this.consentClient}
            ></mb-consent-banner>
          </div>
        </div>
      </div>
    </div>`;
  }

  private slider(
    key: 'radius' | 'space' | 'font',
    label: string,
    min: number,
    max: number,
    step: number,
    text: string,
  ) {
    return html`<div class="slider">
      <label for="scale-${key}">${label}</label>
      <output class="value" for="scale-${key}">${text}</output>
      <input
        type="range"
        id="scale-${key}"
        min=${min}
        max=${max}
        step=${step}
        .value=${String(this.edits[key])}
        aria-valuetext=${text}
        @input=${(event: Event) => this.setScale(key, (event.target as HTMLInputElement).value)}
      />
    </div>`;
  }
}
defineElement('mb-story-theme-playground', StoryThemePlayground, 'story');

const DOCS = `
A workbench for white-label themes. Pick a **preset** as the base, then edit the **colour roles** (colour
pickers) and the **radius / spacing / font scale** (sliders): every change goes through \`setTheme(tokens)\`
(\`widgets/src/shared/theme.ts\`, what \`matbakh.theme.set(tokens)\` calls on a partner page) and restyles the
samples at once — a recommendation card, a next-best-action prompt and the consent banner in its dialog layout.

**Result** shows the tokens that differ from the preset as JSON; **Copy** puts it on the clipboard (where the
clipboard is not available the text is selected for Ctrl+C), **Reset** goes back to the starting preset and
fresh sample data. A partner applies it with:

\`\`\`js
matbakh.theme.set('brand-example');          // the base preset (or data-theme="brand-example" on the script tag)
matbakh.theme.set({ "--mb-color-primary": "#17703c", "--mb-radius-m": "12px" });   // the copied object
\`\`\`

**Contrast** checks the edited colours against WCAG AA live (4.5:1 for text, 3:1 for the focus ring) — the
presets pass it (tokens.test.ts); a custom brand must too.

The toolbar's **Theme** picks the starting preset and its **Locale** the samples' language; the samples sit in
the playground's own shadow root, so the preset picker, not the toolbar, themes them afterwards. Leaving the
story puts back the theme that was applied before. Keyboard: every control is a native input, select or
button (Tab / arrows); the banner preview is \`inert\`, because its modal dialog would otherwise take focus
away from the controls.
`;

interface PlaygroundArgs {
  /** Nothing to set: the playground's controls are its own. */
  _?: never;
}

const meta: Meta<PlaygroundArgs> = {
  title: 'Foundation/Theme playground',
  component: 'mb-story-theme-playground',
  subcomponents: {
    [CONSENT_BANNER_TAG]: CONSENT_BANNER_TAG,
    [RECOMMENDATION_CARD_TAG]: RECOMMENDATION_CARD_TAG,
    [NEXT_BEST_ACTION_TAG]: NEXT_BEST_ACTION_TAG,
  },
  parameters: {
    layout: 'fullscreen',
    controls: { disable: true },
    docs: { description: { component: DOCS }, story: { inline: false, iframeHeight: 1100 } },
  },
};
export default meta;

export const ThemePlayground: StoryObj<PlaygroundArgs> = {
  name: 'Theme playground',
  render: () => html`<mb-story-theme-playground></mb-story-theme-playground>`,
};
