import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createFakePreferencesClient, type FakePreferencesClient } from '../../test-support/fake-preferences-client.ts';
import { withTracking } from '../../test-support/fake-tracker.ts';
import { $display, bindDisplay } from '../shared/display.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import { $widgets, registerWidget, resetWidgetRegistry } from '../shared/widget-registry.ts';
import { type MbDashboard, pendingTagWaits } from './dashboard.component.ts';
import { registerBuiltInWidgets } from './dashboard.ts';

const litWarnings = captureLitWarnings();

const DEFAULTS = {
  guest: { order: ['recommendations', 'next-best-action', 'orders'], hidden: [] },
  owner: { order: ['insights', 'orders', 'recommendations', 'next-best-action'], hidden: [] },
};

let unique = 0;
/** A fresh tag name per test: custom element definitions cannot be undone. */
const freshTag = () => `x-dash-widget-${++unique}`;
const define = (tag: string, text = 'content') =>
  customElements.define(
    tag,
    class extends HTMLElement {
      connectedCallback() {
        this.textContent = text;
      }
    },
  );

interface Setup {
  role?: string;
  client?: FakePreferencesClient;
  timeout?: number;
  defaults?: unknown;
  lang?: string;
}

async function setup({
  role,
  client = createFakePreferencesClient(),
  timeout,
  defaults = DEFAULTS,
  lang = 'en',
}: Setup = {}) {
  const el = await fixture<MbDashboard>(html`<mb-dashboard
    audience=${ifDefined(role)}
    lang=${lang}
    widget-timeout=${ifDefined(timeout)}
    .client=${client}
    .defaults=${defaults}
  ><p slot="orders">Order #7: on its way</p></mb-dashboard>`);
  return { el, client };
}

const shadow = (el: MbDashboard) => el.shadowRoot!;
const cell = (el: MbDashboard, id: string) => shadow(el).querySelector<HTMLElement>(`[widget-id="${id}"]`);
const cellIds = (el: MbDashboard) =>
  [...shadow(el).querySelectorAll<HTMLElement>('[widget-id]')].map((c) => c.getAttribute('widget-id'));
const grid = (el: MbDashboard) => shadow(el).querySelector('mb-widget-grid')!;
/** The widget ids the grid shows, in layout order (top to bottom, start to end). */
const shownIds = (el: MbDashboard) =>
  [...grid(el).shadowRoot!.querySelectorAll<HTMLElement>('.cell')]
    .filter((c) => c.checkVisibility())
    .sort((a, b) => a.offsetTop - b.offsetTop || a.offsetLeft - b.offsetLeft)
    .map((c) => c.dataset.id);
const partIn = (root: ParentNode | null, name: string) => root?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const state = (el: MbDashboard, id: string) =>
  (cell(el, id)?.getAttribute('part') ?? '').split(' ').find((p) => p.startsWith('widget-'));
/** Waits until `check` passes (no fixed delays: a loaded machine only makes it slower). */
async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check(), what).to.equal(true);
}

afterEach(() => {
  resetWidgetRegistry();
});

