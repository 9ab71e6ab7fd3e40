import type { ReactiveController, ReactiveControllerHost } from 'lit';

interface Host extends ReactiveControllerHost {
  readonly hasUpdated: boolean;
}

/**
 * A list that scrolls sideways (the row a narrow container gets) is a tab stop, so a keyboard user can scroll it
 * with the arrow keys and hears its name (axe `scrollable-region-focusable`); a list that fits is none. Watched
 * with a ResizeObserver: the container's width, not the viewport's, decides.
 */
export class ScrollRegion implements ReactiveController {
  private readonly host: Host;
  private readonly find: () => HTMLElement | null;
  private observed: HTMLElement | null = null;
  private readonly resize = new ResizeObserver(() => this.check());

  /** `find`: the list that may scroll (null while there is none). */
  constructor(host: Host, find: () => HTMLElement | null) {
    this.host = host;
    this.find = find;
    host.addController(this);
  }

  hostConnected(): void {
    // Moved in the page: watch again what is already rendered.
    if (this.host.hasUpdated) this.hostUpdated();
  }

  hostUpdated(): void {
    const list = this.find();
    if (list !== this.observed) {
      this.resize.disconnect();
      if (list) this.resize.observe(list);
      this.observed = list;
    }
    this.check();
  }

  hostDisconnected(): void {
    this.resize.disconnect();
    this.observed = null;
  }

  private check(): void {
    const list = this.observed;
    if (!list) return;
    if (list.scrollWidth > list.clientWidth + 1) list.tabIndex = 0;
    else list.removeAttribute('tabindex');
  }
}
