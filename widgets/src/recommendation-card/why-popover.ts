import { anchorFloating } from '../shared/popover.ts';

type Host = HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * Keeps the open "Why this?" popover next to its button (floating-ui: flipped and shifted into the viewport,
 * following scroll and resize) and closes it on a press outside the card; released when it closes or the card
 * goes.
 */
export class WhyPopover {
  /** Focus moves into the popover when it opens (from the button or `show()`, not on a re-render). */
  focusOnOpen = false;
  private readonly host: Host;
  private readonly close: () => void;
  private stopFloating: (() => void) | undefined;

  constructor(host: Host, close: () => void) {
    this.host = host;
    this.close = close;
  }

  /** After a render that opened or closed the popover. */
  sync(open: boolean): void {
    const popover = this.host.renderRoot.querySelector<HTMLElement>('[part~="popover"]');
    const anchor = this.host.renderRoot.querySelector<HTMLElement>('[part~="why"]');
    if (open && popover && anchor) {
      this.stopFloating?.();
      this.stopFloating = anchorFloating(popover, anchor, {
        placement: 'top',
        strategy: 'fixed',
        arrow: popover.querySelector<HTMLElement>('[part~="arrow"]') ?? undefined,
      });
      document.addEventListener('pointerdown', this.onOutside, true);
      if (this.focusOnOpen) popover.focus();
      this.focusOnOpen = false;
    } else {
      this.release();
    }
  }

  release(): void {
    this.stopFloating?.();
    this.stopFloating = undefined;
    document.removeEventListener('pointerdown', this.onOutside, true);
  }

  private readonly onOutside = (event: Event) => {
    if (!event.composedPath().includes(this.host)) this.close();
  };
}
