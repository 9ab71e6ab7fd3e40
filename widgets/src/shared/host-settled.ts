/**
 * When a personalization element's code may load: after the host page has had its turn. Its `load` event has
 * fired, a frame has been painted since, and the main thread is idle (or `IDLE_TIMEOUT` ms have passed). Until then
 * the element keeps the room the page reserved for it; its code never competes with the page's own largest
 * contentful paint (issue 17: LCP ≤ 1.1 × the page without us).
 */
const IDLE_TIMEOUT = 1_500;

let settled: Promise<void> | undefined;

export function hostSettled(): Promise<void> {
  settled ??= loaded()
    .then(nextPaint)
    .then(idle)
    .catch(() => undefined);
  return settled;
}

const loaded = () =>
  new Promise<void>((resolve) => {
    if (document.readyState === 'complete') resolve();
    else addEventListener('load', () => resolve(), { once: true });
  });

/** After the next frame is out (a task queued from rAF runs after it); a hidden tab, which paints nothing, goes on. */
const nextPaint = () =>
  new Promise<void>((resolve) => {
    if (document.visibilityState === 'hidden' || typeof requestAnimationFrame !== 'function') return resolve();
    const fallback = setTimeout(resolve, 200);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }),
    );
  });

const idle = () =>
  new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT });
    else setTimeout(resolve, 0);
  });
