/**
 * Opens and clicks from channels that cannot send a beacon with the write key (issue 19 item 5):
 * - `GET /v1/messages/:deliveryId/click?tenant=&u=&token=`: an e-mail's or a WhatsApp message's link. Counts the
 *   click once and redirects (302) to `u` — only when the token signs exactly that URL for that delivery
 *   (delivery-token.ts `linkToken`), so the redirect can never be pointed elsewhere.
 * - `GET /v1/messages/:deliveryId/open.gif?tenant=&token=`: an e-mail's open pixel. Counts the open only while the
 *   recipient's newest consent decision allows analytics (send-checks.ts `allowsOpenTracking`); the e-mail carries
 *   the pixel only then, and a decision withdrawn since is honoured here. Always a 1×1 GIF for a valid token.
 * - `POST /v1/webhooks/whatsapp`: the Cloud API's status webhooks, signed with the app secret
 *   (`X-Hub-Signature-256`, `MB_WHATSAPP_APP_SECRET`): `delivered` and `read` stamp the delivery the message's
 *   `biz_opaque_callback_data` names. A missing or wrong signature is 401; a malformed body 400.
 * Every count goes through messaging/tracking.ts, the same stamping as the push and inbox beacons.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { safeUrl } from '@matbakh/contract';
import type { Context } from 'hono';
import { deliveryTokenMatches, linkTokenMatches } from '../messaging/delivery-token.ts';
import { allowsOpenTracking, newestLedgerRow } from '../messaging/send-checks.ts';
import { type MessageEvent, recordMessageEvent } from '../messaging/tracking.ts';
import type { RouteKit, RouteModule } from '../route-kit.ts';
import { findById, type Tenant } from '../tenants.ts';

/** The smallest transparent GIF (1×1). */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
/** A status webhook carries a few statuses; Meta batches at most a few hundred KB. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;
const STATUS_EVENTS: Record<string, MessageEvent> = { delivered: 'delivered', read: 'opened' };

/** The delivery id and tenant of a tracking link, or the error already written. */
async function target(c: Context, kit: RouteKit): Promise<{ tenant: Tenant; deliveryId: number } | Response> {
  const raw = c.req.param('deliveryId') ?? '';
  if (!/^\d{1,15}$/.test(raw))
    return kit.fail(c, 400, 'bad_request', 'deliveryId must be a whole number', 'deliveryId');
  const tenantId = c.req.query('tenant');
  if (!tenantId) return kit.fail(c, 400, 'bad_request', 'tenant is required', 'tenant');
  const tenant = await findById(kit.db, tenantId.slice(0, 200), kit.now());
  if (!tenant) return kit.fail(c, 404, 'not_found', 'no such tenant', 'tenant');
  return { tenant, deliveryId: Number(raw) };
}

function clickRoute(app: Parameters<RouteModule>[0], kit: RouteKit) {
  app.get('/v1/messages/:deliveryId/click', async (c) => {
    const found = await target(c, kit);
    if (found instanceof Response) return found;
    const { tenant, deliveryId } = found;
    const given = c.req.query('u') ?? '';
    // The one URL sanitiser: only an http(s) URL, exactly as the sender signed it, is followed.
    const url = safeUrl(given, undefined);
    if (url === undefined || url !== given) return kit.fail(c, 400, 'bad_request', 'u must be an http(s) URL', 'u');
    if (!linkTokenMatches(tenant.secrets, tenant.id, deliveryId, url, c.req.query('token'))) {
      return kit.fail(c, 403, 'forbidden', 'token does not match this delivery and link', 'token');
    }
    // A delivery erased since still redirects: the link was the sender's, only the count is gone.
    await recordMessageEvent(kit.db, tenant.id, deliveryId, 'clicked', kit.now());
    kit.logFields(c, { event: 'clicked' });
    c.header('Cache-Control', 'no-store');
    // The token stays here: the target does not learn it from the Referer.
    c.header('Referrer-Policy', 'no-referrer');
    return c.redirect(url, 302);
  });
}

