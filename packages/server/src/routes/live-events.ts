/**
 * The live event debugger (issue 16 item 2's "Live events" page), admin key:
 * - `GET /v1/admin/events/live`: Server-Sent Events — each of the tenant's incoming messages, accepted or refused
 *   with its reason, as `event: message`, `id: <n>`, `data: <LiveEvent JSON>`; a `: heartbeat` comment when quiet.
 *   Resumes after `Last-Event-ID` (header, or `lastEventId` for clients that cannot set it); a new connection starts
 *   with the newest BACKLOG events. A connection ends after MAX_CONNECTION_MS; EventSource reconnects and resumes.
 * - `GET /v1/admin/events/live?after=<id>[&limit=]`: the same as a JSON page (`LiveEventsPage`), for clients that
 *   poll.
 * Ingest (any instance) writes `live_events` (live/recorder.ts); every stream reads it incrementally by
 * (tenant_id, id), so ingest and stream may run on different processes sharing the database. Why a table and not
 * PostgreSQL's LISTEN/NOTIFY: resume and the poll fallback need the recent rows anyway, SQLite has no NOTIFY, and
 * NOTIFY would need a dedicated connection per instance outside the storage port's pool; one indexed range read
 * per open debugger every POLL_MS is cheap.
 */
import type { LiveEventsPage } from '@matbakh/contract';
import { streamSSE } from 'hono/streaming';
import { authorizeKey, keyRule } from '../auth.ts';
import { backlogCursor, liveEventsAfter } from '../live/read.ts';
import { WATCH_RENEW_MS, watch } from '../live/recorder.ts';
import type { Ctx, RouteModule } from '../route-kit.ts';

const BACKLOG = 50;
const PAGE_DEFAULT = 100;
const PAGE_MAX = 1000;
const MAX_CONNECTION_MS = 10 * 60 * 1000;

export interface LiveEventOptions {
  /** How often a stream looks for new rows; default 500 ms. */
  pollMs?: number;
  /** A comment line after this long without an event, so proxies keep the connection; default 15 s. */
  heartbeatMs?: number;
}

/** A whole number ≥ 0, or undefined when absent; NaN for anything else. */
function cursor(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  return /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
}

export function liveEventRoutes(options: LiveEventOptions = {}): RouteModule {
  const pollMs = options.pollMs ?? 500;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  return (app, kit) => {
    const rule = keyRule(kit, ['admin'], 'watch live events');

    const page = async (c: Ctx, tenantId: string, after: number) => {
      const limit = cursor(c.req.query('limit')) ?? PAGE_DEFAULT;
      if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX) {
        return kit.fail(c, 400, 'bad_request', `limit must be a whole number from 1 to ${PAGE_MAX}`, 'limit');
      }
      const events = await liveEventsAfter(kit.db, tenantId, after, limit);
      c.header('Cache-Control', 'no-store');
      return c.json<LiveEventsPage>({ events, last: events.at(-1)?.id ?? after });
    };

    app.get('/v1/admin/events/live', async (c) => {
      const auth = await authorizeKey(kit, c, rule);
      if (auth instanceof Response) return auth;
      const tenantId = auth.tenant.id;
      const after = cursor(c.req.query('after'));
      if (Number.isNaN(after))
        return kit.fail(c, 400, 'bad_request', 'after must be an event id (a whole number ≥ 0)', 'after');
      // From now on (and for WATCH_MS), every instance records this tenant's messages.
      await watch(kit.db, tenantId, kit.now());
      if (after !== undefined) return page(c, tenantId, after);
      const resume = cursor(c.req.header('last-event-id') ?? c.req.query('lastEventId'));
      if (Number.isNaN(resume)) {
        return kit.fail(
          c,
          400,
          'bad_request',
          'Last-Event-ID must be an event id (a whole number ≥ 0)',
          'Last-Event-ID',
        );
      }
      let last = resume ?? (await backlogCursor(kit.db, tenantId, BACKLOG));
      return streamSSE(c, async (stream) => {
        const started = performance.now();
        let quietSince = performance.now();
        let renewedAt = performance.now();
        // Reconnect after 2 s when the connection drops (the browser's EventSource honours it).
        await stream.write('retry: 2000\n\n');
        while (!stream.aborted && performance.now() - started < MAX_CONNECTION_MS) {
          const events = await liveEventsAfter(kit.db, tenantId, last, PAGE_DEFAULT);
          for (const event of events) {
            await stream.writeSSE({ id: String(event.id), event: 'message', data: JSON.stringify(event) });
            last = event.id;
          }
          if (events.length > 0) quietSince = performance.now();
          else if (performance.now() - quietSince >= heartbeatMs) {
            await stream.write(': heartbeat\n\n');
            quietSince = performance.now();
          }
          if (performance.now() - renewedAt >= WATCH_RENEW_MS) {
            await watch(kit.db, tenantId, kit.now());
            renewedAt = performance.now();
          }
          if (events.length < PAGE_DEFAULT) await stream.sleep(pollMs);
        }
      });
    });
  };
}
