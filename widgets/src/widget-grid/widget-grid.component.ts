// Long because: the coordinator of seven controllers (cells, voice, persistence, animation, pointer drag, keyboard,
// menu) and the documented element API (JSDoc the manifest reads); what stays is the wiring between them and the
// layout changes (apply, hide, show, act) that need all of them.
import { type DashboardLayout, KPI_EVENTS } from '@matbakh/contract';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { LayoutChangeReason } from '../events/mb-layout-change.ts';
import { dirOf } from '../shared/i18n.ts';
import { MbElement } from '../shared/mb-element.ts';
import { formatNumber } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { trackUsage, type UsageProperties } from '../shared/usage.ts';
import { renderCustomize } from './customize-view.ts';
import { GridAnimation } from './grid-animation.ts';
import { GridCells } from './grid-cells.ts';
import { GridMenu, type MenuAction } from './grid-menu.ts';
import { GridVoice } from './grid-voice.ts';
import { KeyboardMove } from './keyboard-move.ts';
import { type Arrangement, arrange, moved, toLayout } from './layout.ts';
import type { LayoutClient } from './layout-client.ts';
import { LayoutPersistence } from './layout-persistence.ts';
import { PointerDrag } from './pointer-drag.ts';
import type { GridMessage } from './widget-grid.messages.ts';
import { styles } from './widget-grid.styles.ts';

export type { LayoutChangeDetail, LayoutChangeReason } from '../events/mb-layout-change.ts';