function pixelRoute(app: Parameters<RouteModule>[0], kit: RouteKit) {
  app.get('/v1/messages/:deliveryId/open.gif', async (c) => {
    const found = await target(c, kit);
    if (found instanceof Response) return found;
    const { tenant, deliveryId } = found;
    if (!deliveryTokenMatches(tenant.secrets, tenant.id, deliveryId, c.req.query('token'))) {
      return kit.fail(c, 403, 'forbidden', 'token does not match this delivery', 'token');
    }
    const delivery = await kit.db.get<{ recipient: string }>(
      'SELECT recipient FROM message_deliveries WHERE tenant_id = ? AND id = ?',
      [tenant.id, deliveryId],
    );
    const ledger = delivery && (await newestLedgerRow(kit.db, tenant.id, delivery.recipient));
    if (delivery && allowsOpenTracking(ledger?.choices)) {
      await recordMessageEvent(kit.db, tenant.id, deliveryId, 'opened', kit.now());
    }
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', 'image/gif');
    return c.body(new Uint8Array(PIXEL), 200);
  });
}

/** True when `header` is `sha256=<hex>` of the HMAC-SHA256 of `body` under `secret` (constant-time compare). */
export function hubSignatureMatches(secret: string, body: Buffer, header: string | undefined): boolean {
  const hex = /^sha256=([0-9a-f]{64})$/i.exec(header ?? '')?.[1];
  if (hex === undefined) return false;
  return timingSafeEqual(Buffer.from(hex, 'hex'), createHmac('sha256', secret).update(body).digest());
}

interface WebhookStatus {
  status?: unknown;
  timestamp?: unknown;
  biz_opaque_callback_data?: unknown;
}

/** The statuses of a webhook body (`entry[].changes[].value.statuses[]`), or undefined when it is not one. */
function statusesOf(body: unknown): WebhookStatus[] | undefined {
  const entries = (body as { entry?: unknown } | null)?.entry;
  if (!Array.isArray(entries)) return undefined;
  const out: WebhookStatus[] = [];
  for (const entry of entries) {
    const changes = (entry as { changes?: unknown } | null)?.changes;
    if (!Array.isArray(changes)) continue;
    for (const change of changes) {
      const statuses = (change as { value?: { statuses?: unknown } } | null)?.value?.statuses;
      if (Array.isArray(statuses))
        out.push(...statuses.filter((s): s is WebhookStatus => typeof s === 'object' && s !== null));
    }
  }
  return out;
}

/** Stamps one status on the WhatsApp delivery its callback data names; false when it names none. */
async function applyStatus(kit: RouteKit, status: WebhookStatus): Promise<boolean> {
  const event = typeof status.status === 'string' ? STATUS_EVENTS[status.status] : undefined;
  const id = /^delivery:(\d{1,15})$/.exec(String(status.biz_opaque_callback_data ?? ''))?.[1];
  if (event === undefined || id === undefined) return false;
  const row = await kit.db.get<{ tenant_id: string }>(
    "SELECT tenant_id FROM message_deliveries WHERE id = ? AND channel = 'whatsapp'",
    [Number(id)],
  );
  if (!row) return false;
  // The provider's time of the status (Unix seconds) when it is a sane one; else ours.
  const seconds = Number(status.timestamp);
  const at =
    Number.isFinite(seconds) && seconds > 0 && seconds * 1000 <= kit.now() + 60_000 ? seconds * 1000 : kit.now();
  return recordMessageEvent(kit.db, row.tenant_id, Number(id), event, at);
}

function webhookRoute(app: Parameters<RouteModule>[0], kit: RouteKit) {
  app.post('/v1/webhooks/whatsapp', async (c) => {
    const secret = kit.config.whatsAppAppSecret;
    const body = Buffer.from(await c.req.arrayBuffer());
    if (body.length > MAX_WEBHOOK_BYTES) {
      return kit.fail(c, 413, 'payload_too_large', `body exceeds ${MAX_WEBHOOK_BYTES} bytes`);
    }
    if (secret === undefined || !hubSignatureMatches(secret, body, c.req.header('x-hub-signature-256'))) {
      return kit.fail(c, 401, 'unauthorized', 'X-Hub-Signature-256 does not sign this body', 'X-Hub-Signature-256');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return kit.fail(c, 400, 'bad_request', 'body must be JSON', 'body');
    }
    const statuses = statusesOf(parsed);
    if (statuses === undefined) return kit.fail(c, 400, 'bad_request', 'entry must be an array', 'entry');
    let applied = 0;
    for (const status of statuses) if (await applyStatus(kit, status)) applied++;
    kit.logFields(c, { statuses: statuses.length, applied });
    return c.json({ received: statuses.length, applied }, 200);
  });
}

export const messageTrackingRoutes: RouteModule = (app, kit) => {
  clickRoute(app, kit);
  pixelRoute(app, kit);
  webhookRoute(app, kit);
};
