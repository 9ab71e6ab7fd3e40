import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DEFAULT_RETENTION_DAYS } from '@matbakh/contract';
import type { Db } from './db.ts';

export interface Tenant {
  id: string;
  name: string;
  /** Publishable: it ships in partners' pages, so it only identifies the tenant; origins are the guard. */
  writeKey: string;
  /** Never leaves the server except on creation: signs `userHash` on the partner's backend. */
  secret: string;
  allowedOrigins: string[];
  /** Tracked events older than this are purged; the contract's DEFAULT_RETENTION_DAYS unless set. */
  retentionDays: number;
  createdAt: string;
}

export interface CreateTenantInput {
  name: string;
  origins: string[];
  /** When given and already stored, that tenant's name and origins are updated instead (idempotent seeding). */
  writeKey?: string;
  /** Days to keep tracked events; omitted: the default on creation, unchanged on update. */
  retentionDays?: number;
}

/** Ten years: beyond that a value is more likely a typo than a policy. */
export const MAX_RETENTION_DAYS = 3660;

export const DEMO_WRITE_KEY = 'pk_demo_partner_site';
export const DEMO_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Uniform base62: bytes ≥ 248 are dropped because 248 = 4 × 62 and a plain `% 62` would favour the first digits. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

const WRITE_KEY = /^pk_[A-Za-z0-9_-]{1,100}$/;
// scheme://host[:port|:*], no path: that is exactly what browsers put in the Origin header.
const ORIGIN_PATTERN = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#\s@]+)(?::(\d{1,5}|\*))?\/?$/i;

/** Lower-cases scheme and host and drops a trailing slash so stored patterns compare with Origin headers as-is. */
export function normalizeOrigin(origin: string): string {
  const trimmed = origin.trim();
  if (trimmed === '*') return trimmed;
  const match = ORIGIN_PATTERN.exec(trimmed);
  if (!match) throw new Error(`invalid origin "${origin}": expected "*" or scheme://host[:port|:*]`);
  const [, scheme, host, port] = match;
  return `${scheme!.toLowerCase()}://${host!.toLowerCase()}${port === undefined ? '' : `:${port}`}`;
}

/**
 * Exact match, `*` for any origin, or `scheme://host:*` for any port of that host (dev servers pick ports freely).
 * The `:` after the host is required, so `http://localhost:*` never matches `http://localhost.evil.test`.
 */
export function isOriginAllowed(allowed: readonly string[], origin: string): boolean {
  const candidate = origin.toLowerCase();
  return allowed.some((pattern) => {
    if (pattern === '*') return true;
    if (pattern.endsWith(':*')) {
      const base = pattern.slice(0, -2);
      if (candidate === base) return true;
      return candidate.startsWith(`${base}:`) && /^\d{1,5}$/.test(candidate.slice(base.length + 1));
    }
    return candidate === pattern;
  });
}

interface TenantRow {
  id: string;
  name: string;
  write_key: string;
  secret: string;
  allowed_origins: string;
  retention_days: number | null;
  created_at: string;
}

function fromRow(row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    writeKey: row.write_key,
    secret: row.secret,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    retentionDays: row.retention_days ?? DEFAULT_RETENTION_DAYS,
    createdAt: row.created_at,
  };
}

export async function findByWriteKey(db: Db, writeKey: string): Promise<Tenant | undefined> {
  const row = await db.get<TenantRow>('SELECT * FROM tenants WHERE write_key = ?', [writeKey]);
  return row ? fromRow(row) : undefined;
}

/** Secret keys look like `sk_…`; a write key never does (`pk_…`). */
export const isSecretKey = (key: string): boolean => key.startsWith('sk_');

/**
 * The tenant whose secret key this is: a partner's backend authenticating server-to-server. The stored secret is
 * compared again in constant time, so the answer's timing says nothing about how much of a guess was right.
 */
export async function findBySecret(db: Db, secret: string): Promise<Tenant | undefined> {
  const row = await db.get<TenantRow>('SELECT * FROM tenants WHERE secret = ?', [secret]);
  if (!row) return undefined;
  const given = Buffer.from(secret, 'utf8');
  const stored = Buffer.from(row.secret, 'utf8');
  return given.length === stored.length && timingSafeEqual(given, stored) ? fromRow(row) : undefined;
}

/** Used by CORS preflights, which carry no write key: the origin only has to be allowed by some tenant. */
export async function isOriginKnown(db: Db, origin: string): Promise<boolean> {
  const rows = await db.all<{ allowed_origins: string }>('SELECT allowed_origins FROM tenants');
  return rows.some((row) => isOriginAllowed(JSON.parse(row.allowed_origins) as string[], origin));
}

export async function createTenant(db: Db, input: CreateTenantInput): Promise<Tenant> {
  const name = input.name.trim();
  if (name === '' || name.length > 200) throw new Error('tenant name must be 1 to 200 characters');
  const origins = [...new Set(input.origins.map(normalizeOrigin))];
  if (origins.length === 0) throw new Error('a tenant needs at least one allowed origin');
  if (input.writeKey !== undefined && !WRITE_KEY.test(input.writeKey)) {
    throw new Error(`invalid write key "${input.writeKey}": expected pk_ followed by 1 to 100 of [A-Za-z0-9_-]`);
  }
  const { retentionDays } = input;
  if (
    retentionDays !== undefined &&
    (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS)
  ) {
    throw new Error(`invalid retention "${retentionDays}": expected whole days from 1 to ${MAX_RETENTION_DAYS}`);
  }

  return db.transaction(async (tx): Promise<Tenant> => {
    const existing = input.writeKey === undefined ? undefined : await findByWriteKey(tx, input.writeKey);
    if (existing) {
      await tx.run(
        'UPDATE tenants SET name = ?, allowed_origins = ?, retention_days = coalesce(?, retention_days) WHERE id = ?',
        [name, JSON.stringify(origins), retentionDays ?? null, existing.id],
      );
      return { ...existing, name, allowedOrigins: origins, retentionDays: retentionDays ?? existing.retentionDays };
    }
    const tenant: Tenant = {
      id: `ten_${randomBase62(16)}`,
      name,
      writeKey: input.writeKey ?? `pk_${randomBase62(24)}`,
      secret: `sk_${randomBase62(40)}`,
      allowedOrigins: origins,
      retentionDays: retentionDays ?? DEFAULT_RETENTION_DAYS,
      createdAt: new Date().toISOString(),
    };
    await tx.run(
      `INSERT INTO tenants (id, name, write_key, secret, allowed_origins, retention_days, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        tenant.id,
        tenant.name,
        tenant.writeKey,
        tenant.secret,
        JSON.stringify(origins),
        retentionDays ?? null,
        tenant.createdAt,
      ],
    );
    return tenant;
  });
}

/** The tenant the examples and the demo page use; safe to run on every start. */
export function seedDemoTenant(db: Db): Promise<Tenant> {
  return createTenant(db, { name: 'Demo partner site', origins: DEMO_ORIGINS, writeKey: DEMO_WRITE_KEY });
}
