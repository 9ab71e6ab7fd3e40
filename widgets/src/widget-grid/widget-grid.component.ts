import type { DashboardLayout } from '@matbakh/contract';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ClientController } from '../shared/client-controller.ts';
import { dirOf, type Locale, type MessageParams } from '../shared/i18n.ts';
import { formatNumber, translate, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { type Arrangement, arrange, moved, toLayout } from './layout.ts';
import { isLayoutClient, type LayoutClient, savedLayout } from './layout-client.ts';
import { type GridMessage, messages } from './widget-grid.messages.ts';
import { styles } from './widget-grid.styles.ts';

export type LayoutChangeReason = 'move' | 'hide' | 'show' | 'reset';

/** `mb-layout-change`: the visitor rearranged the grid (one event per action). */
export interface LayoutChangeDetail {
  dashboardId: string | null;
  layout: DashboardLayout;
  reason: LayoutChangeReason;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-layout-change': CustomEvent<LayoutChangeDetail>;
  }
}

/** Press-and-hold before a touch starts a drag (shorter lets a scroll start a drag by accident). */
const HOLD_MS = 300;
/** Pixels a touch may wander during the hold, and a mouse must travel before a drag starts. */
const TOUCH_SLOP = 10;
const MOUSE_SLOP = 4;
/** Auto-scroll zone at the viewport's top and bottom edges. */
const EDGE = 48;

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
  started: boolean;
  timer?: ReturnType<typeof setTimeout>;
  /** The cell swapped with last: not swapped back until the pointer leaves it (unequal spans would flicker). */
  last?: string;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * A responsive grid of the widgets given as children, which the visitor reorders (pointer, touch, keyboard),
 * hides and brings back; the arrangement is saved as the `layout` preference of `dashboard-id`.
 *
 * Children with a `widget-id` are laid out (others are ignored); they stay the element's own children and are
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
 * @csspart bar - The row with the handle and the menu button above each widget.
 * @csspart handle - The drag handle button.
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
export class MbWidgetGrid extends LitElement {
  static override styles = [tokens, baseStyles, styles];
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, slotAssignment: 'manual' };

  static override properties = {
    dashboardId: { attribute: 'dashboard-id' },
    layout: { attribute: false },
    customizing: { type: Boolean, reflect: true },
    client: { attribute: false },
    theme: { reflect: true },
    lang: { reflect: true },
    picked: { state: true },
    order: { state: true },
    menu: { state: true },
    said: { state: true },
  };

  /** Whose layout this is: the key in the `layout` preference. Unset: nothing is restored or saved. */
  declare dashboardId: string | undefined;
  /** The current layout; unset: DOM order, nothing hidden. Restored from the client's saved layout. */
  declare layout: DashboardLayout | undefined;
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
  /** Visible order while carrying. */
  declare private order: string[] | undefined;
  /** The widget whose options menu is open. */
  declare private menu: string | undefined;
  declare private said: string;

  private readonly connection = new ClientController<LayoutClient>(this, {
    accept: isLayoutClient,
    stores: (client) => [client.preferences.$preferences],
    onClient: () => this.requestUpdate(),
  });
  private items = new Map<string, HTMLElement>();
  private arrangement: Arrangement = { all: [], visible: [], hidden: [] };
  private locale: Locale = 'de';
  private lastSaved = '';
  /** The visible order last rendered (FLIP compares against it). */
  private rendered = '';
  private origin: string[] = [];
  private gesture: Gesture | undefined;
  private raf = 0;
  private boxes = new Map<string, Box>();
  private rects: Map<string, DOMRect> | undefined;
  private focusNext: [string, string, number?] | undefined;
  private readonly observer = new MutationObserver((records) => {
    if (records.some((r) => r.target === this || (r.type === 'attributes' && r.target.parentNode === this)))
      this.requestUpdate();
  });

  constructor() {
    super();
    this.customizing = false;
    this.said = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer.observe(this, {
      childList: true,
      subtree: true,
      attributeFilter: ['widget-id', 'widget-title', 'span', 'aria-label'],
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer.disconnect();
    if (this.gesture) this.endGesture(false);
  }

  /** Back to the default: DOM order, nothing hidden. */
  reset(): void {
    this.resetLayout();
  }

  private resetLayout(reason?: LayoutChangeReason): void {
    this.sync();
    this.apply({ order: [...this.items.keys()], hidden: [] }, reason);
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
      if (id && !this.items.has(id) && child instanceof HTMLElement) this.items.set(id, child);
    }
    this.arrangement = arrange([...this.items.keys()], this.layout);
    return this.arrangement;
  }

  protected override willUpdate(): void {
    this.locale = widgetLocale(this, this.lang);
    // The saved layout wins whenever it changes (restore before first paint, another tab, the server).
    const saved = savedLayout(this.connection.client, this.dashboardId ?? null);
    const key = JSON.stringify(saved ?? null);
    if (key !== this.lastSaved && !this.picked) {
      this.lastSaved = key;
      if (saved) this.layout = saved;
    }
    this.sync();
    const next = (this.order ?? this.arrangement.visible).join();
    this.rects = undefined;
    if (this.hasUpdated && this.rendered !== next && !matchMedia('(prefers-reduced-motion: reduce)').matches)
      this.rects = new Map(this.cells().map((cell) => [cell.dataset.id ?? '', cell.getBoundingClientRect()]));
    this.rendered = next;
  }

  private apply(layout: DashboardLayout, reason?: LayoutChangeReason): void {
    this.layout = layout;
    this.arrangement = arrange([...this.items.keys()], layout);
    const client = this.connection.client;
    if (client && this.dashboardId) {
      try {
        client.preferences.setLayout(this.dashboardId, layout);
      } catch (error) {
        console.warn('[matbakh] <mb-widget-grid> could not save the layout:', error);
      }
    }
    if (reason)
      this.dispatchEvent(
        new CustomEvent('mb-layout-change', {
          detail: { dashboardId: this.dashboardId ?? null, layout, reason },
          bubbles: true,
          composed: true,
        }),
      );
  }

  private applyOrder(visible: string[], reason?: LayoutChangeReason): void {
    const a = this.arrangement;
    this.apply(toLayout(a, visible, new Set(a.hidden), this.layout), reason);
  }

  private setHidden(id: string, hide: boolean, reason?: LayoutChangeReason): void {
    const a = this.sync();
    if (!this.items.has(id) || a.hidden.includes(id) === hide) return;
    const hidden = new Set(a.hidden);
    if (hide) hidden.add(id);
    else hidden.delete(id);
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
    const heading = el?.querySelector('h1,h2,h3,h4,h5,h6,[role=heading]')?.textContent?.trim();
    return (
      el?.getAttribute('widget-title') ||
      el?.getAttribute('aria-label') ||
      heading ||
      this.say('widget', { n: [...this.items.keys()].indexOf(id) + 1 })
    );
  }

  /** Announces `key` for widget `id` at its place in `visible`. */
  private announce(key: GridMessage, id: string, visible = this.order ?? this.arrangement.visible): void {
    this.locale = widgetLocale(this, this.lang);
    const locale = this.locale;
    const text = this.say(key, {
      title: this.titleOf(id),
      pos: formatNumber(visible.indexOf(id) + 1, locale),
      count: formatNumber(visible.length, locale),
    });
    // A no-break space toggles, so the same sentence twice (bumping into an edge) is announced again.
    this.said = text === this.said.trim() ? `${text}\u00a0` : text;
  }

  // ── render ───────────────────────────────────────────────────────────────────────────────────────────

  override render() {
    const locale = this.locale;
    const visible = this.order ?? this.arrangement.visible;
    return html`<div part="base" lang=${locale} dir=${this.getAttribute('dir') ?? dirOf(locale)}>
      ${this.customizing ? this.renderPanel() : nothing}
      <div part="grid" class="grid" role="list" aria-label=${this.say('label')}>
        ${repeat(
          visible,
          (id) => id,
          (id, index) => this.renderCell(id, index, visible.length),
        )}
      </div>
      <span id="hint" hidden>${this.say('hint')}</span>
      <div part="live" class="sr" aria-live="assertive" aria-atomic="true">${this.said}</div>
    </div>`;
  }

  private renderCell(id: string, index: number, count: number) {
    const title = this.titleOf(id);
    const picked = this.picked === id;
    const open = this.menu === id;
    const dragging = picked && !!this.gesture?.started;
    return html`<div
      part="cell${picked ? ' cell-picked' : ''}"
      class="cell${picked ? ' picked' : ''}${dragging ? ' dragging' : ''}"
      role="listitem"
      data-id=${id}
      data-span=${this.items.get(id)?.getAttribute('span') === '2' ? '2' : '1'}
    >
      <div part="bar" class="bar">
        <button
          part="handle"
          class="handle"
          type="button"
          data-id=${id}
          aria-label=${this.say('handle', { title })}
          aria-describedby="hint"
          @keydown=${this.onHandleKey}
          @pointerdown=${this.onPointerDown}
        ></button>
        <button
          part="menu-button"
          class="menu-button"
          type="button"
          data-id=${id}
          aria-label=${this.say('options', { title })}
          aria-haspopup="menu"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls=${open ? 'menu' : nothing}
          @click=${this.onMenuButton}
          @keydown=${this.onMenuButtonKey}
        ></button>
        ${
          open
            ? html`<div
                id="menu"
                part="menu"
                class="menu"
                role="menu"
                aria-label=${this.say('options', { title })}
                data-id=${id}
                @keydown=${this.onMenuKey}
                @click=${this.onMenuItem}
                @focusout=${this.onMenuFocusOut}
              >
                ${(
                  [
                    ['earlier', index === 0],
                    ['later', index === count - 1],
                    ['hide', false],
                  ] as const
                ).map(
                  ([action, disabled]) =>
                    html`<button
                      part="menu-item"
                      role="menuitem"
                      type="button"
                      tabindex="-1"
                      data-action=${action}
                      aria-disabled=${disabled ? 'true' : 'false'}
                    >
                      ${this.say(action)}
                    </button>`,
                )}
              </div>`
            : nothing
        }
      </div>
      <slot></slot>
    </div>`;
  }

  private renderPanel() {
    const hidden = this.arrangement.hidden;
    return html`<section part="customize" class="panel" aria-labelledby="customize-title">
      <span id="customize-title" class="title">${this.say('customize')}</span>
      ${
        hidden.length
          ? html`<ul>
              ${hidden.map(
                (id) =>
                  html`<li>
                    <button part="show" type="button" data-id=${id} @click=${this.onShow}>
                      ${this.say('show', { title: this.titleOf(id) })}
                    </button>
                  </li>`,
              )}
            </ul>`
          : html`<span>${this.say('none')}</span>`
      }
      <button part="reset" class="reset" type="button" @click=${this.onReset}>${this.say('resetButton')}</button>
    </section>`;
  }

  protected override updated(_changed: PropertyValues<this>): void {
    const cells = this.cells();
    for (const cell of cells) {
      const item = this.items.get(cell.dataset.id ?? '');
      const slot = cell.lastElementChild as HTMLSlotElement;
      if (item && slot.assignedNodes()[0] !== item) slot.assign(item);
    }
    if (this.rects) this.flip(cells, this.rects);
    if (this.gesture?.started) {
      this.measure();
      this.follow();
    }
    const next = this.focusNext;
    this.focusNext = undefined;
    if (next) {
      const [id, selector, item] = next;
      const target =
        item === undefined
          ? this.renderRoot.querySelector<HTMLElement>(`.cell[data-id="${CSS.escape(id)}"] ${selector}`)
          : this.renderRoot.querySelectorAll<HTMLElement>(selector)[item];
      if (target && (this.renderRoot as ShadowRoot).activeElement !== target) target.focus();
    }
  }

  private cells(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('.cell')];
  }

  /** FLIP: cells slide from where they were to where they are (skipped under reduced motion). */
  private flip(cells: HTMLElement[], before: Map<string, DOMRect>): void {
    for (const cell of cells) {
      const id = cell.dataset.id ?? '';
      const was = before.get(id);
      if (!was || (this.gesture?.started && id === this.picked)) continue;
      const now = cell.getBoundingClientRect();
      const dx = was.left - now.left;
      const dy = was.top - now.top;
      if (dx || dy)
        cell.animate([{ transform: `translate(${dx}px,${dy}px)` }, { transform: 'none' }], {
          duration: 200,
          easing: 'cubic-bezier(0.2,0,0,1)',
        });
    }
  }

  // ── keyboard ─────────────────────────────────────────────────────────────────────────────────────────

  private readonly onHandleKey = (event: KeyboardEvent) => {
    const id = (event.currentTarget as HTMLElement).dataset.id ?? '';
    const key = event.key;
    if (this.picked !== id || this.gesture) {
      if ((key === ' ' || key === 'Enter') && !this.gesture) {
        event.preventDefault();
        this.picked = id;
        this.order = [...this.arrangement.visible];
        this.origin = this.order;
        this.announce('picked', id);
      }
      return;
    }
    const visible = this.order ?? [];
    const from = visible.indexOf(id);
    const grid = this.renderRoot.querySelector('.grid') as HTMLElement;
    const style = getComputedStyle(grid);
    const cols = style.gridTemplateColumns.split(' ').length;
    const rtl = style.direction === 'rtl';
    const step: Record<string, number> = {
      ArrowLeft: rtl ? 1 : -1,
      ArrowRight: rtl ? -1 : 1,
      ArrowUp: -cols,
      ArrowDown: cols,
      Home: -visible.length,
      End: visible.length,
    };
    if (key === ' ' || key === 'Enter' || key === 'Tab') {
      if (key !== 'Tab') event.preventDefault();
      this.drop('dropped');
    } else if (key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.cancel();
    } else if (step[key] !== undefined) {
      event.preventDefault();
      const to = Math.max(0, Math.min(visible.length - 1, from + step[key]));
      this.order = moved(visible, from, to);
      this.focusNext = [id, '.handle'];
      this.announce('moved', id, this.order);
    }
  };

  /** Ends carrying: the new order is saved and announced; one event if it changed. */
  private drop(key: GridMessage): void {
    const id = this.picked;
    const order = this.order;
    if (!id || !order) return;
    this.announce(key, id, order);
    this.picked = this.order = undefined;
    this.focusNext = this.gesture ? undefined : [id, '.handle'];
    if (order.join() !== this.origin.join()) this.applyOrder(order, 'move');
  }

  /** Ends carrying without a change: back to where the widget was. */
  private cancel(): void {
    const id = this.picked;
    if (!id) return;
    this.announce('canceled', id, this.origin);
    this.picked = this.order = undefined;
    this.focusNext = this.gesture ? undefined : [id, '.handle'];
  }

  // ── pointer ──────────────────────────────────────────────────────────────────────────────────────────

  private readonly onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0 || this.gesture || this.picked) return;
    const id = (event.currentTarget as HTMLElement).dataset.id ?? '';
    const touch = event.pointerType === 'touch';
    // Mouse and pen: no text selection, no focus ring. Touch: nothing prevented, so the page still scrolls.
    if (!touch) event.preventDefault();
    const g: Gesture = {
      id,
      pointerId: event.pointerId,
      touch,
      x0: event.clientX,
      y0: event.clientY,
      x: event.clientX,
      y: event.clientY,
      grabX: 0,
      grabY: 0,
      started: false,
    };
    if (touch) g.timer = setTimeout(() => this.startDrag(), HOLD_MS);
    this.gesture = g;
    this.listen(true);
  };

  /** Window listeners for the length of a gesture only. */
  private listen(on: boolean): void {
    const listeners: [string, (event: never) => void][] = [
      ['pointermove', this.onPointerMove],
      ['pointerup', this.onPointerUp],
      ['pointercancel', this.onPointerUp],
      ['keydown', this.onDragKey],
      ['touchmove', this.onTouchMove],
      ['contextmenu', this.onContextMenu],
    ];
    for (const [type, listener] of listeners) {
      const options = { capture: type === 'keydown', passive: false };
      if (on) addEventListener(type, listener as EventListener, options);
      else removeEventListener(type, listener as EventListener, options);
    }
  }

  private startDrag(): void {
    const g = this.gesture;
    if (!g || g.started) return;
    g.started = true;
    this.picked = g.id;
    this.order = [...this.arrangement.visible];
    this.origin = this.order;
    this.measure();
    const box = this.boxes.get(g.id);
    const grid = this.gridRect();
    g.grabX = g.x0 - grid.left - (box?.x ?? 0);
    g.grabY = g.y0 - grid.top - (box?.y ?? 0);
    this.announce('picked', g.id);
    this.raf = requestAnimationFrame(this.frame);
  }

  private readonly onPointerMove = (event: PointerEvent) => {
    const g = this.gesture;
    if (!g || event.pointerId !== g.pointerId) return;
    g.x = event.clientX;
    g.y = event.clientY;
    if (g.started) return;
    const distance = Math.hypot(g.x - g.x0, g.y - g.y0);
    if (g.touch && distance > TOUCH_SLOP) this.endGesture(false);
    else if (!g.touch && distance > MOUSE_SLOP) this.startDrag();
  };

  private readonly onPointerUp = (event: PointerEvent) => {
    if (event.pointerId === this.gesture?.pointerId) this.endGesture(event.type === 'pointerup');
  };

  private readonly onDragKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.gesture?.started) return;
    event.preventDefault();
    event.stopPropagation();
    this.endGesture(false);
  };

  /** While dragging by touch, the finger moves the widget, not the page. */
  private readonly onTouchMove = (event: TouchEvent) => {
    if (this.gesture?.started && event.cancelable) event.preventDefault();
  };

  private readonly onContextMenu = (event: Event) => {
    if (this.gesture?.touch) event.preventDefault();
  };

  private endGesture(drop: boolean): void {
    const g = this.gesture;
    if (!g) return;
    clearTimeout(g.timer);
    cancelAnimationFrame(this.raf);
    this.listen(false);
    if (g.started) {
      const cell = this.renderRoot.querySelector<HTMLElement>(`.cell[data-id="${CSS.escape(g.id)}"]`);
      cell?.style.removeProperty('transform');
      if (drop) this.drop('dropped');
      else this.cancel();
    }
    this.gesture = undefined;
  }

  private gridRect(): DOMRect {
    return (this.renderRoot.querySelector('.grid') as HTMLElement).getBoundingClientRect();
  }

  /** Layout boxes of the cells in grid coordinates (transforms and FLIP animations do not count). */
  private measure(): void {
    this.boxes = new Map(
      this.cells().map((c) => [
        c.dataset.id ?? '',
        { x: c.offsetLeft, y: c.offsetTop, w: c.offsetWidth, h: c.offsetHeight },
      ]),
    );
  }

  /** The dragged cell under the pointer. */
  private follow(): void {
    const g = this.gesture;
    const box = g && this.boxes.get(g.id);
    const cell = g && this.renderRoot.querySelector<HTMLElement>(`.cell[data-id="${CSS.escape(g.id)}"]`);
    if (!g || !box || !cell) return;
    const grid = this.gridRect();
    cell.style.transform = `translate(${g.x - grid.left - g.grabX - box.x}px,${g.y - grid.top - g.grabY - box.y}px)`;
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
    const grid = this.gridRect();
    const x = g.x - grid.left;
    const y = g.y - grid.top;
    const inside = (b: Box | undefined) => !!b && x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h;
    if (g.last && !inside(this.boxes.get(g.last))) g.last = undefined;
    for (const [id, box] of this.boxes) {
      if (id === g.id || id === g.last || !inside(box)) continue;
      g.last = id;
      this.order = moved(order, order.indexOf(g.id), order.indexOf(id));
      this.announce('moved', g.id, this.order);
      return;
    }
    this.follow();
  };

  // ── menu and customize panel ─────────────────────────────────────────────────────────────────────────

  private menuItems(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role=menuitem]')];
  }

  private openMenu(id: string, item: number): void {
    this.menu = id;
    this.focusNext = [id, '[role=menuitem]', item];
  }

  private closeMenu(focus: boolean): void {
    const id = this.menu;
    this.menu = undefined;
    if (focus && id) this.focusNext = [id, '.menu-button'];
  }

  private readonly onMenuButton = (event: Event) => {
    const id = (event.currentTarget as HTMLElement).dataset.id ?? '';
    if (this.menu === id) this.closeMenu(true);
    else this.openMenu(id, 0);
  };

  private readonly onMenuButtonKey = (event: KeyboardEvent) => {
    const id = (event.currentTarget as HTMLElement).dataset.id ?? '';
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    this.openMenu(id, event.key === 'ArrowDown' ? 0 : 2);
  };

  private readonly onMenuKey = (event: KeyboardEvent) => {
    const items = this.menuItems();
    const at = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLElement);
    const go: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 };
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.closeMenu(true);
    } else if (event.key === 'Tab') {
      this.closeMenu(false);
    } else if (go[event.key] !== undefined) {
      event.preventDefault();
      items[(go[event.key]! + items.length) % items.length]?.focus();
    }
  };

  private readonly onMenuFocusOut = (event: FocusEvent) => {
    const to = event.relatedTarget as Node | null;
    const menu = event.currentTarget as HTMLElement;
    if (to && (menu.contains(to) || menu.previousElementSibling === to)) return;
    if (this.menu) this.closeMenu(false);
  };

  private readonly onMenuItem = (event: Event) => {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[role=menuitem]');
    const id = this.menu;
    if (!item || !id || item.getAttribute('aria-disabled') === 'true') return;
    const action = item.dataset.action;
    const visible = this.arrangement.visible;
    const from = visible.indexOf(id);
    this.closeMenu(true);
    if (action === 'hide') {
      const rest = visible.filter((w) => w !== id);
      this.setHidden(id, true, 'hide');
      this.announce('hidden', id, visible);
      const next = rest[Math.min(from, rest.length - 1)];
      this.focusNext = next ? [next, '.handle'] : undefined;
      return;
    }
    const order = moved(visible, from, from + (action === 'earlier' ? -1 : 1));
    this.applyOrder(order, 'move');
    this.announce('moved', id, order);
  };

  private readonly onShow = (event: Event) => {
    const id = (event.currentTarget as HTMLElement).dataset.id ?? '';
    const { hidden } = this.arrangement;
    const index = hidden.indexOf(id);
    this.setHidden(id, false, 'show');
    this.announce('shown', id, hidden);
    // Focus stays in the panel: the next hidden widget's button, else reset.
    const left = hidden.length - 1;
    this.focusNext = left ? ['', '[part=show]', Math.min(index, left - 1)] : ['', '.reset', 0];
  };

  private readonly onReset = () => {
    this.resetLayout('reset');
    this.said = this.say('reset');
  };
}
