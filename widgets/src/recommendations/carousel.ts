/** Whether the visitor asked for less motion (scrolling and removal are then instant). */
export const reducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

export interface CarouselHost {
  root(): ParentNode;
  /** How many slides there are. */
  count(): number;
  /** Index of the slide that is the tab stop (the host's reactive state). */
  active(): number;
  setActive(index: number): void;
}

/**
 * The carousel's roving tab stop (WAI-ARIA APG): one slide is in the Tab order; ←/→ (mirrored right-to-left),
 * Home and End move it, and the slide scrolls into view.
 */
export class CarouselNav {
  private readonly host: CarouselHost;

  constructor(host: CarouselHost) {
    this.host = host;
  }

  /** Makes slide `index` the tab stop and scrolls it into view; `focus`: moves focus to it too. */
  activate(index: number, focus: boolean): void {
    const host = this.host;
    const clamped = Math.max(0, Math.min(index, host.count() - 1));
    if (clamped !== host.active()) host.setActive(clamped);
    const slide = [...host.root().querySelectorAll<HTMLElement>('.slide')][clamped];
    if (!slide) return;
    slide.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
    if (focus) slide.focus({ preventScroll: true });
  }

  readonly onKeydown = (event: KeyboardEvent): void => {
    const slide = event.target as HTMLElement;
    // Only on a slide itself: inside a card, arrow keys belong to its controls.
    if (!slide.classList?.contains('slide') || event.altKey || event.ctrlKey || event.metaKey) return;
    const rtl = getComputedStyle(slide).direction === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 } as Record<string, number>;
    let next: number | undefined;
    if (event.key in step) next = this.host.active() + step[event.key]!;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = this.host.count() - 1;
    if (next === undefined) return;
    event.preventDefault();
    this.activate(next, true);
  };
}
