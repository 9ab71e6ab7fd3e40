import { reasonText } from '@matbakh/contract';
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import {
  createFakeRecommendationsClient,
  type FakeRecommendationsClient,
  type FakeRecommendationsClientOptions,
  sampleItems,
} from '../../test-support/fake-recommendations-client.ts';
import type { MbRecommendationCard } from '../recommendation-card/recommendation-card.component.ts';
import { deepActiveElement } from '../shared/focus.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import type { MbRecommendations } from './recommendations.component.ts';
import './recommendations.ts';
import { part, parts, text, until } from '../../test-support/harness.ts';
import { cards, settled } from '../../test-support/recommendations-harness.ts';

const litWarnings = captureLitWarnings();

interface Setup extends FakeRecommendationsClientOptions {
  layout?: 'list' | 'carousel';
  audience?: 'guest' | 'owner';
  lang?: string;
  theme?: string;
  limit?: number;
  delay?: number;
  style?: string;
}

const cleanups: (() => void)[] = [];

async function setup({
  layout = 'list',
  audience = 'guest',
  lang = 'en',
  theme = 'light',
  limit = 6,
  delay = 1000,
  style = '',
  ...options
}: Setup = {}) {
  const client = createFakeRecommendationsClient(options);
  const el = await fixture<MbRecommendations>(
    html`<mb-recommendations
      .client=${client}
      slot-id="home"
      limit=${limit}
      layout=${layout}
      audience=${audience}
      lang=${lang}
      theme=${theme}
      impression-delay=${delay}
      style=${style}
    ></mb-recommendations>`,
  );
  if (!options.hang) await settled(el);
  const events: Record<string, CustomEvent[]> = { feedback: [], click: [], explanation: [], privacy: [] };
  const listeners: [string, (e: Event) => void][] = [
    ['mb-feedback', (e) => events.feedback!.push(e as CustomEvent)],
    ['mb-recommendation-click', (e) => events.click!.push(e as CustomEvent)],
    ['mb-explanation-open', (e) => events.explanation!.push(e as CustomEvent)],
    ['mb-privacy-open', (e) => events.privacy!.push(e as CustomEvent)],
    ['click', (e) => e.preventDefault()],
  ];
  for (const [type, listener] of listeners) document.addEventListener(type, listener);
  cleanups.push(() => {
    for (const [type, listener] of listeners) document.removeEventListener(type, listener);
  });
  return { el, client, events };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cardPart = (card: MbRecommendationCard, name: string) =>
  card.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
/** Compares identities without letting chai print DOM nodes (which can take the page down on failure). */
function expectFocus(expected: Element | null | undefined) {
  const active = deepActiveElement();
  const describe = (node: Element | null | undefined) =>
    node ? `<${node.localName} part="${node.getAttribute('part') ?? ''}">` : String(node);
  expect(active === expected, `focus on ${describe(active)}, expected ${describe(expected)}`).to.equal(true);
}
const calls = (client: FakeRecommendationsClient, method: string) => client.calls.filter(([m]) => m === method);

before(() => emulateMedia({ reducedMotion: 'reduce' }));
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await emulateMedia({ reducedMotion: 'reduce' });
});

/** A hand-driven IntersectionObserver: the test says how much of each item is visible. */
class ManualObserver {
  static current: ManualObserver | undefined;
  readonly targets = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    ManualObserver.current = this;
  }
  observe(target: Element) {
    this.targets.add(target);
  }
  unobserve(target: Element) {
    this.targets.delete(target);
  }
  disconnect() {
    this.targets.clear();
  }
  takeRecords() {
    return [];
  }
  /** Reports the visible fraction of items by id. */
  show(ratios: Record<string, number>) {
    const entries = [...this.targets]
      .filter((target) => (target as HTMLElement).dataset.item! in ratios)
      .map((target) => {
        const ratio = ratios[(target as HTMLElement).dataset.item!]!;
        return { target, intersectionRatio: ratio, isIntersecting: ratio > 0 } as IntersectionObserverEntry;
      });
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}
function manualIntersections() {
  const original = window.IntersectionObserver;
  window.IntersectionObserver = ManualObserver as unknown as typeof IntersectionObserver;
  cleanups.push(() => {
    window.IntersectionObserver = original;
    ManualObserver.current = undefined;
  });
}

