/**
 * Focus helpers for the modal widgets (WAI-ARIA APG dialog pattern): keep Tab inside, remember where focus
 * was, give it back. Our own few lines rather than `<dialog>.showModal()`: a native modal's Escape cannot
 * always be vetoed (Chrome's close-watcher rules), and the consent dialog must not close on Escape before
 * the visitor decided.
 */

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** Tabbable elements inside `container`, in DOM order, skipping the ones that are not rendered. */
export function tabbables(container: ParentNode): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.getClientRects().length > 0 && !element.closest('[inert]'),
  );
}

/** The focused element, looking into open shadow roots. */
export function deepActiveElement(root: Document | ShadowRoot = document): HTMLElement | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * Keeps Tab and Shift+Tab cycling inside `container`: call from its `keydown` listener. Returns whether
 * the key was a Tab that it handled.
 */
export function trapTab(event: KeyboardEvent, container: HTMLElement): boolean {
  if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return false;
  const items = tabbables(container);
  const root = container.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement as HTMLElement | null;
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return true;
  }
  const inside = active !== null && items.includes(active);
  if (event.shiftKey && (!inside || active === first)) {
    event.preventDefault();
    last.focus();
    return true;
  }
  if (!event.shiftKey && (!inside || active === last)) {
    event.preventDefault();
    first.focus();
    return true;
  }
  return false;
}

/** Gives focus back to `element` if it is still in the page and focusable. */
export function restoreFocus(element: HTMLElement | null | undefined): void {
  if (element?.isConnected) element.focus();
}

/** Whether focus is on `element` or inside it, across shadow roots. */
export function isFocusWithin(element: Element | null): boolean {
  if (!element) return false;
  const active = deepActiveElement();
  if (!active) return false;
  let node: Node | null = active;
  while (node) {
    if (node === element) return true;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return false;
}
