import type { Db } from './db.ts';
import type { RateDecision } from './rate-limit.ts';

interface View {
  /** The shared bucket's tokens as of the last sync (negative: instances together overspent, paid back by refill). */
  tokens: number;
  /** When `tokens` was read (ms). */
  at: number;
  /** Tokens this instance took since the last sync, not yet in the shared bucket. */
  used: number;
}

/**
 * One token bucket per key for all instances on a database (`MB_RATE_LIMIT_SCOPE=shared`), with the same rate and
 * burst as the in-memory `RateLimiter`. A request decides locally, from the bucket as last read plus this instance's
 * own takings since: no database round trip per request. Every `syncMs` (only while it has takings to report) an
 * instance adds them to the shared row in one upsert, which refills the row by the time passed and returns the
 * balance everyone spent. A request waits for a read only when this instance's view of the key is older than
 * `maxAgeMs` (its first request, or the first after a quiet spell): busy keys are decided locally, quiet ones are
 * cheap to read.
 *
 * Between two syncs each instance may spend what it last saw, so N instances can briefly let through up to N times
 * the balance; the shared row then goes negative and every instance refuses until refill has paid the overdraft back.
 * Over any longer period a key gets `rate` per second in total, however many instances serve it.
 */
export class SharedRateLimiter {
  readonly #db: Db;
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #syncMs: number;
  readonly #maxAgeMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #views = new Map<string, View>();
  readonly #reading = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;

  constructor(
    db: Db,
    options: {
      rate: number;
      burst?: number;
      now?: () => number;
      syncMs?: number;
      maxAgeMs?: number;
      onError?: (error: unknown) => void;
    },
  ) {
    this.#db = db;
    this.#rate = options.rate;
    this.#burst = options.burst ?? options.rate * 2;
    this.#now = options.now ?? Date.now;
    this.#syncMs = options.syncMs ?? 250;
    this.#maxAgeMs = options.maxAgeMs ?? 4 * this.#syncMs;
    this.#onError = options.onError ?? (() => {});
  }

  take(key: string): RateDecision | Promise<RateDecision> {
    if (this.#rate <= 0) return { allowed: true };
    const view = this.#views.get(key);
    if (view && this.#now() - view.at <= this.#maxAgeMs) return this.#decide(key);
    let reading = this.#reading.get(key);
    if (!reading) {
      reading = this.#sync(key)
        .catch((error: unknown) => {
          this.#onError(error);
          // Unreachable database: decide from what this instance knows (a new key: a full bucket, as in memory).
          if (!this.#views.has(key)) this.#views.set(key, { tokens: this.#burst, at: this.#now(), used: 0 });
        })
        .finally(() => this.#reading.delete(key));
      this.#reading.set(key, reading);
    }
    return reading.then(() => this.#decide(key));
  }

  #decide(key: string): RateDecision {
    const view = this.#views.get(key)!;
    const refill = (Math.max(0, this.#now() - view.at) / 1000) * this.#rate;
    const available = Math.min(this.#burst, view.tokens + refill) - view.used;
    if (available >= 1) {
      view.used += 1;
      this.#scheduleFlush();
      return { allowed: true };
    }
    // Retry-After is whole seconds; rounding up means a client that obeys it finds a token (unless others took it).
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - available) / this.#rate)) };
  }

  /** Adds this instance's takings for `key` to the shared bucket and reads the balance back. */
  async #sync(key: string): Promise<void> {
    const view = this.#views.get(key);
    const used = view?.used ?? 0;
    if (view) view.used = 0;
    const now = this.#now();
    try {
      const row = await this.#db.get<{ tokens: number }>(
        `INSERT INTO rate_buckets (key, tokens, updated_at) VALUES (?, CAST(? AS DOUBLE PRECISION), ?)
         ON CONFLICT (key) DO UPDATE SET
           tokens = CASE
             WHEN excluded.updated_at <= rate_buckets.updated_at THEN rate_buckets.tokens
             WHEN rate_buckets.tokens + (excluded.updated_at - rate_buckets.updated_at) * CAST(? AS DOUBLE PRECISION) > CAST(? AS DOUBLE PRECISION)
               THEN CAST(? AS DOUBLE PRECISION)
             ELSE rate_buckets.tokens + (excluded.updated_at - rate_buckets.updated_at) * CAST(? AS DOUBLE PRECISION)
           END - CAST(? AS DOUBLE PRECISION),
           updated_at = CASE WHEN excluded.updated_at > rate_buckets.updated_at THEN excluded.updated_at
             ELSE rate_buckets.updated_at END
         RETURNING tokens`,
        [key, this.#burst - used, now, this.#rate / 1000, this.#burst, this.#burst, this.#rate / 1000, used],
      );
      const current = this.#views.get(key);
      // Takings made while the query ran stay in `used`, for the next sync.
      this.#views.set(key, { tokens: row?.tokens ?? this.#burst - used, at: now, used: current?.used ?? 0 });
    } catch (error) {
      // Not reported: the takings go into the next sync.
      const current = this.#views.get(key);
      if (current) current.used += used;
      throw error;
    }
  }

  #scheduleFlush(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#flushing = this.flush().finally(() => {
        this.#flushing = undefined;
      });
    }, this.#syncMs);
    this.#timer.unref();
  }

  /** Reports every key's takings now (also the last act before the database closes). */
  async flush(): Promise<void> {
    const keys = [...this.#views].filter(([, view]) => view.used > 0).map(([key]) => key);
    for (const key of keys) {
      try {
        await this.#sync(key);
      } catch (error) {
        this.#onError(error);
        this.#scheduleFlush();
      }
    }
  }

  /** Stops the timer after a last flush. */
  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#flushing;
    await this.flush();
    clearTimeout(this.#timer);
  }

  get size(): number {
    return this.#views.size;
  }
}
