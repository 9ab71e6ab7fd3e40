import type { AutoUpdateOptions, Placement as PhysicalPlacement } from '@floating-ui/dom';

/**
 * floating-ui (≈ 7 KB min+gzip) is fetched the first time something floats, not with every element that can
 * float: a page showing recommendation cards pays for it when a visitor opens "Why this?", not on load.
 */
let loaded: typeof import('./floating-ui.ts') | undefined;
const floatingUi = async () => {
  loaded ??= await import('./floating-ui.ts');
  return loaded;
};

/** Sides that follow the writing direction: `inline-start` is left in LTR, right in RTL. */
type LogicalSide = 'inline-start' | 'inline-end';

/**
 * Where the floating element goes relative to its anchor: floating-ui's placements (`top`, `bottom-start`, …;
 * their `-start`/`-end` alignment already follows the floating element's `dir`), plus the logical sides
 * `inline-start` / `inline-end` (optionally aligned `-start`/`-end`), resolved from the anchor's direction.
 */
export type Placement = PhysicalPlacement | LogicalSide | `${LogicalSide}-${'start' | 'end'}`;

export interface AnchorOptions {
  /** Preferred placement; flipped to the other side when there is no room. Default `bottom`. */
  placement?: Placement;
  /** Gap between anchor and floating element in CSS pixels. Default 8. */
  offset?: number;
  /** An element inside `floating` that points at the anchor; positioned along the shared edge. */
  arrow?: HTMLElement;
  /**
   * `fixed` escapes scrolling containers and `overflow: hidden` ancestors (use it for page-level popovers such
   * as tour steps); `absolute` (default) scrolls with the nearest positioned ancestor.
   */
  strategy?: 'absolute' | 'fixed';
  /**
   * Stay inside the viewport even when neither side of the anchor has room (an anchor taller than the
   * viewport), covering part of the anchor. Default false: the floating element keeps to its side.
   */
  overlap?: boolean;
}

/** Distance kept from the viewport edges when shifting the floating element back into view. */
const padding = 8;

/** Resolves logical sides to physical ones using the anchor's writing direction. */
export function physicalPlacement(placement: Placement, rtl: boolean): PhysicalPlacement {
  if (!placement.startsWith('inline-')) return placement as PhysicalPlacement;
  const [, side, alignment] = placement.split('-') as [string, 'start' | 'end', ('start' | 'end')?];
  const physical = (side === 'start') !== rtl ? 'left' : 'right';
  return alignment ? `${physical}-${alignment}` : physical;
}

/**
 * Positions `floating` next to `anchor` and keeps it there while the page scrolls, resizes or reflows
 * (floating-ui's `autoUpdate`). The floating element is flipped to the other side when its preferred side has
 * no room, shifted to stay 8 px inside the viewport, and hidden (`visibility: hidden`, `data-anchor-hidden`)
 * while its anchor is scrolled out of view. Writes `position`, `left`, `top` into `floating.style`, the side it
 * ended on into `data-placement` (e.g. `top-start`), and the arrow's offsets into `arrow.style`.
 *
 * Returns a cleanup function that stops following the anchor; call it when the floating element closes.
 */
export function anchorFloating(floating: HTMLElement, anchor: Element, options: AnchorOptions = {}): () => void {
  const strategy = options.strategy ?? 'absolute';
  const arrowElement = options.arrow;
  let stopped = false;
  // Set up front so the first measurement is taken in the final positioning scheme. While floating-ui is still on
  // its way the element is transparent (still focusable: a dialog may move focus into it at once), not at 0,0.
  Object.assign(floating.style, { position: strategy, left: '0px', top: '0px', ...(!loaded && { opacity: '0' }) });

  const update = async (): Promise<void> => {
    const { computePosition, offset: offsetMiddleware, flip, shift, arrow: arrowMiddleware, hide } = await floatingUi();
    const placement = physicalPlacement(options.placement ?? 'bottom', getComputedStyle(anchor).direction === 'rtl');
    const {
      x,
      y,
      placement: side,
      middlewareData,
    } = await computePosition(anchor, floating, {
      placement,
      strategy,
      middleware: [
        offsetMiddleware(options.offset ?? 8),
        flip({ padding }),
        shift({ padding, crossAxis: options.overlap === true }),
        arrowElement && arrowMiddleware({ element: arrowElement, padding: 4 }),
        hide({ strategy: 'referenceHidden' }),
      ],
    });
    if (stopped) return;
    const hidden = middlewareData.hide?.referenceHidden === true;
    Object.assign(floating.style, { left: `${x}px`, top: `${y}px`, visibility: hidden ? 'hidden' : '', opacity: '' });
    floating.setAttribute('data-placement', side);
    floating.toggleAttribute('data-anchor-hidden', hidden);
    if (arrowElement) {
      const { x: ax, y: ay } = middlewareData.arrow ?? {};
      // Cleared first, then the edge facing the anchor (the side opposite to the one the card ended on).
      Object.assign(arrowElement.style, {
        left: ax == null ? '' : `${ax}px`,
        top: ay == null ? '' : `${ay}px`,
        right: '',
        bottom: '',
        [{ top: 'bottom', bottom: 'top', left: 'right', right: 'left' }[side.split('-')[0] as 'top']]:
          `${-arrowElement.offsetWidth / 2}px`,
      });
    }
  };

  const stop = autoUpdateLater(anchor, floating, () => {
    void update().catch(() => {
      // A detached element mid-update: nothing to position, and never an error into the host page.
    });
  });
  return () => {
    stopped = true;
    stop();
  };
}

/**
 * floating-ui's `autoUpdate` (calls `update` whenever the anchor or the floating element moves or resizes), started
 * once floating-ui has arrived; the cleanup it returns works before that too.
 */
export function autoUpdateLater(
  anchor: Element,
  floating: HTMLElement,
  update: () => void,
  options?: AutoUpdateOptions,
): () => void {
  let stopped = false;
  let stop: (() => void) | undefined;
  floatingUi().then(
    ({ autoUpdate }) => {
      if (!stopped) stop = autoUpdate(anchor, floating, update, options);
    },
    () => {
      // The file could not be fetched (offline): the element stays where it is, never an error into the page.
    },
  );
  return () => {
    stopped = true;
    stop?.();
  };
}
