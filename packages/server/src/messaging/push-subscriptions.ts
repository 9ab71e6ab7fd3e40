/**
 * The push subscriptions a recipient's browsers made (`PushSubscription.toJSON()`), one row per endpoint. The
 * endpoint is the push service's capability URL: whoever knows it (and the keys) can message that browser, so it is
 * validated strictly on the way in and removed as soon as the push service says it is gone (404/410).
 */
import type { PushSubscriptionInput } from '@matbakh/contract';
import type { Queryable } from '../db.ts';
import type { RecipientKey } from './channel.ts';

export interface StoredSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

type Checked = { ok: true; value: PushSubscriptionInput } | { ok: false; message: string; field: string };

/** RFC 8291: p256dh is an uncompressed P-256 point (65 bytes), auth a 16-byte secret, both base64url. */
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const MAX_ENDPOINT = 2048;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function base64urlBytes(value: unknown, bytes: number): boolean {
  return typeof value === 'string' && BASE64URL.test(value) && Buffer.from(value, 'base64url').length === bytes;
}

/** An IP literal (v4 or v6): real push services are named hosts; an address is a way to reach internal servers. */
const isIpLiteral = (host: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');

/**
 * The endpoint must be an https URL of a named host. With `allowLocalHttp` (tests and local development,
 * `MB_PUSH_ALLOW_LOCAL_HTTP=1`) an http or https endpoint on localhost / 127.0.0.1 / [::1] is accepted too, so a
 * test's own push endpoint can stand in for the push service.
 */
export function checkEndpoint(raw: unknown, allowLocalHttp: boolean): string | undefined {
  if (typeof raw !== 'string' || raw === '') return 'endpoint is required: the PushSubscription endpoint URL';
  if (raw.length > MAX_ENDPOINT) return `endpoint is longer than ${MAX_ENDPOINT} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'endpoint is not a URL';
  }
  if (url.username !== '' || url.password !== '') return 'endpoint must not carry credentials';
  if (allowLocalHttp && LOCAL_HOSTS.has(url.hostname) && ['http:', 'https:'].includes(url.protocol)) return undefined;
  if (url.protocol !== 'https:') return 'endpoint must be an https URL';
  if (LOCAL_HOSTS.has(url.hostname) || isIpLiteral(url.hostname) || !url.hostname.includes('.')) {
    return 'endpoint must name a push service host, not a local or numeric address';
  }
  return undefined;
}

/**
 * A `PushSubscription.toJSON()` (in a request body: flat, next to the subject); errors name the field (`endpoint`,
 * `keys.p256dh`, …), under `prefix` when the subscription is nested.
 */
export function checkSubscription(raw: unknown, allowLocalHttp: boolean, prefix = ''): Checked {
  const field = (name: string) => (prefix === '' ? name : `${prefix}.${name}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, field: prefix || 'body', message: 'expected the object PushSubscription.toJSON() returns' };
  }
  const { endpoint, keys, expirationTime } = raw as Record<string, unknown>;
  const endpointError = checkEndpoint(endpoint, allowLocalHttp);
  if (endpointError) return { ok: false, field: field('endpoint'), message: endpointError };
  if (typeof keys !== 'object' || keys === null) {
    return { ok: false, field: field('keys'), message: 'keys must hold p256dh and auth' };
  }
  const { p256dh, auth } = keys as Record<string, unknown>;
  if (!base64urlBytes(p256dh, 65) || Buffer.from(p256dh as string, 'base64url')[0] !== 0x04) {
    return {
      ok: false,
      field: field('keys.p256dh'),
      message: 'p256dh must be base64url of an uncompressed P-256 public key (65 bytes)',
    };
  }
  if (!base64urlBytes(auth, 16)) {
    return { ok: false, field: field('keys.auth'), message: 'auth must be base64url of 16 bytes' };
  }
  if (expirationTime !== undefined && expirationTime !== null && !Number.isFinite(expirationTime)) {
    return { ok: false, field: field('expirationTime'), message: 'expirationTime must be a number or null' };
  }
  return {
    ok: true,
    value: {
      endpoint: endpoint as string,
      keys: { p256dh: p256dh as string, auth: auth as string },
      expirationTime: (expirationTime as number | null | undefined) ?? null,
    },
  };
}

/**
 * Stores (or moves) a subscription: an endpoint belongs to one browser profile, so a second subscribe from it — e.g.
 * after the visitor logged in — re-assigns the row to the new recipient instead of adding one.
 */
export async function saveSubscription(
  db: Queryable,
  tenantId: string,
  recipient: RecipientKey,
  subscription: PushSubscriptionInput,
  now: number,
): Promise<void> {
  await db.run(
    `INSERT INTO push_subscriptions (tenant_id, endpoint, recipient, p256dh, auth, created_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tenant_id, endpoint) DO UPDATE SET recipient = excluded.recipient, p256dh = excluded.p256dh,
       auth = excluded.auth, created_at = excluded.created_at`,
    [
      tenantId,
      subscription.endpoint,
      recipient,
      subscription.keys.p256dh,
      subscription.keys.auth,
      new Date(now).toISOString(),
    ],
  );
}

/** Removes one endpoint; with `recipients`, only when it belongs to one of them (a visitor unsubscribing). */
export async function removeSubscription(
  db: Queryable,
  tenantId: string,
  endpoint: string,
  recipients?: readonly RecipientKey[],
): Promise<number> {
  if (!recipients) {
    return (await db.run('DELETE FROM push_subscriptions WHERE tenant_id = ? AND endpoint = ?', [tenantId, endpoint]))
      .changes;
  }
  if (recipients.length === 0) return 0;
  const marks = recipients.map(() => '?').join(', ');
  return (
    await db.run(`DELETE FROM push_subscriptions WHERE tenant_id = ? AND endpoint = ? AND recipient IN (${marks})`, [
      tenantId,
      endpoint,
      ...recipients,
    ])
  ).changes;
}

export async function subscriptionsOf(
  db: Queryable,
  tenantId: string,
  recipient: RecipientKey,
): Promise<StoredSubscription[]> {
  const rows = await db.all<{ endpoint: string; p256dh: string; auth: string }>(
    'SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE tenant_id = ? AND recipient = ? ORDER BY created_at',
    [tenantId, recipient],
  );
  return rows.map((row) => ({ endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } }));
}
