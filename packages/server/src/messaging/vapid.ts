/**
 * A VAPID key pair per tenant (RFC 8292): the browser binds a push subscription to the application server key it
 * was created with, so one tenant's subscriptions can be sent to only with that tenant's private key. The pair is
 * created on first use (`GET /v1/push/key` or the first send) and kept; the private key is sealed with the master key
 * at rest (bound to its row by the associated data), the public key is public.
 */
import webpush from 'web-push';
import { type MasterKeyring, masterKeyring } from '../crypto/master-key.ts';
import type { Db } from '../db.ts';

export interface VapidKeys {
  /** base64url of the uncompressed P-256 point (65 bytes): the browser's `applicationServerKey`. */
  publicKey: string;
  /** base64url of the 32-byte private scalar. */
  privateKey: string;
}

/** What the sealed private key is bound to: a value copied into another tenant's row does not open. */
export const vapidAad = (tenantId: string): string => `push_vapid_keys:${tenantId}`;

interface Row {
  public_key: string;
  private_key: string;
}

const opened = (row: Row, tenantId: string, ring: MasterKeyring): VapidKeys => ({
  publicKey: row.public_key,
  privateKey: ring.open(row.private_key, vapidAad(tenantId)).toString('utf8'),
});

/**
 * The tenant's pair, created when it has none. Two instances asking at once both insert with `ON CONFLICT DO
 * NOTHING` and both read the row that won, so a tenant never ends up with two keys (subscriptions made with the
 * losing key could never be sent to).
 */
export async function tenantVapidKeys(
  db: Db,
  tenantId: string,
  now: number,
  ring: MasterKeyring = masterKeyring(),
): Promise<VapidKeys> {
  const read = () => db.get<Row>('SELECT public_key, private_key FROM push_vapid_keys WHERE tenant_id = ?', [tenantId]);
  const existing = await read();
  if (existing) return opened(existing, tenantId, ring);
  const fresh = webpush.generateVAPIDKeys();
  await db.run(
    `INSERT INTO push_vapid_keys (tenant_id, public_key, private_key, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (tenant_id) DO NOTHING`,
    [tenantId, fresh.publicKey, ring.seal(fresh.privateKey, vapidAad(tenantId)), new Date(now).toISOString()],
  );
  const stored = await read();
  if (!stored) throw new Error(`the VAPID keys of tenant ${tenantId} were not stored`);
  return opened(stored, tenantId, ring);
}

/** The sealed private keys, for the master-key rotation (crypto/rotate.ts). */
export async function sealedVapidKeys(db: Db): Promise<Array<{ id: string; sealed: string; aad: string }>> {
  const rows = await db.all<{ tenant_id: string; private_key: string }>(
    'SELECT tenant_id, private_key FROM push_vapid_keys',
  );
  return rows.map((row) => ({ id: row.tenant_id, sealed: row.private_key, aad: vapidAad(row.tenant_id) }));
}
