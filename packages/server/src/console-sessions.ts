/**
 * Partner console sessions (issue 16 item 2): a person signs in once with the admin key and then works with a
 * cookie, so the key is not kept in the browser. Only SHA-256 of the session id is stored (a database dump holds
 * no usable session); the CSRF token is kept beside it and must come back in `X-CSRF-Token` on every write.
 *
 * A session ends at the first of: its absolute expiry (12 h after sign-in), 30 minutes without a request, sign-out,
 * or the revocation or expiry of the key it was opened with (checked on every use, not copied).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Db, Queryable } from './db.ts';
import type { KeyRecord } from './keys.ts';
import { randomBase62 } from './random.ts';

export const SESSION_COOKIE = 'mb_console_session';
export const IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Sliding the idle expiry costs a write: once a minute is precise enough for a 30-minute window. */
const TOUCH_AFTER_MS = 60 * 1000;

export interface ConsoleSession {
  tenantId: string;
  key: KeyRecord;
  csrfToken: string;
  createdAt: string;
  /** When the session ends if unused (idle) or at the latest (absolute), whichever is sooner. */
  expiresAt: string;
}

interface SessionRow {
  id_hash: string;
  tenant_id: string;
  key_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  kind: KeyRecord['kind'];
  hint: string;
  key_created_at: string;
  key_expires_at: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const hashId = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');

/** Opens a session for an admin key; the id is returned once (it goes into the cookie) and never stored. */
export async function openSession(
  db: Db,
  key: KeyRecord,
  now: number,
): Promise<{ id: string; session: ConsoleSession }> {
  const id = randomBase62(43);
  const csrfToken = randomBase62(32);
  // Sessions that ended are swept when a new one opens: the table stays small without a scheduled job.
  await db.run('DELETE FROM console_sessions WHERE expires_at <= ? OR last_seen_at <= ?', [
    iso(now),
    iso(now - IDLE_MS),
  ]);
  await db.run(
    `INSERT INTO console_sessions (id_hash, tenant_id, key_id, csrf_token, created_at, last_seen_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [hashId(id), key.tenantId, key.id, csrfToken, iso(now), iso(now), iso(now + ABSOLUTE_MS)],
  );
  return {
    id,
    session: {
      tenantId: key.tenantId,
      key,
      csrfToken,
      createdAt: iso(now),
      expiresAt: iso(Math.min(now + IDLE_MS, now + ABSOLUTE_MS)),
    },
  };
}

/** The live session of a cookie value, its idle expiry slid forward; undefined when it ended for any reason. */
export async function useSession(db: Db, id: string, now: number): Promise<ConsoleSession | undefined> {
  if (id.length === 0 || id.length > 100) return undefined;
  const hash = hashId(id);
  const row = await db.get<SessionRow>(
    `SELECT s.*, k.kind, k.hint, k.created_at AS key_created_at, k.expires_at AS key_expires_at
       FROM console_sessions s JOIN api_keys k ON k.id = s.key_id AND k.tenant_id = s.tenant_id
      WHERE s.id_hash = ? AND s.expires_at > ? AND s.last_seen_at > ?
        AND k.kind = 'admin' AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ?)`,
    [hash, iso(now), iso(now - IDLE_MS), iso(now)],
  );
  if (!row || !timingSafeEqual(Buffer.from(row.id_hash, 'hex'), Buffer.from(hash, 'hex'))) return undefined;
  let lastSeen = Date.parse(row.last_seen_at);
  if (now - lastSeen >= TOUCH_AFTER_MS) {
    await db.run('UPDATE console_sessions SET last_seen_at = ? WHERE id_hash = ?', [iso(now), hash]);
    lastSeen = now;
  }
  return {
    tenantId: row.tenant_id,
    key: {
      id: row.key_id,
      tenantId: row.tenant_id,
      kind: row.kind,
      hint: row.hint,
      createdAt: row.key_created_at,
      ...(row.key_expires_at === null ? {} : { expiresAt: row.key_expires_at }),
    },
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: iso(Math.min(lastSeen + IDLE_MS, Date.parse(row.expires_at))),
  };
}

export async function closeSession(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM console_sessions WHERE id_hash = ?', [hashId(id)]);
}

/** Compares the presented CSRF token with the session's in constant time. */
export function csrfMatches(session: ConsoleSession, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The session cookie's value from a Cookie header. */
export function sessionCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}
