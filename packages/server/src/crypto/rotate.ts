/**
 * `rotate-master-key`: after the operator puts a new key first in the ring (`MATBAKH_MASTER_KEY`, the old one in
 * `MATBAKH_MASTER_KEY_PREVIOUS`), every value sealed by an older key is sealed again by the current one — tenant
 * secrets, pseudonymization keys, subject data keys — row by row while the server keeps serving (the ring opens
 * both). When it reports 0 left, the old key can be dropped from the environment.
 */
import type { Db } from '../db.ts';
import { pseudonymAad, secretAad } from '../keys.ts';
import { sealedVapidKeys } from '../messaging/vapid.ts';
import { type MasterKeyring, masterKeyring } from './master-key.ts';
import { resealSubjectKeys } from './subject-data.ts';

export interface Resealed {
  secrets: number;
  pseudonymKeys: number;
  subjectKeys: number;
  /** Tenants' VAPID private keys (Web Push). */
  vapidKeys: number;
}

async function resealRows(
  db: Db,
  ring: MasterKeyring,
  rows: Array<{ id: string; sealed: string; aad: string }>,
  update: string,
): Promise<number> {
  let count = 0;
  for (const row of rows) {
    if (ring.keyIdOf(row.sealed) === ring.currentId) continue;
    // Compare-and-set: a row changed meanwhile (a rotation of the tenant's own secret) is left for the next run.
    count += (await db.run(update, [ring.seal(ring.open(row.sealed, row.aad), row.aad), row.id, row.sealed])).changes;
  }
  return count;
}

export async function rotateMasterKey(db: Db, ring: MasterKeyring = masterKeyring()): Promise<Resealed> {
  const secrets = await db.all<{ id: string; tenant_id: string; sealed_secret: string }>(
    'SELECT id, tenant_id, sealed_secret FROM api_keys WHERE sealed_secret IS NOT NULL',
  );
  const tenants = await db.all<{ id: string; pseudonym_key: string }>(
    'SELECT id, pseudonym_key FROM tenants WHERE pseudonym_key IS NOT NULL',
  );
  return {
    secrets: await resealRows(
      db,
      ring,
      secrets.map((r) => ({ id: r.id, sealed: r.sealed_secret, aad: secretAad(r.tenant_id, r.id) })),
      'UPDATE api_keys SET sealed_secret = ? WHERE id = ? AND sealed_secret = ?',
    ),
    pseudonymKeys: await resealRows(
      db,
      ring,
      tenants.map((r) => ({ id: r.id, sealed: r.pseudonym_key, aad: pseudonymAad(r.id) })),
      'UPDATE tenants SET pseudonym_key = ? WHERE id = ? AND pseudonym_key = ?',
    ),
    subjectKeys: await resealSubjectKeys(db, ring),
    vapidKeys: await resealRows(
      db,
      ring,
      await sealedVapidKeys(db),
      'UPDATE push_vapid_keys SET private_key = ? WHERE tenant_id = ? AND private_key = ?',
    ),
  };
}
