import type { Db } from './db.ts';
import type { RateDecision } from './rate-limit.ts';

interface View {
  /** The bucket's level as this instance sees it: the shared balance at the last sync, then its own takings. */
  level: number;
  /** When `level` was last brought up to date (ms). */
  at: number;
  /** Tokens this instance took since the last sync, not yet in the shared bucket, and when the first was taken. */
  used: number;
  since: number | undefined;
}

/**
 * One token bucket per key for all instances on a database (`MB_RATE_LIMIT_SCOPE=shared`), with the same rate and
 * burst as the in-memory `RateLimiter`. A request decides locally, from the bucket as last read plus this instance's
 * own takings since: no database round trip per request. Every `syncMs` (only while it has takings to report) an
 * instance adds them to the shared row (one short transaction per key), which refills the row by the time passed and
 * returns the balance all instances left. A request waits for a read only when this instance's view of the key is older than
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
          if (!this.#views.has(key)) {
            this.#views.set(key, { level: this.#burst, at: this.#now(), used: 0, since: undefined });
          }
        })
        .finally(() => this.#reading.delete(key));
      this.#reading.set(key, reading);
    }
    return reading.then(() => this.#decide(key));
  }

  #decide(key: string): RateDecision {
    const view = this.#views.get(key)!;
    const now = this.#now();
    view.level = Math.min(this.#burst, view.level + (Math.max(0, now - view.at) / 1000) * this.#rate);
    view.at = Math.max(view.at, now);
    if (view.level >= 1) {
      view.level -= 1;
      view.used += 1;
      view.since ??= now;
      this.#scheduleFlush();
      return { allowed: true };
    }
    // Retry-After is whole seconds; rounding up means a client that obeys it finds a token (unless others took it).
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - view.level) / this.#rate)) };
  }

  /**
   * Adds this instance's takings for `key` to the shared bucket and reads the balance back. The takings are debited
   * as of the first of them (`since`), before the refill that came after it: the bucket loses no refill to the delay
   * of the sync. Read, computed and written in one transaction (the row is locked by a no-op update first).
   */
  async #sync(key: string): Promise<void> {
    const view = this.#views.get(key);
    const now = this.#now();
    const used = view?.used ?? 0;
    const since = view?.since ?? now;
    if (view) {
      view.used = 0;
      view.since = undefined;
    }
    let tokens: number;
    try {
      tokens = await this.#db.transaction(async (tx) => {
        await tx.run(
          'INSERT INTO rate_buckets (key, tokens, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
          [key, this.#burst, since],
        );
        await tx.run('UPDATE rate_buckets SET tokens = tokens WHERE key = ?', [key]);
        const row = (await tx.get<{ tokens: number; updated_at: number }>(
          'SELECT tokens, updated_at FROM rate_buckets WHERE key = ?',
          [key],
        ))!;
        const next = this.#debit(row.tokens, row.updated_at, used, since, now);
        await tx.run('UPDATE rate_buckets SET tokens = ?, updated_at = ? WHERE key = ?', [
          next,
          Math.max(row.updated_at, now),
          key,
        ]);
        return next;
      });
    } catch (error) {
      // Not reported: the takings go into the next sync.
      const current = this.#views.get(key);
      if (current) {
        current.used += used;
        current.since = Math.min(current.since ?? since, since);
      }
      throw error;
    }
    const current = this.#views.get(key);
    // Takings made while the transaction ran are in `used` already and come off the fresh balance too.
    this.#views.set(key, {
      level: tokens - (current?.used ?? 0),
      at: now,
      used: current?.used ?? 0,
      since: current?.since,
    });
  }

  /** The balance after `used` tokens taken from `since` on, from a row last updated at `updatedAt`. */
  #debit(tokens: number, updatedAt: number, used: number, since: number, now: number): number {
    const perMs = this.#rate / 1000;
    const debitAt = Math.max(since, updatedAt);
    const before = Math.min(this.#burst, tokens + Math.max(0, debitAt - updatedAt) * perMs);
    return Math.min(this.#burst, before - used + Math.max(0, now - debitAt) * perMs);
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
