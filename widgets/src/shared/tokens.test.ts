import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { type CSSResult, css, LitElement } from 'lit';
import { defineElement } from './define.ts';
import {
  baseStyles,
  COLOR_TOKENS,
  type ColorToken,
  PRESET_DEFINITIONS,
  PRESETS,
  RADIUS_TOKENS,
  REFERENCE,
  resolveColor,
  SPACE_TOKENS,
  SYSTEM_TOKENS,
  tokens,
} from './tokens.ts';

/** The smallest widget: tokens + base styles + a surface, the way every mb-* widget starts. */
class TokenProbe extends LitElement {
  static override styles = [
    tokens,
    baseStyles,
    css`
      :host {
        display: block;
      }
      .base {
        background: var(--mb-color-surface);
        border-radius: var(--mb-radius-m);
        padding: var(--mb-space-m);
        transition: opacity var(--mb-motion-duration-m);
      }
      .small {
        font-size: var(--mb-font-size-s);
      }
    `,
  ];
  override render() {
    return html`<div part="base" class="base">
      <button part="button">Go</button><span class="small">small</span><span hidden>gone</span>
    </div>`;
  }
}
defineElement('mb-test-token-probe', TokenProbe, 'test');

const probe = (theme?: string) =>
  fixture<TokenProbe>(
    theme
      ? html`<mb-test-token-probe theme=${theme}></mb-test-token-probe>`
      : html`<mb-test-token-probe></mb-test-token-probe>`,
  );
const style = (el: Element) => getComputedStyle(el);
const token = (el: Element, name: string) => style(el).getPropertyValue(name).trim();
const base = (el: TokenProbe) => el.shadowRoot!.querySelector('.base')!;

