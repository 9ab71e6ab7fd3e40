import { LitElement } from 'lit';
import { emitEvent, type MbEventDetail, type MbEventName } from '../events/events.ts';

/**
 * What an update waits for before it renders, if anything: lazy-texts.ts sets it, so an element first renders
 * (and re-renders after a language switch) with its locale's texts there.
 */
export const textGate: { wait?: (element: HTMLElement) => Promise<void> | undefined } = {};

/**
 * The base of every `mb-*` element: a LitElement with the one typed `emit` (like Shoelace's `ShoelaceElement`).
 * Nothing else (but the text gate) lives here on purpose: behaviour is composed from controllers, not inherited.
 */
export class MbElement extends LitElement {
  protected override scheduleUpdate(): Promise<unknown> | undefined {
    const waiting = textGate.wait?.(this);
    if (waiting) return waiting.then(() => super.scheduleUpdate());
    // Lit's own returns nothing, or a promise when an element waits for something itself.
    return super.scheduleUpdate() as Promise<unknown> | undefined;
  }

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
