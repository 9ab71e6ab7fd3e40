import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Whether an element of the host's shadow root (`selector`) is wider inside than its box, i.e. scrolls sideways,
 * kept up to date as either size changes (a narrow phone, longer texts in another language); the host renders
 * again when that flips, e.g. to say that more scrolls in.
 */
export class OverflowController implements ReactiveController {
  /** The element's content is wider than its box. */
  overflowing = false;
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly selector: string;
  private observer: ResizeObserver | undefined;
  private target: Element | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, selector: string) {
    this.host = host;
    this.selector = selector;
    host.addController(this);
  }

  hostUpdated(): void {
    const target = this.host.shadowRoot?.querySelector(this.selector) ?? null;
    if (target === this.target) return;
    this.hostDisconnected();
    this.target = target;
    if (!target) return;
    this.observer = new ResizeObserver(this.measure);
    // The box (the page's width) and what is inside it (longer texts) both decide.
    for (const element of [target, target.firstElementChild]) if (element) this.observer.observe(element);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.target = null;
  }

  private readonly measure = () => {
    const target = this.target;
    const overflowing = !!target && target.scrollWidth > target.clientWidth + 1;
    if (overflowing === this.overflowing) return;
    this.overflowing = overflowing;
    this.host.requestUpdate();
  };
}
