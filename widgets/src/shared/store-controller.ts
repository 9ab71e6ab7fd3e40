import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Lets a Lit element render a nanostores store: `this.cart = new StoreController(this, $cart)`, then
 * read `this.cart.value` in `render()`.
 *
 * Our own instead of `@nanostores/lit`, which ships CommonJS only and does not load in the test runner.
 * The store is listened to only while the element is connected, so a store's `onMount` work (fetching,
 * timers) runs while something shows it, and a removed element leaves no listener behind.
 */
export class StoreController<T> implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly store: ReadableAtom<T>;
  private unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, store: ReadableAtom<T>) {
    this.host = host;
    this.store = store;
    host.addController(this);
  }

  /** The store's current value; always fresh, also before the host is connected. */
  get value(): T {
    return this.store.get();
  }

  hostConnected(): void {
    // `subscribe` (not `listen`) calls back at once: a host re-attached after the store changed
    // while it was detached renders the current value instead of the stale one.
    this.unsubscribe?.();
    this.unsubscribe = this.store.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
