import { defineElement } from '@matbakh/widgets/shared/define.ts';
import { type Catalog, dirOf, type Locale, resolveLocale, t } from '@matbakh/widgets/shared/i18n.ts';
import {
  baseStyles,
  COLOR_TOKENS,
  FONT_SIZE_TOKENS,
  RADIUS_TOKENS,
  SHADOW_TOKENS,
  SPACE_TOKENS,
  type Theme,
  tokens,
} from '@matbakh/widgets/shared/tokens.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { css, html, LitElement, type PropertyValues } from 'lit';

const de = {
  title: 'Design-Tokens',
  intro: 'Jeder Wert stammt aus den CSS-Variablen des Widgets selbst. Thema: {theme}.',
  colors: 'Farben',
  radius: 'Eckenradien',
  space: 'Abstände',
  type: 'Schriftgrößen',
  shadow: 'Schatten',
  sample: 'Falafel, Hummus und frisches Brot',
  light: 'Hell',
  dark: 'Dunkel',
  'high-contrast': 'Hoher Kontrast',
  'brand-example': 'Partnermarke (Beispiel)',
  system: 'wie das System',
};
const messages = {
  de,
  en: {
    title: 'Design tokens',
    intro: "Every value comes from the widget's own CSS custom properties. Theme: {theme}.",
    colors: 'Colours',
    radius: 'Corner radius',
    space: 'Spacing',
    type: 'Font sizes',
    shadow: 'Shadows',
    sample: 'Falafel, hummus and fresh bread',
    light: 'Light',
    dark: 'Dark',
    'high-contrast': 'High contrast',
    'brand-example': 'Partner brand (example)',
    system: 'follows the system',
  },
  ar: {
    title: 'رموز التصميم',
    intro: 'كل قيمة مأخوذة من متغيرات CSS الخاصة بالعنصر نفسه. السمة: {theme}.',
    colors: 'الألوان',
    radius: 'استدارة الزوايا',
    space: 'المسافات',
    type: 'أحجام الخط',
    shadow: 'الظلال',
    sample: 'فلافل وحمص وخبز طازج',
    light: 'فاتح',
    dark: 'داكن',
    'high-contrast': 'تباين عالٍ',
    'brand-example': 'علامة الشريك (مثال)',
    system: 'حسب النظام',
  },
} satisfies Catalog<keyof typeof de>;

/**
 * Story-only element: shows the shared tokens the way a widget sees them — inside a shadow root that uses
 * `tokens` + `baseStyles`, themed by its own `theme` attribute, localised by its `lang`.
 */
class StoryTokens extends LitElement {
  static override properties = {
    theme: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    resolved: { state: true },
  };

  static override styles = [
    tokens,
    baseStyles,
    css`
      /* In :host rules the tokens are read from the host tier (--mb-host-*): see tokens.ts. */
      :host {
        display: block;
        background: var(--mb-host-color-surface);
        border: var(--mb-host-border-width) solid var(--mb-host-color-border);
        border-radius: var(--mb-host-radius-l);
        padding: var(--mb-host-space-l);
        box-shadow: var(--mb-host-shadow-m);
      }
      h2,
      h3 {
        margin: 0 0 var(--mb-space-s);
        line-height: var(--mb-line-height-tight);
      }
      h2 {
        font-size: var(--mb-font-size-2xl);
      }
      h3 {
        font-size: var(--mb-font-size-l);
        margin-block-start: var(--mb-space-xl);
      }
      p {
        margin: 0;
        color: var(--mb-color-muted);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--mb-space-s);
      }
      .swatches {
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      }
      li {
        display: flex;
        align-items: center;
        gap: var(--mb-space-s);
      }
      code {
        font-family: var(--mb-font-family-mono);
        font-size: var(--mb-font-size-s);
      }
      .value {
        display: block;
        color: var(--mb-color-muted);
        font-size: var(--mb-font-size-xs);
      }
      .chip {
        flex: none;
        inline-size: 3rem;
        block-size: 3rem;
        border-radius: var(--mb-radius-m);
        border: var(--mb-border-width) solid var(--mb-color-border);
        background: var(--chip);
      }
      .box {
        flex: none;
        inline-size: 4rem;
        block-size: 3rem;
        background: var(--mb-color-primary);
        border-radius: var(--chip);
      }
      .bar {
        flex: none;
        inline-size: var(--chip);
        block-size: 1rem;
        background: var(--mb-color-primary);
      }
      .shadow {
        flex: none;
        inline-size: 5rem;
        block-size: 3rem;
        border-radius: var(--mb-radius-m);
        background: var(--mb-color-surface);
        box-shadow: var(--chip);
      }
    `,
  ];

