import type { DashboardLayout } from '@matbakh/contract';
import { html, LitElement, nothing, type PropertyValues, render } from 'lit';
import type { LayoutChangeReason } from '../events/mb-layout-change.ts';
import { ClientController } from '../shared/client-controller.ts';
import { dirOf, type Locale, type MessageParams } from '../shared/i18n.ts';
import { MbElement } from '../shared/mb-element.ts';
import { formatNumber, translate, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { type Arrangement, arrange, moved, toLayout } from './layout.ts';
import { isLayoutClient, type LayoutClient, savedLayout } from './layout-client.ts';
import { type GridMessage, messages } from './widget-grid.messages.ts';
import { styles } from './widget-grid.styles.ts';

export type { LayoutChangeDetail, LayoutChangeReason } from '../events/mb-layout-change.ts';

/** A cell's layout box in grid coordinates: [x, y, width, height]. */
type Box = [number, number, number, number];

/** Press-and-hold before a touch starts a drag (shorter lets a scroll start a drag by accident). */
const HOLD_MS = 300;
/** Pixels a touch may wander during the hold, and a mouse must travel before a drag starts. */
const TOUCH_SLOP = 10;
const MOUSE_SLOP = 4;
/** Auto-scroll zone at the viewport's top and bottom edges. */
const EDGE = 48;
/** Listeners on the window for the length of a gesture; keydown in capture, so Escape reaches us first. */
const GESTURE_EVENTS = ['pointermove', 'pointerup', 'pointercancel', 'keydown', 'touchmove', 'contextmenu'];

/** A pointer press on a handle, before and during a drag. */
interface Gesture {
  id: string;
  pointerId: number;
  touch: boolean;
  x0: number;
  y0: number;
  x: number;
  y: number;
  /** The pointer's offset inside the dragged cell, in grid coordinates. */
  grabX: number;
  grabY: number;
  started?: boolean;
  /** The pointer moved since the last frame (a still pointer costs no work per frame). */
  moved?: boolean;
  timer?: ReturnType<typeof setTimeout>;
  /** The cell swapped with last: not swapped back until the pointer leaves it (unequal spans would flicker). */
  last?: string;
}

/** Created once: a `matchMedia` per move would allocate a query list on every keystroke. */
let reducedMotion: MediaQueryList | undefined;
const idOf = (node?: Element | null) => node?.closest<HTMLElement>('.cell')?.dataset.id ?? '';
const idIn = (cell: HTMLElement) => cell.dataset.id ?? '';
/** Sets (or, for `null`, removes) an attribute unless it already has that value: unchanged cells cost no restyle. */
const set = (element: Element, name: string, value: string | null) => {
  if (element.getAttribute(name) !== value)
    value === null ? element.removeAttribute(name) : element.setAttribute(name, value);
};

/** Made once, cloned per cell: the cell, its drag handle, its menu button and the slot showing its widget. */
let cellTemplate: HTMLElement | undefined;
function newCell(): HTMLElement {
  const fragment = document.createDocumentFragment();
  render(
    html`<div part="cell" class="cell" role="listitem"><button part="handle" class="handle" type="button" aria-describedby="hint"></button><button part="menu-button" class="menu-button" type="button" aria-haspopup="menu"></button><slot></slot></div>`,
    fragment,
  );
  return fragment.firstElementChild as HTMLElement;
}

/**
 * A responsive grid of the widgets given as children, which the visitor reorders (pointer, touch, keyboard),
 * hides and brings back; the arrangement is saved as the `layout` preference of `dashboard-id`.
 *
 * Children with a `widget-id` are laid out (others are ignored, and so is a `hidden` one: a widget with nothing
 * to show takes no cell and is not listed as hidden by the visitor); they stay the element's own children and are
 * shown in cells through manually assigned slots. Each cell has a drag handle (a real button: Space/Enter
 * picks the widget up, arrow keys move it, Space/Enter drops, Escape cancels) and an options menu button
 * ("Move earlier", "Move later", "Hide": single-pointer alternatives to dragging, WCAG 2.5.7). Moves are
 * announced in a live region with the widget's title and position. Columns follow the element's width
 * (1 – 4); order is the truth, so a layout survives every breakpoint.
 *
 * @slot - Widgets: elements with `widget-id` (required), `widget-title` (else `aria-label`, else the first
 *   heading's text), `span="2"` (two columns where there are two or more).
 *
 * @event mb-layout-change - The visitor moved, hid, showed or reset: `{ dashboardId, layout, reason }`.
 *   Once per action, never for programmatic changes (`layout`, `move()`, `hide()`, `show()`, `reset()`).
 *
 * @csspart base - The root.
 * @csspart grid - The grid (role list).
 * @csspart cell - A widget's cell (role listitem); also `cell-picked` while carried by keyboard or pointer.
 * @csspart handle - The drag handle button (at the cell's top end, beside the menu button).
 * @csspart menu-button - The options menu button.
 * @csspart menu - The options menu.
 * @csspart menu-item - An item of the options menu.
 * @csspart customize - The customize panel (`customizing`): hidden widgets and reset.
 * @csspart show - A button bringing a hidden widget back.
 * @csspart reset - Reset to default.
 * @csspart live - The visually hidden live region.
 *
 * @cssproperty --mb-widget-grid-gap - Space between cells (default `--mb-space-m`).
 * @cssproperty --mb-widget-grid-radius - Cell corner radius (default `--mb-radius-m`).
 * @cssproperty --mb-widget-grid-cell-surface - Cell background (default `--mb-color-surface`).
 * @cssproperty --mb-widget-grid-drag-shadow - Shadow of the dragged cell (default `--mb-shadow-l`).
 */
export class MbWidgetGrid extends MbElement {
  static override styles = [tokens, baseStyles, styles];
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, slotAssignment: 'manual' };

  static override properties = {
    dashboardId: { attribute: 'dashboard-id' },
    layout: { attribute: false },
    defaultLayout: { attribute: false },
    customizing: { type: Boolean, reflect: true },
    client: { attribute: false },
    theme: { reflect: true },
    lang: { reflect: true },
    picked: { state: true },
    menu: { state: true },
  };

  /** Whose layout this is: the key in the `layout` preference. Unset: nothing is restored or saved. */
  declare dashboardId: string | undefined;
  /**
   * The current layout; unset: `defaultLayout`, else DOM order with nothing hidden. The client's saved layout
   * wins whenever it is there or changes (restored before first paint, another tab, the server).
   */
  declare layout: DashboardLayout | undefined;
  /**
   * What a visitor without a saved layout sees and what "reset" returns to (e.g. the tenant's default); unset:
   * DOM order, nothing hidden. Setting it never replaces a saved or arranged layout.
   */
  declare defaultLayout: DashboardLayout | undefined;
  /** Shows the customize panel: hidden widgets to bring back, reset to default. */
  declare customizing: boolean;
  /** The matbakh client with the preferences plugin. Unset: `window.matbakh.client`. */
  declare client: LayoutClient | undefined;
  /** Theme preset: `light` (default), `dark`, `high-contrast`, `system`. */
  declare theme: Theme | undefined;
  /** Locale of the texts (`de`, `en`, `ar`); unset: the page's, else the browser's. */
  declare lang: string;

  /** The widget being carried (keyboard or pointer). */
  declare private picked: string | undefined;
  /** The widget whose options menu is open. */
  declare private menu: string | undefined;

  private readonly connection = new ClientController<LayoutClient>(this, {
    accept: isLayoutClient,
    stores: (client) => [client.preferences.$preferences],
  });
  private items = new Map<string, HTMLElement>();
  private arrangement: Arrangement = { all: [], visible: [], hidden: [] };
  private locale: Locale = 'de';
  private lastSaved = '';
  /**
   * The order while carrying. Lit does not render it: a move sets the CSS `order` of as few cells as possible
   * (no DOM move, so focus, slots and the other cells are left alone); the DOM follows on drop.
   */
  private order: string[] | undefined;
  private origin: string[] = [];
  /** Some cell has an `order` (cleared at the first render at rest). */
  private placed = false;
  /** The order on screen (FLIP compares against it). */
  private shown: string[] = [];
  /** The cells in DOM order, as last rendered. */
  private all: HTMLElement[] = [];
  /** Each visible widget's cell. */
  private cells = new Map<string, HTMLElement>();
  /** What each cell's slot shows (cheaper than asking the slot, 50 times per render). */
  private slotted = new WeakMap<HTMLSlotElement, HTMLElement>();
  private rects = new Map<string, DOMRect | undefined>();
  /** Each cell's FLIP animation. */
  private slides = new WeakMap<HTMLElement, Animation>();
  /** While dragging: the cells' layout boxes, read when they move (hit tests are arithmetic, no DOM reads). */
  private boxes = new Map<string, Box>();
  private gesture: Gesture | undefined;
  private raf = 0;
  /** The frame that shows a keyboard move. */
  private pending = 0;
  /** Places each arrow key, Home and End move a widget carried by keyboard. */
  private steps: Record<string, number> = {};
  /** The live region's sentence: written directly, an announcement renders nothing. */
  private said = '';
  /** What gets focus after the next render. */
  private focusNext: (() => HTMLElement | null | undefined) | undefined;
  private readonly observer = new MutationObserver((records) => {
    if (records.some((r) => r.target === this || (r.type === 'attributes' && r.target.parentNode === this)))
      this.requestUpdate();
  });

  constructor() {
    super();
    this.customizing = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer.observe(this, {
      childList: true,
      subtree: true,
      attributeFilter: ['widget-id', 'widget-title', 'span', 'aria-label', 'hidden'],
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer.disconnect();
    this.endGesture();
  }

  /** Back to the default: `defaultLayout`, else DOM order with nothing hidden. */
  reset(): void {
    this.resetTo();
  }

  private resetTo(reason?: LayoutChangeReason): void {
    this.sync();
    const { all, hidden } = arrange([...this.items.keys()], this.defaultLayout);
    this.apply({ order: all, hidden }, reason);
  }

  /** Moves a visible widget to `toIndex` among the visible ones (clamped). */
  move(widgetId: string, toIndex: number): void {
    const { visible } = this.sync();
    const from = visible.indexOf(widgetId);
    if (from >= 0) this.applyOrder(moved(visible, from, toIndex));
  }

  hide(widgetId: string): void {
    this.setHidden(widgetId, true);
  }

  show(widgetId: string): void {
    this.setHidden(widgetId, false);
  }

  // ── state ────────────────────────────────────────────────────────────────────────────────────────────

  /** Reads the widget children and applies the layout to them. */
  private sync(): Arrangement {
    this.items = new Map();
    for (const child of this.children) {
      const id = child.getAttribute('widget-id');
      // A `hidden` widget has nothing to show: no cell (its place in a saved layout is kept for when it has).
      if (id && !this.items.has(id) && child instanceof HTMLElement && !child.hidden) this.items.set(id, child);
    }
    this.arrangement = arrange([...this.items.keys()], this.layout ?? this.defaultLayout);
    return this.arrangement;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.locale = widgetLocale(this, this.lang);
    this.restore(changed);
    this.rects = this.first(this.order ?? this.sync().visible);
  }

  /**
   * The saved layout wins whenever it changes (restore before first paint, another tab, the server) and over a
   * default that arrives later (a tenant's config loads after the first render). Without one, `layout` follows
   * `defaultLayout` for as long as it is the default (nothing arranged on this page yet).
   */
  private restore(changed: PropertyValues<this>): void {
    if (this.picked) return;
    const saved = savedLayout(this.connection.client, this.dashboardId ?? null);
    const key = JSON.stringify(saved ?? null);
    if (key !== this.lastSaved) {
      this.lastSaved = key;
      if (saved) this.layout = saved;
    }
    if (saved || !changed.has('defaultLayout')) return;
    const before = changed.get('defaultLayout');
    if (this.layout === undefined || this.layout === before) this.layout = this.defaultLayout;
  }

  /**
   * Before `next` becomes the order on screen: the cells that can move (from the first difference to the last;
   * to the end when a span of 2 or a hidden or shown widget shifts the rest), with where they are now for FLIP
   * (none when motion is reduced). Reads only: layout is clean between frames.
   */
  private first(next: string[]): Map<string, DOMRect | undefined> {
    const now = this.shown;
    let from = 0;
    let to = next.length;
    while (from < to && now[from] === next[from]) from++;
    if (now.length === to && !next.slice(from).some((id) => this.items.get(id)?.getAttribute('span') === '2'))
      while (to > from && now[to - 1] === next[to - 1]) to--;
    const moving = new Set(next.slice(from, to));
    this.shown = next;
    reducedMotion ??= matchMedia('(prefers-reduced-motion: reduce)');
    const motion = !reducedMotion.matches;
    return new Map(
      this.all.filter((c) => moving.has(idIn(c))).map((c) => [idIn(c), motion ? c.getBoundingClientRect() : undefined]),
    );
  }

  /**
   * After the cells changed place, for the cells that can have moved (and, while dragging, any without a layout
   * box yet): writes that change no layout first (their slides stop, the dragged cell lets go of the pointer),
   * then one pass of reads (one layout: where they are now), then the writes (slides, the dragged cell).
   */
  private settle(moving: Map<string, DOMRect | undefined>): void {
    const dragging = this.gesture?.started;
    const dragged = dragging ? this.find(this.picked ?? '') : undefined;
    const cells = this.all.filter((c) =>
      dragging ? c === dragged || moving.has(idIn(c)) || !this.boxes.has(idIn(c)) : moving.get(idIn(c)),
    );
    if (!cells.length) return;
    for (const cell of cells) this.slides.get(cell)?.cancel();
    dragged?.style.removeProperty('transform');
    const grid = this.gridRect();
    const moves: [HTMLElement, number, number][] = [];
    for (const cell of cells) {
      const was = moving.get(idIn(cell));
      const now = cell.getBoundingClientRect();
      if (was && cell !== dragged && (was.left !== now.left || was.top !== now.top))
        moves.push([cell, was.left - now.left, was.top - now.top]);
      this.boxes.set(idIn(cell), [now.left - grid.left, now.top - grid.top, now.width, now.height]);
    }
    // FLIP: cells slide from where they were (mid-slide, if so) to where they are (transform only).
    for (const [cell, dx, dy] of moves)
      this.slides.set(
        cell,
        cell.animate([{ transform: `translate(${dx}px,${dy}px)` }, { transform: 'none' }], {
          duration: 200,
          easing: 'cubic-bezier(0.2,0,0,1)',
        }),
      );
    if (dragged) this.follow(grid);
  }

  /**
   * Shows `next` while carrying: no render; only cells whose `order` changes are restyled. From a key, on the
   * next frame: no layout in the key's handler, and keys faster than frames cost one layout per frame.
   */
  private carry(next: string[], now?: boolean): void {
    this.order = next;
    cancelAnimationFrame(this.pending);
    if (now) this.reorder();
    else this.pending = requestAnimationFrame(this.reorder);
  }

  private readonly reorder = () => {
    const order = this.order;
    if (!order) return;
    const rects = this.first(order);
    this.place();
    this.settle(rects);
    // Announced after the reads: the live region's new text then costs no extra layout in this frame.
    this.announce('moved', this.picked);
  };

  /**
   * The cells' CSS `order` while carrying (a move restyles only the cells whose place changed); none at rest and
   * none while the carried order is the DOM order (a pick-up restyles nothing).
   */
  private place(): void {
    const order = this.order?.join() === this.all.map(idIn).join() ? undefined : this.order;
    // Nothing carried and nothing placed (every render but the one after a drop): no cell's style is looked at.
    if (!order && !this.placed) return;
    this.placed = !!order;
    const at = new Map(order?.map((id, i) => [id, `${i}`]));
    for (const cell of this.all) {
      const value = at.get(idIn(cell)) ?? '';
      if (cell.style.order !== value) cell.style.order = value;
    }
  }

  private apply(layout: DashboardLayout, reason?: LayoutChangeReason): void {
    this.layout = layout;
    this.arrangement = arrange([...this.items.keys()], layout);
    const client = this.connection.client;
    try {
      if (this.dashboardId) client?.preferences.setLayout(this.dashboardId, layout);
    } catch (error) {
      console.warn('[matbakh] <mb-widget-grid> could not save the layout:', error);
    }
    if (reason) this.emit('mb-layout-change', { dashboardId: this.dashboardId ?? null, layout, reason });
  }

  private applyOrder(visible: string[], reason?: LayoutChangeReason): void {
    const a = this.arrangement;
    this.apply(toLayout(a, visible, new Set(a.hidden), this.layout), reason);
  }

  private setHidden(id: string, hide: boolean, reason?: LayoutChangeReason): void {
    const a = this.sync();
    const hidden = new Set(a.hidden);
    if (!this.items.has(id) || hidden.has(id) === hide) return;
    hidden[hide ? 'add' : 'delete'](id);
    this.apply(
      toLayout(
        a,
        a.all.filter((w) => !hidden.has(w)),
        hidden,
        this.layout,
      ),
      reason,
    );
  }

  // ── texts ────────────────────────────────────────────────────────────────────────────────────────────

  private say(key: GridMessage, params?: MessageParams): string {
    return translate(messages, this.locale, key, params);
  }

  /** The widget's title: `widget-title`, `aria-label`, its first heading, else "Widget N" (never the id). */
  private titleOf(id: string): string {
    const el = this.items.get(id);
    return (
      el?.getAttribute('widget-title') ||
      el?.getAttribute('aria-label') ||
      el?.querySelector('h1,h2,h3,h4,h5,h6,[role=heading]')?.textContent?.trim() ||
      this.say('widget', { n: [...this.items.keys()].indexOf(id) + 1 })
    );
  }

  /** A position in the locale's digits. */
  private number(n: number): string {
    return formatNumber(n, this.locale);
  }

  /**
   * Announces `key` (with `id` at its place in `visible`) in the live region, written directly: no render.
   * A no-break space toggles, so the same sentence twice (bumping into an edge) is announced again.
   */
  private announce(key: GridMessage, id?: string, visible = this.order ?? this.arrangement.visible): void {
    this.locale = widgetLocale(this, this.lang);
    const text = this.say(key, {
      title: this.titleOf(id ?? ''),
      at: this.say('at', { pos: this.number(visible.indexOf(id ?? '') + 1), count: this.number(visible.length) }),
    });
    this.said = text === this.said.trim() ? `${text}\u00a0` : text;
    const live = this.renderRoot.querySelector('[part="live"]');
    if (live) live.textContent = this.said;
  }

  // ── render ───────────────────────────────────────────────────────────────────────────────────────────

  override render() {
    const locale = this.locale;
    const { hidden } = this.arrangement;
    // The grid's cells are not Lit's: `renderCells` keeps them (see there). One delegated listener per event
    // type on the grid, none per cell.
    return html`<div part="base" lang=${locale} dir=${this.getAttribute('dir') ?? dirOf(locale)}>
${
  this.customizing
    ? html`<section part="customize" class="panel" aria-labelledby="ct">
<span id="ct" class="title">${this.say('customize')}</span>
${
  hidden.length
    ? html`<ul>${hidden.map(
        (id) =>
          html`<li><button part="show" type="button" data-id=${id} @click=${this.onShow}>${this.say('show', {
            title: this.titleOf(id),
          })}</button></li>`,
      )}</ul>`
    : html`<span>${this.say('none')}</span>`
}
<button part="reset" class="reset" type="button" @click=${this.onReset}>${this.say('resetButton')}</button>
</section>`
    : nothing
}
<div part="grid" class="grid" role="list" aria-label=${this.say('label')} @keydown=${this.onKey} @click=${this.onClick} @pointerdown=${this.onPointerDown}></div>
<span id="hint" hidden>${this.say('hint')}</span>
<div part="live" class="visually-hidden" aria-live="assertive" aria-atomic="true"></div>
</div>`;
  }

  protected override firstUpdated(): void {
    // A page's first `Intl` formatter loads locale data (60 ms here): done while idle, not on the first pick-up.
    (globalThis.requestIdleCallback ?? setTimeout)(() => this.number(0));
  }

  protected override updated(): void {
    this.renderCells();
    this.place();
    this.boxes.clear();
    this.settle(this.rects);
    const target = this.focusNext?.();
    this.focusNext = undefined;
    if (target && (this.renderRoot as ShadowRoot).activeElement !== target) target.focus();
  }

  /**
   * The cells, kept by hand rather than by a Lit template: 50 cells of a first render are 50 clones of one
   * element and a few attributes each (a template per cell cost more than the layout of the whole grid). The
   * visible widgets in the saved order, each in a cell of its own (kept while its widget is visible, so focus,
   * slot and animation stay with it); `order` shows a carried one elsewhere until the drop.
   */
  private renderCells(): void {
    const grid = this.renderRoot.querySelector('.grid') as HTMLElement;
    const { visible } = this.arrangement;
    const keep = new Set(visible);
    for (const [id, cell] of this.cells)
      if (!keep.has(id)) {
        cell.remove();
        this.cells.delete(id);
      }
    this.all = visible.map((id, index) => {
      const cell = this.cells.get(id) ?? this.cell(id);
      this.fill(cell, index, visible.length - 1);
      return cell;
    });
    if (!grid.childElementCount) grid.append(...this.all);
    // The DOM follows with as few moves as one moved widget needs (a moved element loses focus and is laid out
    // again): a cell ahead of its place is passed over when the one wanted here comes right after it.
    let at = grid.firstElementChild;
    for (const cell of this.all) {
      if (cell !== at && at?.nextElementSibling === cell) at = cell;
      if (cell === at) at = at.nextElementSibling;
      else grid.insertBefore(cell, at);
    }
  }

  /** A new, empty cell for `id`: a clone of one made once. */
  private cell(id: string): HTMLElement {
    cellTemplate ??= newCell();
    const cell = cellTemplate.cloneNode(true) as HTMLElement;
    cell.dataset.id = id;
    this.cells.set(id, cell);
    return cell;
  }

  /** A cell's state: its widget, span, labels, menu and whether it is carried (attributes written only when changed). */
  private fill(cell: HTMLElement, index: number, last: number): void {
    const id = idIn(cell);
    const item = this.items.get(id);
    const [handle, menuButton] = cell.children as unknown as [HTMLElement, HTMLElement];
    const slot = cell.lastElementChild as HTMLSlotElement;
    if (item && this.slotted.get(slot) !== item) {
      slot.assign(item);
      this.slotted.set(slot, item);
    }
    const title = this.titleOf(id);
    const open = this.menu === id;
    const picked = this.picked === id;
    const options = this.say('options', { title });
    set(cell, 'data-span', item?.getAttribute('span') === '2' ? '2' : '1');
    set(cell, 'part', picked ? 'cell cell-picked' : 'cell');
    set(cell, 'class', picked ? (this.gesture?.started ? 'cell picked dragging' : 'cell picked') : 'cell');
    set(handle, 'aria-label', this.say('handle', { title }));
    set(menuButton, 'aria-label', options);
    set(menuButton, 'aria-expanded', `${open}`);
    set(menuButton, 'aria-controls', open ? 'menu' : null);
    // The open menu, after its button (Lit renders it into the cell, before the slot).
    if (open || cell.childElementCount > 3)
      render(
        open
          ? html`<div id="menu" part="menu" role="menu" aria-label=${options} @focusout=${this.onMenuFocusOut}>${(
              ['earlier', 'later', 'hide'] as const
            ).map(
              (action, i) =>
                html`<button part="menu-item" role="menuitem" type="button" tabindex="-1" data-action=${action}
                    aria-disabled=${i < 2 && index === i * last}>${this.say(action)}</button>`,
            )}</div>`
          : nothing,
        cell,
        { renderBefore: slot },
      );
  }

  /** The event's target if it is one of ours (not inside a slotted widget, whose events pass through). */
  private own(event: Event): HTMLElement | undefined {
    const target = event.target as HTMLElement;
    return target.getRootNode() === this.renderRoot ? target : undefined;
  }

  /** The cell of `id`, or `selector` in it. */
  private find(id: string, selector?: string): HTMLElement | null | undefined {
    const cell = this.cells.get(id);
    return selector ? cell?.querySelector<HTMLElement>(selector) : cell;
  }

  /** Focus goes to `selector` in the cell of `id` after the next render. */
  private refocus(id: string, selector: string): void {
    this.focusNext = () => this.find(id, selector);
  }

  // ── keyboard ─────────────────────────────────────────────────────────────────────────────────────────

  /** Keydown anywhere in the grid: the handles, the menu buttons, the menu (widgets' own keys are left alone). */
  private readonly onKey = (event: KeyboardEvent) => {
    const target = this.own(event);
    const key = event.key;
    const id = idOf(target);
    const cancel = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (target?.role === 'menuitem') {
      const items = this.menuItems();
      const at = items.indexOf(target);
      const go = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[key];
      if (key === 'Escape') {
        cancel();
        this.closeMenu(true);
      } else if (key === 'Tab') this.closeMenu();
      else if (go !== undefined) {
        event.preventDefault();
        items[(go + items.length) % items.length]?.focus();
      }
      return;
    }
    if (target?.matches('.menu-button') && (key === 'ArrowDown' || key === 'ArrowUp')) {
      event.preventDefault();
      this.openMenu(id, key === 'ArrowDown' ? 0 : 2);
    }
    if (!target?.matches('.handle') || this.gesture) return;
    const drop = key === ' ' || key === 'Enter';
    const visible = this.order ?? this.arrangement.visible;
    if (this.picked !== id) {
      if (!drop) return;
      event.preventDefault();
      // Read once per carry (style only): the column count is the grid's `--cols`, the direction its `direction`.
      const style = getComputedStyle(this.renderRoot.querySelector('.grid') as HTMLElement);
      const cols = Number.parseInt(style.getPropertyValue('--cols'), 10) || 1;
      const ltr = style.direction === 'rtl' ? -1 : 1;
      const n = visible.length;
      this.steps = { ArrowLeft: -ltr, ArrowRight: ltr, ArrowUp: -cols, ArrowDown: cols, Home: -n, End: n };
      this.pick(id);
      return;
    }
    const from = visible.indexOf(id);
    const step = this.steps[key];
    if (drop || key === 'Tab') {
      if (drop) event.preventDefault();
      this.finish(true);
    } else if (key === 'Escape') {
      cancel();
      this.finish();
    } else if (step) {
      event.preventDefault();
      this.carry(moved(visible, from, from + step));
    }
  };

  /** Starts carrying `id` (keyboard or pointer). */
  private pick(id: string): void {
    this.picked = id;
    this.origin = this.order = this.shown = [...this.arrangement.visible];
    this.announce('picked', id);
  }

  /**
   * Ends carrying. Dropped: the new order is saved and announced, one event if it changed. Else canceled: back
   * to where the widget was, announced, nothing saved.
   */
  private finish(drop?: boolean): void {
    const id = this.picked;
    const order = this.order;
    if (!id || !order) return;
    this.announce(drop ? 'dropped' : 'canceled', id, drop ? order : this.origin);
    this.picked = this.order = undefined;
    if (!this.gesture) this.refocus(id, '.handle');
    if (drop && order.join() !== this.origin.join()) this.applyOrder(order, 'move');
  }

  // ── pointer ──────────────────────────────────────────────────────────────────────────────────────────

  private readonly onPointerDown = (event: PointerEvent) => {
    const target = this.own(event);
    if (event.button || this.gesture || this.picked || !target?.matches('.handle')) return;
    const touch = event.pointerType === 'touch';
    // Mouse and pen: no text selection, no focus ring. Touch: nothing prevented, so the page still scrolls.
    if (!touch) event.preventDefault();
    const { clientX: x, clientY: y } = event;
    const g: Gesture = { id: idOf(target), pointerId: event.pointerId, touch, x0: x, y0: y, x, y, grabX: 0, grabY: 0 };
    if (touch) g.timer = setTimeout(() => this.startDrag(), HOLD_MS);
    this.gesture = g;
    for (const type of GESTURE_EVENTS)
      addEventListener(type, this.onGesture, { capture: type === 'keydown', passive: false });
  };

  /** The window's events during a gesture. */
  private readonly onGesture = (event: Event): void => {
    const g = this.gesture;
    const type = event.type;
    if (!g) return;
    if (type === 'keydown') {
      if ((event as KeyboardEvent).key !== 'Escape' || !g.started) return;
      event.preventDefault();
      event.stopPropagation();
      this.endGesture();
    } else if (type === 'touchmove' || type === 'contextmenu') {
      // While dragging by touch, the finger moves the widget, not the page; no context menu on a long press.
      if ((type === 'touchmove' ? g.started : g.touch) && event.cancelable) event.preventDefault();
    } else if ((event as PointerEvent).pointerId === g.pointerId) {
      if (type !== 'pointermove') {
        this.endGesture(type === 'pointerup');
        return;
      }
      // Only remember the position: the work happens once per frame, in `frame`.
      g.x = (event as PointerEvent).clientX;
      g.y = (event as PointerEvent).clientY;
      g.moved = true;
      const distance = Math.hypot(g.x - g.x0, g.y - g.y0);
      if (g.started) return;
      if (g.touch && distance > TOUCH_SLOP) this.endGesture();
      else if (!g.touch && distance > MOUSE_SLOP) this.startDrag();
    }
  };

  private startDrag(): void {
    const g = this.gesture;
    if (!g || g.started) return;
    g.started = true;
    const cell = this.find(g.id);
    const grid = this.gridRect();
    g.grabX = g.x0 - grid.left - (cell?.offsetLeft ?? 0);
    g.grabY = g.y0 - grid.top - (cell?.offsetTop ?? 0);
    this.pick(g.id);
    this.raf = requestAnimationFrame(this.frame);
  }

  private endGesture(drop?: boolean): void {
    const g = this.gesture;
    if (!g) return;
    clearTimeout(g.timer);
    cancelAnimationFrame(this.raf);
    for (const type of GESTURE_EVENTS) removeEventListener(type, this.onGesture, { capture: type === 'keydown' });
    if (g.started) {
      this.find(g.id)?.style.removeProperty('transform');
      this.finish(drop);
    }
    this.gesture = undefined;
  }

  private gridRect(): DOMRect {
    return (this.renderRoot.querySelector('.grid') as HTMLElement).getBoundingClientRect();
  }

  /** The dragged cell under the pointer: a transform from its box in the layout (no layout per frame). */
  private follow(grid: DOMRect): void {
    const g = this.gesture;
    const box = g && this.boxes.get(g.id);
    const cell = g && this.find(g.id);
    if (g && box && cell)
      cell.style.transform = `translate(${g.x - grid.left - g.grabX - box[0]}px,${g.y - grid.top - g.grabY - box[1]}px)`;
  }

  /** One frame of a drag: auto-scroll near the viewport's edges, then reorder under the pointer. */
  private readonly frame = () => {
    const g = this.gesture;
    const order = this.order;
    if (!g?.started || !order) return;
    this.raf = requestAnimationFrame(this.frame);
    const bottom = innerHeight - EDGE;
    const scroll = g.y < EDGE ? (g.y - EDGE) / 3 : g.y > bottom ? (g.y - bottom) / 3 : 0;
    if (scroll) scrollBy(0, Math.round(scroll));
    else if (!g.moved) return;
    g.moved = false;
    const grid = this.gridRect();
    const x = g.x - grid.left;
    const y = g.y - grid.top;
    let over: string | undefined;
    for (const [id, [bx, by, w, h]] of this.boxes)
      if (id !== g.id && x >= bx && x < bx + w && y >= by && y < by + h) over = id;
    if (over !== g.last) g.last = undefined;
    if (over && !g.last) {
      g.last = over;
      g.moved = true; // the cells moved under the pointer: look again next frame
      this.carry(moved(order, order.indexOf(g.id), order.indexOf(over)), true);
    } else this.follow(grid);
  };

  // ── menu and customize panel ─────────────────────────────────────────────────────────────────────────

  private menuItems(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role=menuitem]')];
  }

  private openMenu(id: string, item: number): void {
    this.menu = id;
    this.focusNext = () => this.menuItems()[item];
  }

  private closeMenu(focus?: boolean): void {
    const id = this.menu;
    this.menu = undefined;
    if (focus && id) this.refocus(id, '.menu-button');
  }

  private readonly onMenuFocusOut = (event: FocusEvent) => {
    const to = event.relatedTarget as Node | null;
    const menu = event.currentTarget as HTMLElement;
    if (!to || !(menu.contains(to) || menu.previousElementSibling === to)) this.closeMenu();
  };

  /** Clicks in the grid: a menu button toggles its menu; a menu item moves or hides its widget. */
  private readonly onClick = (event: Event) => {
    const target = this.own(event);
    const id = idOf(target);
    const item = target?.closest<HTMLElement>('[role=menuitem]');
    const visible = this.arrangement.visible;
    const from = visible.indexOf(id);
    if (target?.matches('.menu-button')) {
      if (this.menu === id) this.closeMenu(true);
      else this.openMenu(id, 0);
    } else if (item && item.ariaDisabled !== 'true') {
      this.closeMenu(true);
      if (item.dataset.action === 'hide') {
        const rest = visible.filter((w) => w !== id);
        this.setHidden(id, true, 'hide');
        this.announce('hidden', id, visible);
        const next = rest[Math.min(from, rest.length - 1)];
        this.focusNext = next ? () => this.find(next, '.handle') : undefined;
      } else {
        const order = moved(visible, from, from + (item.dataset.action === 'earlier' ? -1 : 1));
        this.applyOrder(order, 'move');
        this.announce('moved', id, order);
      }
    }
  };

  private readonly onShow = (event: Event) => {
    const id = (event.currentTarget as HTMLElement).dataset.id ?? '';
    const { hidden } = this.arrangement;
    const index = hidden.indexOf(id);
    this.setHidden(id, false, 'show');
    this.announce('shown', id, hidden);
    // Focus stays in the panel: the next hidden widget's button, else reset.
    const left = hidden.length - 1;
    this.focusNext = () =>
      this.renderRoot.querySelectorAll<HTMLElement>(left ? '[part=show]' : '.reset')[
        left ? Math.min(index, left - 1) : 0
      ];
  };

  private readonly onReset = () => {
    this.resetTo('reset');
    this.announce('reset');
  };
}
