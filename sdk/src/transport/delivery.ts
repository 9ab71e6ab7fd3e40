import type { Message } from '@matbakh/contract';
import type { ConsentGate } from '../consent/index.ts';
import type { Diagnostics } from '../util/diagnostics.ts';
import { backoffDelay, isRetryable, retryAfterMs } from './backoff.ts';
import type { Queue, QueuedMessage } from './queue.ts';
import type { DeliveryStats } from './stats.ts';

export interface DeliveryOptions {
  url: string;
  writeKey: string;
  queue: Queue;
  stats: DeliveryStats;
  diagnostics: Diagnostics;
  flushAt: number;
  flushIntervalMs: number;
  maxBatchBytes: number;
  maxBeaconBytes: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Its `hold` (the privacy layer's proof of consent) settles before each batch goes. */
  consent: Pick<ConsentGate, 'hold'>;
}

/**
 * Moves queued messages to the collector: one request in flight at a time, batches of at most
 * `flushAt` messages or `maxBatchBytes`, sent when either is reached or `flushIntervalMs` after the
 * first waiting message. Messages leave the queue only after a 2xx, so a retry or a replay after a
 * reload may send one twice: the server deduplicates by messageId.
 */
// Long because: core (6 KB budget): one closure of small named functions sharing the timers and in-flight state;
// split, the shared state would travel as object properties the minifier cannot shorten.
export function createDelivery(o: DeliveryOptions) {
  /** Messages handed to a request (or a beacon) that has not answered. */
  const sending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let attempt = 0;
  let stopped = false;
  /** A flush is already due in this task's wake: no need to look at the queue again. */
  let immediate = false;

  const waiting = () => o.queue.items.filter((item) => !sending.has(item.message.messageId));

  const take = (limitBytes: number, limitCount: number) => {
    const batch: QueuedMessage[] = [];
    let size = 0;
    for (const item of waiting()) {
      if (batch.length >= limitCount || (batch.length && size + item.size > limitBytes)) break;
      batch.push(item);
      size += item.size;
    }
    return batch;
  };

  const body = (batch: QueuedMessage[]) => {
    const sentAt = new Date().toISOString();
    // The visitor's time zone is read here, never while a message is made: Intl's first time-zone lookup loads
    // ICU's zone data (hundreds of ms on a slow phone), and messages are made during the host page's start-up.
    const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const messages: Message[] = batch.map(({ message }) => {
      if (message.context && !message.context.timezone) message.context.timezone = timezone;
      return message;
    });
    return JSON.stringify({ batch: messages, sentAt, writeKey: o.writeKey });
  };

  const retryLater = (delay: number) => {
    o.stats.retried++;
    attempt++;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void flush();
    }, delay);
  };

  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    immediate = false;
    if (stopped || inFlight || retryTimer || !navigator.onLine) return;
    const batch = take(o.maxBatchBytes, o.flushAt);
    if (!batch.length) return;
    const ids = new Set(batch.map((item) => item.message.messageId));
    for (const id of ids) sending.add(id);
    inFlight = true;
    let response: Response | undefined;
    try {
      // A plugin may need to go first: the privacy layer's consent proof (the server stores nothing before it).
      await o.consent.hold?.();
      // text/plain keeps the request CORS-simple: no preflight per batch. keepalive lets it finish after unload.
      response = await fetch(o.url, {
        method: 'POST',
        body: body(batch),
        headers: { 'Content-Type': 'text/plain' },
        keepalive: true,
        credentials: 'omit',
      });
    } catch {
      // offline or unreachable: retried below, counted in stats.retried
    }
    inFlight = false;
    for (const id of ids) sending.delete(id);

    if (response?.ok) {
      // Chromium counts an unread keepalive response against its 64 KiB budget: release it.
      response.body?.cancel().catch(() => {});
      attempt = 0;
      o.stats.sent += ids.size;
      o.queue.remove(ids);
      schedule();
    } else if (!response || isRetryable(response.status)) {
      const hinted = response && retryAfterMs(response.headers.get('Retry-After'));
      retryLater(hinted ?? backoffDelay(attempt, o.retryBaseMs, o.retryMaxMs));
    } else {
      o.stats.dropped += ids.size;
      o.queue.remove(ids);
      o.diagnostics.report('batch refused', `${response.status} ${await response.text().catch(() => '')}`);
      schedule();
    }
  }

  function schedule() {
    if (stopped || inFlight || retryTimer || immediate) return;
    // All that matters is whether a full batch waits: stop counting as soon as one does, so that
    // track() stays cheap however long the queue is.
    let count = 0;
    let size = 0;
    for (const item of o.queue.items) {
      if (sending.has(item.message.messageId)) continue;
      count++;
      size += item.size;
      if (count >= o.flushAt || size >= o.maxBatchBytes) {
        clearTimeout(timer);
        immediate = true;
        timer = setTimeout(flush, 0);
        return;
      }
    }
    if (count) timer ??= setTimeout(flush, o.flushIntervalMs);
  }

  /**
   * The page is going away: hand everything waiting to `sendBeacon`, in chunks under its 64 KiB limit.
   * Beaconed messages stay in storage until a later page load gets a 2xx for them (the server
   * deduplicates), because a beacon reports only that it was queued, not that it arrived.
   */
  function beacon() {
    clearTimeout(timer);
    timer = undefined;
    immediate = false;
    o.queue.persistNow();
    if (typeof navigator.sendBeacon !== 'function') return;
    for (;;) {
      let batch = take(o.maxBeaconBytes / 2, Infinity);
      if (!batch.length) return;
      let payload = body(batch);
      while (new Blob([payload]).size > o.maxBeaconBytes && batch.length > 1) {
        batch = batch.slice(0, Math.ceil(batch.length / 2));
        payload = body(batch);
      }
      if (!navigator.sendBeacon(o.url, new Blob([payload], { type: 'text/plain' }))) return;
      for (const item of batch) sending.add(item.message.messageId);
    }
  }

  /** Back online: retry now instead of waiting out the backoff. */
  function online() {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    attempt = 0;
    void flush();
  }

  function stop() {
    stopped = true;
    clearTimeout(timer);
    clearTimeout(retryTimer);
  }

  return { schedule, flush, beacon, online, stop };
}

export type Delivery = ReturnType<typeof createDelivery>;
