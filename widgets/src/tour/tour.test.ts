import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import {
  createFakeTourClient,
  type FakeTourClient,
  type FakeTourClientOptions,
} from '../../test-support/fake-tour-client.ts';
import { deepActiveElement } from '../shared/focus.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import type { MbTour } from './tour.component.ts';
import './tour.ts';
import { withTracking } from '../../test-support/fake-tracker.ts';
import { animationsDone, part } from '../../test-support/harness.ts';

const litWarnings = captureLitWarnings();

/** Resolves once `condition` holds, checking each animation frame (fails after ~3 s of frames). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let frame = 0; frame < 180; frame++) {
    if (condition()) return;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  expect.fail(`timed out waiting for: ${what}`);
}

interface Setup {
  anchors?: string[];
  options?: FakeTourClientOptions;
  client?: FakeTourClient;
  tourId?: string;
  lang?: string;
}

/** A host page with the anchors and a focused button, then the tour added to it (as a late script would). */
async function setup({ anchors = ['menu', 'preferences', 'cart'], options, client, tourId, lang = 'en' }: Setup = {}) {
  const page = await fixture<HTMLElement>(html`<div style="padding: 40px 40px 1600px">
    <button id="origin">Page button</button>
    ${anchors.map((id) => html`<button id=${id} style="display: block; margin: 90px 0 0">${id}</button>`)}
  </div>`);
  document.getElementById('origin')?.focus();
  const tourClient = client ?? createFakeTourClient(options);
  const el = document.createElement('mb-tour');
  el.client = tourClient;
  el.tourId = tourId ?? 'guest-welcome';
  el.lang = lang;
  const events: string[] = [];
  for (const name of ['mb-tour-step', 'mb-tour-complete', 'mb-tour-dismiss'] as const) {
    el.addEventListener(name, (event) => events.push(`${name} ${JSON.stringify(event.detail)}`));
  }
  page.append(el);
  await el.updateComplete;
  return { el, page, client: tourClient, events };
}

const positioned = (el: MbTour) => until(() => part(el, 'base')?.hasAttribute('data-placement') === true, 'placed');
const text = (el: MbTour, name: string) => part(el, name)?.textContent?.trim();

async function click(el: MbTour, name: string) {
  await positioned(el);
  await new Promise(requestAnimationFrame);
  const rect = (part(el, name) as HTMLElement).getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(rect.x + rect.width / 2), Math.round(rect.y + rect.height / 2)],
  });
  await el.updateComplete;
}

afterEach(() => window.scrollTo(0, 0));

