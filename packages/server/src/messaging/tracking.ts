/**
 * Opens and clicks of sent messages (issue 19 item 5): one way to stamp them on the delivery row, whoever saw them —
 * the push and inbox beacons (`POST /v1/messages/:deliveryId/opened|clicked`), an e-mail's or a WhatsApp message's
 * tracked link (`GET /v1/messages/:deliveryId/click`), an e-mail's open pixel (`GET …/open.gif`) and WhatsApp's
 * `read` status webhooks. The funnel (campaign-results.ts) and the order attribution (attribution.ts) read those
 * columns, so every channel is counted by the same queries.
 */
import { safeUrl } from '@matbakh/contract';
import type { Queryable } from '../db.ts';
import type { Tenant } from '../tenants.ts';
import { deliveryToken, linkToken } from './delivery-token.ts';

export type MessageEvent = 'delivered' | 'opened' | 'clicked';

/** The columns an event stamps: a clicked message was also opened, an opened one also delivered. */
const STAMPS: Record<MessageEvent, readonly string[]> = {
  delivered: ['delivered_at'],
  opened: ['delivered_at', 'opened_at'],
  clicked: ['delivered_at', 'opened_at', 'clicked_at'],
};

/**
 * Stamps the event on the tenant's delivery, once: the first time counts, a repeat changes nothing. False when the
 * tenant has no such delivery.
 */
export async function recordMessageEvent(
  db: Queryable,
  tenantId: string,
  deliveryId: number,
  event: MessageEvent,
  at: number,
): Promise<boolean> {
  const columns = STAMPS[event];
  const iso = new Date(at).toISOString();
  const { changes } = await db.run(
    `UPDATE message_deliveries SET ${columns.map((col) => `${col} = COALESCE(${col}, ?)`).join(', ')}
     WHERE tenant_id = ? AND id = ?`,
    [...columns.map(() => iso), tenantId, deliveryId],
  );
  return changes > 0;
}

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

/**
 * The link a message carries instead of `url`: through this server's click redirect, which counts the click and
 * sends the reader on to `url` — only to that URL, which the token signs (delivery-token.ts `linkToken`). `url` is
 * sanitised again here (`safeUrl`), so only an http(s) link is ever signed.
 */
export function trackedLink(publicUrl: string, tenant: Tenant, deliveryId: number, url: string): string | undefined {
  const target = safeUrl(url, undefined);
  if (target === undefined) return undefined;
  const query = new URLSearchParams({
    tenant: tenant.id,
    u: target,
    token: linkToken(tenant.secret, tenant.id, deliveryId, target),
  });
  return `${base(publicUrl)}/v1/messages/${deliveryId}/click?${query}`;
}

/** The open pixel's address: the delivery's own token (delivery-token.ts), as the push beacons carry. */
export function openPixelUrl(publicUrl: string, tenant: Tenant, deliveryId: number): string {
  const query = new URLSearchParams({ tenant: tenant.id, token: deliveryToken(tenant.secret, tenant.id, deliveryId) });
  return `${base(publicUrl)}/v1/messages/${deliveryId}/open.gif?${query}`;
}
