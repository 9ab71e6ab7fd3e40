/**
 * The in-app inbox (issue 19), for `<mb-inbox>` through the SDK's inbox plugin; write key, CORS and `userHash` as
 * every subject route, the recipient being the verified subject (`u:<userId>`, else `a:<anonymousId>`).
 *
 * - `GET /v1/inbox?anonymousId=&userId=&userHash=&limit=&before=` → `InboxResponse`: the newest items first (at
 *   most `limit`, default 20, most 100), older pages with `before=<id>`, and the unread count.
 * - `GET /v1/inbox?…&after=<id>`: the items since that id, oldest first — the polling fallback of a client whose
 *   EventSource fails (it keeps the last id it saw, as the stream's `Last-Event-ID` would).
 * - `POST /v1/inbox/read` `{ anonymousId, userId?, userHash?, ids: [..] }` or `{ …, all: true }` →
 *   `InboxReadResponse`; only the subject's own items change, and its open streams hear the new count.
 */
import {
  INBOX_PAGE_DEFAULT,
  INBOX_PAGE_MAX,
  INBOX_READ_MAX_IDS,
  type InboxReadResponse,
  type InboxResponse,
  isPlainObject,
  validateSubject,
} from '@matbakh/contract';
import { listInbox, markRead, unreadCount } from '../messaging/inbox-read.ts';
import { existingHub } from '../messaging/stream-hub.ts';
import { linkSubject } from '../messaging/subject-links.ts';
import { subjectKey } from '../preferences-store.ts';
import type { RouteModule } from '../route-kit.ts';
import { eventId } from './stream.ts';

const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

/** `ids` or `all` of the read body; a message naming the field otherwise. */
function readTarget(body: Record<string, unknown>): { which: number[] | 'all' } | { field: string; message: string } {
  if (body.all !== undefined) {
    if (body.all !== true) return { field: 'all', message: 'all must be true (or leave it out and send ids)' };
    if (body.ids !== undefined) return { field: 'ids', message: 'send either ids or all, not both' };
    return { which: 'all' };
  }
  const ids = body.ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > INBOX_READ_MAX_IDS) {
    return { field: 'ids', message: `ids must be a list of 1–${INBOX_READ_MAX_IDS} inbox item ids, or send all: true` };
  }
  const bad = ids.findIndex((id) => !isId(id));
  if (bad >= 0) return { field: `ids[${bad}]`, message: 'an inbox item id is a whole number ≥ 1' };
  return { which: [...new Set(ids as number[])] };
}

export const inboxRoutes: RouteModule = (app, kit) => {
  app.get('/v1/inbox', async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    const subject = kit.subjectFromQuery(c, tenant);
    if (subject instanceof Response) return subject;
    const limit = eventId(c.req.query('limit')) ?? INBOX_PAGE_DEFAULT;
    if (!Number.isInteger(limit) || limit < 1 || limit > INBOX_PAGE_MAX) {
      return kit.fail(c, 400, 'bad_request', `limit must be a whole number from 1 to ${INBOX_PAGE_MAX}`, 'limit');
    }
    const page: { limit: number; before?: number; after?: number } = { limit };
    for (const field of ['before', 'after'] as const) {
      const value = eventId(c.req.query(field));
      if (Number.isNaN(value)) {
        return kit.fail(c, 400, 'bad_request', `${field} must be an inbox item id (a whole number ≥ 0)`, field);
      }
      if (value !== undefined) page[field] = value;
    }
    if (page.before !== undefined && page.after !== undefined) {
      return kit.fail(c, 400, 'bad_request', 'send either before (older pages) or after (newer items)', 'after');
    }
    const recipient = subjectKey(subject);
    // A signed-in owner's page: this device is theirs (the consent they gave on it before signing in counts).
    await linkSubject(kit.db, tenant.id, subject, kit.now());
    const [items, unread] = await Promise.all([
      listInbox(kit.db, tenant.id, recipient, page),
      unreadCount(kit.db, tenant.id, recipient),
    ]);
    kit.logFields(c, { items: items.length });
    c.header('Cache-Control', 'no-store');
    return c.json<InboxResponse>({ items, unread });
  });

  app.post('/v1/inbox/read', async (c) => {
    const auth = await kit.authorizeWithBody(c, kit.subjectBody);
    if (auth instanceof Response) return auth;
    if (!isPlainObject(auth.body)) return kit.fail(c, 400, 'bad_request', 'body must be a JSON object', 'body');
    const parsed = validateSubject(auth.body);
    if (!parsed.ok) return kit.fail(c, 400, 'bad_request', parsed.error.message, parsed.error.field);
    const target = readTarget(auth.body);
    if ('field' in target) return kit.fail(c, 400, 'bad_request', target.message, target.field);
    const subject = kit.verify(c, auth.tenant, parsed.value);
    if (subject instanceof Response) return subject;
    const recipient = subjectKey(subject);
    const marked = await markRead(kit.db, auth.tenant.id, recipient, target.which, new Date(kit.now()).toISOString());
    const unread = await unreadCount(kit.db, auth.tenant.id, recipient);
    if (marked > 0) await existingHub(kit.db)?.read(auth.tenant.id, recipient);
    kit.logFields(c, { marked });
    c.header('Cache-Control', 'no-store');
    return c.json<InboxReadResponse>({ marked, unread });
  });
};