describe('<mb-dashboard>', () => {
  it('is accessible while widgets load, with content, and with an error', async function () {
    // axe over every control takes a while on a loaded machine.
    this.timeout(40_000);
    const tag = freshTag();
    registerWidget('mine', { title: 'Mine', tag });
    registerWidget('broken', {
      title: 'Broken',
      render: () => {
        throw new Error('boom');
      },
    });
    const { el } = await setup();
    await expect(el).to.be.accessible();
    define(tag);
    await until(() => state(el, 'mine') === 'widget-ready' && state(el, 'broken') === 'widget-error', 'settled');
    await expect(el).to.be.accessible();
  });

  it('titles itself and its built-ins in the tenant\'s form of address ("Sie" unless the config says "du")', async () => {
    const { el, client } = await setup({ lang: 'de' });
    const heading = () => shadow(el).querySelector('h2')?.textContent?.trim();
    const titles = () => [...shadow(el).querySelectorAll('[part~="widget-title"]')].map((t) => t.textContent?.trim());
    expect(heading()).to.equal('Ihr Dashboard');
    expect(titles()).to.include('Ihr nächster Schritt');
    Object.assign(client, { config: { get: () => ({ address: { de: 'informal' } }) } });
    el.requestUpdate();
    await el.updateComplete;
    expect(heading()).to.equal('Dein Dashboard');
    expect(titles()).to.include('Dein nächster Schritt').and.not.include('Ihr nächster Schritt');
  });

  it('shows the guest built-ins in the default order of the config, owner widgets for owners', async () => {
    const guest = await setup();
    expect(cellIds(guest.el)).to.deep.equal(['recommendations', 'next-best-action', 'orders']);
    expect(partIn(shadow(guest.el), 'heading')?.textContent?.trim()).to.equal('Your dashboard');
    expect(grid(guest.el).getAttribute('dashboard-id')).to.equal('guest');
    const recommendations = shadow(guest.el).querySelector('mb-recommendations')!;
    expect(recommendations.getAttribute('slot-id')).to.equal('home');
    expect(shadow(guest.el).querySelector('mb-next-best-action')?.getAttribute('placement')).to.equal('home');
    expect(recommendations.hasAttribute('audience')).to.equal(false);
    // The page's orders are shown in the orders widget.
    const slot = cell(guest.el, 'orders')!.querySelector('slot')!;
    expect(slot.assignedElements()[0]?.textContent).to.equal('Order #7: on its way');

    const owner = await setup({ role: 'owner' });
    expect(cellIds(owner.el)).to.deep.equal(['insights', 'orders', 'recommendations', 'next-best-action']);
    expect(shadow(owner.el).querySelector('mb-recommendations')!.getAttribute('audience')).to.equal('owner');
    expect(cell(owner.el, 'insights')!.getAttribute('span')).to.equal('2');
  });

  it('uses registration order without a default layout, and shows widgets registered later', async () => {
    registerBuiltInWidgets();
    registerWidget('early', { title: 'Early', render: (c) => c.append('early') });
    const { el } = await setup({ defaults: null });
    expect(cellIds(el)).to.deep.equal(['next-best-action', 'recommendations', 'orders', 'early']);
    registerWidget('late', { title: { de: 'Spät', en: 'Late' }, render: (c) => c.append('late!') });
    await el.updateComplete;
    expect(cellIds(el)).to.deep.equal(['next-best-action', 'recommendations', 'orders', 'early', 'late']);
    expect(cell(el, 'late')!.getAttribute('widget-title')).to.equal('Late');
    await until(() => cell(el, 'late')!.textContent!.includes('late!'), 'the late widget rendered');
  });

  it('shows a skeleton of reserved size until the tag is defined, calling load() once', async () => {
    const tag = freshTag();
    let loads = 0;
    registerWidget('lazy', { title: 'Lazy', tag, load: async () => void loads++, attributes: { limit: '2' } });
    expect(loads, 'nothing loaded before a dashboard shows it').to.equal(0);
    const { el } = await setup();
    const lazyCell = cell(el, 'lazy')!;
    expect(state(el, 'lazy')).to.equal('widget-loading');
    expect(lazyCell.getAttribute('aria-busy')).to.equal('true');
    const skeleton = partIn(lazyCell, 'skeleton')!;
    expect(skeleton.getAttribute('aria-label')).to.equal('Loading Lazy …');
    const before = lazyCell.getBoundingClientRect().height;
    expect(before).to.be.greaterThan(100);
    define(tag, 'ready');
    await until(() => state(el, 'lazy') === 'widget-ready', 'ready after define');
    await el.updateComplete;
    expect(partIn(lazyCell, 'skeleton')).to.equal(null);
    const element = lazyCell.querySelector(tag)!;
    expect(element.textContent).to.equal('ready');
    expect(element.getAttribute('limit')).to.equal('2');
    expect(element.checkVisibility()).to.equal(true);
    expect(lazyCell.getBoundingClientRect().height, 'no layout shift').to.equal(before);
    expect(loads).to.equal(1);
  });

  it('gives a widget whose tag never defines, whose load fails or whose render throws its own error; retry works', async () => {
    const never = freshTag();
    let fail = true;
    registerWidget('never', { title: 'Never', tag: never });
    registerWidget('throws', {
      title: 'Throws',
      render: (c) => {
        if (fail) throw new Error('render failed');
        c.textContent = 'fine now';
      },
    });
    registerWidget('rejects', {
      title: 'Rejects',
      render: (c) => c.append('loaded'),
      load: () => (fail ? Promise.reject(new Error('404')) : Promise.resolve()),
    });
    registerWidget('works', { title: 'Works', render: (c) => c.append('working') });
    const warn = console.warn;
    console.warn = () => {};
    try {
      const { el } = await setup({ timeout: 100 });
      await until(() => ['never', 'throws', 'rejects'].every((id) => state(el, id) === 'widget-error'), 'three errors');
      expect(state(el, 'works')).to.equal('widget-ready');
      expect(cell(el, 'works')!.textContent).to.contain('working');
      expect(partIn(cell(el, 'throws'), 'error')!.textContent).to.equal('Throws could not be loaded.');
      const retry = partIn(cell(el, 'never'), 'retry')!;
      expect(retry.textContent!.trim()).to.equal('Try again');
      expect(retry.getAttribute('aria-describedby')).to.equal('error-never');
      fail = false;
      define(never);
      retry.click();
      partIn(cell(el, 'throws'), 'retry')!.click();
      partIn(cell(el, 'rejects'), 'retry')!.click();
      await until(
        () => ['never', 'throws', 'rejects'].every((id) => state(el, id) === 'widget-ready'),
        'all ready after retry',
      );
      expect(cell(el, 'throws')!.textContent).to.contain('fine now');
      expect(cell(el, 'rejects')!.textContent).to.contain('loaded');
    } finally {
      console.warn = warn;
    }
  });

  it('says when it is offline, and widgets keep their content', async () => {
    registerWidget('kept', { title: 'Kept', render: (c) => c.append('last content') });
    const { el } = await setup();
    await until(() => state(el, 'kept') === 'widget-ready', 'ready');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      window.dispatchEvent(new Event('offline'));
      await el.updateComplete;
      expect(partIn(shadow(el), 'offline')!.textContent).to.contain('You are offline');
      expect(partIn(shadow(el), 'offline')!.closest('[role=status]')).to.exist;
      expect(cell(el, 'kept')!.textContent).to.contain('last content');
      await expect(el).to.be.accessible();
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
    window.dispatchEvent(new Event('online'));
    await el.updateComplete;
    expect(partIn(shadow(el), 'offline')).to.equal(null);
  });

  it("restores the visitor's saved layout over the config default", async () => {
    const saved = { order: ['orders', 'next-best-action', 'recommendations'], hidden: ['recommendations'] };
    const client = createFakePreferencesClient({ preferences: { layout: { guest: saved } } });
    const { el } = await setup({ client });
    const g = grid(el);
    await g.updateComplete;
    expect(g.layout).to.deep.equal(saved);
    const shown = [...g.shadowRoot!.querySelectorAll<HTMLElement>('.cell')]
      .filter((c) => c.checkVisibility())
      .map((c) => c.dataset.id);
    expect(shown).to.deep.equal(['orders', 'next-best-action']);
    // Another dashboard id has nothing saved: the config default applies.
    const other = await fixture<MbDashboard>(
      html`<mb-dashboard dashboard-id="home" .client=${client} .defaults=${DEFAULTS}></mb-dashboard>`,
    );
    expect(grid(other).layout).to.deep.equal(DEFAULTS.guest);
  });

  it('keeps showing the saved layout when the default arrives after the first render (config loads late)', async () => {
    const saved = { order: ['recommendations', 'next-best-action', 'orders'], hidden: [] };
    const client = createFakePreferencesClient({ preferences: { layout: { guest: saved } } });
    const { el } = await setup({ client, defaults: null });
    const g = grid(el);
    await g.updateComplete;
    expect(shownIds(el)).to.deep.equal(saved.order);
    el.defaults = { guest: { order: ['next-best-action', 'recommendations', 'orders'], hidden: [] } };
    await el.updateComplete;
    await g.updateComplete;
    expect(shownIds(el)).to.deep.equal(saved.order);
    expect(g.layout).to.deep.equal(saved);
    // Reset goes to the default the dashboard was given.
    g.reset();
    await g.updateComplete;
    expect(shownIds(el)).to.deep.equal(['next-best-action', 'recommendations', 'orders']);
  });

  it('keeps the arrangement and lists the hidden widget when customizing and when the language changes', async () => {
    const client = createFakePreferencesClient();
    const { el } = await setup({ client });
    const g = grid(el);
    await g.updateComplete;
    g.move('orders', 0);
    g.hide('next-best-action');
    await g.updateComplete;
    const arranged = ['orders', 'recommendations'];
    expect(shownIds(el)).to.deep.equal(arranged);
    partIn(shadow(el), 'customize')!.click();
    await el.updateComplete;
    await g.updateComplete;
    expect(shownIds(el)).to.deep.equal(arranged);
    expect([...g.shadowRoot!.querySelectorAll('[part~="show"]')].map((b) => b.textContent)).to.deep.equal([
      'Show Your next step',
    ]);
    client.preferences.set('locale', 'de');
    el.removeAttribute('lang');
    await el.updateComplete;
    await g.updateComplete;
    expect(shownIds(el)).to.deep.equal(arranged);
    expect(partIn(shadow(el), 'heading')!.textContent).to.equal('Ihr Dashboard');
    expect([...g.shadowRoot!.querySelectorAll('[part~="show"]')].map((b) => b.textContent)).to.deep.equal([
      'Ihr nächster Schritt einblenden',
    ]);
    bindDisplay(createFakePreferencesClient())();
  });

  it('collapses a widget that hides itself (nothing to show): no empty titled card, back when it has content', async () => {
    const tag = freshTag();
    customElements.define(
      tag,
      class extends HTMLElement {
        connectedCallback() {
          this.hidden = true; // like <mb-next-best-action> with no eligible action
        }
      },
    );
    registerWidget('quiet', { title: 'Quiet', tag });
    const { el } = await setup();
    await until(() => state(el, 'quiet') === 'widget-ready', 'ready');
    const g = grid(el);
    await el.updateComplete;
    await g.updateComplete;
    expect(shownIds(el)).to.not.include('quiet');
    expect(cell(el, 'quiet')!.checkVisibility()).to.equal(false);
    expect(
      [...shadow(el).querySelectorAll('h3')].filter((h) => h.checkVisibility()).map((h) => h.textContent),
    ).to.not.include('Quiet');
    // Not something the visitor hid: the customize panel does not offer it.
    g.customizing = true;
    await g.updateComplete;
    expect(g.shadowRoot!.querySelector('[part~="show"]')).to.equal(null);
    await expect(el).to.be.accessible();
    (shadow(el).querySelector(tag) as HTMLElement).hidden = false;
    await until(() => shownIds(el).includes('quiet'), 'shown once it has content');
    expect(cell(el, 'quiet')!.checkVisibility()).to.equal(true);
  });

  it('is whole in its first frame: a defined widget has its own height there, nothing below moves later', async () => {
    const [tall, quiet] = [freshTag(), freshTag()];
    customElements.define(
      tall,
      class extends HTMLElement {
        connectedCallback() {
          this.style.cssText = 'display: block; block-size: 600px';
        }
      },
    );
    customElements.define(
      quiet,
      class extends HTMLElement {
        connectedCallback() {
          this.hidden = true; // nothing to show: collapses before the first frame, never a card that goes
        }
      },
    );
    registerWidget('tall', { title: 'Tall', tag: tall });
    registerWidget('quiet', { title: 'Quiet', tag: quiet });
    const page = document.createElement('div');
    const el = document.createElement('mb-dashboard');
    el.lang = 'en';
    el.client = createFakePreferencesClient();
    const below = document.createElement('p');
    below.textContent = 'The host page goes on here';
    page.append(el, below);
    /** Per painted frame where the dashboard's size changed (a ResizeObserver reports after layout, before
     * paint, from the first frame that shows it): where the content below starts, and the widgets' cells. */
    const frames: { below: number; tall: number; quiet: boolean }[] = [];
    const sizes = new ResizeObserver(() =>
      frames.push({
        below: Math.round(below.getBoundingClientRect().top - el.getBoundingClientRect().top),
        tall: Math.round(cell(el, 'tall')?.getBoundingClientRect().height ?? -1),
        quiet: cell(el, 'quiet')?.checkVisibility() ?? true,
      }),
    );
    sizes.observe(el);
    document.body.append(page);
    try {
      await until(() => state(el, 'tall') === 'widget-ready', 'ready');
      // Frames enough for a widget mounted a task later to have shown.
      for (let i = 0; i < 5; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
      const [first] = frames;
      expect(first?.tall, "the tall widget's cell in the first frame").to.be.at.least(600);
      expect(first?.quiet, 'a widget with nothing to show in the first frame').to.equal(false);
      expect(
        frames.filter((frame) => frame.below !== first?.below || frame.tall !== first.tall),
        'frames where the content below moved',
      ).to.deep.equal([]);
    } finally {
      sizes.disconnect();
      page.remove();
    }
  });

  it('paints its own surface: a dark dashboard on a light page keeps its heading and button readable', async () => {
    /** The first opaque background behind `node`, across shadow roots; the page's white when none. */
    const backdrop = (node: Element): string => {
      for (let at: Element | null = node; at; ) {
        const color = getComputedStyle(at).backgroundColor;
        if (color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') return color;
        at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host || null);
      }
      return 'rgb(255, 255, 255)';
    };
    const rgb = (color: string) => (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const luminance = (color: string) =>
      rgb(color)
        .map((c) => c / 255)
        .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const page = await fixture<HTMLElement>(html`<div style="background: #fbf7f2; color: #2b2118; padding: 8px">
      <mb-dashboard theme="dark" lang="en" .client=${createFakePreferencesClient()} .defaults=${DEFAULTS}></mb-dashboard>
    </div>`);
    const el = page.querySelector('mb-dashboard') as MbDashboard;
    await el.updateComplete;
    for (const name of ['heading', 'customize']) {
      const node = partIn(shadow(el), name)!;
      const ratio = contrast(getComputedStyle(node).color, backdrop(node));
      expect(ratio, `${name}: ${getComputedStyle(node).color} on ${backdrop(node)}`).to.be.at.least(4.5);
    }
    await expect(el).to.be.accessible();
  });

  it('draws no second heading over a widget with its own (no doubled title, no duplicate landmark)', async () => {
    const tag = freshTag();
    customElements.define(
      tag,
      class extends HTMLElement {
        connectedCallback() {
          this.innerHTML = '<section aria-labelledby="own"><h2 id="own">Recommended for you</h2><p>…</p></section>';
        }
      },
    );
    registerWidget('titled', { title: 'Recommended for you', tag, ownHeading: true });
    const { el } = await setup();
    await until(() => state(el, 'titled') === 'widget-ready', 'ready');
    const titled = cell(el, 'titled')!;
    expect(titled.querySelector('h3')).to.equal(null);
    expect(titled.hasAttribute('aria-labelledby')).to.equal(false);
    expect(titled.getAttribute('widget-title'), 'the grid still names it').to.equal('Recommended for you');
    expect([...titled.querySelectorAll('h2,h3')].map((h) => h.textContent)).to.deep.equal(['Recommended for you']);
    // The built-ins that bring a heading of their own say so.
    expect(
      $widgets
        .get()
        .filter((w) => w.builtIn && w.ownHeading)
        .map((w) => w.id),
    ).to.have.members(['insights', 'recommendations']);
    await expect(el).to.be.accessible();
    expect(registerWidget('bad', { title: 'Bad', tag, ownHeading: 'yes' as never })).to.deep.equal({
      ok: false,
      error: { field: 'ownHeading', message: 'ownHeading must be true or false' },
    });
  });

  it('toggles customize mode with a pressed button', async () => {
    const { el } = await setup();
    const button = partIn(shadow(el), 'customize')!;
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    expect(grid(el).customizing).to.equal(true);
    expect(el.customizing).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it("follows the visitor's theme and language live, and passes the theme to its widgets", async () => {
    const tag = freshTag();
    define(tag);
    registerWidget('themed', { title: { de: 'Thema', en: 'Theme', ar: 'سمة' }, tag });
    const client = createFakePreferencesClient({ preferences: { theme: 'dark' } });
    const el = await fixture<MbDashboard>(html`<mb-dashboard .client=${client} .defaults=${DEFAULTS}></mb-dashboard>`);
    await until(() => state(el, 'themed') === 'widget-ready', 'ready');
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(shadow(el).querySelector(tag)!.getAttribute('theme')).to.equal('dark');
    client.preferences.set('locale', 'ar');
    client.preferences.set('theme', 'light');
    await el.updateComplete;
    expect(partIn(shadow(el), 'base')!.getAttribute('dir')).to.equal('rtl');
    expect(cell(el, 'themed')!.getAttribute('widget-title')).to.equal('سمة');
    expect(shadow(el).querySelector(tag)!.getAttribute('theme')).to.equal('light');
    bindDisplay(createFakePreferencesClient())(); // unbind: back to no preference for the next tests
  });

  describe('Dashboard Viewed (KPI event through client.track)', () => {
    /** Lets an IntersectionObserver deliver (it reports on a frame after layout). */
    const seen = async () => {
      for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame);
    };

    it('is reported once, when the dashboard is first on screen; taken out and put back, it is the same view', async () => {
      const client = withTracking(createFakePreferencesClient());
      const { el } = await setup({ client, role: 'owner' });
      await seen();
      expect(client.tracked).to.deep.equal([['Dashboard Viewed', { dashboard_id: 'owner', audience: 'owner' }]]);
      const parent = el.parentElement!;
      el.remove();
      parent.append(el);
      await el.updateComplete;
      await seen();
      expect(client.tracked).to.have.length(1);
    });

    it('waits while it is below the fold, and reports when scrolled into view', async () => {
      const client = withTracking(createFakePreferencesClient());
      const page = await fixture<HTMLElement>(html`<div>
        <div style="block-size: 3000px"></div>
        <mb-dashboard dashboard-id="home" lang="en" .client=${client} .defaults=${DEFAULTS}></mb-dashboard>
      </div>`);
      const el = page.querySelector<MbDashboard>('mb-dashboard')!;
      await el.updateComplete;
      await seen();
      expect(client.tracked, 'in the DOM is not seen').to.deep.equal([]);
      el.scrollIntoView();
      await seen();
      expect(client.tracked).to.deep.equal([['Dashboard Viewed', { dashboard_id: 'home', audience: 'guest' }]]);
      window.scrollTo(0, 0);
    });

    it('is reported once the client is there when the dashboard was on screen before it', async () => {
      const el = await fixture<MbDashboard>(html`<mb-dashboard lang="en" .defaults=${DEFAULTS}></mb-dashboard>`);
      await seen();
      const client = withTracking(createFakePreferencesClient());
      el.client = client;
      await el.updateComplete;
      await el.updateComplete;
      expect(client.tracked).to.deep.equal([['Dashboard Viewed', { dashboard_id: 'guest', audience: 'guest' }]]);
    });
  });

  it('leaves no listener, timer or waiter behind after 50 dashboards', async () => {
    registerWidget('never', { title: 'Never', tag: freshTag() });
    const client = createFakePreferencesClient();
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const widgetListeners = $widgets.lc;
    const displayListeners = $display.lc;
    const waits = pendingTagWaits();
    for (let i = 0; i < 50; i++) {
      const el = document.createElement('mb-dashboard');
      el.client = client;
      host.append(el);
      await el.updateComplete;
      el.remove();
    }
    expect($widgets.lc).to.equal(widgetListeners);
    expect($display.lc).to.equal(displayListeners);
    expect(pendingTagWaits()).to.equal(waits);
    expect(litWarnings).to.deep.equal([]);
  });
});
