/** What Chromium offers to give the main thread back and continue first (not in every browser yet). */
type Scheduler = { yield?: () => Promise<void> };

/**
 * Resolves in a new task: work after it is not part of the task that called (no long task, input and frames get a
 * turn in between). `scheduler.yield()` where there is one (it continues ahead of other queued tasks), else a
 * message, which is not clamped like a nested `setTimeout`.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
