import type { DashboardLayout } from '@matbakh/contract';
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createFakeLayoutClient, type FakeLayoutClient } from '../../test-support/fake-layout-client.ts';
import { withTracking } from '../../test-support/fake-tracker.ts';
import { deepActiveElement } from '../shared/focus.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import type { LayoutChangeDetail, MbWidgetGrid } from './widget-grid.component.ts';
import './widget-grid.ts';
import { part } from '../../test-support/harness.ts';

const litWarnings = captureLitWarnings();

const TITLES = ['Empfehlungen', 'Bestellungen', 'Einblicke', 'Nächste Aktion', 'Favoriten', 'Wetter'];
const IDS = TITLES.map((_, i) => `w${i + 1}`);

interface Setup {
  count?: number;
  lang?: string;
  dir?: string;
  width?: number;
  client?: FakeLayoutClient;
  dashboardId?: string;
  customizing?: boolean;
}

function widgets(count = 6) {
  return Array.from(
    { length: count },
    (_, i) =>
      html`<section widget-id=${`w${i + 1}`} widget-title=${ifDefined(TITLES[i])} style="block-size: 80px">
        <h3>${TITLES[i] ?? `Heading ${i + 1}`}</h3>
      </section>`,
  );
}

/** Every `mb-layout-change` that reaches the document (the event is composed). */
const events: LayoutChangeDetail[] = [];
const record = (event: CustomEvent<LayoutChangeDetail>) => events.push(event.detail);
before(() => document.addEventListener('mb-layout-change', record));
after(() => document.removeEventListener('mb-layout-change', record));

