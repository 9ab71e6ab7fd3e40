/**
 * Runs the host's blocked scripts once their category is granted:
 *
 *   <script type="text/plain" data-mb-category="analytics" src="https://…/stats.js"></script>
 *   <script type="text/plain" data-mb-category="marketing" data-mb-type="module">…</script>
 *
 * Each is replaced by a live copy (all attributes but `type`/`data-mb-category`/`data-mb-type`, `type` taken from
 * `data-mb-type`, the `nonce` property, the inline text) in document order; a script with `src` must load
 * (or fail) before the next one runs, as the parser would do. Several categories (space separated) must all
 * be granted. Scripts added later (e.g. by the parser after the SDK started, or by the host) are watched.
 * A script runs at most once, whatever the consent does afterwards.
 */
import type { ConsentCategoryId } from '@matbakh/contract';

const SELECTOR = 'script[type="text/plain"][data-mb-category]';
const DROPPED = ['type', 'data-mb-category', 'data-mb-type'];
const EXECUTABLE = /^(module|(text|application)\/(x-)?(java|ecma)script)$/i;
/** Shared by every client on the page: a script is taken by one of them only. */
const taken = new WeakSet<Element>();

/** The parser may still be filling an inline script's text: it is done once anything follows the element. */
const closed = (node: Node | null): boolean => !!node && (!!node.nextSibling || closed(node.parentNode));

function activate(blocked: HTMLScriptElement): Promise<void> {
  return new Promise((done) => {
    if (!blocked.isConnected) return done();
    const script = document.createElement('script');
    for (const { name, value } of blocked.attributes) if (!DROPPED.includes(name)) script.setAttribute(name, value);
    const type = blocked.dataset.mbType;
    if (type) script.type = type;
    // The nonce attribute reads back empty once the browser hid it: the property keeps the value.
    script.nonce = blocked.nonce;
    const waits = blocked.hasAttribute('src') && (!type || EXECUTABLE.test(type));
    if (waits) {
      script.async = false;
      script.onload = script.onerror = () => done();
    } else script.text = blocked.text;
    blocked.replaceWith(script);
    if (!waits) done();
  });
}

export function startScriptBlocking(granted: (category: ConsentCategoryId) => boolean) {
  let chain = Promise.resolve();
  let stopped = false;
  const allowed = (el: HTMLScriptElement) =>
    (el.dataset.mbCategory ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .every((category) => granted(category as ConsentCategoryId));

  const scan = () => {
    if (stopped) return;
    const loading = document.readyState === 'loading';
    for (const el of document.querySelectorAll<HTMLScriptElement>(SELECTOR)) {
      if (taken.has(el) || !allowed(el) || (loading && !closed(el))) continue;
      taken.add(el);
      chain = chain.then(() => (stopped ? undefined : activate(el)));
    }
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element && (node.matches(SELECTOR) || node.querySelector(SELECTOR))) return scan();
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', scan);
  scan();
  return {
    scan,
    stop() {
      stopped = true;
      observer.disconnect();
      document.removeEventListener('DOMContentLoaded', scan);
    },
  };
}
