/**
 * Starts the script-tag SDK:
 *   <script async src=".../matbakh.js" data-write-key="pk_…" data-api="https://…"></script>
 * Safe to load twice (or two versions): the first one to run owns `window.matbakh`, later ones do nothing.
 */
import type { ClientOptions } from '../options.ts';
import type { Plugin } from '../plugin/types.ts';
import { installGlobal, type MatbakhGlobal } from './global.ts';

declare global {
  interface Window {
    matbakh?: Partial<MatbakhGlobal>;
  }
}

const debugRequested = () => /[?&]matbakh_debug=1(&|$)/.test(location.search);

/** Runs once per copy of the bundle; `plugins` are what this bundle adds to the core client. */
export function boot(plugins: Plugin[] = []) {
  try {
    start(plugins);
  } catch (error) {
    // Never into the host page.
    if (debugRequested()) console.warn('[matbakh] failed to start', error);
  }
}

function start(plugins: Plugin[]) {
  const existing = window.matbakh;
  const script = (document.currentScript ??
    document.querySelector('script[data-write-key]')) as HTMLScriptElement | null;
  const debug = !!script?.hasAttribute('data-debug') || debugRequested();
  if (existing?.version) {
    if (debug) console.info(`[matbakh] ${existing.version} is already loaded; this copy does nothing`);
    return;
  }
  // Keep the stub object itself: partners may hold references to it.
  const stub = existing ?? {};
  const queued = stub.q ?? [];
  delete stub.q;
  const { global, replay } = installGlobal(stub, debug, plugins);
  window.matbakh = global;

  const writeKey = script?.dataset.writeKey;
  if (writeKey) {
    const options: ClientOptions = { writeKey, debug };
    if (script.dataset.api) options.api = script.dataset.api;
    global.init(options);
  }
  replay(queued);
}