async function setup({ count = 6, lang = 'de', dir, width = 700, client, dashboardId, customizing }: Setup = {}) {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: ${width}px">
    <mb-widget-grid
      lang=${lang}
      dir=${ifDefined(dir)}
      dashboard-id=${ifDefined(dashboardId)}
      ?customizing=${customizing}
      .client=${client}
      >${widgets(count)}<p>not a widget</p></mb-widget-grid
    >
  </div>`);
  const el = wrapper.querySelector('mb-widget-grid')!;
  await el.updateComplete;
  events.length = 0;
  return el;
}

const root = (el: MbWidgetGrid) => el.shadowRoot!;
/** The order on screen: a carried widget's cells are placed by CSS `order` until the drop (then by the DOM). */
const order = (el: MbWidgetGrid) =>
  [...root(el).querySelectorAll<HTMLElement>('.cell')]
    .map((c, i) => [Number(getComputedStyle(c).order) * 1e3 + i, c.dataset.id] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, id]) => id);
/** The cells in DOM order (what a screen reader reads and Tab follows). */
const domOrder = (el: MbWidgetGrid) => [...root(el).querySelectorAll<HTMLElement>('.cell')].map((c) => c.dataset.id);
const cell = (el: MbWidgetGrid, id: string) => root(el).querySelector<HTMLElement>(`.cell[data-id="${id}"]`)!;
const handle = (el: MbWidgetGrid, id: string) => cell(el, id).querySelector<HTMLButtonElement>('.handle')!;
const menuButton = (el: MbWidgetGrid, id: string) => cell(el, id).querySelector<HTMLButtonElement>('.menu-button')!;
const live = (el: MbWidgetGrid) =>
  (root(el).querySelector('[part=live]')!.textContent ?? '').replace(/\s+/g, ' ').trim();
/** Lets the grid's MutationObserver see a change to its children, then waits for the render. */
const settle = async (el: MbWidgetGrid) => {
  await Promise.resolve();
  await el.updateComplete;
};
const frames = (n = 2) =>
  new Promise<void>((done) => {
    const next = (left: number) => (left ? requestAnimationFrame(() => next(left - 1)) : done());
    next(n);
  });
const center = (node: Element) => {
  const r = node.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] as [number, number];
};

/** Picks `from`'s handle up with the mouse and carries it onto `to`'s cell in five steps (the button stays down). */
async function carry(el: MbWidgetGrid, from: string, to: string) {
  const [x, y] = center(handle(el, from));
  const [tx, ty] = center(cell(el, to));
  await sendMouse({ type: 'move', position: [x, y] });
  await sendMouse({ type: 'down' });
  for (let i = 1; i <= 5; i++) {
    await sendMouse({
      type: 'move',
      position: [Math.round(x + ((tx - x) * i) / 5), Math.round(y + ((ty - y) * i) / 5)],
    });
    await frames(2);
  }
}

/**
 * The slides (Web Animations) started on `el`'s cells while `act` runs, recorded as they start: a slide lasts
 * 200 ms, and on a loaded machine it can be over before the test gets to look at the cell.
 */
async function slidesDuring(el: MbWidgetGrid, act: () => Promise<unknown>): Promise<[string, Animation][]> {
  const started: [string, Animation][] = [];
  const animate = Element.prototype.animate;
  Element.prototype.animate = function (this: Element, ...args: Parameters<Element['animate']>) {
    const animation = animate.apply(this, args);
    if (this instanceof HTMLElement && this.classList.contains('cell') && root(el).contains(this))
      started.push([this.dataset.id ?? '', animation]);
    return animation;
  };
  try {
    await act();
  } finally {
    Element.prototype.animate = animate;
  }
  return started;
}

/** Keyboard: focus a handle, then keys one by one; returns the live region's text after each key. */
async function keys(el: MbWidgetGrid, id: string, presses: string[]): Promise<string[]> {
  handle(el, id).focus();
  const said: string[] = [];
  for (const press of presses) {
    await sendKeys({ press });
    await el.updateComplete;
    await frames(1); // a keyboard move is shown on the next frame
    said.push(live(el));
  }
  return said;
}

before(() => emulateMedia({ reducedMotion: 'reduce' }));
afterEach(() => resetMouse());

describe('<mb-widget-grid>', () => {
  describe('accessibility (axe)', () => {
    it('is accessible at rest', async () => {
      const el = await setup();
      await expect(el).to.be.accessible();
    });

    it('is accessible while a widget is picked up and while its menu is open', async () => {
      const el = await setup();
      await keys(el, 'w2', [' ', 'ArrowRight']);
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      menuButton(el, 'w3').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    for (const lang of ['de', 'en', 'ar']) {
      it(`is accessible while customizing, with hidden widgets (${lang})`, async () => {
        const el = await setup({ lang, customizing: true });
        el.hide('w2');
        el.hide('w4');
        await el.updateComplete;
        expect(root(el).querySelectorAll('[part=show]').length).to.equal(2);
        await expect(el).to.be.accessible();
      });
    }
  });

  describe('defaults', () => {
    it('lays out the widget children in DOM order and ignores other children, which stay the host’s', async () => {
      const el = await setup();
      expect(order(el)).to.deep.equal(IDS);
      const stray = el.querySelector('p')!;
      expect(stray.getClientRects()).to.have.length(0);
      for (const id of IDS) {
        const child = el.querySelector<HTMLElement>(`[widget-id="${id}"]`)!;
        expect(child.parentElement).to.equal(el);
        expect(child.assignedSlot?.closest('.cell')).to.equal(cell(el, id));
        expect(child.getClientRects().length).to.be.greaterThan(0);
      }
      expect(el.customizing).to.equal(false);
      expect(el.layout).to.equal(undefined);
    });

    it('gives a `hidden` widget (nothing to show) no cell; it comes back at its saved place without an event', async () => {
      const client = createFakeLayoutClient({ home: { order: ['w3', 'w1', 'w2', 'w4', 'w5', 'w6'], hidden: [] } });
      const el = await setup({ client, dashboardId: 'home' });
      const w1 = el.querySelector<HTMLElement>('[widget-id="w1"]')!;
      w1.hidden = true;
      await settle(el);
      expect(order(el)).to.deep.equal(['w3', 'w2', 'w4', 'w5', 'w6']);
      el.customizing = true;
      await el.updateComplete;
      expect(root(el).querySelector('[part~="show"]'), 'not offered as hidden by the visitor').to.equal(null);
      w1.hidden = false;
      await settle(el);
      expect(order(el)).to.deep.equal(['w3', 'w1', 'w2', 'w4', 'w5', 'w6']);
      expect(events).to.have.length(0);
      expect(client.saved).to.have.length(0);
    });

    it('labels handles and menus with titles: widget-title, aria-label, heading, else “Widget N”, never the id', async () => {
      const el = await fixture<MbWidgetGrid>(html`<mb-widget-grid lang="en">
        <div widget-id="a" widget-title="Recommendations">x</div>
        <div widget-id="b" aria-label="Orders">x</div>
        <div widget-id="c"><h2>Insights</h2></div>
        <div widget-id="d">no title</div>
      </mb-widget-grid>`);
      const labels = ['a', 'b', 'c', 'd'].map((id) => handle(el, id).getAttribute('aria-label'));
      expect(labels).to.deep.equal(['Move Recommendations', 'Move Orders', 'Move Insights', 'Move Widget 4']);
      expect(menuButton(el, 'd').getAttribute('aria-label')).to.equal('Options for Widget 4');
      expect(menuButton(el, 'a').getAttribute('aria-haspopup')).to.equal('menu');
      const hint = root(el).getElementById(handle(el, 'a').getAttribute('aria-describedby')!)!;
      expect(hint.textContent).to.contain('Space or Enter');
      expect(handle(el, 'a').hasAttribute('aria-grabbed')).to.equal(false);
    });

    it('derives columns from its width (1 to 4) and lets span="2" take two where there are two', async () => {
      const el = await setup({ width: 400 });
      const cols = () => getComputedStyle(part(el, 'grid')).gridTemplateColumns.split(' ').length;
      expect(cols()).to.equal(1);
      for (const [width, expected] of [
        [700, 2],
        [1000, 3],
        [1400, 4],
      ] as const) {
        el.parentElement!.style.inlineSize = `${width}px`;
        await frames(1);
        expect(cols(), `${width}px`).to.equal(expected);
      }
      el.querySelector('[widget-id=w1]')!.setAttribute('span', '2');
      await settle(el);
      expect(cell(el, 'w1').getBoundingClientRect().width).to.be.greaterThan(
        cell(el, 'w2').getBoundingClientRect().width * 1.8,
      );
    });

    it('puts the handle and the menu button side by side at the top end of each cell, the widget below, the menu under them (mirrored in right-to-left)', async () => {
      for (const dir of ['ltr', 'rtl'] as const) {
        const el = await setup({ dir, lang: dir === 'rtl' ? 'ar' : 'de' });
        const box = (node: Element) => node.getBoundingClientRect();
        const [c, h, m] = [box(cell(el, 'w2')), box(handle(el, 'w2')), box(menuButton(el, 'w2'))];
        const widget = box(el.querySelector('[widget-id=w2]')!);
        expect([h.top, m.top], dir).to.deep.equal([c.top, c.top]);
        expect(h.width, 'a 2em target').to.be.closeTo(32, 1);
        expect(widget.top, 'the widget starts below the buttons').to.be.closeTo(h.bottom, 0.5);
        expect(widget.left).to.be.closeTo(c.left, 0.5);
        expect(widget.right).to.be.closeTo(c.right, 0.5);
        // The menu button at the end, the handle just before it.
        const [end, before] =
          dir === 'ltr' ? [m.right - c.right, m.left - h.right] : [c.left - m.left, h.left - m.right];
        expect([Math.round(end), Math.round(before)], dir).to.deep.equal([0, 0]);
        menuButton(el, 'w2').click();
        await el.updateComplete;
        const menu = box(part(el, 'menu'));
        expect(menu.top, 'the menu opens below the buttons').to.be.closeTo(m.bottom, 0.5);
        expect(Math.round(dir === 'ltr' ? menu.right - c.right : c.left - menu.left), dir).to.equal(0);
      }
    });

    it('follows children added, removed and renamed', async () => {
      const el = await setup();
      el.querySelector('[widget-id=w2]')!.remove();
      const added = document.createElement('div');
      added.setAttribute('widget-id', 'w9');
      added.setAttribute('widget-title', 'Neu');
      el.prepend(added);
      await settle(el);
      expect(order(el)).to.deep.equal(['w9', 'w1', 'w3', 'w4', 'w5', 'w6']);
      added.setAttribute('widget-title', 'Umbenannt');
      await settle(el);
      expect(handle(el, 'w9').getAttribute('aria-label')).to.equal('Umbenannt verschieben');
      expect(events).to.have.length(0);
    });
  });

  describe('keyboard', () => {
    it('picks up, moves and drops with announcements; focus stays on the moved handle; one event', async () => {
      const el = await setup({ dashboardId: 'guest-home' });
      const said = await keys(el, 'w2', [' ', 'ArrowRight', 'ArrowDown', 'Enter']);
      expect(said).to.deep.equal([
        'Bestellungen, aufgenommen, Position 2 von 6',
        'Bestellungen, Position 3 von 6',
        'Bestellungen, Position 5 von 6', // two columns: down is two places
        'Bestellungen, abgelegt auf Position 5 von 6',
      ]);
      expect(order(el)).to.deep.equal(['w1', 'w3', 'w4', 'w5', 'w2', 'w6']);
      expect(deepActiveElement()).to.equal(handle(el, 'w2'));
      expect(events).to.deep.equal([
        { dashboardId: 'guest-home', layout: { order: order(el), hidden: [] }, reason: 'move' },
      ]);
      expect(el.layout).to.deep.equal({ order: order(el), hidden: [] });
    });

    it('moves without losing focus (no blur per move); the DOM, read by screen readers, follows on drop', async () => {
      const el = await setup();
      const blurs: Event[] = [];
      handle(el, 'w1').addEventListener('blur', (event) => blurs.push(event));
      await keys(el, 'w1', [' ', 'ArrowRight', 'ArrowRight', 'ArrowDown']);
      expect(order(el)).to.deep.equal(['w2', 'w3', 'w4', 'w5', 'w1', 'w6']);
      expect(blurs).to.have.length(0);
      expect(deepActiveElement()).to.equal(handle(el, 'w1'));
      await sendKeys({ press: ' ' });
      await el.updateComplete;
      expect(domOrder(el)).to.deep.equal(['w2', 'w3', 'w4', 'w5', 'w1', 'w6']);
      expect(order(el)).to.deep.equal(domOrder(el));
      expect(deepActiveElement()).to.equal(handle(el, 'w1'));
      expect(events).to.have.length(1);
    });

    it('shows every intermediate order of a long carry (left, right, up, down, Home, End) correctly', async () => {
      const el = await setup({ count: 12, width: 1000 }); // 3 columns
      const ids = Array.from({ length: 12 }, (_, i) => `w${i + 1}`);
      const model = [...ids];
      const steps: Record<string, number> = {
        ArrowRight: 1,
        ArrowLeft: -1,
        ArrowDown: 3,
        ArrowUp: -3,
        Home: -12,
        End: 12,
      };
      const presses = [
        'ArrowRight',
        'ArrowDown',
        'ArrowDown',
        'End',
        'ArrowLeft',
        'ArrowUp',
        'Home',
        'ArrowDown',
        'ArrowRight',
      ];
      await keys(el, 'w5', [' ']);
      for (const press of presses) {
        await sendKeys({ press });
        await frames(1);
        const from = model.indexOf('w5');
        model.splice(from, 1);
        model.splice(Math.max(0, Math.min(from + steps[press]!, model.length)), 0, 'w5');
        expect(order(el), press).to.deep.equal(model);
        expect(live(el)).to.contain(`Position ${model.indexOf('w5') + 1} von 12`);
      }
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(domOrder(el)).to.deep.equal(model);
      expect(order(el)).to.deep.equal(model);
    });

    it('Escape cancels: the original position comes back, announced, no event', async () => {
      const el = await setup();
      const said = await keys(el, 'w1', ['Enter', 'ArrowRight', 'ArrowRight', 'Escape']);
      expect(said[2]).to.equal('Empfehlungen, Position 3 von 6');
      expect(said[3]).to.equal('Verschieben abgebrochen. Empfehlungen bleibt auf Position 1 von 6');
      expect(order(el)).to.deep.equal(IDS);
      expect(deepActiveElement()).to.equal(handle(el, 'w1'));
      expect(events).to.have.length(0);
    });

    it('moves one at a time in one column, stops at the edges, and drops unchanged without an event', async () => {
      const el = await setup({ width: 300, lang: 'en' });
      const said = await keys(el, 'w2', [' ', 'ArrowUp', 'ArrowUp', 'ArrowDown', 'Space']);
      expect(said).to.deep.equal([
        'Bestellungen, picked up, position 2 of 6',
        'Bestellungen, position 1 of 6',
        'Bestellungen, position 1 of 6',
        'Bestellungen, position 2 of 6',
        'Bestellungen, dropped at position 2 of 6',
      ]);
      expect(events).to.have.length(0);
    });

    it('mirrors left and right in right-to-left', async () => {
      const el = await setup({ lang: 'ar' });
      expect(getComputedStyle(part(el, 'grid')).direction).to.equal('rtl');
      await keys(el, 'w1', [' ', 'ArrowLeft', 'ArrowLeft', 'ArrowRight', ' ']);
      expect(order(el)).to.deep.equal(['w2', 'w1', 'w3', 'w4', 'w5', 'w6']);
      expect(live(el)).to.contain('تم الإفلات');
      expect(events).to.have.length(1);
    });

    it('animates moves (FLIP) unless the visitor prefers reduced motion', async () => {
      const el = await setup();
      const still = await slidesDuring(el, () => keys(el, 'w1', [' ', 'ArrowRight']));
      expect(order(el)).to.deep.equal(['w2', 'w1', 'w3', 'w4', 'w5', 'w6']);
      expect(still, 'slides with reduced motion').to.have.length(0);
      await sendKeys({ press: 'Escape' });
      await emulateMedia({ reducedMotion: 'no-preference' });
      try {
        const slides = await slidesDuring(el, () => keys(el, 'w1', [' ', 'ArrowRight']));
        expect(order(el)).to.deep.equal(['w2', 'w1', 'w3', 'w4', 'w5', 'w6']);
        expect(slides.map(([id]) => id)).to.include('w2');
        // The slides end where the cells now are: nothing is left running or displaced.
        await Promise.all(slides.map(([, animation]) => animation.finished));
        expect(cell(el, 'w2').getAnimations()).to.have.length(0);
        await sendKeys({ press: 'Escape' });
      } finally {
        await emulateMedia({ reducedMotion: 'reduce' });
      }
    });
  });

  describe('options menu (single pointer, APG menu button)', () => {
    it('opens from the keyboard, moves focus through items, closes on Escape back to its button', async () => {
      const el = await setup({ lang: 'en' });
      menuButton(el, 'w1').focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(menuButton(el, 'w1').getAttribute('aria-expanded')).to.equal('true');
      const items = [...root(el).querySelectorAll<HTMLElement>('[role=menuitem]')];
      expect(items.map((i) => i.textContent?.trim())).to.deep.equal(['Move earlier', 'Move later', 'Hide']);
      expect(items[0]!.getAttribute('aria-disabled')).to.equal('true');
      expect(deepActiveElement()).to.equal(items[0]);
      await sendKeys({ press: 'ArrowUp' });
      expect(deepActiveElement()).to.equal(items[2]);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(root(el).querySelector('[role=menu]')).to.equal(null);
      expect(deepActiveElement()).to.equal(menuButton(el, 'w1'));
      expect(events).to.have.length(0);
    });

    it('“Move later” and “Move earlier” by click: one event each, focus on the moved widget’s menu button', async () => {
      const el = await setup({ lang: 'en' });
      menuButton(el, 'w1').click();
      await el.updateComplete;
      root(el).querySelector<HTMLElement>('[data-action=later]')!.click();
      await el.updateComplete;
      expect(order(el)).to.deep.equal(['w2', 'w1', 'w3', 'w4', 'w5', 'w6']);
      expect(live(el)).to.equal('Empfehlungen, position 2 of 6');
      expect(deepActiveElement()).to.equal(menuButton(el, 'w1'));
      menuButton(el, 'w1').click();
      await el.updateComplete;
      root(el).querySelector<HTMLElement>('[data-action=earlier]')!.click();
      await el.updateComplete;
      expect(order(el)).to.deep.equal(IDS);
      expect(events.map((e) => e.reason)).to.deep.equal(['move', 'move']);
    });

    it('a disabled item does nothing', async () => {
      const el = await setup();
      menuButton(el, 'w6').click();
      await el.updateComplete;
      root(el).querySelector<HTMLElement>('[data-action=later]')!.click();
      await el.updateComplete;
      expect(order(el)).to.deep.equal(IDS);
      expect(events).to.have.length(0);
    });
  });

  describe('hide, show, reset', () => {
    it('hides from the menu, shows from the customize panel, resets: one event each, announced', async () => {
      const client = createFakeLayoutClient();
      const el = await setup({ client, dashboardId: 'guest-home', customizing: true });
      expect(part(el, 'customize').textContent).to.contain('Keine ausgeblendeten Widgets');
      menuButton(el, 'w3').click();
      await el.updateComplete;
      root(el).querySelector<HTMLElement>('[data-action=hide]')!.click();
      await el.updateComplete;
      expect(order(el)).to.deep.equal(['w1', 'w2', 'w4', 'w5', 'w6']);
      expect(live(el)).to.equal('Einblicke ausgeblendet');
      expect(deepActiveElement()).to.equal(handle(el, 'w4'));
      expect(el.querySelector('[widget-id=w3]')!.getClientRects()).to.have.length(0);
      const show = part(el, 'show');
      expect(show.textContent?.trim()).to.equal('Einblicke einblenden');
      show.click();
      await el.updateComplete;
      expect(order(el)).to.deep.equal(IDS);
      expect(live(el)).to.equal('Einblicke wieder eingeblendet');
      expect(deepActiveElement()).to.equal(part(el, 'reset'));
      await keys(el, 'w1', [' ', 'End', ' ']);
      part(el, 'reset').click();
      await el.updateComplete;
      expect(order(el)).to.deep.equal(IDS);
      expect(live(el)).to.equal('Standardanordnung wiederhergestellt');
      expect(events.map((e) => e.reason)).to.deep.equal(['hide', 'show', 'move', 'reset']);
      expect(client.saved.map(([id]) => id)).to.deep.equal(['guest-home', 'guest-home', 'guest-home', 'guest-home']);
      expect(client.saved[0]![1]).to.deep.equal({ order: IDS, hidden: ['w3'] });
    });

    it('programmatic layout, move, hide, show and reset change the grid and fire nothing', async () => {
      const el = await setup();
      el.move('w1', 3);
      el.hide('w2');
      await el.updateComplete;
      expect(order(el)).to.deep.equal(['w3', 'w4', 'w1', 'w5', 'w6']);
      el.show('w2');
      await el.updateComplete;
      expect(order(el)).to.deep.equal(['w2', 'w3', 'w4', 'w1', 'w5', 'w6']);
      el.layout = { order: ['w6', 'w5'], hidden: ['w1'] };
      await el.updateComplete;
      // Widgets the layout does not name keep their default (DOM) places: w2, w3, w4 at 2nd to 4th.
      expect(order(el)).to.deep.equal(['w2', 'w3', 'w4', 'w6', 'w5']);
      el.reset();
      await el.updateComplete;
      expect(order(el)).to.deep.equal(IDS);
      el.customizing = true;
      await el.updateComplete;
      expect(el.hasAttribute('customizing')).to.equal(true);
      expect(events).to.have.length(0);
    });
  });

  describe('pointer', () => {
    it('reorders by mouse drag: the widget follows, the others make room, one event on drop', async () => {
      const el = await setup({ dashboardId: 'd' });
      await carry(el, 'w1', 'w4');
      expect(cell(el, 'w1').classList.contains('dragging')).to.equal(true);
      expect(cell(el, 'w1').style.transform).to.match(/translate/);
      await sendMouse({ type: 'up' });
      await el.updateComplete;
      expect(order(el)).to.deep.equal(['w2', 'w3', 'w4', 'w1', 'w5', 'w6']);
      expect(cell(el, 'w1').style.transform).to.equal('');
      expect(live(el)).to.equal('Empfehlungen, abgelegt auf Position 4 von 6');
      expect(events).to.have.length(1);
      expect(events[0]!.reason).to.equal('move');
    });

    it('a click on the handle without moving does nothing; Escape during a drag cancels', async () => {
      const el = await setup();
      await sendMouse({ type: 'click', position: center(handle(el, 'w2')) });
      const [x, y] = center(handle(el, 'w2'));
      const [tx, ty] = center(cell(el, 'w5'));
      await sendMouse({ type: 'move', position: [x, y] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [x + 10, y + 10] });
      await sendMouse({ type: 'move', position: [tx, ty] });
      await frames(3);
      expect(order(el)).not.to.deep.equal(IDS);
      await sendKeys({ press: 'Escape' });
      await sendMouse({ type: 'up' });
      await el.updateComplete;
      expect(order(el)).to.deep.equal(IDS);
      expect(events).to.have.length(0);
    });

    /** Touch emulation: PointerEvents with pointerType 'touch', dispatched where a finger would hit. */
    function touch(type: string, target: EventTarget, [clientX, clientY]: [number, number]) {
      target.dispatchEvent(
        new PointerEvent(type, {
          pointerType: 'touch',
          pointerId: 7,
          isPrimary: true,
          button: type === 'pointermove' ? -1 : 0,
          clientX,
          clientY,
          bubbles: true,
          composed: true,
          cancelable: true,
        }),
      );
    }

    it('reorders by touch after a press-and-hold', async () => {
      const el = await setup();
      const start = center(handle(el, 'w1'));
      const target = center(cell(el, 'w3'));
      touch('pointerdown', handle(el, 'w1'), start);
      await new Promise((done) => setTimeout(done, 400));
      expect(live(el)).to.equal('Empfehlungen, aufgenommen, Position 1 von 6');
      touch('pointermove', handle(el, 'w1'), target);
      await frames(3);
      touch('pointerup', handle(el, 'w1'), target);
      await el.updateComplete;
      expect(order(el)).to.deep.equal(['w2', 'w3', 'w1', 'w4', 'w5', 'w6']);
      expect(events).to.have.length(1);
    });

    it('a touch that moves before the hold is a scroll, not a drag', async () => {
      const el = await setup();
      const [x, y] = center(handle(el, 'w1'));
      touch('pointerdown', handle(el, 'w1'), [x, y]);
      touch('pointermove', handle(el, 'w1'), [x, y + 40]);
      await new Promise((done) => setTimeout(done, 400));
      touch('pointermove', handle(el, 'w1'), center(cell(el, 'w3')));
      await frames(3);
      touch('pointerup', handle(el, 'w1'), center(cell(el, 'w3')));
      await el.updateComplete;
      expect(order(el)).to.deep.equal(IDS);
      expect(live(el)).to.equal('');
      expect(events).to.have.length(0);
    });

    it('auto-scrolls the page while a widget is dragged near the bottom edge', async () => {
      const el = await setup({ count: 30, width: 400 });
      const [x, y] = center(handle(el, 'w1'));
      await sendMouse({ type: 'move', position: [x, y] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [x, y + 20] });
      await sendMouse({ type: 'move', position: [x, innerHeight - 5] });
      const before = scrollY;
      await frames(10);
      expect(scrollY).to.be.greaterThan(before);
      await sendKeys({ press: 'Escape' });
      await sendMouse({ type: 'up' });
      scrollTo(0, 0);
    });
  });

  describe('Widgets Reordered (KPI event through client.track)', () => {
    const reordered = ['Widgets Reordered', { dashboard_id: 'guest-home' }];

    it('is reported once per committed move: a keyboard drop, a pointer drop, a menu move', async () => {
      const client = withTracking(createFakeLayoutClient());
      const el = await setup({ client, dashboardId: 'guest-home' });
      await keys(el, 'w2', [' ', 'ArrowRight', 'Enter']);
      expect(client.tracked).to.deep.equal([reordered]);
      await carry(el, 'w1', 'w4');
      await sendMouse({ type: 'up' });
      await el.updateComplete;
      expect(order(el)[3]).to.equal('w1');
      expect(client.tracked).to.deep.equal([reordered, reordered]);
      menuButton(el, 'w3').click();
      await el.updateComplete;
      root(el).querySelector<HTMLElement>('[data-action=later]')!.click();
      await el.updateComplete;
      expect(events.map((e) => e.reason)).to.deep.equal(['move', 'move', 'move']);
      expect(client.tracked).to.deep.equal([reordered, reordered, reordered]);
    });

    it('is not reported for a canceled carry, an unchanged drop, hide, show, reset or a programmatic change', async () => {
      const client = withTracking(createFakeLayoutClient());
      const el = await setup({ client, dashboardId: 'guest-home', customizing: true });
      await keys(el, 'w2', [' ', 'ArrowRight', 'Escape']);
      await keys(el, 'w2', [' ', 'Enter']);
      menuButton(el, 'w3').click();
      await el.updateComplete;
      root(el).querySelector<HTMLElement>('[data-action=hide]')!.click();
      await el.updateComplete;
      part(el, 'show').click();
      await el.updateComplete;
      part(el, 'reset').click();
      el.move('w1', 3);
      await el.updateComplete;
      expect(events.map((e) => e.reason)).to.deep.equal(['hide', 'show', 'reset']);
      expect(client.tracked).to.deep.equal([]);
      events.length = 0;
    });
  });

  describe('saved layout (preferences client)', () => {
    it('restores the saved layout before the first paint; unknown ids ignored, new widgets at their default place', async () => {
      const client = createFakeLayoutClient({
        'guest-home': { order: ['w4', 'gone', 'w2', 'w1', 'w3', 'w5'], hidden: ['w5', 'also-gone'] },
      });
      const el = document.createElement('mb-widget-grid');
      el.dashboardId = 'guest-home';
      el.client = client;
      for (const id of IDS) {
        const child = document.createElement('div');
        child.setAttribute('widget-id', id);
        el.append(child);
      }
      const painted = new Promise<(string | undefined)[]>((done) => requestAnimationFrame(() => done(order(el))));
      document.body.append(el);
      try {
        // rAF callbacks run before the frame is painted: the first frame already shows the saved order.
        expect(await painted).to.deep.equal(['w4', 'w2', 'w1', 'w3', 'w6']);
        expect(events).to.have.length(0);
        expect(client.saved).to.have.length(0);
        // A user action saves, keeping ids this page does not know.
        await keys(el, 'w6', [' ', 'Home', ' ']);
        expect(client.saved).to.deep.equal([
          ['guest-home', { order: ['w6', 'w4', 'w2', 'w1', 'w3', 'w5', 'gone'], hidden: ['w5', 'also-gone'] }],
        ]);
      } finally {
        el.remove();
      }
    });

    it('follows a layout saved elsewhere (another tab) without firing an event', async () => {
      const client = createFakeLayoutClient();
      const el = await setup({ client, dashboardId: 'guest-home' });
      client.external('guest-home', { order: ['w6', 'w5', 'w4', 'w3', 'w2', 'w1'], hidden: [] });
      await el.updateComplete;
      expect(order(el)).to.deep.equal(['w6', 'w5', 'w4', 'w3', 'w2', 'w1']);
      client.external('other-dashboard', { order: ['w1'], hidden: ['w6'] });
      await el.updateComplete;
      expect(order(el)).to.deep.equal(['w6', 'w5', 'w4', 'w3', 'w2', 'w1']);
      expect(events).to.have.length(0);
      expect(client.saved).to.have.length(0);
    });

    it('a layout survives a round trip through every column count', async () => {
      const el = await setup({ width: 1400 });
      await keys(el, 'w1', [' ', 'ArrowDown', ' ']);
      const saved = structuredClone(el.layout) as DashboardLayout;
      for (const width of [300, 700, 1000, 1400]) {
        el.parentElement!.style.inlineSize = `${width}px`;
        await frames(1);
        expect(order(el)).to.deep.equal(saved.order);
      }
      expect(el.layout).to.deep.equal(saved);
    });
  });

  it('works inside another element’s shadow root', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    const grid = document.createElement('mb-widget-grid');
    grid.lang = 'en';
    shadow.append(grid);
    for (const [i, id] of IDS.entries()) {
      const child = document.createElement('div');
      child.setAttribute('widget-id', id);
      child.setAttribute('widget-title', TITLES[i]!);
      grid.append(child);
    }
    await grid.updateComplete;
    events.length = 0;
    const said = await keys(grid, 'w1', [' ', 'ArrowRight', ' ']);
    expect(said[2]).to.equal('Empfehlungen, dropped at position 2 of 6');
    expect(deepActiveElement()).to.equal(handle(grid, 'w1'));
    expect(events).to.have.length(1);
    // And by mouse: w3 dragged onto w5.
    const [x, y] = center(handle(grid, 'w3'));
    const [tx, ty] = center(cell(grid, 'w5'));
    await sendMouse({ type: 'move', position: [x, y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [x + 10, y + 10] });
    await frames(2);
    await sendMouse({ type: 'move', position: [tx, ty] });
    await frames(3);
    await sendMouse({ type: 'up' });
    await grid.updateComplete;
    expect(order(grid)).to.deep.equal(['w2', 'w1', 'w4', 'w5', 'w3', 'w6']);
    expect(events).to.have.length(2);
    await expect(grid).to.be.accessible();
  });

  it('leaves no listeners behind (create and remove 50×, some mid-drag)', async () => {
    const client = createFakeLayoutClient();
    const balance = new Map<string, number>();
    const add = window.addEventListener;
    const remove = window.removeEventListener;
    window.addEventListener = function (this: Window, ...args: Parameters<typeof add>) {
      balance.set(args[0], (balance.get(args[0]) ?? 0) + 1);
      return add.apply(this, args);
    } as typeof add;
    window.removeEventListener = function (this: Window, ...args: Parameters<typeof remove>) {
      balance.set(args[0], (balance.get(args[0]) ?? 0) - 1);
      return remove.apply(this, args);
    } as typeof remove;
    try {
      for (let i = 0; i < 50; i++) {
        const el = await setup({ client, dashboardId: 'guest-home', count: 3 });
        if (i % 5 === 0) {
          handle(el, 'w1').dispatchEvent(
            new PointerEvent('pointerdown', { pointerType: 'mouse', button: 0, clientX: 1, clientY: 1, bubbles: true }),
          );
        }
        el.parentElement!.remove();
      }
    } finally {
      window.addEventListener = add;
      window.removeEventListener = remove;
    }
    expect([...balance].filter(([, n]) => n !== 0)).to.deep.equal([]);
    expect(balance.get('pointermove')).to.equal(0);
    expect(client.listeners()).to.equal(0);
  });

  it('issued no Lit dev warnings', () => {
    expect(litWarnings).to.deep.equal([]);
  });
});