// --- WCAG 2.x relative luminance and contrast ratio, from the token values themselves ---
function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((part) => {
    const c = Number.parseInt(part, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Which colour is read on which, and the WCAG AA minimum: 4.5 text (1.4.3), 3 UI and focus (1.4.11). */
const PAIRS: [foreground: ColorToken, background: ColorToken, minimum: number][] = [
  ['text', 'surface', 4.5],
  ['muted', 'surface', 4.5],
  ['primary', 'surface', 4.5], // links and text buttons
  ['on-primary', 'primary', 4.5], // filled buttons
  ['danger', 'surface', 4.5],
  ['success', 'surface', 4.5],
  ['border', 'surface', 3], // switch tracks, inputs, card edges
  ['focus', 'surface', 3], // the ring sits on the surface, offset from the control by --mb-focus-ring-offset
];

describe('token contrast (WCAG AA) in every preset', () => {
  it('covers every colour role in the pairs', () => {
    const used = new Set(PAIRS.flat());
    expect([...COLOR_TOKENS].filter((name) => !used.has(name))).to.deep.equal([]);
  });

  for (const name of PRESETS) {
    it(`${name}: every text pair ≥ 4.5:1, every UI/focus pair ≥ 3:1`, () => {
      const color = (role: ColorToken) => resolveColor(PRESET_DEFINITIONS[name].color[role]);
      const failures = PAIRS.map(([fg, bg, minimum]) => ({ fg, bg, minimum, ratio: contrast(color(fg), color(bg)) }))
        .filter(({ ratio, minimum }) => ratio < minimum)
        .map(({ fg, bg, ratio, minimum }) => `${fg} on ${bg}: ${ratio.toFixed(2)} < ${minimum}`);
      expect(failures).to.deep.equal([]);
    });
  }

  it('the contrast maths itself: black on white is 21:1, a colour on itself 1:1', () => {
    expect(contrast('#000000', '#ffffff')).to.be.closeTo(21, 0.001);
    expect(contrast('#777777', '#777777')).to.equal(1);
    expect(contrast('#767676', '#ffffff')).to.be.greaterThan(4.5); // the classic AA grey
  });
});

/** SHA-256 of a text, hex. */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

describe('generated sheets', () => {
  // The visual regression baselines (tests/visual) were taken with exactly these texts; tokens.ts builds them
  // from compact data, so a change there must not change a byte here. Update these hashes only together with
  // the baselines, deliberately.
  it('the token sheet and the base styles are byte-identical to the baseline', async () => {
    const sheet = (tokens[0] as CSSResult).cssText;
    expect(sheet.length).to.equal(16634);
    expect(await sha256(sheet)).to.equal('37e61c973f8905431cdf1e71c6e9acc6ebeeff771782f47779ecf3c33d73ff33');
    // 1195: `hyphens:auto` on the root (issue 17: long German words break with a hyphen, by the widget's `lang`).
    expect(baseStyles.cssText.length).to.equal(1195);
    expect(await sha256(baseStyles.cssText)).to.equal(
      '4c9e9f26ee58e407f3226fb0c3bd997ff5567b86d4e93f7c841ccbf3087057a1',
    );
  });

  it('declares every palette step, every preset and every public token name', () => {
    const sheet = (tokens[0] as CSSResult).cssText;
    for (const name of Object.keys(REFERENCE)) expect(sheet, name).to.contain(`--mb-ref-${name}:${REFERENCE[name]};`);
    expect(Object.keys(REFERENCE)).to.have.length(28);
    for (const name of PRESETS.slice(1)) expect(sheet, name).to.contain(`:host([theme=${name}]){`);
    for (const name of SYSTEM_TOKENS) expect(sheet, name).to.contain(`--mb-${name}:var(--mb-host-${name});`);
  });
});

describe('tokens', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference', forcedColors: 'none' }));

  it('resolves every system token on the host and gives the public names back inside the shadow root', async () => {
    const el = await probe();
    const inner = base(el);
    for (const name of COLOR_TOKENS) {
      expect(token(el, `--mb-host-color-${name}`), name).to.match(/^#[0-9a-f]{6}$/);
      expect(token(inner, `--mb-color-${name}`), name).to.equal(token(el, `--mb-host-color-${name}`));
    }
    for (const name of RADIUS_TOKENS) expect(token(inner, `--mb-radius-${name}`), name).to.match(/px$/);
    for (const name of SPACE_TOKENS) expect(token(inner, `--mb-space-${name}`), name).to.match(/em$/);
    expect(token(inner, '--mb-shadow-m')).to.contain('rgb');
    // The public names are not declared on the host: an ancestor's value can reach it.
    expect(token(el, '--mb-color-surface')).to.equal('');
  });

  it("never sets anything on the page's :root or body", async () => {
    await probe('dark');
    for (const name of SYSTEM_TOKENS) {
      expect(token(document.documentElement, `--mb-${name}`)).to.equal('');
      expect(token(document.body, `--mb-${name}`)).to.equal('');
    }
  });

  it('light is the default; dark flips the surface and sets color-scheme', async () => {
    const plain = await probe();
    const light = await probe('light');
    const dark = await probe('dark');
    expect(style(base(plain)).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(style(base(light)).backgroundColor).to.equal(style(base(plain)).backgroundColor);
    expect(style(base(dark)).backgroundColor).not.to.equal(style(base(light)).backgroundColor);
    expect(style(dark).colorScheme).to.equal('dark');
    expect(style(light).colorScheme).to.equal('light');
    expect(style(base(dark)).color).not.to.equal(style(base(light)).color);
  });

  it('high-contrast uses black text and thicker lines; brand-example has its own colours and corners', async () => {
    const light = await probe('light');
    const hc = await probe('high-contrast');
    expect(style(base(hc)).color).to.equal('rgb(0, 0, 0)');
    expect(token(base(hc), '--mb-border-width')).to.equal('2px');
    expect(token(base(hc), '--mb-shadow-m')).to.equal('none');
    const brand = await probe('brand-example');
    expect(style(base(brand)).backgroundColor).to.equal('rgb(246, 251, 247)');
    expect(token(base(brand), '--mb-color-primary')).to.equal('#17703c');
    expect(style(base(brand)).borderTopLeftRadius).to.equal('12px');
    expect(style(base(light)).borderTopLeftRadius).to.equal('8px');
  });

  it('switches when the theme attribute changes', async () => {
    const el = await probe('light');
    const before = style(base(el)).backgroundColor;
    el.setAttribute('theme', 'dark');
    expect(style(base(el)).backgroundColor).not.to.equal(before);
  });

  it("an ancestor's token beats the preset; a rule on the element beats the ancestor", async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--mb-color-surface: #123456; --mb-radius-m: 3px">
      <mb-test-token-probe theme="dark"></mb-test-token-probe>
      <mb-test-token-probe theme="light" style="--mb-color-surface: #abcdef"></mb-test-token-probe>
    </div>`);
    const [dark, light] = [...wrapper.querySelectorAll('mb-test-token-probe')] as TokenProbe[];
    await dark!.updateComplete;
    await light!.updateComplete;
    expect(style(base(dark!)).backgroundColor).to.equal('rgb(18, 52, 86)');
    expect(style(base(dark!)).borderTopLeftRadius).to.equal('3px');
    // The rest of the preset is untouched.
    expect(style(base(dark!)).color).to.equal('rgb(248, 247, 245)');
    expect(style(base(light!)).backgroundColor).to.equal('rgb(171, 205, 239)');
  });

  it('theme="system" follows prefers-color-scheme', async () => {
    const el = await probe('system');
    await emulateMedia({ colorScheme: 'light' });
    const light = style(base(el)).backgroundColor;
    await emulateMedia({ colorScheme: 'dark' });
    expect(style(base(el)).backgroundColor).not.to.equal(light);
    expect(style(el).colorScheme).to.equal('dark');
    const explicitLight = await probe('light');
    expect(style(base(explicitLight)).backgroundColor).to.equal(light);
  });

  it('drops motion durations to 0 under prefers-reduced-motion, whatever the page set', async () => {
    const el = await probe();
    el.style.setProperty('--mb-motion-duration-m', '900ms');
    expect(token(base(el), '--mb-motion-duration-m')).to.equal('900ms');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(token(base(el), '--mb-motion-duration-m')).to.equal('0ms');
    expect(style(base(el)).transitionDuration).to.equal('0s');
  });

  it('forced-colors: system colours beat presets and page tokens; the focus ring stays visible', async () => {
    const el = await probe('brand-example');
    el.style.setProperty('--mb-color-focus', 'transparent');
    await emulateMedia({ forcedColors: 'active' });
    expect(token(base(el), '--mb-color-surface')).to.equal('Canvas');
    expect(token(base(el), '--mb-color-focus')).to.equal('Highlight');
    await sendKeys({ press: 'Tab' });
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.matches(':focus-visible')).to.equal(true);
    expect(style(button).outlineStyle).to.equal('solid');
    expect(style(button).outlineWidth).to.equal('3px');
  });
});

describe('baseStyles', () => {
  it('uses border-box, inherits the font into controls and really hides [hidden]', async () => {
    const el = await probe();
    const button = el.shadowRoot!.querySelector('button')!;
    expect(style(button).boxSizing).to.equal('border-box');
    expect(style(button).fontFamily).to.equal(style(el).fontFamily);
    expect(style(el.shadowRoot!.querySelector('span[hidden]')!).display).to.equal('none');
    el.hidden = true;
    expect(style(el).display).to.equal('none');
  });

  it("inherits the page's font family, unless --mb-font-family is set", async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="font-family: 'Courier New', monospace">
      <mb-test-token-probe></mb-test-token-probe>
      <mb-test-token-probe style="--mb-font-family: Georgia, serif"></mb-test-token-probe>
    </div>`);
    const [plain, custom] = [...wrapper.querySelectorAll('mb-test-token-probe')] as TokenProbe[];
    await plain!.updateComplete;
    expect(style(base(plain!)).fontFamily).to.equal('"Courier New", monospace');
    expect(style(base(custom!)).fontFamily).to.equal('Georgia, serif');
  });

  it("sizes follow the browser's default font size, not the page's html font-size or * rules", async () => {
    const defaultSize = style(document.documentElement).fontSize; // before we touch it
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`html { font-size: 62.5% } * { font-size: 30px !important; line-height: 9 !important;
      letter-spacing: 4px !important; text-transform: uppercase !important; color: red !important;
      box-sizing: content-box !important }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      const el = await probe();
      const inner = base(el);
      expect(style(inner).fontSize).to.equal(defaultSize);
      expect(style(inner).paddingTop).to.equal(defaultSize); // --mb-space-m: 1em
      expect(style(el.shadowRoot!.querySelector('.small')!).fontSize).to.equal(
        `${Number.parseFloat(defaultSize) * 0.875}px`,
      );
      expect(style(inner).lineHeight).to.equal(`${Number.parseFloat(defaultSize) * 1.5}px`);
      expect(style(inner).letterSpacing).to.equal('normal');
      expect(style(inner).textTransform).to.equal('none');
      expect(style(inner).color).to.equal('rgb(33, 30, 27)');
      expect(style(inner).boxSizing).to.equal('border-box');
      // …while the page got what it asked for.
      expect(style(el).fontSize).to.equal('30px');
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }
  });

  it('--mb-font-size-base scales a widget deliberately', async () => {
    const el = await fixture<TokenProbe>(
      html`<mb-test-token-probe style="--mb-font-size-base: 20px"></mb-test-token-probe>`,
    );
    expect(style(base(el)).fontSize).to.equal('20px');
    expect(style(base(el)).paddingTop).to.equal('20px');
  });

  it('draws a focus ring in --mb-color-focus for keyboard focus', async () => {
    const el = await probe('dark');
    await sendKeys({ press: 'Tab' });
    const button = el.shadowRoot!.querySelector('button')!;
    expect(el.shadowRoot!.activeElement).to.equal(button);
    expect(button.matches(':focus-visible')).to.equal(true);
    expect(style(button).outlineStyle).to.equal('solid');
    expect(style(button).outlineWidth).to.equal('2px');
    expect(style(button).outlineColor).to.equal('rgb(156, 188, 255)');
  });
});
