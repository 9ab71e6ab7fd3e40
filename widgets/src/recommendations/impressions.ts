import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ImpressionOptions {
  /** Milliseconds an item must be ≥ 50 % visible to count as seen. */
  delay(): number;
  /** Milliseconds after the first seen item until the seen ones are sent. */
  window(): number;
  /** The items shown now (an item removed before it counted is not seen). */
  items(): readonly { id: string }[];
  /** Sends the seen items of the current response (once per response). */
  send(seen: ReadonlySet<string>): void;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * Attribution of what the visitor saw: an element `[data-item=id]` counts as seen when ≥ 50 % of it is visible for
 * `delay()` ms (IntersectionObserver); the seen ids go out once per response — when all were seen, `window()` ms after
 * the first, when the tab is hidden, when a new response replaces the list, or when the list goes away.
 */
export class Impressions implements ReactiveController {
  private readonly host: Host;
  private readonly options: ImpressionOptions;
  private observer: IntersectionObserver | undefined;
  private readonly visibleTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private seen = new Set<string>();
  private sent = false;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: Host, options: ImpressionOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** A new response is shown: what was seen of the old one goes out, counting starts again. */
  restart(): void {
    this.flush();
    this.seen = new Set();
    this.sent = false;
    this.clearTimers();
  }

  /** Sends what was seen so far, once per response. */
  flush(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.sent || !this.seen.size) return;
    this.sent = true;
    this.observer?.disconnect();
    try {
      this.options.send(this.seen);
    } catch {
      // A look-alike client's failure stays out of the page.
    }
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostUpdated(): void {
    // An answer that arrives after the list was removed still renders it: observing that detached tree would keep
    // it (and the element) alive with nothing left to disconnect the observer.
    if (!this.host.isConnected) return;
    if (!this.options.items().length || this.sent || typeof IntersectionObserver === 'undefined') return;
    this.observer ??= new IntersectionObserver(this.onIntersect, { threshold: [0, 0.5, 1] });
    for (const element of this.host.renderRoot.querySelectorAll<HTMLElement>('[data-item]')) {
      this.observer.observe(element);
    }
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.flush();
    this.observer?.disconnect();
    this.observer = undefined;
    this.clearTimers();
  }

  private clearTimers(): void {
    for (const timer of this.visibleTimers.values()) clearTimeout(timer);
    this.visibleTimers.clear();
  }

  private readonly onIntersect = (entries: IntersectionObserverEntry[]) => {
    for (const entry of entries) {
      const id = (entry.target as HTMLElement).dataset.item;
      if (!id || this.seen.has(id)) continue;
      const visible = entry.isIntersecting && entry.intersectionRatio >= 0.5;
      const timer = this.visibleTimers.get(id);
      if (visible && timer === undefined) {
        this.visibleTimers.set(
          id,
          setTimeout(() => this.markSeen(id), this.options.delay()),
        );
      } else if (!visible && timer !== undefined) {
        clearTimeout(timer);
        this.visibleTimers.delete(id);
      }
    }
  };

  private markSeen(id: string): void {
    this.visibleTimers.delete(id);
    const items = this.options.items();
    if (this.sent || !items.some((item) => item.id === id)) return;
    this.seen.add(id);
    if (items.every((item) => this.seen.has(item.id))) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), this.options.window());
  }

  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden') this.flush();
  };
}
