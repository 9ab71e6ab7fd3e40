import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { css, LitElement } from 'lit';
import { defineElement } from './define.ts';
import { currentTheme, parseThemeAttribute, setTheme, ThemeError, themeCss, validateTokens } from './theme.ts';
import { baseStyles, THEME_SHEET, tokens } from './tokens.ts';

class ThemeProbe extends LitElement {
  static override styles = [
    tokens,
    baseStyles,
    css`
      .base {
        background: var(--mb-color-surface);
        border-radius: var(--mb-radius-m);
      }
    `,
  ];
  override render() {
    return html`<div class="base" part="base">themed</div>`;
  }
}
defineElement('mb-test-theme-probe', ThemeProbe, 'test');

const base = (el: Element) => el.shadowRoot!.querySelector('.base')!;
const background = (el: Element) => getComputedStyle(base(el)).backgroundColor;
const radius = (el: Element) => getComputedStyle(base(el)).borderTopLeftRadius;

/** Runs `fn` and returns the ThemeError it threw. */
function themeError(fn: () => unknown): ThemeError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(ThemeError);
    return error as ThemeError;
  }
  throw new Error('expected a ThemeError');
}

describe('setTheme', () => {
  afterEach(() => setTheme(null));

  it('restyles every widget on the page at once, and widgets added later', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <mb-test-theme-probe></mb-test-theme-probe><mb-test-theme-probe theme="dark"></mb-test-theme-probe>
    </div>`);
    const [a, b] = [...page.querySelectorAll('mb-test-theme-probe')];
    setTheme({ '--mb-color-surface': '#f4f8ff', '--mb-radius-m': '0px' });
    expect(background(a!)).to.equal('rgb(244, 248, 255)');
    expect(background(b!)).to.equal('rgb(244, 248, 255)');
    expect(radius(a!)).to.equal('0px');
    const later = await fixture(html`<mb-test-theme-probe></mb-test-theme-probe>`);
    expect(background(later)).to.equal('rgb(244, 248, 255)');
    // Nothing on the page itself.
    expect(getComputedStyle(document.documentElement).getPropertyValue('--mb-color-surface')).to.equal('');
    expect(document.documentElement.getAttribute('style')).to.equal(null);
  });

  it('a preset name themes widgets without their own theme attribute; the attribute wins', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <mb-test-theme-probe></mb-test-theme-probe><mb-test-theme-probe theme="light"></mb-test-theme-probe>
    </div>`);
    const [plain, light] = [...page.querySelectorAll('mb-test-theme-probe')];
    setTheme('brand-example');
    expect(background(plain!)).to.equal('rgb(246, 251, 247)');
    expect(radius(plain!)).to.equal('12px');
    expect(background(light!)).to.equal('rgb(255, 255, 255)');
    setTheme('dark');
    expect(background(plain!)).to.equal('rgb(23, 21, 19)');
    expect(getComputedStyle(plain!).colorScheme).to.equal('dark');
  });

  it('a preset keeps the token overrides; tokens keep the preset; {} and null clear', async () => {
    const el = await fixture(html`<mb-test-theme-probe></mb-test-theme-probe>`);
    setTheme({ '--mb-radius-m': '1px' });
    setTheme('dark');
    expect(radius(el)).to.equal('1px');
    expect(background(el)).to.equal('rgb(23, 21, 19)');
    setTheme({ '--mb-color-surface': '#010203' });
    expect(currentTheme()).to.deep.equal({ preset: 'dark', tokens: { '--mb-color-surface': '#010203' } });
    expect(radius(el)).to.equal('8px');
    setTheme({});
    expect(background(el)).to.equal('rgb(23, 21, 19)');
    setTheme(null);
    expect(background(el)).to.equal('rgb(255, 255, 255)');
    expect(currentTheme()).to.deep.equal({ preset: undefined, tokens: {} });
  });

  it('system follows the OS for widgets without a theme attribute: light, dark, more contrast', async () => {
    const el = await fixture(html`<mb-test-theme-probe></mb-test-theme-probe>`);
    setTheme('system');
    try {
      expect(background(el)).to.equal('rgb(255, 255, 255)');
      await emulateMedia({ colorScheme: 'dark' });
      expect(background(el)).to.equal('rgb(23, 21, 19)');
      expect(getComputedStyle(el).colorScheme).to.equal('dark');
      await emulateMedia({ colorScheme: 'light' });
      expect(background(el)).to.equal('rgb(255, 255, 255)');
      expect(getComputedStyle(el).colorScheme).to.equal('light');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('beats tokens on ancestors; a rule on the element itself beats it', async () => {
    const page = await fixture<HTMLDivElement>(html`<div style="--mb-color-surface: #ff0000">
      <mb-test-theme-probe></mb-test-theme-probe>
      <mb-test-theme-probe style="--mb-color-surface: #00ff00"></mb-test-theme-probe>
    </div>`);
    const [plain, own] = [...page.querySelectorAll('mb-test-theme-probe')];
    expect(background(plain!)).to.equal('rgb(255, 0, 0)');
    setTheme({ '--mb-color-surface': '#eef4ff' });
    expect(background(plain!)).to.equal('rgb(238, 244, 255)');
    expect(background(own!)).to.equal('rgb(0, 255, 0)');
  });

  it('shares one sheet per document, adopted by every widget (and every copy of this module)', async () => {
    const el = await fixture(html`<mb-test-theme-probe></mb-test-theme-probe>`);
    const shared = (document as unknown as Record<symbol, CSSStyleSheet>)[THEME_SHEET];
    expect(shared).to.be.instanceOf(CSSStyleSheet);
    expect(el.shadowRoot!.adoptedStyleSheets).to.include(shared);
    expect(Object.keys(document)).not.to.include(String(THEME_SHEET));
  });

  it('accepts CSS functions and any colour syntax', () => {
    const good = {
      '--mb-font-family': `'Grünfink Sans', system-ui, sans-serif`,
      '--mb-shadow-m': '0 2px 4px rgb(0 0 0 / 0.2)',
      '--mb-space-m': 'calc(1em + 2px)',
      '--mb-color-surface': 'oklch(99% 0.01 90)',
      '--mb-radius-m': 'var(--brand-radius, 8px)',
    };
    expect(validateTokens(good)).to.deep.equal(good);
    expect(() => setTheme(good)).not.to.throw();
  });

  it('rejects unknown token names with a clear error naming the token, and a suggestion', () => {
    const error = themeError(() => setTheme({ '--mb-colour-primary': '#000' } as never));
    expect(error.field).to.equal('--mb-colour-primary');
    expect(error.message).to.contain('unknown token "--mb-colour-primary"').and.contain('"--mb-color-primary"');
    expect(themeError(() => setTheme({ '--mb-space-xxs': '1px' } as never)).message).to.contain(
      '(did you mean "--mb-space-2xs"?)',
    );
    expect(themeError(() => setTheme({ '--mb-radius': '1px' } as never)).message).to.contain('"--mb-radius-s"');
    const noHint = themeError(() => setTheme({ color: 'red' } as never));
    expect(noHint.field).to.equal('color');
    expect(noHint.message).not.to.contain('did you mean');
    expect(noHint.message).to.contain('Known tokens: --mb-color-surface, --mb-color-text');
    // the private tiers are not public API
    expect(themeError(() => setTheme({ '--mb-preset-color-text': '#000' } as never)).field).to.equal(
      '--mb-preset-color-text',
    );
  });

  it('rejects values that could escape the declaration or load non-http(s) resources', () => {
    const bad: [string, string][] = [
      ['red; } :host { display: none', '";"'],
      ['red } x', '"}"'],
      ['{', '"{"'],
      ['red !important', '"!"'],
      ['\\3b', '"\\"'],
      ['red /* x', '"/*"'],
      ['url(javascript:alert(1))', 'http(s)'],
      ['url("data:image/png;base64,AAAA")', '";"'],
      ['url(data:image/png,AAAA)', 'http(s)'],
      ['url(//evil.example/x.png)', 'http(s)'],
      ['image-set("x.png" 1x)', 'image-set'],
      ['', 'empty'],
      ['x'.repeat(501), 'longer'],
    ];
    for (const [value, reason] of bad) {
      const error = themeError(() => validateTokens({ '--mb-color-surface': value }));
      expect(error.field, value).to.equal('--mb-color-surface');
      expect(error.message, value).to.contain(reason);
    }
    expect(themeError(() => validateTokens({ '--mb-color-surface': 3 })).message).to.contain('must be a string');
    expect(themeError(() => validateTokens(['x'])).field).to.equal('tokens');
    expect(themeError(() => setTheme('neon' as never)).field).to.equal('preset');
  });

  it('refuses a value that is not what its token is (colour, length, shadow, duration), naming token and value', () => {
    const bad: [string, string][] = [
      ['--mb-color-primary', 'purple-ish'],
      ['--mb-color-surface', 'url("https://cdn.example/paper.png") #fff'],
      ['--mb-color-text', 'var(--page-text)'],
      ['--mb-color-text', 'currentcolor'],
      ['--mb-radius-m', 'round'],
      ['--mb-space-m', '12 px'],
      ['--mb-shadow-l', 'big'],
      ['--mb-motion-duration-m', '200'],
      ['--mb-font-weight-strong', 'heavy-ish'],
    ];
    for (const [name, value] of bad) {
      const error = themeError(() => setTheme({ [name]: value }));
      expect(error.field, value).to.equal(name);
      expect(error.message, value).to.contain(name);
    }
    expect(themeError(() => setTheme({ '--mb-color-primary': 'purple-ish' })).message).to.contain('not a valid color');
    expect(currentTheme()).to.deep.equal({ preset: undefined, tokens: {} });
  });

  it('refuses overrides and presets whose text would be unreadable (below WCAG AA), keeping the theme', async () => {
    const el = await fixture(html`<mb-test-theme-probe></mb-test-theme-probe>`);
    // White text on a yellow button: 1.22:1.
    const yellow = themeError(() => setTheme({ '--mb-color-primary': '#ffeb3b', '--mb-color-on-primary': '#ffffff' }));
    expect(yellow.field).to.equal('--mb-color-on-primary');
    expect(yellow.message).to.contain('"--mb-color-on-primary" #ffffff on "--mb-color-primary" #ffeb3b');
    expect(yellow.message).to.match(/contrast 1\.22:1, below WCAG AA 4\.5:1/);
    // Text the colour of the surface; a translucent text colour that fades into it.
    expect(
      themeError(() => setTheme({ '--mb-color-text': '#f8f7f5', '--mb-color-surface': '#fbf7f2' })).field,
    ).to.equal('--mb-color-text');
    expect(themeError(() => setTheme({ '--mb-color-text': 'rgb(0 0 0 / 0.1)' })).field).to.equal('--mb-color-text');
    expect(currentTheme()).to.deep.equal({ preset: undefined, tokens: {} });
    expect(background(el)).to.equal('rgb(255, 255, 255)');
    // Readable in light, unreadable once the page-wide preset turns dark: the preset is refused, light stays.
    setTheme({ '--mb-color-text': '#211e1b' });
    expect(themeError(() => setTheme('dark')).field).to.equal('--mb-color-text');
    expect(currentTheme()).to.deep.equal({ preset: undefined, tokens: { '--mb-color-text': '#211e1b' } });
    // `system` may be light, dark or high contrast: checked against all three.
    expect(() => setTheme('system')).to.throw(ThemeError);
    setTheme({ '--mb-color-primary': '#0b3a8f', '--mb-color-on-primary': '#ffffff' });
    expect(currentTheme().tokens).to.deep.equal({
      '--mb-color-primary': '#0b3a8f',
      '--mb-color-on-primary': '#ffffff',
    });
  });

  it('keeps the theme in place when the input is bad', async () => {
    const el = await fixture(html`<mb-test-theme-probe></mb-test-theme-probe>`);
    setTheme({ '--mb-color-surface': '#f4f8ff' });
    expect(() => setTheme({ '--mb-color-surface': '#fff', '--mb-nope': '1' } as never)).to.throw(ThemeError);
    expect(() => setTheme({ '--mb-color-surface': '#fff', '--mb-color-text': '#eeeeee' })).to.throw(ThemeError);
    expect(background(el)).to.equal('rgb(244, 248, 255)');
  });
});

describe('parseThemeAttribute (data-theme)', () => {
  it('reads a preset name or a JSON object of tokens', () => {
    expect(parseThemeAttribute('brand-example')).to.equal('brand-example');
    expect(parseThemeAttribute(' system ')).to.equal('system');
    expect(parseThemeAttribute('{"--mb-color-primary": "#17703c"}')).to.deep.equal({
      '--mb-color-primary': '#17703c',
    });
  });

  it('explains what is wrong', () => {
    expect(themeError(() => parseThemeAttribute('neon')).message).to.contain('unknown preset "neon"');
    expect(themeError(() => parseThemeAttribute('{nope')).field).to.equal('data-theme');
    expect(themeError(() => parseThemeAttribute('{"--mb-x": "1"}')).field).to.equal('--mb-x');
  });
});

describe('themeCss', () => {
  it('writes the preset for widgets without a theme attribute, and the tokens on :host', () => {
    const text = themeCss({ preset: 'system', tokens: { '--mb-radius-m': '2px' } });
    expect(text).to.contain('@media(prefers-color-scheme:dark){:host(:not([theme])){--mb-preset-color-surface:');
    expect(text).to.contain('@media(prefers-contrast:more){:host(:not([theme])){');
    expect(text.endsWith(':host{--mb-radius-m:2px;}')).to.equal(true);
    expect(themeCss({ preset: 'dark', tokens: {} })).to.match(
      /^:host\(:not\(\[theme\]\)\)\{--mb-preset-[^}]*color-scheme:dark;\}$/,
    );
    expect(themeCss({ preset: undefined, tokens: {} })).to.equal('');
  });
});
