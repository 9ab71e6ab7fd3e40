import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Box } from './grid-animation.ts';
import { moved } from './layout.ts';

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

/** What the drag needs from the grid. */
export interface PointerDragOptions {
  /** The widget a handle belongs to, if `event` is a press on one of the grid's own handles that may start. */
  handle(event: PointerEvent): string | undefined;
  grid(): HTMLElement;
  cell(id: string): HTMLElement | null | undefined;
  /** The cells' layout boxes (kept by the animation). */
  boxes: Map<string, Box>;
  /** The order while carrying, `undefined` once dropped. */
  order(): string[] | undefined;
  /** The drag started: carry `id`. */
  pick(id: string): void;
  /** The pointer is over another widget: show this order now. */
  carry(order: string[]): void;
  /** The drag ended: dropped (`true`) or canceled. */
  finish(drop: boolean): void;
}

/**
 * Dragging a widget by its handle with a pointer (mouse, pen, or touch after press-and-hold), in the manner of
 * Shoelace's `internal/drag.ts`: window listeners only for the length of a gesture, the work once per frame
 * (auto-scroll near the viewport's edges, then reorder under the pointer), Escape cancels. Ends with the host's
 * disconnection.
 */
export class PointerDrag implements ReactiveController {
  private gesture: Gesture | undefined;
  private raf = 0;
  private readonly options: PointerDragOptions;

  constructor(host: ReactiveControllerHost, options: PointerDragOptions) {
    this.options = options;
    host.addController(this);
  }

  /** A press is in progress (maybe not a drag yet). */
  get active(): boolean {
    return this.gesture !== undefined;
  }

  /** A drag is in progress. */
  get dragging(): boolean {
    return !!this.gesture?.started;
  }

  hostDisconnected(): void {
    this.end();
  }

  /** Pointerdown on the grid (delegated). */
  readonly onPointerDown = (event: PointerEvent) => {
    const id = event.button || this.gesture ? undefined : this.options.handle(event);
    if (id === undefined) return;
    const touch = event.pointerType === 'touch';
    // Mouse and pen: no text selection, no focus ring. Touch: nothing prevented, so the page still scrolls.
    if (!touch) event.preventDefault();
    const { clientX: x, clientY: y } = event;
    const g: Gesture = { id, pointerId: event.pointerId, touch, x0: x, y0: y, x, y, grabX: 0, grabY: 0 };
    if (touch) g.timer = setTimeout(() => this.start(), HOLD_MS);
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
      this.end();
    } else if (type === 'touchmove' || type === 'contextmenu') {
      // While dragging by touch, the finger moves the widget, not the page; no context menu on a long press.
      if ((type === 'touchmove' ? g.started : g.touch) && event.cancelable) event.preventDefault();
    } else if ((event as PointerEvent).pointerId === g.pointerId) {
      if (type !== 'pointermove') {
        this.end(type === 'pointerup');
        return;
      }
      // Only remember the position: the work happens once per frame, in `frame`.
      g.x = (event as PointerEvent).clientX;
      g.y = (event as PointerEvent).clientY;
      g.moved = true;
      const distance = Math.hypot(g.x - g.x0, g.y - g.y0);
      if (g.started) return;
      if (g.touch && distance > TOUCH_SLOP) this.end();
      else if (!g.touch && distance > MOUSE_SLOP) this.start();
    }
  };

  private start(): void {
    const g = this.gesture;
    if (!g || g.started) return;
    g.started = true;
    const cell = this.options.cell(g.id);
    const grid = this.options.grid().getBoundingClientRect();
    g.grabX = g.x0 - grid.left - (cell?.offsetLeft ?? 0);
    g.grabY = g.y0 - grid.top - (cell?.offsetTop ?? 0);
    this.options.pick(g.id);
    this.raf = requestAnimationFrame(this.frame);
  }

  /** Ends the gesture: a started drag is dropped (`drop`) or canceled. */
  end(drop?: boolean): void {
    const g = this.gesture;
    if (!g) return;
    clearTimeout(g.timer);
    cancelAnimationFrame(this.raf);
    for (const type of GESTURE_EVENTS) removeEventListener(type, this.onGesture, { capture: type === 'keydown' });
    if (g.started) {
      this.options.cell(g.id)?.style.removeProperty('transform');
      this.options.finish(!!drop);
    }
    this.gesture = undefined;
  }

  /** The dragged cell under the pointer: a transform from its box in the layout (no layout per frame). */
  follow(grid: DOMRect): void {
    const g = this.gesture;
    const box = g && this.options.boxes.get(g.id);
    const cell = g && this.options.cell(g.id);
    if (g && box && cell)
      cell.style.transform = `translate(${g.x - grid.left - g.grabX - box[0]}px,${g.y - grid.top - g.grabY - box[1]}px)`;
  }

  /** One frame of a drag: auto-scroll near the viewport's edges, then reorder under the pointer. */
  private readonly frame = () => {
    const g = this.gesture;
    const order = this.options.order();
    if (!g?.started || !order) return;
    this.raf = requestAnimationFrame(this.frame);
    const bottom = innerHeight - EDGE;
    const scroll = g.y < EDGE ? (g.y - EDGE) / 3 : g.y > bottom ? (g.y - bottom) / 3 : 0;
    if (scroll) scrollBy(0, Math.round(scroll));
    else if (!g.moved) return;
    g.moved = false;
    const grid = this.options.grid().getBoundingClientRect();
    const over = this.under(g.x - grid.left, g.y - grid.top, g.id);
    if (over !== g.last) g.last = undefined;
    if (over && !g.last) {
      g.last = over;
      g.moved = true; // the cells moved under the pointer: look again next frame
      this.options.carry(moved(order, order.indexOf(g.id), order.indexOf(over)));
    } else this.follow(grid);
  };

  /** The widget (other than `dragged`) whose layout box holds the point (x, y), in grid coordinates. */
  private under(x: number, y: number, dragged: string): string | undefined {
    let over: string | undefined;
    for (const [id, [bx, by, w, h]] of this.options.boxes)
      if (id !== dragged && x >= bx && x < bx + w && y >= by && y < by + h) over = id;
    return over;
  }
}
