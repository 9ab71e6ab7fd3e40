/**
 * Loads a widget's script the first time a page needs it, so widgets a page does not use cost nothing.
 * "Needs" = the element shows: it is in the document (now or later) embedded, or as a dialog that is `open`;
 * or `openEvent` fires on the document: then an element in `listen` mode opens, or, when the page has none,
 * one is added as an open dialog. A closed dialog waiting in the page costs nothing.
 */
export interface LazyElementOptions {
  tag: string;
  /** Absolute URL of the script that defines `tag`. */
  src: string;
  /** The page's CSP nonce, carried over from our own script tag. */
  nonce?: string;
  openEvent?: string;
}

export function lazyElement({ tag, src, nonce, openEvent }: LazyElementOptions): void {
  let requested = false;
  const load = () => {
    if (requested || customElements.get(tag)) return;
    requested = true;
    observer.disconnect();
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    if (nonce) script.nonce = nonce;
    document.head.append(script);
  };
  const shown = () => document.querySelector(`${tag}:not([mode=dialog]), ${tag}[open]`) !== null;
  const observer = new MutationObserver(() => {
    if (shown()) load();
  });
  if (shown()) load();
  else {
    observer.observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['open', 'mode'],
    });
  }

  if (openEvent) {
    document.addEventListener(openEvent, () => {
      const existing = document.querySelector(tag);
      if (!existing) {
        // The page has no place for it: show it as a dialog, opened.
        const element = document.createElement(tag);
        element.setAttribute('mode', 'dialog');
        element.setAttribute('listen', '');
        element.setAttribute('open', '');
        document.body.append(element);
      } else if (!customElements.get(tag) && existing.hasAttribute('listen')) {
        // Not defined yet, so it cannot hear this event: open it the way it would have.
        existing.setAttribute('open', '');
      }
      load();
    });
  }
}
