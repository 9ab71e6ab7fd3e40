/**
 * A tenant's keys beyond the publishable write key (`pk_…`, in `tenants.write_key`: it ships in every partner
 * page, so it is an identifier guarded by origins, not a secret):
 *
 * - **secret** (`sk_…`): the partner's backend. Ingest that vouches for identity, bulk import, and the HMAC key of
 *   `userHash`/`groupHash`. Rotated with overlap: every unexpired, unrevoked secret verifies.
 * - **admin** (`ak_…`): configuration and reports, `/v1/admin/*`; never ingest.
 *
 * Only SHA-256 of a key is kept for authentication (the keys are 40 random base62 characters, ≈ 238 bits, so a
 * plain hash is as good as a slow one). A secret must also be usable as an HMAC key, so it is kept sealed under the
 * master key too (`crypto/master-key.ts`); an admin key is never stored in a readable form.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { type MasterKeyring, masterKeyring } from './crypto/master-key.ts';
import type { Db, Queryable } from './db.ts';
import { randomBase62 } from './random.ts';

export type KeyKind = 'secret' | 'admin';

const PREFIX: Record<KeyKind, string> = { secret: 'sk_', admin: 'ak_' };

/** A key as listed: never the key itself, nor its hash. */
export interface KeyRecord {
  id: string;
  tenantId: string;
  kind: KeyKind;
  /** The first and last characters, so a person can tell keys apart (`sk_Ab12…wxYz`). */
  hint: string;
  createdAt: string;
  /** Set by a rotation: the key stops working at this time. */
  expiresAt?: string;
  revokedAt?: string;
}

interface KeyRow {
  id: string;
  tenant_id: string;
  kind: KeyKind;
  key_hash: string;
  hint: string;
  /** 1, 2, … per tenant and kind: which key is newest, whatever the clocks said when they were made. */
  generation: number;
  sealed_secret: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

const fromRow = (row: KeyRow): KeyRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  kind: row.kind,
  hint: row.hint,
  createdAt: row.created_at,
  ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
  ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
});

