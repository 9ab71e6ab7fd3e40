import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A cell's layout box in grid coordinates: [x, y, width, height]. */
export type Box = [number, number, number, number];

/** The widget id a cell shows. */
export const idIn = (cell: HTMLElement) => cell.dataset.id ?? '';

/** Created once: a `matchMedia` per move would allocate a query list on every keystroke. */
let reducedMotion: MediaQueryList | undefined;

export interface GridAnimationOptions {
  /** The cells in DOM order, as last rendered. */
  cells(): readonly HTMLElement[];
  /** The widget of `id` spans two columns (a change before it shifts every cell after it). */
  wide(id: string): boolean;
  /** The grid element (its box is the origin of the layout boxes). */
  grid(): HTMLElement;
}

/**
 * How the grid's cells move: FLIP slides from where a cell was to where it is (transform only), the CSS `order`
 * that shows a carried widget elsewhere without moving DOM, and each cell's layout box while dragging (so hit
 * tests are arithmetic, no DOM reads). Reads and writes are batched: one layout per change.
 */
export class GridAnimation implements ReactiveController {
  /** The order on screen (FLIP compares against it). */
  shown: string[] = [];
  /** While dragging: the cells' layout boxes, read when they move. */
  readonly boxes = new Map<string, Box>();
  /** Each cell's FLIP animation. */
  private readonly slides = new WeakMap<HTMLElement, Animation>();
  /** Some cell has an `order` (cleared at the first render at rest). */
  private placed = false;
  /** The frame that shows a keyboard move. */
  private pending = 0;
  /** The frame that first shows the cells; until it ran, nothing is on screen to slide from. */
  private firstFrame = 0;
  /** The cells have been on screen (a frame showed them since they first rendered). */
  private onScreen = false;
  private readonly options: GridAnimationOptions;

  constructor(host: ReactiveControllerHost, options: GridAnimationOptions) {
    this.options = options;
    host.addController(this);
  }

  /** Attached (again): what it shows is on screen from the next frame. */
  hostConnected(): void {
    this.awaitFirstFrame();
  }

  /** A detached grid shows nothing: a keyboard move's pending frame is dropped (and lets go of the host). */
  hostDisconnected(): void {
    cancelAnimationFrame(this.pending);
    cancelAnimationFrame(this.firstFrame);
  }

  /**
   * Before `next` becomes the order on screen: the cells that can move (from the first difference to the last;
   * to the end when a span of 2 or a hidden or shown widget shifts the rest), with where they are now for FLIP
   * (none when motion is reduced). Reads only: layout is clean between frames.
   */
  first(next: string[]): Map<string, DOMRect | undefined> {
    const now = this.shown;
    let from = 0;
    let to = next.length;
    while (from < to && now[from] === next[from]) from++;
    if (now.length === to && !next.slice(from).some((id) => this.options.wide(id)))
      while (to > from && now[to - 1] === next[to - 1]) to--;
    const moving = new Set(next.slice(from, to));
    if (now.length === 0) this.awaitFirstFrame();
    this.shown = next;
    reducedMotion ??= matchMedia('(prefers-reduced-motion: reduce)');
    // Nothing on screen yet (the first render, or more renders before its frame, as widgets arrive in the same
    // task): nothing slides, and reading a box would force the page's whole layout in the middle of the render.
    const motion = this.onScreen && !reducedMotion.matches;
    return new Map(
      this.options
        .cells()
        .filter((c) => moving.has(idIn(c)))
        .map((c) => [idIn(c), motion ? c.getBoundingClientRect() : undefined]),
    );
  }

  /** Cells appear (from none): they are on screen once the next frame ran. */
  private awaitFirstFrame(): void {
    this.onScreen = false;
    cancelAnimationFrame(this.firstFrame);
    this.firstFrame = requestAnimationFrame(() => {
      this.onScreen = true;
    });
  }

  /**
   * After the cells changed place, for the cells that can have moved (and, while `dragging`, any without a layout
   * box yet): writes that change no layout first (their slides stop, the `dragged` cell lets go of the pointer),
   * then one pass of reads (one layout: where they are now), then the slides. Returns the grid's box when it
   * looked (the dragged cell is placed against it), else `undefined`.
   */
  settle(
    moving: Map<string, DOMRect | undefined>,
    dragging: boolean,
    dragged?: HTMLElement | null,
  ): DOMRect | undefined {
    const cells = this.options
      .cells()
      .filter((c) =>
        dragging ? c === dragged || moving.has(idIn(c)) || !this.boxes.has(idIn(c)) : moving.get(idIn(c)),
      );
    if (!cells.length) return undefined;
    for (const cell of cells) this.slides.get(cell)?.cancel();
    dragged?.style.removeProperty('transform');
    const grid = this.options.grid().getBoundingClientRect();
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
    return grid;
  }

  /**
   * The cells' CSS `order` while carrying `order` (a move restyles only the cells whose place changed); none at
   * rest and none while the carried order is the DOM order (a pick-up restyles nothing).
   */
  place(carried: string[] | undefined): void {
    const cells = this.options.cells();
    const order = carried?.join() === cells.map(idIn).join() ? undefined : carried;
    // Nothing carried and nothing placed (every render but the one after a drop): no cell's style is looked at.
    if (!order && !this.placed) return;
    this.placed = !!order;
    const at = new Map(order?.map((id, i) => [id, `${i}`]));
    for (const cell of cells) {
      const value = at.get(idIn(cell)) ?? '';
      if (cell.style.order !== value) cell.style.order = value;
    }
  }

  /**
   * Runs `show` now, or on the next frame (replacing one not run yet): from a key, no layout in the key's
   * handler, and keys faster than frames cost one layout per frame.
   */
  schedule(show: () => void, now?: boolean): void {
    cancelAnimationFrame(this.pending);
    if (now) show();
    else this.pending = requestAnimationFrame(show);
  }
}