const idOf = (node?: Element | null) => node?.closest<HTMLElement>('.cell')?.dataset.id ?? '';

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

  private items = new Map<string, HTMLElement>();
  private arrangement: Arrangement = { all: [], visible: [], hidden: [] };
  /**
   * The order while carrying. Lit does not render it: a move sets the CSS `order` of as few cells as possible
   * (no DOM move, so focus, slots and the other cells are left alone); the DOM follows on drop.
   */
  private order: string[] | undefined;
  private origin: string[] = [];
  /** Before-move positions of the cells that can move, for the next render's FLIP. */
  private rects = new Map<string, DOMRect | undefined>();
  /** The live region's sentence: written directly, an announcement renders nothing. */
  /** What gets focus after the next render. */
  private focusNext: (() => HTMLElement | null | undefined) | undefined;
  private readonly cells = new GridCells();
  private readonly voice = new GridVoice(this, () => this.items);
  private readonly persistence = new LayoutPersistence(this);
  private readonly animation = new GridAnimation(this, {
    cells: () => this.cells.all,
    wide: (id) => this.items.get(id)?.getAttribute('span') === '2',
    grid: () => this.grid(),
  });
  private readonly drag = new PointerDrag(this, {
    handle: (event) => {
      const target = this.own(event);
      return !this.picked && target?.matches('.handle') ? idOf(target) : undefined;
    },
    grid: () => this.grid(),
    cell: (id) => this.cells.find(id),
    boxes: this.animation.boxes,
    order: () => this.order,
    pick: (id) => this.pick(id),
    carry: (order) => this.carry(order, true),
    finish: (drop) => this.finish(drop),
  });
  private readonly keyboard = new KeyboardMove({
    grid: () => this.grid(),
    picked: () => this.picked,
    order: () => this.order ?? this.arrangement.visible,
    pick: (id) => this.pick(id),
    carry: (order) => this.carry(order),
    finish: (drop) => this.finish(drop),
  });
  private readonly menu = new GridMenu(this, {
    items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('[role=menuitem]')],
    focusNext: (target) => {
      this.focusNext = target;
    },
    focusButton: (id) => this.refocus(id, '.menu-button'),
    say: (key) => this.voice.say(key),
  });
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
  }

  /** Back to the default: `defaultLayout`, else DOM order with nothing hidden. */
  reset(): void {
    this.resetTo();
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
    this.voice.refresh();
    if (!this.picked) this.persistence.restore(changed.has('defaultLayout'), changed.get('defaultLayout'));
    this.rects = this.animation.first(this.order ?? this.sync().visible);
  }

  protected override firstUpdated(): void {
    // A page's first `Intl` formatter loads locale data (60 ms here): done while idle, not on the first pick-up.
    // The callback holds the locale, not the grid: a busy page may not be idle for long, and a removed grid must
    // not wait for it to be collected (widget-grid.memory.test.ts).
    const locale = this.voice.locale;
    (globalThis.requestIdleCallback ?? setTimeout)(() => formatNumber(0, locale));
  }

  protected override updated(): void {
    const { visible } = this.arrangement;
    this.cells.render(this.grid(), visible, (cell, id, index) => this.fill(cell, id, index, visible.length - 1));
    this.animation.place(this.order);
    this.animation.boxes.clear();
    this.settle(this.rects);
    const target = this.focusNext?.();
    this.focusNext = undefined;
    if (target && (this.renderRoot as ShadowRoot).activeElement !== target) target.focus();
  }

  // ── carrying (keyboard and pointer) ──────────────────────────────────────────────────────────────────

  /** Starts carrying `id` (keyboard or pointer). */
  private pick(id: string): void {
    this.picked = id;
    this.origin = this.order = this.animation.shown = [...this.arrangement.visible];
    this.announce('picked', id);
  }

  /**
   * Shows `next` while carrying: no render; only cells whose `order` changes are restyled. From a key, on the
   * next frame; from a drag, `now`.
   */
  private carry(next: string[], now?: boolean): void {
    this.order = next;
    this.animation.schedule(this.reorder, now);
  }

  private readonly reorder = () => {
    const order = this.order;
    if (!order) return;
    const rects = this.animation.first(order);
    this.animation.place(order);
    this.settle(rects);
    // Announced after the reads: the live region's new text then costs no extra layout in this frame.
    this.announce('moved', this.picked);
  };

  /** Slides the cells that moved; while dragging, the dragged cell follows the pointer from its new box. */
  private settle(rects: Map<string, DOMRect | undefined>): void {
    const dragging = this.drag.dragging;
    const dragged = dragging ? this.cells.find(this.picked ?? '') : undefined;
    const grid = this.animation.settle(rects, dragging, dragged);
    if (grid && dragged) this.drag.follow(grid);
  }

  /**
   * Ends carrying. Dropped: the new order is saved and announced, one event if it changed. Else canceled: back
   * to where the widget was, announced, nothing saved.
   */
  private finish(drop: boolean): void {
    const id = this.picked;
    const order = this.order;
    if (!id || !order) return;
    this.announce(drop ? 'dropped' : 'canceled', id, drop ? order : this.origin);
    this.picked = this.order = undefined;
    if (!this.drag.active) this.refocus(id, '.handle');
    if (drop && order.join() !== this.origin.join()) this.applyOrder(order, 'move');
  }

  // ── layout changes ───────────────────────────────────────────────────────────────────────────────────

  private resetTo(reason?: LayoutChangeReason): void {
    this.sync();
    const { all, hidden } = arrange([...this.items.keys()], this.defaultLayout);
    this.apply({ order: all, hidden }, reason);
  }

  private apply(layout: DashboardLayout, reason?: LayoutChangeReason): void {
    this.layout = layout;
    this.arrangement = arrange([...this.items.keys()], layout);
    this.persistence.save(layout);
    if (reason) this.emit('mb-layout-change', { dashboardId: this.dashboardId ?? null, layout, reason });
    // A move the visitor committed (dropped by pointer or keyboard, or a menu's move) is the KPI report's reorder.
    if (reason === 'move') {
      const properties: UsageProperties = this.dashboardId ? { dashboard_id: this.dashboardId } : {};
      trackUsage(this.persistence.client, KPI_EVENTS.widgetsReordered, properties);
    }
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
    const visible = a.all.filter((w) => !hidden.has(w));
    this.apply(toLayout(a, visible, hidden, this.layout), reason);
  }

  /** Announces `key` (with `id` at its place in `visible`) in the live region. */
  private announce(key: GridMessage, id?: string, visible = this.order ?? this.arrangement.visible): void {
    this.voice.announce(key, id, visible);
  }

  // ── render ───────────────────────────────────────────────────────────────────────────────────────────

  override render() {
    const locale = this.voice.locale;
    // The grid's cells are not Lit's: `GridCells` keeps them (see there). One delegated listener per event
    // type on the grid, none per cell.
    return html`<div part="base" lang=${locale} dir=${this.getAttribute('dir') ?? dirOf(locale)}>
${this.customizing ? renderCustomize(this.arrangement.hidden, this.voice, this.onShow, this.onReset) : nothing}
<div part="grid" class="grid" role="list" aria-label=${this.voice.say('label')} @keydown=${this.onKey} @click=${this.onClick} @pointerdown=${this.drag.onPointerDown}></div>
<span id="hint" hidden>${this.voice.say('hint')}</span>
<div part="live" class="visually-hidden" aria-live="assertive" aria-atomic="true"></div>
</div>`;
  }

  /** A cell's widget, span, labels, menu and whether it is carried. */
  private fill(cell: HTMLElement, id: string, index: number, last: number): void {
    const title = this.voice.titleOf(id);
    const menuLabel = this.voice.say('options', { title });
    this.cells.fill(cell, {
      item: this.items.get(id),
      picked: this.picked === id,
      dragging: this.drag.dragging,
      handleLabel: this.voice.say('handle', { title }),
      menuLabel,
      menu: this.menu.open === id ? this.menu.render(menuLabel, index, last) : undefined,
    });
  }

  private grid(): HTMLElement {
    return this.renderRoot.querySelector('.grid') as HTMLElement;
  }

  /** The event's target if it is one of ours (not inside a slotted widget, whose events pass through). */
  private own(event: Event): HTMLElement | undefined {
    const target = event.target as HTMLElement;
    return target.getRootNode() === this.renderRoot ? target : undefined;
  }

  /** Focus goes to `selector` in the cell of `id` after the next render. */
  private refocus(id: string, selector: string): void {
    this.focusNext = () => this.cells.find(id, selector);
  }

  // ── events ───────────────────────────────────────────────────────────────────────────────────────────

  /** Keydown anywhere in the grid: the handles, the menu buttons, the menu (widgets' own keys are left alone). */
  private readonly onKey = (event: KeyboardEvent) => {
    const target = this.own(event);
    const id = idOf(target);
    if (target?.role === 'menuitem') this.menu.onItemKey(event, target);
    else if (target?.matches('.menu-button')) this.menu.onButtonKey(event, id);
    else if (target?.matches('.handle') && !this.drag.active) this.keyboard.onHandleKey(event, id);
  };

  /** Clicks in the grid: a menu button toggles its menu; a menu item moves or hides its widget. */
  private readonly onClick = (event: Event) => {
    const target = this.own(event);
    const id = idOf(target);
    const item = target?.closest<HTMLElement>('[role=menuitem]');
    if (target?.matches('.menu-button')) this.menu.toggle(id);
    else if (item && item.ariaDisabled !== 'true') {
      this.menu.close(true);
      this.act(id, item.dataset.action as MenuAction);
    }
  };

  /** A menu item: hide (focus to the next widget's handle) or move one place, announced. */
  private act(id: string, action: MenuAction): void {
    const visible = this.arrangement.visible;
    const from = visible.indexOf(id);
    if (action === 'hide') {
      const rest = visible.filter((w) => w !== id);
      this.setHidden(id, true, 'hide');
      this.announce('hidden', id, visible);
      const next = rest[Math.min(from, rest.length - 1)];
      this.focusNext = next ? () => this.cells.find(next, '.handle') : undefined;
    } else {
      const order = moved(visible, from, from + (action === 'earlier' ? -1 : 1));
      this.applyOrder(order, 'move');
      this.announce('moved', id, order);
    }
  }

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
