import type { RecommendationItem } from '@matbakh/contract';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { sampleItems } from '../../test-support/fake-recommendations-client.ts';
import { localizeItem } from '../recommendations/localize-item.ts';
import { deepActiveElement } from '../shared/focus.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import type { MbRecommendationCard } from './recommendation-card.component.ts';
import './recommendation-card.ts';
import { part, text } from '../../test-support/harness.ts';
import type { FeedbackDetail, RecommendationClickDetail } from './recommendation-events.ts';

const litWarnings = captureLitWarnings();

const withImage = (item: RecommendationItem): RecommendationItem => ({
  ...item,
  image: { url: '/no-such-image.jpg', width: 640, height: 480, alt: 'Falafel wrap on a plate' },
});

async function setup(
  item: RecommendationItem | undefined = withImage(sampleItems('guest', 'en')[0]!),
  { lang = 'en', theme = 'light', style = '' } = {},
) {
  const el = await fixture<MbRecommendationCard>(
    html`<mb-recommendation-card
      .item=${item}
      request-id="req-7"
      position="3"
      lang=${lang}
      theme=${theme}
      style=${style}
    ></mb-recommendation-card>`,
  );
  const events = {
    click: [] as RecommendationClickDetail[],
    feedback: [] as FeedbackDetail[],
    explanation: [] as CustomEvent[],
    privacy: [] as CustomEvent[],
  };
  const listeners: [string, (e: Event) => void][] = [
    ['mb-recommendation-click', (e) => events.click.push((e as CustomEvent).detail)],
    ['mb-feedback', (e) => events.feedback.push((e as CustomEvent).detail)],
    ['mb-explanation-open', (e) => events.explanation.push(e as CustomEvent)],
    ['mb-privacy-open', (e) => events.privacy.push(e as CustomEvent)],
    // Links must not navigate the test page away.
    ['click', (e) => e.preventDefault()],
  ];
  for (const [type, listener] of listeners) document.addEventListener(type, listener);
  cleanups.push(() => {
    for (const [type, listener] of listeners) document.removeEventListener(type, listener);
  });
  return { el, events };
}

const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await setViewport({ width: 800, height: 600 });
  window.scrollTo(0, 0);
});

const frames = async (n = 3) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
};
const popoverOpen = (el: MbRecommendationCard) => !part(el, 'popover')!.hidden;

