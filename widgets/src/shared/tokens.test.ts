import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { css, LitElement } from 'lit';
import { defineElement } from './define.ts';
import { baseStyles, COLOR_TOKENS, RADIUS_TOKENS, SPACE_TOKENS, tokens } from './tokens.ts';

/** The smallest widget: tokens + base styles + a surface, the way every mb-* widget starts. */
class TokenProbe extends LitElement {
  static override styles = [
    tokens,
    baseStyles,
    css`
      :host {
        display: block;
        background: var(--mb-color-surface);
        transition: opacity var(--mb-motion-duration-m);
      }
    `,
  ];
  override render() {
    return html`<button part="button">Go</button><span hidden>gone</span>`;
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

describe('tokens', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('defines every system token on the host', async () => {
    const el = await probe();
    for (const name of COLOR_TOKENS) expect(token(el, `--mb-color-${name}`), name).to.match(/^#[0-9a-f]{6}$/);
    for (const name of RADIUS_TOKENS) expect(token(el, `--mb-radius-${name}`), name).to.match(/px$/);
    for (const name of SPACE_TOKENS) expect(token(el, `--mb-space-${name}`), name).to.match(/rem$/);
    expect(token(el, '--mb-font-family')).to.contain('system-ui');
    expect(token(el, '--mb-shadow-m')).to.contain('rgb');
  });

  it("never sets anything on the page's :root", async () => {
    await probe('dark');
    expect(token(document.documentElement, '--mb-color-surface')).to.equal('');
    expect(token(document.body, '--mb-color-surface')).to.equal('');
  });

  it('light is the default; dark flips the surface and sets color-scheme', async () => {
    const plain = await probe();
    const light = await probe('light');
    const dark = await probe('dark');
    expect(style(plain).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(style(light).backgroundColor).to.equal(style(plain).backgroundColor);
    expect(style(dark).backgroundColor).not.to.equal(style(light).backgroundColor);
    expect(style(dark).colorScheme).to.equal('dark');
    expect(style(light).colorScheme).to.equal('light');
    expect(style(dark).color).not.to.equal(style(light).color);
  });

  it('high-contrast uses black text and thicker lines', async () => {
    const light = await probe('light');
    const hc = await probe('high-contrast');
    expect(style(hc).color).to.equal('rgb(0, 0, 0)');
    expect(token(hc, '--mb-border-width')).to.equal('2px');
    expect(token(hc, '--mb-color-primary')).not.to.equal(token(light, '--mb-color-primary'));
    expect(token(hc, '--mb-shadow-m')).to.equal('none');
  });

  it('switches when the theme attribute changes', async () => {
    const el = await probe('light');
    const before = style(el).backgroundColor;
    el.setAttribute('theme', 'dark');
    expect(style(el).backgroundColor).not.to.equal(before);
  });

  it('theme="system" follows prefers-color-scheme', async () => {
    const el = await probe('system');
    await emulateMedia({ colorScheme: 'light' });
    const light = style(el).backgroundColor;
    await emulateMedia({ colorScheme: 'dark' });
    expect(style(el).backgroundColor).not.to.equal(light);
    expect(style(el).colorScheme).to.equal('dark');
    const explicitLight = await probe('light');
    expect(style(explicitLight).backgroundColor).to.equal(light);
  });

  it('drops motion durations to 0 under prefers-reduced-motion', async () => {
    const el = await probe();
    expect(token(el, '--mb-motion-duration-m')).to.equal('200ms');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(token(el, '--mb-motion-duration-m')).to.equal('0ms');
    expect(style(el).transitionDuration).to.equal('0s');
  });
});

describe('baseStyles', () => {
  it('uses border-box, inherits the font into controls and really hides [hidden]', async () => {
    const el = await probe();
    const button = el.shadowRoot!.querySelector('button')!;
    expect(style(button).boxSizing).to.equal('border-box');
    expect(style(button).fontFamily).to.equal(style(el).fontFamily);
    expect(style(el.shadowRoot!.querySelector('span')!).display).to.equal('none');
    el.hidden = true;
    expect(style(el).display).to.equal('none');
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