  declare theme: Theme;
  declare lang: string;
  /** Computed colour values: they depend on the applied theme (and, for `system`, on the OS setting). */
  declare resolved: Record<string, string>;
  private readonly media = matchMedia('(prefers-color-scheme: dark)');
  private readonly onMediaChange = () => this.readValues();

  constructor() {
    super();
    this.theme = 'light';
    this.lang = '';
    this.resolved = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.media.addEventListener('change', this.onMediaChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.media.removeEventListener('change', this.onMediaChange);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('theme')) return;
    // The values depend on the theme attribute, which Lit reflects only after this hook: apply it first,
    // so they are read once, before render (a read in updated() would cost a second render).
    if (this.getAttribute('theme') !== this.theme) this.setAttribute('theme', this.theme);
    this.readValues();
  }

  private readValues(): void {
    const style = getComputedStyle(this);
    this.resolved = Object.fromEntries(
      COLOR_TOKENS.map((name) => [name, style.getPropertyValue(`--mb-host-color-${name}`).trim()]),
    );
  }

  override render() {
    const locale: Locale = resolveLocale(this.lang || this.closest('[lang]')?.getAttribute('lang'));
    const say = (key: keyof typeof de, params?: Record<string, string>) => t(messages, locale, key, params);
    // Token names are code: always left-to-right, also inside Arabic text.
    const name = (text: string) => html`<code dir="ltr">${text}</code>`;
    return html`
      <section part="base" lang=${locale} dir=${dirOf(locale)}>
        <h2>${say('title')}</h2>
        <p>${say('intro', { theme: say(this.theme) })}</p>

        <h3>${say('colors')}</h3>
        <ul class="swatches">
          ${COLOR_TOKENS.map(
            (token) => html`<li>
              <span class="chip" style="--chip: var(--mb-color-${token})" aria-hidden="true"></span>
              <span>${name(`--mb-color-${token}`)}<span class="value" dir="ltr">${this.resolved[token] ?? ''}</span></span>
            </li>`,
          )}
        </ul>

        <h3>${say('radius')}</h3>
        <ul>
          ${RADIUS_TOKENS.map(
            (token) => html`<li>
              <span class="box" style="--chip: var(--mb-radius-${token})" aria-hidden="true"></span>
              ${name(`--mb-radius-${token}`)}
            </li>`,
          )}
        </ul>

        <h3>${say('space')}</h3>
        <ul>
          ${SPACE_TOKENS.map(
            (token) => html`<li>
              <span class="bar" style="--chip: var(--mb-space-${token})" aria-hidden="true"></span>
              ${name(`--mb-space-${token}`)}
            </li>`,
          )}
        </ul>

        <h3>${say('type')}</h3>
        <ul>
          ${FONT_SIZE_TOKENS.map(
            (token) => html`<li>
              <span style="font-size: var(--mb-font-size-${token})">${say('sample')}</span>
              ${name(`--mb-font-size-${token}`)}
            </li>`,
          )}
        </ul>

        <h3>${say('shadow')}</h3>
        <ul>
          ${SHADOW_TOKENS.map(
            (token) => html`<li>
              <span class="shadow" style="--chip: var(--mb-shadow-${token})" aria-hidden="true"></span>
              ${name(`--mb-shadow-${token}`)}
            </li>`,
          )}
        </ul>
      </section>
    `;
  }
}
defineElement('mb-story-tokens', StoryTokens, 'story');

const meta: Meta = {
  title: 'Foundation/Design tokens',
  component: 'mb-story-tokens',
  parameters: {
    docs: {
      description: {
        component: `
The design tokens every \`mb-*\` widget shares (\`widgets/src/shared/tokens.ts\`), shown inside an element
that uses them exactly like a widget: \`static styles = [tokens, baseStyles, …]\`.

Two tiers, both set on the widget's \`:host\` (never on the page's \`:root\`): reference \`--mb-ref-*\` (the raw
palette) and system \`--mb-color-*\`, \`--mb-font-*\`, \`--mb-radius-*\`, \`--mb-space-*\`, \`--mb-shadow-*\`,
\`--mb-motion-*\`. Partners override them on the element: \`mb-dashboard { --mb-color-primary: #0a6 }\`.

**Toolbar.** *Theme* sets the \`theme\` attribute of the story's widgets: \`light\` (default), \`dark\` (also
\`color-scheme: dark\`), \`high-contrast\`, or \`system\` (follows \`prefers-color-scheme\` / \`prefers-contrast\`).
*Locale* sets \`lang\` on the widgets and \`lang\`/\`dir\` on the story wrapper: de (default), en, ar (right-to-left —
the spacing bars grow from the right, token names stay left-to-right). Motion durations drop to 0 under
\`prefers-reduced-motion\`.
`,
      },
    },
  },
};
export default meta;

export const Tokens: StoryObj = {
  render: () => html`<mb-story-tokens></mb-story-tokens>`,
};
