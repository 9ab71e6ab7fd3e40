/**
 * The schedule shared by the background loops (worker.ts, messaging/worker-loop.ts): a pass every `intervalMs`
 * after the previous one ends, so passes never overlap within an instance. The timer is unref'd: a loop alone
 * keeps no process alive.
 */
export interface PassLoop {
  /** True once `stop` was called: a long pass checks it to end early. */
  readonly stopped: boolean;
  /** Resolves when a scheduled pass in progress (if any) has ended. */
  idle(): Promise<void>;
  /** Stops scheduling and waits for a pass in progress. */
  stop(): Promise<void>;
}

export function startPassLoop(intervalMs: number, pass: () => Promise<unknown>): PassLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(() => {
        running = undefined;
        schedule();
      });
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    get stopped() {
      return stopped;
    },
    idle: async () => {
      await running;
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
