import { DEFAULT_RETENTION_DAYS } from '@matbakh/contract';
import { masterKeyring } from './crypto/master-key.ts';
import type { Db, Queryable } from './db.ts';
import { demoConfig } from './demo/tenant-config.ts';
import { activeSecrets, findKey, issueKey, type KeyRecord, pseudonymAad } from './keys.ts';
import { isOriginAllowed, normalizeOrigin } from './origins.ts';
import { randomBase62 } from './random.ts';
import type { TenantConfigDocument } from './tenant-config/document.ts';
import { starterConfig } from './tenant-config/starter.ts';
import { appendVersion, publishedConfig } from './tenant-config/store.ts';
import type { Tenant } from './tenant-record.ts';

export type { Tenant } from './tenant-record.ts';

export interface CreateTenantInput {
  name: string;
  origins: string[];
  /** When given and already stored, that tenant's name and origins are updated instead (idempotent seeding). */
  writeKey?: string;
  /** Days to keep tracked events; omitted: the default on creation, unchanged on update. */
  retentionDays?: number;
  /** A new tenant's first configuration; default the starter (welcome tour, two example rules). */
  config?: (origins: string[]) => TenantConfigDocument;
}

/** Who writes the configuration versions `create-tenant` stores (the audit log's author). */
const CREATE_TENANT = { actor: 'system', id: 'create-tenant' } as const;

/** Ten years: beyond that a value is more likely a typo than a policy. */
export const MAX_RETENTION_DAYS = 3660;

export const DEMO_WRITE_KEY = 'pk_demo_partner_site';
export const DEMO_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

export { randomBase62 } from './random.ts';

const WRITE_KEY = /^pk_[A-Za-z0-9_-]{1,100}$/;

export { isOriginAllowed, normalizeOrigin } from './origins.ts';

interface TenantRow {
  id: string;
  name: string;
  write_key: string;
  secret: string;
  allowed_origins: string;
  retention_days: number | null;
  created_at: string;
  pseudonym_key: string | null;
}

/** The row with its secrets opened; `now` decides which of them are still valid. */
async function fromRow(db: Queryable, row: TenantRow, now: number): Promise<Tenant> {
  const secrets = await activeSecrets(db, row.id, now);
  // A row from before keys had their own table still holds its secret in plain text until adoptPlainSecrets runs.
  if (row.secret !== '' && !secrets.includes(row.secret)) secrets.push(row.secret);
  return {
    id: row.id,
    name: row.name,
    writeKey: row.write_key,
    secret: secrets[0] ?? '',
    secrets,
    pseudonymKey:
      row.pseudonym_key === null
        ? row.secret
        : masterKeyring().open(row.pseudonym_key, pseudonymAad(row.id)).toString('utf8'),
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    retentionDays: row.retention_days ?? DEFAULT_RETENTION_DAYS,
    createdAt: row.created_at,
  };
}

export async function findByWriteKey(db: Queryable, writeKey: string, now = Date.now()): Promise<Tenant | undefined> {
  const row = await db.get<TenantRow>('SELECT * FROM tenants WHERE write_key = ?', [writeKey]);
  return row ? fromRow(db, row, now) : undefined;
}

export async function findById(db: Queryable, id: string, now = Date.now()): Promise<Tenant | undefined> {
  const row = await db.get<TenantRow>('SELECT * FROM tenants WHERE id = ?', [id]);
  return row ? fromRow(db, row, now) : undefined;
}

/** Secret keys look like `sk_…`; a write key never does (`pk_…`). */
export const isSecretKey = (key: string): boolean => key.startsWith('sk_');

/** The tenant and the active key (secret or admin, see keys.ts) a caller presented; undefined when none matches. */
export async function findByKey(
  db: Queryable,
  presented: string,
  now = Date.now(),
): Promise<{ tenant: Tenant; key: KeyRecord } | undefined> {
  const key = await findKey(db, presented, now);
  const tenant = key && (await findById(db, key.tenantId, now));
  return key && tenant ? { tenant, key } : undefined;
}

