/**
 * Fake timers for the page (issue 18: time in tests is fake). `setTimeout`/`clearTimeout` run on a clock the test
 * moves: `advance(ms)` runs every timer due by then in time order. The network stays real (the mock API answers
 * over the service worker) but takes no fake time: before each timer runs, requests in flight are answered, as the
 * local mock always answers long before any timer the SDK sets. `until` (helpers.ts) keeps real time. The core
 * client has no scheduler option to inject (each byte counts against its 6 KB), so the globals are replaced, only
 * during a test.
 */
import { realTimeout } from './helpers.ts';

interface Timer {
  at: number;
  order: number;
  run: () => void;
}

export interface FakeTime {
  /** Milliseconds moved so far. */
  readonly elapsed: number;
  /** Moves the clock `ms` forward, running what falls due on the way (and what those schedule, if due too). */
  advance(ms: number): Promise<void>;
  /** Moves the clock from timer to timer until `condition` holds (answers of requests in flight come first). */
  advanceUntil(condition: () => boolean, what: string, limitMs?: number): Promise<void>;
  /** Real timers again; pending fake ones are dropped. */
  restore(): void;
}

export function fakeTime(): FakeTime {
  const original = {
    setTimeout: window.setTimeout,
    clearTimeout: window.clearTimeout.bind(window),
    fetch: window.fetch,
  };
  let requests = 0;
  window.fetch = (...args: Parameters<typeof fetch>) => {
    requests++;
    return original.fetch.apply(window, args).finally(() => requests--);
  };
  const timers = new Map<number, Timer>();
  let now = 0;
  let ids = 1_000_000;
  window.setTimeout = ((handler: TimerHandler, ms = 0, ...args: unknown[]) => {
    const id = ++ids;
    const run = typeof handler === 'function' ? () => handler(...args) : () => {};
    timers.set(id, { at: now + Math.max(0, Number(ms) || 0), order: id, run });
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined && !timers.delete(id)) original.clearTimeout(id);
  }) as typeof window.clearTimeout;

  /** Promise callbacks get their turn, and requests in flight their answer (in real time, 10 s at most). */
  const settle = async () => {
    const limit = performance.now() + 10_000;
    do await new Promise<void>((resolve) => realTimeout(resolve, 0));
    while (requests > 0 && performance.now() < limit);
  };
  const nextDue = (end: number) => {
    let next: [number, Timer] | undefined;
    for (const entry of timers) {
      const [, timer] = entry;
      if (timer.at > end) continue;
      if (!next || timer.at < next[1].at || (timer.at === next[1].at && timer.order < next[1].order)) next = entry;
    }
    return next;
  };

  const time: FakeTime = {
    get elapsed() {
      return now;
    },
    async advance(ms) {
      const end = now + ms;
      await settle();
      for (let due = nextDue(end); due; due = nextDue(end)) {
        const [id, timer] = due;
        timers.delete(id);
        now = timer.at;
        timer.run();
        await settle();
      }
      now = end;
    },
    async advanceUntil(condition, what, limitMs = 60_000) {
      const end = now + limitMs;
      await settle();
      while (!condition()) {
        // Straight to the next timer: nothing else can change before it.
        const due = nextDue(end);
        if (!due) throw new Error(`not within ${limitMs} ms of fake time: ${what}`);
        await time.advance(due[1].at - now);
      }
    },
    restore() {
      window.setTimeout = original.setTimeout;
      window.clearTimeout = original.clearTimeout;
      window.fetch = original.fetch;
      timers.clear();
    },
  };
  return time;
}
