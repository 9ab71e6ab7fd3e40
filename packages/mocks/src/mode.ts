/**
 * The answer switch the recommendation and search mocks share: `setMode('ok' | 'empty' | 'error' | 'slow')` (error:
 * 503 with Retry-After; slow: answers after `slowMs`, default 1.5 s) until `reset`.
 */
import type { HttpHandler } from 'msw';
import { errorResponse } from './http.ts';

export type MockMode = 'ok' | 'empty' | 'error' | 'slow';

/** One route's handler, as the mocks write them before `wrap` adds CORS and the key check. */
export type Handle = (request: Request) => Response | Promise<Response>;

const DEFAULT_SLOW_MS = 1_500;

export interface ModeSwitch {
  readonly mode: MockMode;
  set(mode: MockMode, options?: { slowMs?: number }): void;
  reset(): void;
  /** What every route awaits first: the outage's 503 in `error` mode, a delay in `slow` mode, else nothing. */
  gate(): Promise<Response | undefined>;
}

/** `outage`: the 503's message, naming whose switch it was. */
export function modeSwitch(outage: string): ModeSwitch {
  let mode: MockMode = 'ok';
  let slowMs = DEFAULT_SLOW_MS;
  return {
    get mode() {
      return mode;
    },
    set(next, options = {}) {
      mode = next;
      if (options.slowMs !== undefined) slowMs = options.slowMs;
    },
    reset() {
      mode = 'ok';
      slowMs = DEFAULT_SLOW_MS;
    },
    async gate() {
      if (mode === 'error') return errorResponse(503, outage, { retryAfter: 1 });
      if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, slowMs));
      return undefined;
    },
  };
}

/** What `wrap` (index.ts) makes of a Handle: msw's resolver. */
export type Wrap = (handle: Handle) => (info: { request: Request }) => Promise<Response>;

/** A mock's routes with the answer switch (recommendations, search). */
export interface SwitchableMock {
  handlers(root: string, wrap: Wrap): HttpHandler[];
  /** How the next answers behave (until `reset`). */
  setMode(mode: MockMode, options?: { slowMs?: number }): void;
  reset(): void;
}
