/**
 * Runs `task` once the next frame is out: work the first banner does not need (the config request, the
 * cross-tab channel, resending stored proofs) must not delay it (issue 3: usable within 50 ms of evaluation).
 * Where no frame comes soon (a hidden tab, a throttled iframe) it runs after at most `wait` ms anyway.
 */
export function afterPaint<T>(task: () => T | PromiseLike<T>, wait = 100): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      // A throwing task rejects the promise: it never escapes from our timer into the page.
      try {
        resolve(task());
      } catch (error) {
        reject(error);
      }
    };
    const timer = setTimeout(run, wait);
    // rAF runs right before the frame is produced; a task queued from it runs after that frame.
    if (typeof requestAnimationFrame === 'function')
      requestAnimationFrame(() =>
        setTimeout(() => {
          clearTimeout(timer);
          run();
        }),
      );
  });
}