describe('<mb-recommendations>', () => {
  describe('accessibility (axe)', function () {
    this.timeout(30_000);
    const states: [string, Setup][] = [
      ['loading', { hang: true }],
      ['a list, not personalized', {}],
      ['a carousel, personalized', { layout: 'carousel', personalized: true }],
      ['empty', { items: [] }],
      ['an error', { error: { code: 'server', status: 503, message: 'down' } }],
      ['offline with the fallback', { offline: true }],
      ['owner features', { audience: 'owner' }],
    ];
    for (const [name, options] of states) {
      for (const lang of ['en', 'ar']) {
        it(`is accessible: ${name} (${lang})`, async () => {
          const { el } = await setup({ ...options, lang, theme: lang === 'ar' ? 'dark' : 'light' });
          await expect(el).to.be.accessible();
        });
      }
    }

    it('is accessible with the explanation dialog open', async () => {
      const { el } = await setup();
      part(el, 'how')!.click();
      await until(() => text(part(el, 'dialog-title')) === 'How recommendations work', 'the statement');
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  });

  describe('defaults and states', () => {
    it('asks the client for the slot, limit, audience and locale, and shows the cards', async () => {
      const { el, client } = await setup();
      expect(calls(client, 'get')).to.deep.equal([
        ['get', { slot: 'home', limit: 6, locale: 'en', context: { audience: 'guest' } }],
      ]);
      expect(cards(el)).to.have.length(6);
      expect(cards(el)[0]!.requestId).to.equal('req-1');
      expect(cards(el).map((card) => card.position)).to.deep.equal([1, 2, 3, 4, 5, 6]);
      expect(text(part(el, 'heading'))).to.equal('Recommended for you');
      expect(el.shadowRoot!.querySelector('ul[part~="list"]')).to.exist;
    });

    for (const [audience, lang] of [
      ['guest', 'de'],
      ['guest', 'ar'],
      ['owner', 'en'],
    ] as const) {
      it(`shows skeletons exactly the cards' size while loading, then the cards in the same space (${audience}, ${lang})`, async () => {
        const { el, client } = await setup({ style: 'width: 700px', hang: true, audience, lang, limit: 4 });
        const skeletons = parts(el, 'skeleton');
        expect(skeletons).to.have.length(4);
        expect(part(el, 'list')!.getAttribute('aria-busy')).to.equal('true');
        await Promise.all(
          skeletons.map((s) => s.querySelector<MbRecommendationCard>('mb-recommendation-card')!.updateComplete),
        );
        const skeleton = skeletons[0]!.getBoundingClientRect();
        const before = el.getBoundingClientRect().height;
        client.options.hang = false;
        await el.load();
        await settled(el);
        const card = parts(el, 'item')[0]!.getBoundingClientRect();
        expect(card.width).to.equal(skeleton.width);
        // Every text has its fixed lines: the card takes exactly the skeleton's room, and so does the whole list.
        expect(card.height).to.equal(skeleton.height);
        expect(el.getBoundingClientRect().height).to.equal(before);
      });
    }

    it('keeps the cards while it reloads (consent given, language changed): no skeletons, no collapse in between', async () => {
      const { el, client } = await setup({ style: 'width: 700px', limit: 4 });
      const height = el.getBoundingClientRect().height;
      client.options.latency = 150;
      client.options.personalized = true;
      const reload = el.load();
      await el.updateComplete;
      expect(parts(el, 'skeleton')).to.have.length(0);
      expect(parts(el, 'item')).to.have.length(4);
      expect(el.getBoundingClientRect().height).to.equal(height);
      await reload;
      await settled(el);
      expect(text(part(el, 'basis'))).to.contain('Personalized from your orders.');
      expect(el.getBoundingClientRect().height).to.equal(height);
    });

    it('reserves exactly the same space with --mb-recommendations-item-min-height', async () => {
      const { el, client } = await setup({ style: 'width: 700px; --mb-recommendations-item-min-height: 40em' });
      client.options.latency = 100;
      void el.load();
      await el.updateComplete;
      const loading = part(el, 'list')!.getBoundingClientRect().height;
      await settled(el);
      expect(part(el, 'list')!.getBoundingClientRect().height).to.equal(loading);
    });

    it('says why it is not personalized, with a way to the privacy settings', async () => {
      const { el, events } = await setup();
      expect(text(part(el, 'basis'))).to.contain('Not personalized: you have not allowed personalization.');
      part(el, 'privacy')!.click();
      expect(events.privacy).to.have.length(1);
    });

    it('says when it is personalized', async () => {
      const { el } = await setup({ personalized: true, lang: 'de' });
      expect(text(part(el, 'basis'))).to.contain('Personalisiert anhand Ihrer Bestellungen.');
      expect(part(el, 'basis')!.querySelector('[part~="privacy"]') === null).to.equal(true);
    });

    it('speaks one form of address: the tenant\'s from its config ("Sie" by default), in the list and its cards', async () => {
      const { el, client } = await setup({ personalized: true, lang: 'de' });
      const heading = () => text(part(el, 'heading'));
      const reason = () => text(cardPart(cards(el)[0]!, 'reason'));
      expect(heading()).to.equal('Empfohlen für Sie');
      expect(reason()).to.not.match(/\b(du|dich|dir|dein\w*)\b/i);
      // What `GET /v1/config` tells the client (`client.config`) for a tenant that chose "du".
      Object.assign(client, { config: { get: () => ({ address: { de: 'informal' } }) } });
      el.requestUpdate();
      await el.updateComplete;
      await cards(el)[0]!.updateComplete;
      expect(heading()).to.equal('Empfohlen für dich');
      expect(text(part(el, 'basis'))).to.contain('Personalisiert anhand deiner Bestellungen.');
      expect(reason()).to.not.match(/\b(Sie|Ihnen|Ihr\w*)\b/);
    });

    it("says what an owner's recommendations are based on (the business, not a guest's orders)", async () => {
      const { el } = await setup({ personalized: true, lang: 'de', audience: 'owner' });
      const basis = () => text(part(el, 'basis')?.querySelector('span'));
      expect(basis()).to.equal('Passend zur Ausstattung und Nutzung Ihres Betriebs.');
      el.lang = 'en';
      await el.updateComplete;
      await until(() => basis() === "Based on your business's setup and use.", 'in English');
    });

    it('shows the empty state', async () => {
      const { el } = await setup({ items: [] });
      expect(text(part(el, 'state'))).to.equal('We have no recommendations for you right now.');
    });

    it('shows the error state and retries', async () => {
      const { el, client } = await setup({ error: { code: 'server', status: 503, message: 'down' } });
      expect(text(part(el, 'state'))).to.contain('Recommendations could not be loaded.');
      client.options.error = undefined;
      part(el, 'retry')!.click();
      await settled(el);
      expect(cards(el)).to.have.length(6);
      expect(calls(client, 'get')).to.have.length(2);
    });

    for (const code of ['rejected', 'invalid'] as const) {
      it(`shows the quiet empty state, never "offline" or a retry, when the API answered ${code} (a setup error)`, async () => {
        const { el } = await setup({ error: { code, status: 403, message: 'origin not allowed' } });
        expect(text(part(el, 'state'))).to.equal('We have no recommendations for you right now.');
        expect(el.shadowRoot!.textContent).to.not.match(/offline|could not be loaded/i);
        expect(part(el, 'retry')).to.equal(null);
      });
    }

    it('shows the offline fallback with a notice', async () => {
      const { el } = await setup({ offline: true });
      expect(text(part(el, 'notice'))).to.equal('You are offline: your device picked these suggestions.');
      expect(cards(el)).to.have.length(6);
    });

    it('shows owner feature recommendations', async () => {
      const { el } = await setup({ audience: 'owner' });
      expect(text(part(el, 'heading'))).to.equal('Recommended for your business');
      expect(cards(el).map((card) => card.item!.kind)).to.deep.equal(['feature', 'feature', 'feature']);
      const [reason] = cards(el)[0]!.item!.reasons;
      expect(text(cardPart(cards(el)[0]!, 'reason'))).to.equal(reasonText(reason!.code, reason!.params, 'en'));
    });

    it('shows a background refresh of the client', async () => {
      const { el, client } = await setup();
      client.refresh('home', sampleItems('guest', 'en').slice(4));
      await el.updateComplete;
      expect(cards(el).map((card) => card.item!.id)).to.deep.equal([
        'd-kibbeh',
        'd-baklava',
        'd-mutabal',
        'd-tabbouleh',
      ]);
    });
    it('still shows background refreshes after it was moved in the page', async () => {
      const { el, client } = await setup();
      const other = el.parentElement!.appendChild(document.createElement('div'));
      other.append(el);
      client.refresh('home', sampleItems('guest', 'en').slice(6));
      await el.updateComplete;
      expect(cards(el).map((card) => card.item!.id)).to.deep.equal(['d-mutabal', 'd-tabbouleh']);
    });

    it('shows an answer the client re-screened in place (same request, fewer items: a diet was chosen)', async () => {
      const { el, client } = await setup();
      const $home = client.recommendations.$recommendations!('home');
      const shown = $home.get()!;
      const kept = shown.items.slice(1);
      const count = cards(el).length;
      expect(count).to.be.greaterThan(1);
      ($home as unknown as { set(value: unknown): void }).set({ ...shown, items: kept });
      await el.updateComplete;
      expect(cards(el).map((card) => card.item!.id)).to.deep.equal(kept.slice(0, count).map((item) => item.id));
      expect(cards(el).map((card) => card.item!.id)).to.not.include(shown.items[0]!.id);
    });
  });

  describe('consent', () => {
    it('asks again when a consent decision changes what the server may use, and only then', async () => {
      const { el, client } = await setup();
      let profiling = false;
      const listeners = new Set<() => void>();
      const decide = (granted: boolean) => {
        profiling = granted;
        for (const listener of listeners) listener();
      };
      const withConsent = {
        ...client,
        recommendations: { ...client.recommendations, profiling: () => profiling },
        consent: {
          onChange: (listener: () => void) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
          },
        },
      };
      el.client = withConsent;
      await settled(el);
      const gets = () => client.calls.filter(([kind]) => kind === 'get').length;
      const before = gets();
      decide(false);
      await settled(el);
      expect(gets()).to.equal(before);
      decide(true);
      await settled(el);
      expect(gets()).to.equal(before + 1);
    });
  });

  describe('carousel', () => {
    it('is one tab stop with roving focus: arrows, Home and End', async () => {
      const { el } = await setup({ layout: 'carousel' });
      const slides = () => parts(el, 'item');
      expect(slides().map((s) => s.tabIndex)).to.deep.equal([0, -1, -1, -1, -1, -1]);
      expect(cards(el).map((c) => c.inactive)).to.deep.equal([false, true, true, true, true, true]);
      expect(slides()[1]!.getAttribute('aria-roledescription')).to.equal('slide');
      expect(slides()[1]!.getAttribute('aria-label')).to.equal('2 of 6: Fattoush');
      slides()[0]!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expectFocus(slides()[1]);
      expect(slides().map((s) => s.tabIndex)).to.deep.equal([-1, 0, -1, -1, -1, -1]);
      expect(cards(el)[1]!.inactive).to.equal(false);
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expectFocus(slides()[5]);
      await sendKeys({ press: 'ArrowRight' });
      expectFocus(slides()[5]);
      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      expectFocus(slides()[0]);
      await sendKeys({ press: 'ArrowLeft' });
      expectFocus(slides()[0]);
      // Tab goes into the current card, not to the next slide.
      await sendKeys({ press: 'Tab' });
      expectFocus(cardPart(cards(el)[0]!, 'link'));
    });

    it('follows the reading direction in RTL', async () => {
      const { el } = await setup({ layout: 'carousel', lang: 'ar' });
      parts(el, 'item')[0]!.focus();
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expectFocus(parts(el, 'item')[1]);
    });

    it('moves with the previous / next buttons, which keep focus', async () => {
      const { el } = await setup({ layout: 'carousel' });
      expect(part(el, 'previous')!.getAttribute('aria-disabled')).to.equal('true');
      part(el, 'next')!.focus();
      part(el, 'next')!.click();
      await el.updateComplete;
      expect(parts(el, 'item')[1]!.tabIndex).to.equal(0);
      expectFocus(part(el, 'next'));
      expect(part(el, 'previous')!.getAttribute('aria-disabled')).to.equal('false');
    });
  });

  describe('feedback', () => {
    it('sends "not interested" once, removes the card and keeps focus in the list', async () => {
      const { el, client, events } = await setup();
      const second = cards(el)[1]!;
      const button = cardPart(second, 'not-interested');
      button.focus();
      button.click();
      await until(() => cards(el).length === 5, 'the removal');
      await el.updateComplete;
      expect(calls(client, 'feedback')).to.deep.equal([['feedback', 'req-1', 'd-fattoush', 'not_interested']]);
      expect(events.feedback).to.have.length(1);
      expect(cards(el).map((c) => c.item!.id)).not.to.include('d-fattoush');
      // Focus moved to the card that took its place.
      expectFocus(cardPart(cards(el)[1]!, 'link'));
      expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.equal('“Fattoush” hidden.');
    });

    it('animates the removal when motion is allowed, and ends in the same state', async () => {
      await emulateMedia({ reducedMotion: 'no-preference' });
      const { el, client } = await setup({ layout: 'carousel' });
      cardPart(cards(el)[0]!, 'not-interested').click();
      await until(() => cards(el).length === 5, 'the animated removal');
      expect(calls(client, 'feedback')).to.have.length(1);
    });

    it('sends "more like this" and keeps the card', async () => {
      const { el, client } = await setup();
      cardPart(cards(el)[0]!, 'more-like-this').click();
      await el.updateComplete;
      expect(calls(client, 'feedback')).to.deep.equal([['feedback', 'req-1', 'd-falafel', 'more_like_this']]);
      expect(cards(el)).to.have.length(6);
    });
  });

  describe('impressions and clicks', () => {
    it('counts an item after ≥ 50 % visibility for the delay, once per response', async () => {
      manualIntersections();
      const { el, client } = await setup({ delay: 40 });
      el.impressionWindow = 60;
      const io = ManualObserver.current!;
      io.show({ 'd-falafel': 0.6, 'd-fattoush': 1, 'd-shawarma': 0.4 });
      io.show({ 'd-kibbeh': 0.7 });
      await sleep(15);
      io.show({ 'd-kibbeh': 0.2 }); // left before the delay: not seen
      await until(() => calls(client, 'trackListViewed').length === 1, 'Product List Viewed');
      expect(calls(client, 'trackListViewed')).to.deep.equal([
        ['trackListViewed', 'req-1', ['d-falafel', 'd-fattoush']],
      ]);
      io.show({ 'd-manakish': 1 });
      await sleep(150);
      expect(calls(client, 'trackListViewed')).to.have.length(1);
    });

    it('sends nothing for items never half visible', async () => {
      manualIntersections();
      const { client } = await setup({ delay: 20 });
      ManualObserver.current!.show({ 'd-falafel': 0.49, 'd-fattoush': 0.1 });
      await sleep(120);
      expect(calls(client, 'trackListViewed')).to.deep.equal([]);
    });

    it('sends at once when every item was seen, and when the list goes away', async () => {
      manualIntersections();
      const { el, client } = await setup({ delay: 10, limit: 2 });
      ManualObserver.current!.show({ 'd-falafel': 1, 'd-fattoush': 1 });
      await until(() => calls(client, 'trackListViewed').length === 1, 'all seen');
      const second = await setup({ delay: 10 });
      ManualObserver.current!.show({ 'd-falafel': 1 });
      await sleep(40);
      expect(calls(second.client, 'trackListViewed')).to.deep.equal([]);
      second.el.remove();
      expect(calls(second.client, 'trackListViewed')).to.deep.equal([['trackListViewed', 'req-1', ['d-falafel']]]);
      expect(el).to.exist;
    });

    it('sees visible items with the real IntersectionObserver', async () => {
      const { client } = await setup({ delay: 30, limit: 2 });
      await until(() => calls(client, 'trackListViewed').length === 1, 'Product List Viewed');
      expect(calls(client, 'trackListViewed')[0]).to.deep.equal([
        'trackListViewed',
        'req-1',
        ['d-falafel', 'd-fattoush'],
      ]);
    });

    it('tracks a click with the request id and passes the event on', async () => {
      const { el, client, events } = await setup();
      cardPart(cards(el)[2]!, 'link').click();
      expect(calls(client, 'trackClick')).to.deep.equal([['trackClick', 'req-1', 'd-shawarma']]);
      expect(events.click!).to.have.length(1);
      expect(events.click![0]!.detail).to.deep.include({ requestId: 'req-1', position: 3 });
    });
  });

  describe('"How recommendations work"', () => {
    it('opens a dialog with the statement; Escape closes it and focus returns', async () => {
      const { el, client, events } = await setup();
      const how = part(el, 'how')!;
      how.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => text(part(el, 'dialog-title')) === 'How recommendations work', 'the statement');
      expect(part<HTMLDialogElement>(el, 'dialog')!.open).to.equal(true);
      expect(events.explanation).to.have.length(1);
      expect(calls(client, 'explanation')).to.deep.equal([['explanation', 'en']]);
      expect(text(part(el, 'dialog'))).to.contain('Without personalization you see what is popular.');
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(part<HTMLDialogElement>(el, 'dialog')!.open).to.equal(false);
      expectFocus(how);
    });

    it("opens from a card's popover and shows a failure with retry", async () => {
      const { el, client } = await setup({ explanationFails: true });
      const card = cards(el)[0]!;
      cardPart(card, 'why').click();
      await card.updateComplete;
      cardPart(card, 'how').click();
      await until(() => !!el.shadowRoot!.querySelector('dialog [part~="retry"]'), 'the failure');
      client.options.explanationFails = false;
      el.shadowRoot!.querySelector<HTMLElement>('dialog [part~="retry"]')!.click();
      await until(() => text(part(el, 'dialog-title')) === 'How recommendations work', 'the statement');
      part(el, 'close')!.click();
      await el.updateComplete;
      expectFocus(cardPart(card, 'why'));
    });
  });

  it('fires no events on programmatic changes', async () => {
    const { el, client, events } = await setup();
    el.slotId = 'menu';
    el.limit = 3;
    el.layout = 'carousel';
    await settled(el);
    await el.load();
    await el.updateComplete;
    expect(calls(client, 'get').map(([, request]) => (request as { slot: string }).slot)).to.deep.equal([
      'home',
      'menu',
      'menu',
    ]);
    expect(events).to.deep.equal({ feedback: [], click: [], explanation: [], privacy: [] });
  });

  it('issued no Lit dev warnings', () => {
    expect(litWarnings).to.deep.equal([]);
  });
});
