import type { ReactiveControllerHost } from 'lit';

/**
 * Listens to `type` on a page-wide `target` (the window, the document) only while `host` is connected: a removed
 * element keeps no listener, and one attached again listens again.
 */
export function listenWhileConnected(
  host: ReactiveControllerHost,
  target: EventTarget,
  type: string,
  listener: EventListener,
): void {
  host.addController({
    hostConnected: () => target.addEventListener(type, listener),
    hostDisconnected: () => target.removeEventListener(type, listener),
  });
}
