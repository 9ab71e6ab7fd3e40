import type { InboxItem } from '@matbakh/contract';
import type { ReadableAtom } from 'nanostores';

/**
 * `consent`: the in-app channel is not granted (nothing is fetched or opened); `offline`: the last request found
 * no network (it loads again when the browser is back online).
 */
export type InboxStatus = 'idle' | 'consent' | 'loading' | 'ready' | 'error' | 'offline';

export interface InboxState {
  status: InboxStatus;
  /** Newest first. */
  items: InboxItem[];
  unread: number;
  /** How new items arrive now: the stream, polling (the stream failed), or not at all. */
  live: 'off' | 'stream' | 'polling';
  /** More, older items exist (`more()` loads them). */
  hasMore: boolean;
}

export interface InboxControls {
  /** The subject's inbox; loaded and kept live (stream or polling) only while something listens. */
  readonly $inbox: ReadableAtom<InboxState>;
  /** Loads the newest page again. */
  refresh(): Promise<void>;
  /** Loads the next older page. */
  more(): Promise<void>;
  /** Marks items read (at once here; the server's count follows). Never rejects. */
  markRead(ids: readonly number[]): Promise<void>;
  markAllRead(): Promise<void>;
}

/** What the plugin needs of the browser's EventSource (injectable for tests and for browsers without one). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onerror: ((event: Event) => void) | null;
  onopen: ((event: Event) => void) | null;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

export interface InboxOptions {
  /** Page size of the list (default 20). */
  limit?: number;
  /** Polling interval when the stream is not available (ms, default 15,000). */
  pollMs?: number;
  /** How the stream is opened; default the browser's `EventSource` (none: polling). */
  eventSource?: EventSourceFactory | null;
}
