/**
 * The in-app inbox (issue 19) as a plugin of the core client, for `<mb-inbox>`:
 *
 * ```ts
 * import { inboxPlugin } from '@matbakh/sdk/inbox';
 * const client = createClient({ writeKey, plugins: [privacyPlugin(), inboxPlugin()] });
 * client.inbox.$inbox.subscribe(({ items, unread }) => render(items, unread));
 * ```
 *
 * Lazy like a nanostores store: nothing is fetched and no connection opened until something listens to
 * `$inbox`, and everything stops when the last listener goes. Only with the in-app channel granted in the
 * visitor's consent (`channels.in_app`); a withdrawal closes the stream and empties the list.
 *
 * Live updates: an `EventSource` on `GET /v1/stream` (the browser reconnects by itself with `Last-Event-ID`); a
 * stream opened anew resumes after the newest item this page knows (`lastEventId`). Where EventSource is missing or
 * the stream fails for good (a proxy that refuses it), the plugin polls `GET /v1/inbox?after=<newest id>` instead.
 * Errors are reported to the diagnostics, never thrown into the page.
 */
import type { InboxItem, InboxReadResponse, InboxResponse, StreamEvent } from '@matbakh/contract';
import { atom, onMount } from 'nanostores';
import { definePlugin } from '../plugin/define.ts';
import { ApiError } from '../plugin/http.ts';
import type { PluginContext } from '../plugin/types.ts';
import type { EventSourceFactory, EventSourceLike, InboxControls, InboxOptions, InboxState } from './types.ts';

export type * from './types.ts';

declare module '../plugin/types.ts' {
  interface PluginApis {
    inbox: InboxControls;
  }
}

const EMPTY: InboxState = { status: 'idle', items: [], unread: 0, live: 'off', hasMore: false };
/** EventSource.CLOSED: the browser gave up (an HTTP error or a wrong content type), it will not reconnect. */
const CLOSED = 2;

const browserEventSource = (): EventSourceFactory | null =>
  typeof globalThis.EventSource === 'function' ? (url) => new EventSource(url) : null;

/** The in-app channel of the visitor's latest decision (stored by the privacy plugin with the choices). */
const inAppGranted = (ctx: PluginContext): boolean => {
  const channels = ctx.consent.get().meta?.channels as Record<string, unknown> | undefined;
  return channels?.in_app === true;
};

/** Newest first, each id once. */
const merge = (fresh: readonly InboxItem[], known: readonly InboxItem[]): InboxItem[] => {
  const byId = new Map<number, InboxItem>();
  for (const item of [...fresh, ...known]) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => b.id - a.id);
};