describe('<mb-tour>', () => {
  before(() => setViewport({ width: 800, height: 600 }));

  it('is accessible in every step state (first, middle, last)', async () => {
    const { el } = await setup();
    await positioned(el);
    await animationsDone(el);
    await expect(el).to.be.accessible();
    part(el, 'next')?.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    part(el, 'next')?.click();
    await el.updateComplete;
    expect(text(el, 'next')).to.equal('Done');
    await expect(el).to.be.accessible();
  });

  it('opens the first step as a non-modal dialog with progress, labelled and described', async () => {
    const { el, events } = await setup();
    const base = part(el, 'base') as HTMLElement;
    expect(base.getAttribute('role')).to.equal('dialog');
    expect(base.getAttribute('aria-modal')).to.equal('false');
    expect(el.shadowRoot?.getElementById(base.getAttribute('aria-labelledby') ?? '')?.textContent).to.equal('The menu');
    expect(base.getAttribute('aria-describedby')).to.equal('progress body');
    expect(text(el, 'progress')).to.equal('Step 1 of 3');
    expect(text(el, 'body')).to.equal('All dishes, with allergens.');
    expect((part(el, 'back') as HTMLButtonElement).disabled).to.equal(true);
    expect(events, 'opening is not a user action').to.deep.equal([]);
  });

  it('localizes the progress: German by default, Arabic right-to-left', async () => {
    const { el } = await setup({ lang: 'de' });
    expect(text(el, 'progress')).to.equal('Schritt 1 von 3');
    expect(text(el, 'skip')).to.equal('Tour beenden');
    el.lang = 'ar';
    await el.updateComplete;
    expect(text(el, 'progress')).to.equal('الخطوة 1 من 3');
    expect(part(el, 'base')?.getAttribute('dir')).to.equal('rtl');
  });

  it('anchors the step below its element with a highlight ring over it; follows it on scroll', async () => {
    const { el } = await setup();
    await positioned(el);
    const anchor = document.getElementById('menu') as HTMLElement;
    const ring = part(el, 'highlight') as HTMLElement;
    const same = () => {
      const a = anchor.getBoundingClientRect();
      const r = ring.getBoundingClientRect();
      return Math.round(a.top) === Math.round(r.top) && Math.round(a.left) === Math.round(r.left);
    };
    const below = () =>
      Math.round(
        (part(el, 'base') as HTMLElement).getBoundingClientRect().top - anchor.getBoundingClientRect().bottom,
      ) === 8;
    await until(() => same() && below(), 'ring over the anchor, popover below it');
    expect(anchor.getAttribute('style'), 'the host element is not restyled').to.equal(
      'display: block; margin: 90px 0 0',
    );
    expect(anchor.getAttribute('class')).to.equal(null);
    const top = anchor.getBoundingClientRect().top;
    window.scrollTo(0, 60);
    await until(() => Math.round(anchor.getBoundingClientRect().top) === Math.round(top - 60), 'scrolled');
    await until(() => same() && below(), 'followed the anchor after scroll');
  });

  /** The step's popover lies wholly inside the viewport and is shown. */
  const inViewport = (el: MbTour) => {
    const base = part(el, 'base') as HTMLElement;
    const r = base.getBoundingClientRect();
    return (
      r.top >= 0 &&
      r.left >= 0 &&
      r.bottom <= innerHeight &&
      r.right <= innerWidth &&
      getComputedStyle(base).visibility === 'visible'
    );
  };

  it('keeps the popover inside the viewport when the anchor is taller than the viewport', async () => {
    const page = await fixture<HTMLElement>(html`<div style="padding: 200px 40px 1600px">
      <section id="dashboard" style="block-size: 2100px; border: 1px solid">dashboard</section>
    </div>`);
    const el = document.createElement('mb-tour');
    el.client = createFakeTourClient({ role: 'owner' });
    el.tourId = 'owner-welcome';
    el.lang = 'en';
    page.append(el);
    await positioned(el);
    await until(() => inViewport(el), 'popover inside the viewport');
    // Still inside after the page settles a few frames later.
    for (let i = 0; i < 5; i++) await new Promise(requestAnimationFrame);
    expect(inViewport(el)).to.equal(true);
  });

  it('keeps the step in view when the page above the anchor grows after it opened (content loading in)', async () => {
    const { el } = await setup();
    await positioned(el);
    const page = el.parentElement as HTMLElement;
    const filler = document.createElement('div');
    filler.style.blockSize = '0px';
    page.prepend(filler);
    await until(() => inViewport(el), 'shown at first');
    // Content above grows by two viewports (a dashboard's widgets arrive): the anchor would leave the viewport.
    filler.style.blockSize = `${2 * innerHeight}px`;
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
    await until(() => inViewport(el), 'scrolled back to the anchor, popover shown');
    const anchor = (document.getElementById('menu') as HTMLElement).getBoundingClientRect();
    expect(anchor.top >= 0 && anchor.bottom <= innerHeight).to.equal(true);
    // Once the visitor scrolls themselves, the tour follows instead of pulling the page back.
    window.dispatchEvent(new WheelEvent('wheel', { deltaY: 100 }));
    window.scrollTo(0, 0);
    filler.style.blockSize = `${3 * innerHeight}px`;
    for (let i = 0; i < 5; i++) await new Promise(requestAnimationFrame);
    expect(scrollY).to.equal(0);
    filler.remove();
  });

  it('Next and Back by mouse move between steps, save progress and emit mb-tour-step once each', async () => {
    const { el, client, events } = await setup();
    await click(el, 'next');
    expect(text(el, 'title')).to.equal('Your preferences');
    expect(text(el, 'progress')).to.equal('Step 2 of 3');
    await click(el, 'back');
    expect(text(el, 'title')).to.equal('The menu');
    expect(events).to.deep.equal([
      'mb-tour-step {"tourId":"guest-welcome","stepId":"preferences","index":1}',
      'mb-tour-step {"tourId":"guest-welcome","stepId":"menu","index":0}',
    ]);
    expect(client.saved.map((s) => s.progress)).to.deep.equal([
      { step: 1, status: 'active' },
      { step: 0, status: 'active' },
    ]);
  });

  it('moves focus to each step heading; Done by keyboard completes once and returns focus', async () => {
    const { el, client, events } = await setup();
    expect(deepActiveElement()).to.equal(part(el, 'title'));
    await sendKeys({ press: 'Tab' }); // End tour (Back is disabled)
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(part(el, 'next'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(deepActiveElement()).to.equal(part(el, 'title'));
    expect(text(el, 'title')).to.equal('Your preferences');
    part(el, 'next')?.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    part(el, 'next')?.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.hidden).to.equal(true);
    expect(part(el, 'base')).to.equal(null);
    expect(deepActiveElement()?.id).to.equal('origin');
    expect(events.filter((e) => e.startsWith('mb-tour-complete'))).to.deep.equal([
      'mb-tour-complete {"tourId":"guest-welcome"}',
    ]);
    expect(events).to.have.length(3);
    expect(client.actions.tourProgress('guest-welcome')).to.deep.equal({ step: 2, status: 'done' });
  });

  it('Escape ends the tour like “End tour”: dismissed once, focus returns', async () => {
    const { el, client, events } = await setup();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.hidden).to.equal(true);
    expect(events).to.deep.equal(['mb-tour-dismiss {"tourId":"guest-welcome","stepId":"menu"}']);
    expect(deepActiveElement()?.id).to.equal('origin');
    expect(client.actions.tourProgress('guest-welcome')).to.deep.equal({ step: 0, status: 'dismissed' });
  });

  it('End tour by mouse dismisses once', async () => {
    const { el, events } = await setup();
    await click(el, 'next');
    await click(el, 'skip');
    expect(el.hidden).to.equal(true);
    expect(events.slice(1)).to.deep.equal(['mb-tour-dismiss {"tourId":"guest-welcome","stepId":"preferences"}']);
  });

  it('skips a step whose anchor is missing, and does not count it', async () => {
    const { el, events } = await setup({ anchors: ['menu', 'cart'] });
    expect(text(el, 'progress')).to.equal('Step 1 of 2');
    await click(el, 'next');
    expect(text(el, 'title')).to.equal('Cart');
    expect(text(el, 'progress')).to.equal('Step 2 of 2');
    expect(events).to.deep.equal(['mb-tour-step {"tourId":"guest-welcome","stepId":"cart","index":2}']);
  });

  it('resumes at the saved step after the element is re-created', async () => {
    const first = await setup();
    await click(first.el, 'next');
    first.page.remove();
    const again = await setup({ client: first.client });
    expect(text(again.el, 'title')).to.equal('Your preferences');
    expect(text(again.el, 'progress')).to.equal('Step 2 of 3');
    expect(again.events).to.deep.equal([]);
  });

  it('never shows again once finished or dismissed', async () => {
    const finished = createFakeTourClient({ progress: { 'guest-welcome': { step: 2, status: 'done' } } });
    const dismissed = createFakeTourClient({ progress: { 'guest-welcome': { step: 0, status: 'dismissed' } } });
    for (const client of [finished, dismissed]) {
      const { el } = await setup({ client });
      expect(el.hidden).to.equal(true);
      expect(part(el, 'base')).to.equal(null);
    }
    const live = await setup();
    await sendKeys({ press: 'Escape' });
    live.page.remove();
    const again = await setup({ client: live.client });
    expect(again.el.hidden).to.equal(true);
  });

  it('picks the tour for the segment: owner tour for owners, no guest welcome for returning visitors', async () => {
    const owner = await setup({ tourId: 'owner-welcome', anchors: ['dashboard', 'insights'] });
    expect(owner.el.hidden, 'a guest does not get the owner tour').to.equal(true);
    owner.el.audience = 'owner';
    await owner.el.updateComplete;
    expect(text(owner.el, 'title')).to.equal('Your dashboard');
    const returning = await setup({ options: { visitor: 'returning' } });
    expect(returning.el.hidden).to.equal(true);
  });

  it('shows nothing while the feature is off (no consent); closes silently when it is switched off', async () => {
    const off = await setup({ options: { enabled: false } });
    expect(off.el.hidden).to.equal(true);
    off.client.setEnabled(true);
    await off.el.updateComplete;
    expect(text(off.el, 'title'), 'starts once consent is granted').to.equal('The menu');
    off.client.setEnabled(false);
    await off.el.updateComplete;
    expect(off.el.hidden).to.equal(true);
    expect(off.events).to.deep.equal([]);
    expect(off.client.saved).to.deep.equal([]);
  });

  it('fires no event and saves nothing on programmatic changes', async () => {
    const { el, client, events } = await setup();
    el.tourId = 'owner-welcome';
    await el.updateComplete;
    el.tourId = 'guest-welcome';
    el.lang = 'de';
    await el.updateComplete;
    expect(text(el, 'title')).to.equal('Die Speisekarte');
    el.remove();
    expect(events).to.deep.equal([]);
    expect(client.saved).to.deep.equal([]);
  });

  describe('KPI events through client.track', () => {
    const started = { tour_id: 'guest-welcome', step_id: 'menu', steps: 3 };

    it('reports Tour Started once when the first step shows, and Tour Completed when Done ends the last', async () => {
      const client = withTracking(createFakeTourClient());
      const { el } = await setup({ client });
      expect(client.tracked).to.deep.equal([['Tour Started', started]]);
      await click(el, 'next');
      await click(el, 'next');
      expect(client.tracked, 'moving between steps is neither').to.have.length(1);
      await click(el, 'next');
      expect(el.hidden).to.equal(true);
      expect(client.tracked).to.deep.equal([
        ['Tour Started', started],
        ['Tour Completed', { tour_id: 'guest-welcome', step_id: 'cart', steps: 3 }],
      ]);
    });

    it('a dismissed tour is started, never completed (End tour or Escape)', async () => {
      const client = withTracking(createFakeTourClient());
      const { el } = await setup({ client });
      await click(el, 'next');
      await click(el, 'skip');
      expect(client.tracked).to.deep.equal([['Tour Started', started]]);
      const escaped = withTracking(createFakeTourClient());
      await setup({ client: escaped });
      await sendKeys({ press: 'Escape' });
      expect(escaped.tracked).to.deep.equal([['Tour Started', started]]);
    });

    it('a tour resumed from saved progress is not started again; finishing it completes it', async () => {
      const client = withTracking(
        createFakeTourClient({ progress: { 'guest-welcome': { step: 2, status: 'active' } } }),
      );
      const { el } = await setup({ client });
      expect(text(el, 'progress')).to.equal('Step 3 of 3');
      expect(client.tracked).to.deep.equal([]);
      await click(el, 'next');
      expect(client.tracked).to.deep.equal([
        ['Tour Completed', { tour_id: 'guest-welcome', step_id: 'cart', steps: 3 }],
      ]);
    });

    it('reports nothing while the feature is off (no consent)', async () => {
      const client = withTracking(createFakeTourClient({ enabled: false }));
      await setup({ client });
      expect(client.tracked).to.deep.equal([]);
    });
  });

  it('issued no Lit dev warnings', () => {
    expect(litWarnings).to.deep.equal([]);
  });
});
