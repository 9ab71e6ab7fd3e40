/**
 * Loads a widget file the first time a page needs it, so widgets a page does not use cost nothing.
 * "Needs" = one of its elements shows: it is in the document (now or later) embedded, or as a dialog that is
 * `open`; or `openEvent` fires on the document: then an element in `listen` mode opens, or, when the page has
 * none, one is added as an open dialog; or someone calls the returned `load()` (e.g. an API that lives in that
 * file). A closed dialog waiting in the page costs nothing. Several tags may share one file: it loads once.
 */
import { ownScriptUrl } from './trusted-types.ts';

export interface LazyElementOptions {
  /** The tags the file defines; the first one is the one `openEvent` opens. */
  tags: readonly string[];
  /** Absolute URL of the script that defines them. */
  src: string;
  /** The page's CSP nonce, carried over from our own script tag. */
  nonce?: string;
  openEvent?: string;
  /** The file is an ES module (its imports load beside it); default: a classic script. */
  module?: boolean;
}

export interface LazyFile {
  /** Fetches the file now (once); resolves when it has run, rejects when it cannot be loaded. */
  load(): Promise<void>;
}

export function lazyElement({ tags, src, nonce, openEvent, module }: LazyElementOptions): LazyFile {
  let loading: Promise<void> | undefined;
  const defined = () => tags.length > 0 && tags.every((tag) => customElements.get(tag));
  const load = (): Promise<void> => {
    if (loading) return loading;
    observer.disconnect();
    loading = new Promise<void>((resolve, reject) => {
      if (defined()) return resolve();
      const script = document.createElement('script');
      script.src = ownScriptUrl(src);
      script.async = true;
      if (module) script.type = 'module';
      if (nonce) script.nonce = nonce;
      script.onload = () => resolve();
      script.onerror = () => {
        // A later need may try again (a flaky network must not leave the widgets dead for the visit).
        loading = undefined;
        script.remove();
        reject(new Error(`could not load ${src}`));
      };
      document.head.append(script);
    });
    return loading;
  };
  const quietLoad = () => void load().catch(() => undefined);
  const selector = tags.map((tag) => `${tag}:not([mode=dialog]), ${tag}[open]`).join(', ');
  // A file without tags (an API) loads only when asked to.
  const shown = () => tags.length > 0 && document.querySelector(selector) !== null;
  const observer = new MutationObserver(() => {
    if (shown()) quietLoad();
  });
  if (shown()) quietLoad();
  else {
    observer.observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['open', 'mode'],
    });
  }

  const [first] = tags;
  if (openEvent && first) {
    document.addEventListener(openEvent, () => {
      const existing = document.querySelector(first);
      if (!existing) {
        // The page has no place for it: show it as a dialog, opened.
        const element = document.createElement(first);
        element.setAttribute('mode', 'dialog');
        element.setAttribute('listen', '');
        element.setAttribute('open', '');
        document.body.append(element);
      } else if (!customElements.get(first) && existing.hasAttribute('listen')) {
        // Not defined yet, so it cannot hear this event: open it the way it would have.
        existing.setAttribute('open', '');
      }
      quietLoad();
    });
  }
  return { load };
}
