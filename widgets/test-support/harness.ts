/**
 * The helpers every widget test uses, in one place: reading an element's shadow DOM by selector or by part,
 * its visible text, moving focus by Tab, and waiting for a condition. Test support only (not published).
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement } from '../src/shared/focus.ts';

/**
 * The first match of `selector` in `el`'s shadow root. Typed as found (it is `null` at run time when absent, so
 * a test that expects it there fails where it uses it).
 */
export const $ = <T extends Element = HTMLElement>(el: Element, selector: string) =>
  (el.shadowRoot?.querySelector(selector) ?? null) as T;

/** Every match of `selector` in `el`'s shadow root. */
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [
  ...(el.shadowRoot?.querySelectorAll<T & Element>(selector) ?? []),
];

/** The first element in `el`'s shadow root whose `part` includes `name`. */
export const part = <T extends Element = HTMLElement>(el: Element, name: string) => $<T>(el, `[part~="${name}"]`);

/** Every element in `el`'s shadow root whose `part` includes `name`. */
export const parts = <T extends Element = HTMLElement>(el: Element, name: string) => $$<T>(el, `[part~="${name}"]`);

/** What a reader sees of `node`: its text with white space folded. */
export const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
export async function tabTo(target: Element, { shift = false, max = 120 }: { shift?: boolean; max?: number } = {}) {
  for (let i = 0; i < max && deepActiveElement() !== target; i++)
    await sendKeys({ press: shift ? 'Shift+Tab' : 'Tab' });
  expect(deepActiveElement(), 'focus reached the target').to.equal(target);
}

/** Resolves once `condition` holds (looked at every 10 ms); fails with `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 1500): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Resolves once `el`'s entrance animations have ended: contrast is judged on what a reader sees after a fade-in,
 * not on a frame halfway through it.
 */
export async function animationsDone(el: Element): Promise<void> {
  await Promise.all((el.shadowRoot?.getAnimations() ?? []).map((animation) => animation.finished));
}