export const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** What kind a presented key claims to be, from its prefix. */
export function claimedKind(key: string): KeyKind | 'write' | undefined {
  if (key.startsWith('pk_')) return 'write';
  if (key.startsWith(PREFIX.secret)) return 'secret';
  if (key.startsWith(PREFIX.admin)) return 'admin';
  return undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();
const hintOf = (key: string) => `${key.slice(0, 7)}…${key.slice(-4)}`;
/** The sealed secret belongs to its row: copied into another row or tenant it does not open. */
export const secretAad = (tenantId: string, keyId: string) => `api_keys:${tenantId}:${keyId}`;
const ACTIVE = '(revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?))';

/** Stores a given key (a new one, or a tenant's pre-existing plain secret being adopted). */
async function storeKey(
  db: Queryable,
  tenantId: string,
  kind: KeyKind,
  key: string,
  now: number,
  keyring: MasterKeyring,
): Promise<KeyRecord> {
  const id = `key_${randomBase62(16)}`;
  const last = await db.get<{ n: number | null }>(
    'SELECT max(generation) AS n FROM api_keys WHERE tenant_id = ? AND kind = ?',
    [tenantId, kind],
  );
  const row: KeyRow = {
    id,
    tenant_id: tenantId,
    kind,
    key_hash: hashKey(key),
    hint: hintOf(key),
    generation: Number(last?.n ?? 0) + 1,
    sealed_secret: kind === 'secret' ? keyring.seal(key, secretAad(tenantId, id)) : null,
    created_at: iso(now),
    expires_at: null,
    revoked_at: null,
  };
  await db.run(
    `INSERT INTO api_keys (id, tenant_id, kind, key_hash, hint, generation, sealed_secret, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [row.id, row.tenant_id, row.kind, row.key_hash, row.hint, row.generation, row.sealed_secret, row.created_at],
  );
  return fromRow(row);
}

/**
 * Stores a known key unless it is active already. Only for the demo's published admin key (demo/start.ts), so that
 * `npm start` can sign in to the console on every start; a real tenant's keys are random and shown once.
 */
export async function ensureKnownKey(db: Queryable, tenantId: string, kind: KeyKind, key: string, now: number) {
  if (!(await findKey(db, key, now))) await storeKey(db, tenantId, kind, key, now, masterKeyring());
}

/** A new random key of `kind`; the key itself is returned once and never again (an admin key) or only sealed. */
export async function issueKey(
  db: Queryable,
  tenantId: string,
  kind: KeyKind,
  now: number,
  keyring: MasterKeyring = masterKeyring(),
): Promise<{ key: string; record: KeyRecord }> {
  const key = `${PREFIX[kind]}${randomBase62(40)}`;
  return { key, record: await storeKey(db, tenantId, kind, key, now, keyring) };
}

/** The active key a caller presented (by its hash, compared again in constant time), or undefined. */
export async function findKey(db: Queryable, presented: string, now: number): Promise<KeyRecord | undefined> {
  const hash = hashKey(presented);
  const row = await db.get<KeyRow>(`SELECT * FROM api_keys WHERE key_hash = ? AND ${ACTIVE}`, [hash, iso(now)]);
  if (!row) return undefined;
  return timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(hash, 'hex')) ? fromRow(row) : undefined;
}

/** Every secret that verifies a userHash/groupHash now, newest first (two during a rotation's overlap). */
export async function activeSecrets(
  db: Queryable,
  tenantId: string,
  now: number,
  keyring: MasterKeyring = masterKeyring(),
): Promise<string[]> {
  const rows = await db.all<KeyRow>(
    `SELECT * FROM api_keys WHERE tenant_id = ? AND kind = 'secret' AND ${ACTIVE} ORDER BY generation DESC`,
    [tenantId, iso(now)],
  );
  return rows.map((row) => keyring.open(row.sealed_secret!, secretAad(row.tenant_id, row.id)).toString('utf8'));
}

export async function listKeys(db: Queryable, tenantId: string): Promise<KeyRecord[]> {
  const rows = await db.all<KeyRow>('SELECT * FROM api_keys WHERE tenant_id = ? ORDER BY kind, generation', [tenantId]);
  return rows.map(fromRow);
}

export interface Rotation {
  /** The new secret: shown once, to be deployed to the partner's backend before `expiresAt`. */
  key: string;
  record: KeyRecord;
  /** The secrets that were active, now ending at the overlap's end (or earlier, if they were set to). */
  previous: KeyRecord[];
}

/**
 * Issues a new secret; the active ones keep working until `now + overlapMs`, so hashes the partner's backend made
 * with the old secret still verify while it deploys the new one. Overlap 0 ends them at once.
 */
export function rotateSecret(
  db: Db,
  tenantId: string,
  overlapMs: number,
  now: number,
  keyring: MasterKeyring = masterKeyring(),
): Promise<Rotation> {
  const ends = iso(now + overlapMs);
  return db.transaction(async (tx) => {
    await tx.run(
      `UPDATE api_keys SET expires_at = ? WHERE tenant_id = ? AND kind = 'secret' AND ${ACTIVE}
       AND (expires_at IS NULL OR expires_at > ?)`,
      [ends, tenantId, iso(now), ends],
    );
    const previous = (
      await tx.all<KeyRow>(
        `SELECT * FROM api_keys WHERE tenant_id = ? AND kind = 'secret' AND revoked_at IS NULL AND expires_at = ?`,
        [tenantId, ends],
      )
    ).map(fromRow);
    const issued = await issueKey(tx, tenantId, 'secret', now, keyring);
    return { ...issued, previous };
  });
}

export type Revocation = { ok: true; record: KeyRecord } | { ok: false; reason: 'not_found' | 'last_secret' };

/**
 * Ends a key now. The tenant's last active secret is kept (rotate first): without one, no userHash could verify
 * and nothing could sign new ones.
 */
export function revokeKey(db: Db, tenantId: string, keyId: string, now: number): Promise<Revocation> {
  return db.transaction(async (tx): Promise<Revocation> => {
    const row = await tx.get<KeyRow>(`SELECT * FROM api_keys WHERE tenant_id = ? AND id = ?`, [tenantId, keyId]);
    if (!row) return { ok: false, reason: 'not_found' };
    if (row.revoked_at !== null) return { ok: true, record: fromRow(row) };
    if (row.kind === 'secret') {
      const others = await tx.get<{ n: number }>(
        `SELECT count(*) AS n FROM api_keys WHERE tenant_id = ? AND kind = 'secret' AND id <> ? AND ${ACTIVE}`,
        [tenantId, keyId, iso(now)],
      );
      if (Number(others?.n ?? 0) === 0) return { ok: false, reason: 'last_secret' };
    }
    await tx.run('UPDATE api_keys SET revoked_at = ? WHERE id = ?', [iso(now), keyId]);
    return { ok: true, record: { ...fromRow(row), revokedAt: iso(now) } };
  });
}

/** The seal of a tenant's pseudonymization key (its first secret; `subject.ts` pseudonymize). */
export const pseudonymAad = (tenantId: string) => `tenants:${tenantId}:pseudonym_key`;

/**
 * Moves secrets stored in plain text (`tenants.secret`, before keys had their own table) into `api_keys`, hashed
 * and sealed, and seals the same value as the tenant's pseudonymization key so earlier pseudonyms still match.
 * Idempotent; run on start and by the CLI. Returns how many tenants it moved.
 */
export async function adoptPlainSecrets(
  db: Db,
  now: number,
  keyring: MasterKeyring = masterKeyring(),
): Promise<number> {
  const rows = await db.all<{ id: string; secret: string }>("SELECT id, secret FROM tenants WHERE secret <> ''");
  for (const row of rows) {
    await db.transaction(async (tx) => {
      const known = await tx.get<{ id: string }>('SELECT id FROM api_keys WHERE key_hash = ?', [hashKey(row.secret)]);
      if (!known) await storeKey(tx, row.id, 'secret', row.secret, now, keyring);
      await tx.run("UPDATE tenants SET secret = '', pseudonym_key = coalesce(pseudonym_key, ?) WHERE id = ?", [
        keyring.seal(row.secret, pseudonymAad(row.id)),
        row.id,
      ]);
    });
  }
  return rows.length;
}
