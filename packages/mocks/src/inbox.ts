/**
 * `GET /v1/inbox`, `POST /v1/inbox/read` and a fake `GET /v1/stream` for Storybook and browser tests (issue 19).
 * The stream sends the unread count, then one new health alert after `streamDelayMs` (id after the newest), as
 * the real server's Server-Sent Events (`event: inbox`, `id:`, JSON `data:`), and stays open with heartbeats.
 * Like the server: the write key is required (401), a userId needs its userHash (403 naming `userHash`).
 */
import type { InboxItem, InboxReadResponse, InboxResponse, StreamEvent } from '@matbakh/contract';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { CORS_HEADERS, errorResponse, json, readJsonBody, writeKeyOf } from './http.ts';

export interface InboxMockOptions {
  items?: InboxItem[];
  /** When the stream's new item arrives (ms; default 2,000; negative: never). */
  streamDelayMs?: number;
}

export function inboxRoutes(options: InboxMockOptions = {}): HttpHandler[] {
  const items = [...(options.items ?? [])].sort((a, b) => b.id - a.id);
  const unread = () => items.filter((i) => i.readAt === null).length;
  const refuse = (request: Request, url: URL) => {
    if (!writeKeyOf(request)) return errorResponse(401, 'missing write key', { field: 'writeKey' });
    if (url.searchParams.get('userId') && !url.searchParams.get('userHash')) {
      return errorResponse(403, 'a userId needs its userHash', { field: 'userHash' });
    }
    return undefined;
  };
  return [
    http.get('*/v1/inbox', ({ request }) => {
      const url = new URL(request.url);
      const refused = refuse(request, url);
      if (refused) return refused;
      const after = Number(url.searchParams.get('after') ?? Number.NaN);
      const list = Number.isNaN(after) ? items : items.filter((i) => i.id > after).reverse();
      return json({ items: list.slice(0, 20), unread: unread() } satisfies InboxResponse);
    }),
    http.post('*/v1/inbox/read', async ({ request }) => {
      const body = (await readJsonBody(request)) as { ids?: number[]; all?: boolean } | undefined;
      let marked = 0;
      for (const item of items) {
        if (item.readAt === null && (body?.all === true || body?.ids?.includes(item.id))) {
          item.readAt = new Date().toISOString();
          marked++;
        }
      }
      return json({ marked, unread: unread() } satisfies InboxReadResponse);
    }),
    http.get('*/v1/stream', ({ request }) => {
      const url = new URL(request.url);
      const refused = refuse(request, url);
      if (refused) return refused;
      const encoder = new TextEncoder();
      const send = (event: StreamEvent, id?: number) =>
        encoder.encode(`event: ${event.type}\n${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(event)}\n\n`);
      const timers: ReturnType<typeof setTimeout>[] = [];
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(send({ type: 'read', unread: unread() }));
          const delay = options.streamDelayMs ?? 2000;
          if (delay >= 0) {
            timers.push(
              setTimeout(() => {
                const item: InboxItem = {
                  id: (items[0]?.id ?? 0) + 1,
                  topic: 'health_alerts',
                  title: 'Orders stopped an hour ago',
                  body: 'No order since 18:00 — usually 6 by now. Check the tablet is online.',
                  createdAt: new Date().toISOString(),
                  readAt: null,
                };
                items.unshift(item);
                controller.enqueue(send({ type: 'inbox', item, unread: unread() }, item.id));
              }, delay),
            );
          }
          timers.push(setInterval(() => controller.enqueue(encoder.encode(': heartbeat\n\n')), 15_000));
        },
        cancel() {
          for (const timer of timers) clearTimeout(timer);
        },
      });
      return new HttpResponse(body, { headers: { ...CORS_HEADERS, 'Content-Type': 'text/event-stream' } });
    }),
  ];
}
