/**
 * Encryption at rest of a subject's personal fields (issue 14 item 7): identify traits and preference documents are
 * sealed with AES-256-GCM under a data key of that subject's own, and the data key is stored sealed by the master
 * key (`master-key.ts`). Erasure deletes the subject's data keys, so whatever copies of the sealed values survive —
 * backups, replicas, a dump taken yesterday — stay unreadable with every key the server holds (crypto-shredding).
 *
 * A subject key is the preferences' one: `u:<userId>` for a verified user (the same on every device), `a:<anonymousId>`
 * for an anonymous visitor. Each value is bound to its tenant, subject and purpose (the GCM associated data), so a
 * sealed value copied into another row does not open there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Queryable } from '../db.ts';
import { type MasterKeyring, masterKeyring } from './master-key.ts';

const FORMAT = 'sd1';
const KEY_BYTES = 32;
const IV_BYTES = 12;

/** A value this module sealed: `sd1.<iv>.<tag>.<data>` (base64url parts). */
export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(`${FORMAT}.`);

const keyAad = (tenantId: string, subjectKey: string) => `subject_keys:${tenantId}:${subjectKey}`;
const valueAad = (tenantId: string, subjectKey: string, purpose: string) => `${purpose}:${tenantId}:${subjectKey}`;

function sealWith(key: Buffer, plain: string, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), data]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

function openWith(key: Buffer, sealed: string, aad: string): string {
  const [format, iv, tag, data] = sealed.split('.');
  if (format !== FORMAT || iv === undefined || tag === undefined || data === undefined) {
    throw new Error('not a sealed subject value (sd1.<iv>.<tag>.<data>)');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** Seals and opens one tenant's subject values; data keys are read (or made) once per instance. */
export interface SubjectCipher {
  seal(subjectKey: string, purpose: string, plain: string): Promise<string>;
  /** `undefined` when the subject's data key is gone (erased): the value can no longer be read by anyone. */
  open(subjectKey: string, purpose: string, sealed: string): Promise<string | undefined>;
  /** Reads the data keys of many subjects in one query (a dispatcher's claim), so opening their values costs none. */
  preload(subjectKeys: readonly string[]): Promise<void>;
}

export function subjectCipher(db: Queryable, tenantId: string, ring: MasterKeyring = masterKeyring()): SubjectCipher {
  const keys = new Map<string, Promise<Buffer | undefined>>();

  const stored = async (subjectKey: string): Promise<Buffer | undefined> => {
    const row = await db.get<{ sealed_key: string }>(
      'SELECT sealed_key FROM subject_keys WHERE tenant_id = ? AND subject_key = ?',
      [tenantId, subjectKey],
    );
    return row ? ring.open(row.sealed_key, keyAad(tenantId, subjectKey)) : undefined;
  };
  const created = async (subjectKey: string): Promise<Buffer> => {
    const fresh = randomBytes(KEY_BYTES);
    // Two requests may create one subject's key at once: the first insert wins and both use the stored key.
    await db.run(
      `INSERT INTO subject_keys (tenant_id, subject_key, sealed_key, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant_id, subject_key) DO NOTHING`,
      [tenantId, subjectKey, ring.seal(fresh, keyAad(tenantId, subjectKey)), new Date().toISOString()],
    );
    return (await stored(subjectKey))!;
  };
  const key = (subjectKey: string, create: boolean): Promise<Buffer | undefined> => {
    let found = keys.get(subjectKey);
    if (!found) {
      found = stored(subjectKey);
      keys.set(subjectKey, found);
    }
    if (!create) return found;
    return found
      .then((k) => k ?? created(subjectKey))
      .then((k) => {
        keys.set(subjectKey, Promise.resolve(k));
        return k;
      });
  };

  return {
    async seal(subjectKey, purpose, plain) {
      return sealWith((await key(subjectKey, true))!, plain, valueAad(tenantId, subjectKey, purpose));
    },
    async open(subjectKey, purpose, sealed) {
      const found = await key(subjectKey, false);
      return found ? openWith(found, sealed, valueAad(tenantId, subjectKey, purpose)) : undefined;
    },
    async preload(subjectKeys) {
      const wanted = [...new Set(subjectKeys)].filter((k) => !keys.has(k));
      if (wanted.length === 0) return;
      const rows = await db.all<{ subject_key: string; sealed_key: string }>(
        `SELECT subject_key, sealed_key FROM subject_keys WHERE tenant_id = ? AND subject_key IN (${wanted.map(() => '?').join(', ')})`,
        [tenantId, ...wanted],
      );
      const found = new Map(rows.map((r) => [r.subject_key, r.sealed_key]));
      for (const subjectKey of wanted) {
        const sealed = found.get(subjectKey);
        // A subject without a key has nothing sealed to open: remembered as such, like a single read would.
        // A key the ring cannot open fails its own opens, as a single read would, not the whole preload.
        const opened = Promise.resolve().then(() =>
          sealed ? ring.open(sealed, keyAad(tenantId, subjectKey)) : undefined,
        );
        opened.catch(() => {});
        keys.set(subjectKey, opened);
      }
    },
  };
}

/** Crypto-shredding: the subject's data keys go, and with them every copy of what they sealed. */
export async function shredSubjectKeys(
  db: Queryable,
  tenantId: string,
  subjectKeys: readonly string[],
): Promise<number> {
  let shredded = 0;
  for (const subjectKey of subjectKeys) {
    shredded += (
      await db.run('DELETE FROM subject_keys WHERE tenant_id = ? AND subject_key = ?', [tenantId, subjectKey])
    ).changes;
  }
  return shredded;
}

/**
 * After a master-key rotation (`rotate-master-key`): every data key sealed by an older master key is sealed again
 * by the current one, a page at a time, while the server keeps serving (the ring still opens the old ones).
 */
export async function resealSubjectKeys(db: Queryable, ring: MasterKeyring = masterKeyring()): Promise<number> {
  let resealed = 0;
  let after = '';
  for (;;) {
    const rows = await db.all<{ tenant_id: string; subject_key: string; sealed_key: string }>(
      `SELECT tenant_id, subject_key, sealed_key FROM subject_keys WHERE tenant_id || ' ' || subject_key > ?
       ORDER BY tenant_id || ' ' || subject_key LIMIT 500`,
      [after],
    );
    if (rows.length === 0) return resealed;
    for (const row of rows) {
      after = `${row.tenant_id} ${row.subject_key}`;
      if (ring.keyIdOf(row.sealed_key) === ring.currentId) continue;
      const aad = keyAad(row.tenant_id, row.subject_key);
      await db.run(
        'UPDATE subject_keys SET sealed_key = ? WHERE tenant_id = ? AND subject_key = ? AND sealed_key = ?',
        [ring.seal(ring.open(row.sealed_key, aad), aad), row.tenant_id, row.subject_key, row.sealed_key],
      );
      resealed++;
    }
  }
}
