import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { anchorFloating, physicalPlacement } from './popover.ts';

/** Resolves once `condition` holds, checking each animation frame (fails after ~3 s of frames). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let frame = 0; frame < 180; frame++) {
    if (condition()) return;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  expect.fail(`timed out waiting for: ${what}`);
}

let stage: HTMLElement;
let cleanup: (() => void) | undefined;

function setup(anchorStyle: string, floatingSize = 'width:200px;height:80px', dir = 'ltr') {
  stage = document.createElement('div');
  stage.dir = dir;
  stage.style.cssText = 'position:relative;height:3000px;width:100%';
  const anchor = document.createElement('button');
  anchor.textContent = 'anchor';
  anchor.style.cssText = `position:absolute;width:80px;height:30px;${anchorStyle}`;
  const floating = document.createElement('div');
  floating.style.cssText = floatingSize;
  const arrow = document.createElement('div');
  arrow.style.cssText = 'position:absolute;width:8px;height:8px';
  floating.append(arrow);
  stage.append(anchor, floating);
  document.body.append(stage);
  return { anchor, floating, arrow };
}

const inViewport = (rect: DOMRect) =>
  rect.left >= 0 && rect.top >= 0 && rect.right <= window.innerWidth && rect.bottom <= window.innerHeight;

beforeEach(async () => {
  await setViewport({ width: 800, height: 600 });
});
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  stage.remove();
  window.scrollTo(0, 0);
});

describe('anchorFloating', () => {
  it('places the floating element below its anchor with the offset and names the placement', async () => {
    const { anchor, floating } = setup('left:100px;top:100px');
    cleanup = anchorFloating(floating, anchor, { placement: 'bottom', offset: 10 });
    await until(() => floating.hasAttribute('data-placement'), 'first position');
    const a = anchor.getBoundingClientRect();
    const f = floating.getBoundingClientRect();
    expect(floating.getAttribute('data-placement')).to.equal('bottom');
    expect(Math.round(f.top - a.bottom)).to.equal(10);
    expect(Math.round(f.left + f.width / 2)).to.equal(Math.round(a.left + a.width / 2));
  });

  it('flips to the other side when there is no room and shifts to stay inside the viewport', async () => {
    const { anchor, floating } = setup('right:0;top:540px');
    cleanup = anchorFloating(floating, anchor, { placement: 'bottom', strategy: 'fixed' });
    await until(() => floating.getAttribute('data-placement') === 'top', 'flipped to top');
    const f = floating.getBoundingClientRect();
    expect(inViewport(f), `in viewport: ${JSON.stringify(f)}`).to.equal(true);
    expect(Math.round(window.innerWidth - f.right)).to.be.at.least(8);
  });

  it('follows its anchor when the page scrolls', async () => {
    const { anchor, floating } = setup('left:100px;top:300px');
    cleanup = anchorFloating(floating, anchor, { placement: 'bottom', strategy: 'fixed' });
    await until(() => floating.hasAttribute('data-placement'), 'first position');
    const anchorTop = anchor.getBoundingClientRect().top;
    const floatingTop = floating.getBoundingClientRect().top;
    window.scrollTo(0, 150);
    await until(
      () => Math.round(floating.getBoundingClientRect().top - anchor.getBoundingClientRect().bottom) === 8,
      'moved with the anchor after scroll',
    );
    expect(Math.round(anchor.getBoundingClientRect().top)).to.equal(Math.round(anchorTop - 150));
    expect(Math.round(floating.getBoundingClientRect().top)).to.equal(Math.round(floatingTop - 150));
  });

  it('stays inside the viewport when the viewport shrinks', async () => {
    const { anchor, floating } = setup('left:560px;top:100px');
    cleanup = anchorFloating(floating, anchor, { placement: 'bottom', strategy: 'fixed' });
    await until(() => floating.hasAttribute('data-placement'), 'first position');
    await setViewport({ width: 620, height: 600 });
    await until(() => floating.getBoundingClientRect().right <= window.innerWidth - 8, 'shifted after resize');
    expect(inViewport(floating.getBoundingClientRect())).to.equal(true);
  });

  it('hides the floating element while its anchor is scrolled out of view, and shows it again', async () => {
    const { anchor, floating } = setup('left:100px;top:100px');
    cleanup = anchorFloating(floating, anchor, { placement: 'bottom', strategy: 'fixed' });
    await until(() => floating.hasAttribute('data-placement'), 'first position');
    expect(floating.style.visibility).to.equal('');
    window.scrollTo(0, 1000);
    await until(() => floating.hasAttribute('data-anchor-hidden'), 'hidden after scrolling away');
    expect(floating.style.visibility).to.equal('hidden');
    window.scrollTo(0, 0);
    await until(() => !floating.hasAttribute('data-anchor-hidden'), 'visible again');
    expect(floating.style.visibility).to.equal('');
  });

  it('positions the arrow along the shared edge, on the side facing the anchor', async () => {
    const { anchor, floating, arrow } = setup('left:300px;top:100px');
    cleanup = anchorFloating(floating, anchor, { placement: 'bottom', arrow });
    await until(() => arrow.style.top !== '', 'arrow placed');
    expect(arrow.style.top).to.equal('-4px');
    expect(arrow.style.left).to.match(/px$/);
  });

  it('resolves logical sides from the anchor direction (RTL: inline-start is on the right)', async () => {
    expect(physicalPlacement('inline-start', false)).to.equal('left');
    expect(physicalPlacement('inline-start', true)).to.equal('right');
    expect(physicalPlacement('inline-end-start', true)).to.equal('left-start');
    expect(physicalPlacement('top-end', true)).to.equal('top-end');
    const { anchor, floating } = setup('left:300px;top:200px', 'width:100px;height:40px', 'rtl');
    cleanup = anchorFloating(floating, anchor, { placement: 'inline-start' });
    await until(() => floating.hasAttribute('data-placement'), 'first position');
    expect(floating.getAttribute('data-placement')).to.equal('right');
    expect(floating.getBoundingClientRect().left).to.be.at.least(anchor.getBoundingClientRect().right);
  });

  it('stops following once cleaned up', async () => {
    const { anchor, floating } = setup('left:100px;top:300px');
    const stop = anchorFloating(floating, anchor, { placement: 'bottom', strategy: 'fixed' });
    await until(() => floating.hasAttribute('data-placement'), 'first position');
    stop();
    const before = floating.style.top;
    window.scrollTo(0, 100);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(floating.style.top).to.equal(before);
  });
});
