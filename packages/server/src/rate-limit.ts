export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token bucket per key, in memory: one process's count (`MB_RATE_LIMIT_SCOPE=instance`, SQLite's default); instances
 * sharing a database share a bucket through it with `SharedRateLimiter` (rate-limit-shared.ts).
 * A bucket refills `rate` tokens per second up to `burst`, so a page flushing its queue on unload is not punished
 * for a short spike while a steady flood is still cut to `rate`.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #maxKeys: number;

  constructor(options: { rate: number; burst?: number; now?: () => number; maxKeys?: number }) {
    this.#rate = options.rate;
    this.#burst = options.burst ?? options.rate * 2;
    this.#now = options.now ?? Date.now;
    this.#maxKeys = options.maxKeys ?? 10_000;
  }

  take(key: string): RateDecision {
    if (this.#rate <= 0) return { allowed: true };
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, updatedAt: now };
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(this.#burst, bucket.tokens + elapsed * this.#rate);
    bucket.updatedAt = now;
    if (!this.#buckets.has(key)) this.#remember(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    // Retry-After is whole seconds; rounding up means a client that obeys it always finds a token.
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.#rate)) };
  }

  get size(): number {
    return this.#buckets.size;
  }

  #remember(key: string, bucket: Bucket): void {
    if (this.#buckets.size >= this.#maxKeys) this.#evictFull();
    this.#buckets.set(key, bucket);
  }

  // A bucket that has refilled completely carries no state worth keeping: forgetting it changes no decision.
  #evictFull(): void {
    const now = this.#now();
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.#rate >= this.#burst) this.#buckets.delete(key);
    }
  }
}
