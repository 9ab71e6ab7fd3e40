import type { RecommendationItem } from '@matbakh/contract';
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import {
  createFakeRecommendationsClient,
  type FakeRecommendationsClientOptions,
  sampleItems,
} from '../../test-support/fake-recommendations-client.ts';
import { part, parts, until } from '../../test-support/harness.ts';
import type { MbRecommendationCard } from '../recommendation-card/recommendation-card.component.ts';
import { deepActiveElement } from '../shared/focus.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import type { MbRecommendations } from './recommendations.component.ts';
import './recommendations.ts';
import { cards, settled } from '../../test-support/recommendations-harness.ts';

/** What a guest on a 390 px phone gets: the cards side by side in one row, not a screen per card. */

const litWarnings = captureLitWarnings();

interface Options extends FakeRecommendationsClientOptions {
  lang?: string;
  style?: string;
}

async function setup({ lang = 'en', style = '', ...options }: Options = {}) {
  const client = createFakeRecommendationsClient(options);
  const el = await fixture<MbRecommendations>(
    html`<div style="padding: 0 16px">
      <button type="button">before</button>
      <mb-recommendations .client=${client} limit="4" lang=${lang} style=${style}></mb-recommendations>
      <button type="button">after</button>
    </div>`,
  ).then((wrapper) => wrapper.querySelector<MbRecommendations>('mb-recommendations')!);
  if (!options.hang) await settled(el);
  return { el, client };
}

const rect = (node: Element) => node.getBoundingClientRect();
const withImages = (): RecommendationItem[] =>
  sampleItems('guest', 'en').map((item) => ({
    ...item,
    image: { url: `/no-such-image-${item.id}.jpg`, width: 400, height: 300, alt: '' },
  }));

before(() => emulateMedia({ reducedMotion: 'reduce' }));
beforeEach(() => setViewport({ width: 390, height: 844 }));
after(() => setViewport({ width: 800, height: 600 }));

describe('<mb-recommendations> on a 390 px phone', () => {
  it('is one card tall: the cards stand in one row that scrolls sideways', async () => {
    const { el } = await setup();
    const list = part(el, 'list')!;
    const items = parts(el, 'item');
    expect(items).to.have.length(4);
    const card = rect(items[0]!);
    for (const item of items) expect(rect(item).top).to.equal(card.top);
    // Heading and basis line above, one card, the row's padding and scroll bar below: nothing more.
    const chrome = rect(list).top - rect(el).top;
    expect(rect(el).height).to.be.at.most(chrome + card.height + 24);
    expect(rect(el).height).to.be.below(600);
    // The next card peeks in at the edge: the hint that more follow.
    const second = rect(items[1]!);
    expect(second.left).to.be.below(rect(list).right - 16);
    expect(second.right).to.be.above(rect(list).right);
  });

  it('stays a list, named by its heading, and is a tab stop while it scrolls', async () => {
    const { el } = await setup();
    const list = el.shadowRoot!.querySelector<HTMLUListElement>('ul[part~="list"]')!;
    expect(list.querySelectorAll(':scope > li')).to.have.length(4);
    expect(list.getAttribute('aria-labelledby')).to.equal(part(el, 'heading')!.id);
    expect(list.tabIndex).to.equal(0);
    await expect(el).to.be.accessible();
    // Wide enough for a grid: nothing scrolls, no extra tab stop.
    el.style.inlineSize = '720px';
    await until(() => !list.hasAttribute('tabindex'), 'no tab stop in the grid');
    expect(rect(parts(el, 'item')[1]!).top).to.equal(rect(parts(el, 'item')[0]!).top);
  });

  it('lets the keyboard reach every card, each scrolled into view as it gets focus', async () => {
    const { el } = await setup();
    const list = part(el, 'list')!;
    el.parentElement!.querySelector('button')!.focus();
    const reached = new Set<number>();
    for (let i = 0; i < 40; i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement();
      if (active === el.parentElement!.querySelector('button:last-of-type')) break; // past the element
      const index = cards(el).findIndex((card) => card.shadowRoot!.contains(active));
      if (index < 0) continue; // the basis line's links, the row itself (arrow keys scroll it)
      reached.add(index);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const box = rect(active!);
      expect(box.left, `card ${index + 1} in view`).to.be.at.least(rect(list).left - 1);
      expect(box.right, `card ${index + 1} in view`).to.be.at.most(rect(list).right + 1);
    }
    expect([...reached]).to.deep.equal([0, 1, 2, 3]);
  });

  it('starts at the right and peeks to the left in Arabic', async () => {
    const { el } = await setup({ lang: 'ar' });
    const list = rect(part(el, 'list')!);
    const [first, second] = parts(el, 'item').map(rect);
    expect(first!.right).to.be.closeTo(list.right - 4, 2);
    expect(second!.right).to.be.below(first!.left);
    expect(second!.right).to.be.above(list.left + 16);
  });

  it('shows skeletons exactly the size of cards with images, and of cards without', async () => {
    for (const items of [withImages(), sampleItems('guest', 'en')]) {
      const { el, client } = await setup({ hang: true, items });
      const skeletons = parts(el, 'skeleton');
      await Promise.all(
        skeletons.map((s) => s.querySelector<MbRecommendationCard>('mb-recommendation-card')!.updateComplete),
      );
      const skeleton = rect(skeletons[0]!);
      const before = rect(el).height;
      client.options.hang = false;
      await el.load();
      await settled(el);
      expect(rect(parts(el, 'item')[0]!).height).to.equal(skeleton.height);
      expect(rect(el).height).to.equal(before);
    }
  });

  it('keeps at least one card wide in a shrink-to-fit place (a flex row)', async () => {
    const { el } = await setup();
    el.parentElement!.style.display = 'flex';
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(rect(el).width).to.be.at.least(14 * 16);
    expect(rect(parts(el, 'item')[0]!).width).to.be.above(150);
  });

  it('issued no Lit dev warnings', () => {
    expect(litWarnings).to.deep.equal([]);
  });
});
