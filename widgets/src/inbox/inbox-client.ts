import type { InboxItem } from '@matbakh/contract';

/** What `<mb-inbox>` renders: the SDK inbox plugin's `$inbox` state (`sdk/src/inbox/types.ts`). */
export interface InboxView {
  status: 'idle' | 'consent' | 'loading' | 'ready' | 'error' | 'offline';
  items: InboxItem[];
  unread: number;
  live: 'off' | 'stream' | 'polling';
  hasMore: boolean;
}

/**
 * The part of a matbakh client `<mb-inbox>` uses: `inbox` from the SDK's `inboxPlugin()` (`@matbakh/sdk/inbox`).
 * Narrow on purpose: a partner's own implementation, or the fake in `widgets/test-support/fake-inbox-client.ts`.
 * Listening to `$inbox` is what loads the inbox and opens the stream; the element listens only while connected.
 */
export interface InboxClient {
  inbox: {
    $inbox: { get(): InboxView; listen(listener: () => void): () => void };
    refresh(): Promise<void>;
    more(): Promise<void>;
    markRead(ids: readonly number[]): Promise<void>;
    markAllRead(): Promise<void>;
  };
}

export function isInboxClient(value: unknown): value is InboxClient {
  const inbox = (value as { inbox?: { $inbox?: unknown; markRead?: unknown } } | null | undefined)?.inbox;
  return typeof inbox?.markRead === 'function' && typeof inbox.$inbox === 'object' && inbox.$inbox !== null;
}

export type { InboxItemOpenDetail } from '../events/mb-inbox-item-open.ts';
export type { InboxReadDetail } from '../events/mb-inbox-read.ts';