/** The tenant whose active secret key (`sk_…`) this is: a partner's backend authenticating server-to-server. */
export async function findBySecret(db: Queryable, secret: string, now = Date.now()): Promise<Tenant | undefined> {
  const found = await findByKey(db, secret, now);
  return found?.key.kind === 'secret' ? found.tenant : undefined;
}

/** Used by CORS preflights, which carry no write key: the origin only has to be allowed by some tenant. */
export async function isOriginKnown(db: Db, origin: string): Promise<boolean> {
  const rows = await db.all<{ allowed_origins: string }>('SELECT allowed_origins FROM tenants');
  return rows.some((row) => isOriginAllowed(JSON.parse(row.allowed_origins) as string[], origin));
}

/** A tenant as `createTenant` answers it: a new one carries its admin key, shown this once (only a hash is kept). */
export type CreatedTenant = Tenant & { adminKey?: string };

export async function createTenant(db: Db, input: CreateTenantInput): Promise<CreatedTenant> {
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

  return db.transaction(async (tx): Promise<CreatedTenant> => {
    const existing = input.writeKey === undefined ? undefined : await findByWriteKey(tx, input.writeKey);
    if (existing) {
      await tx.run(
        'UPDATE tenants SET name = ?, allowed_origins = ?, retention_days = coalesce(?, retention_days) WHERE id = ?',
        [name, JSON.stringify(origins), retentionDays ?? null, existing.id],
      );
      await storeOrigins(tx, existing.id, origins, input.config);
      return { ...existing, name, allowedOrigins: origins, retentionDays: retentionDays ?? existing.retentionDays };
    }
    const id = `ten_${randomBase62(16)}`;
    const createdAt = new Date().toISOString();
    // tenants.secret stays '': the secret lives hashed and sealed in api_keys.
    await tx.run(
      `INSERT INTO tenants (id, name, write_key, secret, allowed_origins, retention_days, created_at)
       VALUES (?, ?, ?, '', ?, ?, ?)`,
      [id, name, input.writeKey ?? `pk_${randomBase62(24)}`, JSON.stringify(origins), retentionDays ?? null, createdAt],
    );
    const created = Date.parse(createdAt);
    const secret = await issueKey(tx, id, 'secret', created);
    const admin = await issueKey(tx, id, 'admin', created);
    // The first secret is also the pseudonymization key for good: rotations leave pseudonyms matchable.
    await tx.run('UPDATE tenants SET pseudonym_key = ? WHERE id = ?', [
      masterKeyring().seal(secret.key, pseudonymAad(id)),
      id,
    ]);
    await appendVersion(tx, id, {
      config: (input.config ?? starterConfig)(origins),
      action: 'seed',
      by: CREATE_TENANT,
      at: created,
    });
    const tenant = await findById(tx, id, created);
    if (!tenant) throw new Error(`tenant ${id} vanished while being created`);
    return { ...tenant, adminKey: admin.key };
  });
}

/**
 * `create-tenant` on an existing tenant changes its origins: stored as a new configuration version when they differ
 * from the published ones. A tenant from before configurations were stored gets `config` (when given) seeded.
 */
async function storeOrigins(
  tx: Db,
  tenantId: string,
  origins: string[],
  config: CreateTenantInput['config'],
): Promise<void> {
  const published = await publishedConfig(tx, tenantId);
  const at = Date.now();
  if (!published) {
    if (config) await appendVersion(tx, tenantId, { config: config(origins), action: 'seed', by: CREATE_TENANT, at });
    return;
  }
  if (JSON.stringify(published.config.origins) === JSON.stringify(origins)) return;
  await appendVersion(tx, tenantId, {
    config: { ...published.config, origins },
    action: 'publish',
    by: CREATE_TENANT,
    at,
  });
}

/** The tenant the examples and the demo page use; safe to run on every start (its published configuration stays). */
export function seedDemoTenant(db: Db): Promise<Tenant> {
  return createTenant(db, {
    name: 'Demo partner site',
    origins: DEMO_ORIGINS,
    writeKey: DEMO_WRITE_KEY,
    config: demoConfig,
  });
}