// Long because: one plugin's setup: a closure over the inbox state, the live stream and the polling fallback its API
// methods share.
export const inboxPlugin = (options: InboxOptions = {}) =>
  definePlugin({
    name: 'inbox',
    after: ['privacy'],
    setup(ctx) {
      const limit = options.limit ?? 20;
      const pollMs = options.pollMs ?? 15_000;
      const openSource = options.eventSource === undefined ? browserEventSource() : options.eventSource;
      const $inbox = atom<InboxState>(EMPTY);
      const patch = (change: Partial<InboxState>) => $inbox.set({ ...$inbox.get(), ...change });
      let mounted = false;
      let source: EventSourceLike | undefined;
      let poll: ReturnType<typeof setTimeout> | undefined;
      /** Bumped on every stop: answers of an earlier session are dropped. */
      let session = 0;

      const newestId = () => $inbox.get().items[0]?.id ?? 0;
      const subject = () => {
        const { anonymousId, userId, userHash } = ctx.subject();
        return { anonymousId, ...(userId && userHash ? { userId, userHash } : {}) };
      };
      const failed = (where: string, error: unknown) => {
        const offline = error instanceof ApiError && (error.code === 'offline' || error.code === 'timeout');
        if (!offline) ctx.diagnostics.report(where, error);
        patch({ status: offline ? 'offline' : 'error' });
      };

      const load = async (query: { before?: number; after?: number }): Promise<InboxResponse | undefined> => {
        const mine = session;
        const answer = await ctx.http.request<InboxResponse>('GET', '/v1/inbox', {
          query: { ...subject(), limit, ...query },
          skipWhenOffline: true,
          timeoutMs: 10_000,
        });
        return mine === session ? answer : undefined;
      };

      const refresh = async () => {
        if (!mounted || !inAppGranted(ctx)) return;
        if ($inbox.get().items.length === 0) patch({ status: 'loading' });
        try {
          const answer = await load({});
          if (!answer) return;
          patch({
            status: 'ready',
            items: merge(answer.items, $inbox.get().items),
            unread: answer.unread,
            hasMore: answer.items.length === limit,
          });
          if (!source && poll === undefined) connect();
        } catch (error) {
          failed('inbox.load', error);
        }
      };

      const onEvent = (event: MessageEvent<string>) => {
        try {
          const data = JSON.parse(event.data) as StreamEvent;
          if (data.type === 'inbox') patch({ items: merge([data.item], $inbox.get().items), unread: data.unread });
          else if (data.type === 'read') patch({ unread: data.unread });
          if ($inbox.get().status !== 'ready') patch({ status: 'ready' });
        } catch (error) {
          ctx.diagnostics.report('inbox.stream', error);
        }
      };

      const startPolling = () => {
        source?.close();
        source = undefined;
        patch({ live: 'polling' });
        const tick = async () => {
          try {
            const answer = await load({ after: newestId() });
            if (answer) {
              patch({ status: 'ready', items: merge(answer.items, $inbox.get().items), unread: answer.unread });
            }
          } catch (error) {
            failed('inbox.poll', error);
          }
          if (mounted && $inbox.get().live === 'polling') poll = setTimeout(tick, pollMs);
        };
        poll = setTimeout(tick, pollMs);
      };

      const connect = () => {
        if (!openSource) return startPolling();
        try {
          // Always from the newest listed id (0 when the list was empty): an item that arrived between the list's
          // answer and the stream's start is replayed, not lost.
          const url = ctx.http.url('/v1/stream', { ...subject(), lastEventId: newestId() });
          const opened = openSource(url);
          source = opened;
          opened.addEventListener('inbox', onEvent);
          opened.addEventListener('read', onEvent);
          opened.onopen = () => patch({ live: 'stream' });
          // A dropped connection is retried by the browser (with Last-Event-ID); only a closed one falls back.
          opened.onerror = () => {
            if (opened.readyState === CLOSED && source === opened) startPolling();
          };
        } catch (error) {
          ctx.diagnostics.report('inbox.stream', error);
          startPolling();
        }
      };

      const stop = () => {
        session++;
        source?.close();
        source = undefined;
        if (poll !== undefined) clearTimeout(poll);
        poll = undefined;
        patch({ live: 'off' });
      };

      const start = () => {
        if (!inAppGranted(ctx)) {
          $inbox.set({ ...EMPTY, status: 'consent' });
          return;
        }
        void refresh();
      };

      const onOnline = () => {
        if (!mounted) return;
        const { status, live } = $inbox.get();
        if (status === 'offline' || status === 'error' || live === 'polling') {
          stop();
          start();
        }
      };

      onMount($inbox, () => {
        mounted = true;
        start();
        globalThis.addEventListener?.('online', onOnline);
        return () => {
          mounted = false;
          globalThis.removeEventListener?.('online', onOnline);
          stop();
        };
      });

      const markRead = async (which: { ids: number[] } | { all: true }) => {
        const before = $inbox.get();
        const now = new Date().toISOString();
        const hit = (item: InboxItem) => item.readAt === null && ('all' in which || which.ids.includes(item.id));
        const changed = before.items.filter(hit).length;
        if (changed === 0 && !('all' in which)) return;
        patch({
          items: before.items.map((item) => (hit(item) ? { ...item, readAt: now } : item)),
          unread: 'all' in which ? 0 : Math.max(0, before.unread - changed),
        });
        try {
          const answer = await ctx.http.request<InboxReadResponse>('POST', '/v1/inbox/read', {
            body: { ...subject(), ...which },
          });
          patch({ unread: answer.unread });
        } catch (error) {
          ctx.diagnostics.report('inbox.read', error);
        }
      };

      const api: InboxControls = {
        $inbox,
        refresh: () => refresh().catch(() => undefined),
        async more() {
          const oldest = $inbox.get().items.at(-1)?.id;
          if (!mounted || oldest === undefined) return;
          try {
            const answer = await load({ before: oldest });
            if (answer)
              patch({ items: merge(answer.items, $inbox.get().items), hasMore: answer.items.length === limit });
          } catch (error) {
            failed('inbox.more', error);
          }
        },
        markRead: (ids) => markRead({ ids: [...ids].filter((id) => Number.isSafeInteger(id) && id > 0) }),
        markAllRead: () => markRead({ all: true }),
      };

      return {
        api,
        on: {
          // A withdrawal of the in-app channel closes the stream and forgets the list; a grant opens it.
          consent: () => {
            if (!mounted) return;
            const granted = inAppGranted(ctx);
            if (!granted && $inbox.get().status !== 'consent') {
              stop();
              $inbox.set({ ...EMPTY, status: 'consent' });
            } else if (granted && $inbox.get().status === 'consent') start();
          },
          // Another person on this device: their inbox, not the last one's.
          identify: () => {
            if (!mounted) return;
            stop();
            $inbox.set(EMPTY);
            start();
          },
          reset: () => {
            stop();
            $inbox.set(EMPTY);
            if (mounted) start();
          },
          destroy: stop,
        },
      };
    },
  });