describe('<mb-recommendation-card>', () => {
  describe('accessibility (axe)', () => {
    for (const lang of ['de', 'en', 'ar']) {
      for (const theme of ['light', 'dark']) {
        it(`is accessible, closed and with the popover open, in ${lang}, ${theme}`, async function () {
          this.timeout(30_000); // axe twice, on a loaded machine
          const { el } = await setup(withImage(sampleItems('guest', lang as 'en')[0]!), { lang, theme });
          await expect(el).to.be.accessible();
          part(el, 'why')!.click();
          await el.updateComplete;
          expect(popoverOpen(el)).to.equal(true);
          await expect(el).to.be.accessible();
        });
      }
    }

    it('is accessible as an owner feature card without image', async () => {
      const { el } = await setup(sampleItems('owner', 'en')[0]!);
      expect(part(el, 'media')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('defaults', () => {
    it('shows image, linked title, origin, price, tags and the first reason', async () => {
      const { el } = await setup();
      const img = part<HTMLImageElement>(el, 'image')!;
      expect(img.getAttribute('width')).to.equal('640');
      expect(img.getAttribute('height')).to.equal('480');
      expect(img.loading).to.equal('lazy');
      expect(img.alt).to.equal('Falafel wrap on a plate');
      expect(part<HTMLAnchorElement>(el, 'link')!.href).to.equal('https://matbakh.app/dishes/d-falafel');
      expect(text(part(el, 'title'))).to.equal('Falafel-Wrap');
      expect(text(part(el, 'subtitle'))).to.equal('from Beirut Kitchen');
      expect(text(part(el, 'price'))).to.equal('€8.50');
      expect(text(part(el, 'tags'))).to.equal('vegan');
      expect(text(part(el, 'reason'))).to.equal('Because you ordered Hummus');
      expect(part(el, 'why')!.getAttribute('aria-expanded')).to.equal('false');
      expect(popoverOpen(el)).to.equal(false);
    });

    it('reserves the image box before the image loads (no layout shift)', async () => {
      const { el } = await setup(undefined, { style: 'width: 300px; display: block' });
      const media = part(el, 'media')!;
      expect(Math.round(media.getBoundingClientRect().height)).to.be.closeTo(Math.round((300 - 2) * 0.75), 2);
    });

    it('formats the price for the locale', async () => {
      const { el } = await setup(undefined, { lang: 'de' });
      expect(text(part(el, 'price'))).to.equal('8,50 €');
    });

    it('renders nothing without an item', async () => {
      const { el } = await setup(undefined);
      el.item = undefined;
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('article')).to.equal(null);
    });
  });

  describe('language', () => {
    const dish = (overrides: Partial<RecommendationItem> = {}): RecommendationItem => ({
      ...sampleItems('guest', 'en')[0]!,
      tags: ['german', 'main', 'upgrade', 'Hausgemacht'],
      reasons: [
        { code: 'because_you_ordered', params: { item: 'Falafel' }, text: 'Because you ordered Falafel' },
        { code: 'seasonal', params: { season: 'winter' }, text: 'In season (winter)' },
      ],
      ...overrides,
    });
    const tags = (el: MbRecommendationCard) => [...el.shadowRoot!.querySelectorAll('[part~="tag"]')].map(text);

    it("names cuisines, courses and feature kinds in the card's language; a partner's own tag as given", async () => {
      const expected = {
        de: ['Deutsch', 'Hauptgericht', 'Upgrade', 'Hausgemacht'],
        en: ['German', 'Main course', 'Upgrade', 'Hausgemacht'],
        ar: ['ألماني', 'طبق رئيسي', 'ترقية', 'Hausgemacht'],
      };
      for (const [lang, names] of Object.entries(expected)) {
        // What `<mb-recommendations>` hands its cards.
        const { el } = await setup(localizeItem(dish(), lang as 'de' | 'en' | 'ar', 'formal'), { lang });
        expect(tags(el), lang).to.deep.equal(names);
      }
    });

    it('says its reasons in its own language, whatever language the server answered in', async () => {
      const { el } = await setup(localizeItem(dish(), 'ar', 'formal'), { lang: 'ar' });
      expect(text(part(el, 'reason'))).to.equal('لأنك طلبت Falafel');
      part(el, 'why')!.click();
      await el.updateComplete;
      const listed = [...el.shadowRoot!.querySelectorAll('[part~="reasons"] li')].map(text);
      expect(listed).to.deep.equal(['لأنك طلبت Falafel', 'مناسب للموسم (الشتاء)']);
    });

    it('addresses the visitor formally in German unless the tenant chose "du"', async () => {
      const { el } = await setup(localizeItem(dish(), 'de', 'formal'), { lang: 'de' });
      expect(text(part(el, 'reason'))).to.equal('Weil Sie Falafel bestellt haben');
      el.item = localizeItem(dish(), 'de', 'informal');
      el.address = 'informal';
      await el.updateComplete;
      expect(text(part(el, 'reason'))).to.equal('Weil du Falafel bestellt hast');
      part(el, 'why')!.click();
      await el.updateComplete;
      expect(text(part(el, 'popover-title'))).to.equal('Warum du das siehst');
    });
  });

  describe('server strings are inert', () => {
    it('renders markup in title, tags and reasons as text', async () => {
      const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
      const { el } = await setup({
        ...sampleItems('guest', 'en')[0]!,
        title: evil,
        tags: [evil],
        restaurantName: evil,
        reasons: [
          { code: 'because_you_ordered', params: { item: evil }, text: evil },
          { code: 'from_a_newer_server', params: {}, text: evil } as unknown as RecommendationItem['reasons'][number],
        ],
      });
      expect(text(part(el, 'title'))).to.equal(evil);
      expect(text(part(el, 'reason'))).to.equal(evil);
      expect(el.shadowRoot!.querySelectorAll('script, img')).to.have.length(0);
      part(el, 'why')!.click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelectorAll('script, img')).to.have.length(0);
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });

    it('links no javascript: or data: URL, and shows no such image', async () => {
      for (const url of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<b>x</b>']) {
        const { el } = await setup({
          ...sampleItems('guest', 'en')[0]!,
          url,
          image: { url, width: 10, height: 10, alt: '' },
        });
        expect(part(el, 'link'), url).to.equal(null);
        expect(el.shadowRoot!.querySelector('a'), url).to.equal(null);
        expect(part(el, 'image'), url).to.equal(null);
        expect(text(part(el, 'title'))).to.equal('Falafel-Wrap');
      }
    });
  });

  describe('"Why this?" popover', () => {
    it('opens from the keyboard, lists every reason, and Escape closes it with focus back on the button', async () => {
      const { el } = await setup();
      const why = part(el, 'why')!;
      why.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(popoverOpen(el)).to.equal(true);
      expect(why.getAttribute('aria-expanded')).to.equal('true');
      expect(deepActiveElement()).to.equal(part(el, 'popover'));
      const reasons = [...part(el, 'reasons')!.querySelectorAll('li')].map(text);
      expect(reasons).to.deep.equal(['Because you ordered Hummus', 'You often order around this time (19:00)']);
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(part(el, 'close'));
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(popoverOpen(el)).to.equal(false);
      expect(deepActiveElement()).to.equal(why);
    });

    it('closes with its close button (focus back) and on a click outside (focus stays)', async () => {
      const { el } = await setup();
      part(el, 'why')!.click();
      await el.updateComplete;
      part(el, 'close')!.click();
      await el.updateComplete;
      expect(popoverOpen(el)).to.equal(false);
      expect(deepActiveElement()).to.equal(part(el, 'why'));
      part(el, 'why')!.click();
      await el.updateComplete;
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      await el.updateComplete;
      expect(popoverOpen(el)).to.equal(false);
    });

    it('closes when Tab leaves it', async () => {
      const { el } = await setup();
      part(el, 'why')!.click();
      await el.updateComplete;
      part(el, 'privacy')!.focus();
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(deepActiveElement()).to.equal(part(el, 'not-interested'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      await el.updateComplete;
      expect(popoverOpen(el)).to.equal(false);
    });

    it('stays inside the viewport next to a button at the edge, on scroll and on resize', async () => {
      await setViewport({ width: 360, height: 640 });
      const { el } = await setup(undefined, {
        style: 'position: absolute; inset-inline-end: 0; inset-block-start: 20px; width: 220px; display: block',
      });
      const spacer = document.createElement('div');
      spacer.style.height = '3000px';
      document.body.append(spacer);
      cleanups.push(() => spacer.remove());
      part(el, 'why')!.click();
      await el.updateComplete;
      const inside = async (what: string) => {
        await frames();
        const box = part(el, 'popover')!.getBoundingClientRect();
        const why = part(el, 'why')!.getBoundingClientRect();
        expect(box.left, `${what}: left`).to.be.at.least(0);
        expect(box.right, `${what}: right`).to.be.at.most(window.innerWidth);
        expect(box.top, `${what}: top`).to.be.at.least(0);
        expect(box.bottom, `${what}: bottom`).to.be.at.most(window.innerHeight);
        // Still next to its button: above or below it.
        expect(box.bottom <= why.top + 1 || box.top >= why.bottom - 1, `${what}: beside the button`).to.equal(true);
      };
      await inside('opened');
      // Scrolled so that there is no room above the button: it flips below it.
      window.scrollBy(0, part(el, 'why')!.getBoundingClientRect().top - 30);
      await inside('scrolled, button near the top');
      expect(part(el, 'popover')!.dataset.placement).to.match(/^bottom/);
      // Its button scrolled out of view: hidden with it rather than left floating.
      window.scrollBy(0, 400);
      await frames();
      expect(part(el, 'popover')!.style.visibility).to.equal('hidden');
      window.scrollTo(0, 0);
      await inside('scrolled back');
      await setViewport({ width: 300, height: 500 });
      await inside('resized');
    });
  });

  describe('events', () => {
    it('fires mb-recommendation-click once per click on the link, with request id and position', async () => {
      const { el, events } = await setup();
      part(el, 'link')!.click();
      expect(events.click).to.have.length(1);
      expect(events.click[0]!.item.id).to.equal('d-falafel');
      expect(events.click[0]).to.include({ requestId: 'req-7', position: 3 });
    });

    it('fires mb-feedback once per kind, however often it is clicked', async () => {
      const { el, events } = await setup();
      part(el, 'more-like-this')!.click();
      await el.updateComplete;
      part(el, 'more-like-this')!.click();
      await el.updateComplete;
      expect(part(el, 'more-like-this')!.getAttribute('aria-pressed')).to.equal('true');
      expect(text(part(el, 'status'))).to.equal('Thanks! We will show you more like this.');
      part(el, 'not-interested')!.click();
      await el.updateComplete;
      part(el, 'not-interested')!.click();
      expect(events.feedback).to.deep.equal([
        { itemId: 'd-falafel', requestId: 'req-7', kind: 'more_like_this' },
        { itemId: 'd-falafel', requestId: 'req-7', kind: 'not_interested' },
      ]);
    });

    it('fires mb-explanation-open and mb-privacy-open from the popover, and closes it', async () => {
      const { el, events } = await setup();
      part(el, 'why')!.click();
      await el.updateComplete;
      part(el, 'how')!.click();
      await el.updateComplete;
      expect(events.explanation).to.have.length(1);
      expect(events.explanation[0]!.detail).to.deep.equal({ itemId: 'd-falafel' });
      expect(events.explanation[0]!.composed).to.equal(true);
      expect(popoverOpen(el)).to.equal(false);
      part(el, 'why')!.click();
      await el.updateComplete;
      part(el, 'privacy')!.click();
      expect(events.privacy).to.have.length(1);
    });

    it('fires nothing on programmatic changes', async () => {
      const { el, events } = await setup();
      el.item = sampleItems('guest', 'en')[1];
      el.requestId = 'req-8';
      el.position = 1;
      await el.updateComplete;
      el.show();
      await el.updateComplete;
      el.hide();
      await el.updateComplete;
      expect(events).to.deep.equal({ click: [], feedback: [], explanation: [], privacy: [] });
    });

    it('takes its controls out of the Tab order when inactive', async () => {
      const { el } = await setup();
      el.inactive = true;
      await el.updateComplete;
      for (const name of ['link', 'why', 'not-interested', 'more-like-this']) {
        expect(part(el, name)!.getAttribute('tabindex'), name).to.equal('-1');
      }
    });
  });

  it('issued no Lit dev warnings', () => {
    expect(litWarnings).to.deep.equal([]);
  });
});

describe('<mb-recommendation-card> with text in another script than the page', () => {
  it('cuts a German subtitle in an Arabic card at its end, so its beginning stays readable', async () => {
    const item: RecommendationItem = {
      ...sampleItems('owner', 'ar')[0]!,
      kind: 'feature',
      title: 'Analytics-Upgrade',
      subtitle: 'Umsatz, Bestellungen und Stammgäste aller Standorte in einem Dashboard, jede Woche neu berechnet',
    };
    const { el } = await setup(item, { lang: 'ar', style: 'display:block;inline-size:260px' });
    const subtitle = part(el, 'subtitle');
    expect(subtitle.scrollWidth, 'the subtitle is longer than its line').to.be.greaterThan(subtitle.clientWidth);
    const textNode = document.createTreeWalker(subtitle, NodeFilter.SHOW_TEXT).nextNode()!;
    const first = document.createRange();
    first.setStart(textNode, 0);
    first.setEnd(textNode, 1);
    const box = subtitle.getBoundingClientRect();
    const letter = first.getBoundingClientRect();
    expect(letter.left, 'the first letter is inside the line, not cut off').to.be.at.least(box.left - 0.5);
    expect(letter.right).to.be.at.most(box.right + 0.5);
    // The card itself stays right-to-left: the text is aligned as the rest of it.
    expect(getComputedStyle(part(el, 'base')).direction).to.equal('rtl');
  });
});
