/**
 * The proof a message's open/click beacon carries (`POST /v1/messages/:deliveryId/:event?token=`): only what the
 * server sent knows it, so nobody can stamp opens and clicks onto other deliveries by counting ids (the write key
 * is public). HMAC-SHA256 under the tenant's secret key over the tenant and the delivery id, 128 bits, base64url.
 * During a key rotation's overlap every active secret verifies; a beacon of a message sent before the old secret
 * expired is then refused (the open or click goes uncounted, nothing else).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

const mac = (secret: string, tenantId: string, deliveryId: number) =>
  createHmac('sha256', secret).update(`message-delivery:v1:${tenantId}:${deliveryId}`, 'utf8').digest().subarray(0, 16);

export const deliveryToken = (secret: string, tenantId: string, deliveryId: number): string =>
  mac(secret, tenantId, deliveryId).toString('base64url');

/** True when `given` is the delivery's token under one of the tenant's active secrets (constant-time compare). */
export function deliveryTokenMatches(
  secrets: readonly string[],
  tenantId: string,
  deliveryId: number,
  given: unknown,
): boolean {
  if (typeof given !== 'string' || !TOKEN.test(given)) return false;
  const presented = Buffer.from(given, 'base64url');
  return secrets.some((secret) => timingSafeEqual(presented, mac(secret, tenantId, deliveryId)));
}

/**
 * The proof a tracked link carries (`GET /v1/messages/:deliveryId/click`): like the delivery's token, but over the
 * target URL too, so a link cannot be pointed anywhere else (the redirect is never an open redirect) nor moved to
 * another delivery. A separate label keeps the two kinds of token from standing in for each other.
 */
const linkMac = (secret: string, tenantId: string, deliveryId: number, url: string) =>
  createHmac('sha256', secret)
    .update(`message-link:v1:${tenantId}:${deliveryId}:${url}`, 'utf8')
    .digest()
    .subarray(0, 16);

export const linkToken = (secret: string, tenantId: string, deliveryId: number, url: string): string =>
  linkMac(secret, tenantId, deliveryId, url).toString('base64url');

/** True when `given` is the link token of this delivery and URL under one of the tenant's active secrets. */
export function linkTokenMatches(
  secrets: readonly string[],
  tenantId: string,
  deliveryId: number,
  url: string,
  given: unknown,
): boolean {
  if (typeof given !== 'string' || !TOKEN.test(given)) return false;
  const presented = Buffer.from(given, 'base64url');
  return secrets.some((secret) => timingSafeEqual(presented, linkMac(secret, tenantId, deliveryId, url)));
}
