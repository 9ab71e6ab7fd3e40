import type { Plugin } from './plugin/types.ts';
import type { Middleware } from './tracking/middleware.ts';

export interface ClientOptions {
  /** Publishable key (`pk_…`) of the tenant: identifies it, bound to its allowed origins. */
  writeKey: string;
  /** Base URL of the matbakh API. */
  api?: string;
  /** Logs internal errors and decisions to the console. Also `data-debug` or `?matbakh_debug=1`. */
  debug?: boolean;
  /** Send a batch when this many messages wait (default 20). */
  flushAt?: number;
  /** …or this long after the first one started waiting (ms, default 5000). */
  flushInterval?: number;
  /** …or when they add up to this many bytes (default 32 KiB). */
  maxBatchBytes?: number;
  /** Bounds of the persistent queue; the oldest messages are dropped first (defaults 1,000 and 1 MiB). */
  maxQueueItems?: number;
  maxQueueBytes?: number;
  /** Runs in order on every message before it is queued; return null to drop. */
  middleware?: Middleware[];
  /** Remove property values that look like e-mail addresses or phone numbers (default true). */
  scrubPersonalData?: boolean;
  /** `memory` keeps nothing beyond the page's life, even with consent (default `local`). */
  storage?: 'local' | 'memory';
  /** Features beyond the core (`definePlugin`): started in `requires` order at creation; more via `client.extend`. */
  plugins?: Plugin[];
  /** Retry backoff: full jitter over `baseMs · 2^attempt`, capped at `maxMs` (defaults 1 s, 60 s). */
  retry?: { baseMs?: number; maxMs?: number };
}

export const DEFAULT_API = 'https://api.matbakh.app';
