/** Counters a host (or support) can read with `client.stats()`: nothing is lost silently. */
export interface DeliveryStats {
  /** Messages delivered (2xx). */
  sent: number;
  /** Requests that will be retried (network error, 5xx, 408, 429). */
  retried: number;
  /** Messages dropped: refused by the server (4xx), oldest over the queue bound, oversized. */
  dropped: number;
  /** Messages discarded because consent was refused or withdrawn. */
  discarded: number;
  /** Persisted queue entries that were unreadable and removed. */
  corrupted: number;
  /** Writes the browser refused (quota), after which only the newest messages were stored. */
  storageFull: number;
}

export const createStats = (): DeliveryStats => ({
  sent: 0,
  retried: 0,
  dropped: 0,
  discarded: 0,
  corrupted: 0,
  storageFull: 0,
});
