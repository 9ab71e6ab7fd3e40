/**
 * Loads a widget file the first time a page needs it, so widgets a page does not use cost nothing.
 * "Needs" = one of its elements shows: it is in the document (now or later) embedded, or as a dialog that is
 * `open`; or `openEvent` fires on the document: then an element in `listen` mode opens, or, when the page has
 * none, one is added as an open dialog; or someone calls the returned `load()` (e.g. an API that lives in that
 * file). A closed dialog waiting in the page costs nothing, nor does an element in a closed `<details>` (a
 * settings panel under a summary): its file is only fetched ahead while the page is idle, and runs when the
 * details open, so the page's load does not pay for rendering what nobody sees. Several tags may share one file:
 * it loads once.
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
  let fetchedAhead = false;
  // A file without tags (an API) loads only when asked to.
  const shown = () => {
    if (tags.length === 0) return false;
    const present = [...document.querySelectorAll(selector)];
    if (present.some((element) => !inClosedDetails(element))) return true;
    if (present.length > 0 && !fetchedAhead) {
      fetchedAhead = true;
      fetchAhead(src, module === true, nonce);
    }
    return false;
  };
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

/** Under a closed `<details>` (and not in its summary): not rendered until it opens. */
function inClosedDetails(element: Element): boolean {
  for (
    let details = element.closest('details:not([open])');
    details;
    details = details.parentElement?.closest('details:not([open])') ?? null
  ) {
    if (!details.querySelector(':scope > summary')?.contains(element)) return true;
  }
  return false;
}

/** Fetches a file into the cache while the page is idle, without running it (it runs when needed). */
function fetchAhead(src: string, module: boolean, nonce: string | undefined): void {
  (globalThis.requestIdleCallback ?? setTimeout)(() => {
    const link = document.createElement('link');
    link.rel = module ? 'modulepreload' : 'preload';
    if (!module) link.as = 'script';
    if (nonce) link.nonce = nonce;
    link.href = src;
    document.head.append(link);
  });
}
