/**
 * Resolves in a task after the next frame is out (a task queued from rAF runs after that frame): work that an
 * input unlocks but that is not the answer to it waits for the frame that shows the answer (INP, issue 17). A page
 * that paints no frame (a hidden tab) goes on after at most `wait` ms.
 */
export function afterNextPaint(wait = 100): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, wait);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }),
    );
  });
}
