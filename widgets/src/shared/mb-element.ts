import { LitElement } from 'lit';
import { emitEvent, type MbEventDetail, type MbEventName } from '../events/events.ts';

/**
 * The base of every `mb-*` element: a LitElement with the one typed `emit` (like Shoelace's `ShoelaceElement`).
 * Nothing else lives here on purpose: behaviour is composed from controllers, not inherited.
 */
export class MbElement extends LitElement {
  /**
   * Dispatches the `mb-*` event `name` with its declared detail, bubbling and composed. Returns `false` when a
   * listener vetoed a cancelable one (`preventDefault()`).
   */
  protected emit<K extends MbEventName>(
    name: K,
    detail: MbEventDetail<K>,
    options?: { cancelable?: boolean },
  ): boolean {
    return emitEvent(this, name, detail, options);
  }
}
