import type { RecommendationItem } from '@matbakh/contract';
import { expect, fixture, html } from '@open-wc/testing';
import { sampleItems } from '../../test-support/fake-recommendations-client.ts';
import { part, text } from '../../test-support/harness.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import type { MbRecommendationCard } from './recommendation-card.component.ts';
import './recommendation-card.ts';

const litWarnings = captureLitWarnings();

/** A dish of the samples: they have no image. */
const dish = (lang: 'de' | 'en' | 'ar' = 'en') => sampleItems('guest', lang)[0]!;
const withImage = (item: RecommendationItem): RecommendationItem => ({
  ...item,
  image: { url: '/no-such-image.jpg', width: 640, height: 480, alt: '' },
});

async function card(
  item: RecommendationItem | undefined,
  { media = 'cover', lang = 'en', theme = 'light', placeholder = '' } = {},
) {
  return fixture<MbRecommendationCard>(
    html`<mb-recommendation-card
      .item=${item}
      media=${media}
      lang=${lang}
      theme=${theme}
      placeholder=${placeholder}
      style="display: block; inline-size: 280px"
    ></mb-recommendation-card>`,
  );
}

/** `rgb(r g b)` or `color(srgb r g b)` (what color-mix() computes to) as 0–255 channels. */
const rgb = (colour: string) => {
  const scale = colour.startsWith('color(') ? 255 : 1;
  return (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => Number(c) * scale) as [number, number, number];
};
const luminance = ([r, g, b]: number[]) => {
  const [R, G, B] = [r!, g!, b!].map((c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};
const height = (el: Element) => el.getBoundingClientRect().height;

describe('<mb-recommendation-card>: a dish without image', () => {
  for (const theme of ['light', 'dark', 'high-contrast']) {
    it(`shows its initial on a tinted tile, not a grey box, hidden from assistive technology (${theme})`, async () => {
      const el = await card(dish(), { theme });
      const tile = part(el, 'placeholder')!;
      expect(tile.getAttribute('aria-hidden')).to.equal('true');
      expect(text(part(el, 'initial'))).to.equal('F');
      const background = getComputedStyle(tile).backgroundColor;
      const surface = getComputedStyle(part(el, 'base')!).backgroundColor;
      // A tile of its own, tinted with the theme's primary colour (grey has equal channels).
      expect(background).not.to.equal(surface);
      const [r, g, b] = rgb(background);
      if (theme !== 'high-contrast') expect(Math.max(r, g, b) - Math.min(r, g, b), background).to.be.at.least(10);
      // The letter reads as a graphic on its tile (WCAG 1.4.11: 3:1).
      expect(contrast(getComputedStyle(part(el, 'initial')!).color, background)).to.be.at.least(3);
      await expect(el).to.be.accessible();
    });
  }

  it('shows no grey box as a thumbnail either: a small tile beside the title', async () => {
    const el = await card(dish(), { media: 'thumbnail' });
    const tile = part(el, 'placeholder')!.getBoundingClientRect();
    const title = part(el, 'title')!.getBoundingClientRect();
    expect(tile.width).to.equal(tile.height);
    expect(tile.width).to.be.at.most(72);
    expect(tile.top).to.be.closeTo(title.top, 2);
    expect(tile.right).to.be.at.most(title.left);
  });

  it('is as tall with a thumbnail image as without, and as its placeholder', async () => {
    const without = await card(dish(), { media: 'thumbnail' });
    const image = await card(withImage(dish()), { media: 'thumbnail' });
    const placeholder = await card(undefined, { media: 'thumbnail', placeholder: 'dish' });
    expect(part(image, 'image')).to.exist;
    expect(height(image)).to.equal(height(without));
    expect(height(placeholder)).to.equal(height(without));
    // What a phone gains: the 4:3 box above the text is gone.
    const cover = await card(dish());
    expect(height(without)).to.be.at.most(height(cover) - 150);
  });

  it('puts the thumbnail at the start of the line in either direction', async () => {
    const en = await card(dish('en'), { media: 'thumbnail', lang: 'en' });
    const ar = await card(dish('ar'), { media: 'thumbnail', lang: 'ar' });
    const left = (el: MbRecommendationCard, name: string) => part(el, name)!.getBoundingClientRect().left;
    expect(left(en, 'placeholder')).to.be.below(left(en, 'title'));
    expect(left(ar, 'placeholder')).to.be.above(left(ar, 'title'));
  });

  it("keeps the initial under an image that has not loaded, and takes an owner feature's none", async () => {
    const el = await card(withImage(dish()), { media: 'thumbnail' });
    expect(text(part(el, 'initial'))).to.equal('F');
    const feature = await card(sampleItems('owner', 'en')[0]!, { media: 'thumbnail' });
    expect(part(feature, 'media')).to.equal(null);
  });

  it('issued no Lit dev warnings', () => {
    expect(litWarnings).to.deep.equal([]);
  });
});
