/**
 * Versions and the draft of a tenant's configuration (tables `tenant_config_versions`, `tenant_config_drafts`).
 * A version is never changed: publishing and rolling back both append one, with its author (the key id, or the
 * command that wrote it) and time; the newest is the published configuration. The draft is one row per tenant,
 * a full document, dropped when it is published. The tenant's allowed origins are copied onto its row on every
 * publish, so the origin check of each browser request stays one indexed read.
 */
import type { AuditActor } from '@matbakh/contract';
import { appendAudit } from '../audit.ts';
import type { Db, Queryable } from '../db.ts';
import { checkDocument, type TenantConfigDocument } from './document.ts';
import { nextPolicyVersion } from './policy-version.ts';
import { legacyConfig } from './starter.ts';

export type VersionAction = 'seed' | 'publish' | 'rollback';

/** Who changes a configuration: the audit log's actor, and the id stored as the author (a key id, or a command). */
export interface Author {
  actor: AuditActor;
  id: string;
}

/** Every change of a tenant's configuration, in the audit log with its author, written with the change itself. */
export function auditChange(
  db: Queryable,
  tenantId: string,
  by: Author,
  at: number,
  detail: Record<string, string | number | boolean>,
) {
  return appendAudit(db, {
    tenantId,
    at,
    actor: by.actor,
    actorId: by.id,
    purpose: 'configuration',
    action: 'admin_change',
    target: 'config',
    detail,
  });
}

export interface ConfigVersion {
  version: number;
  policyVersion: number;
  action: VersionAction;
  /** The key id (`key_…`) that published it, or `create-tenant`, `cli`, `seed-demo`. */
  author: string;
  createdAt: string;
  /** For a rollback: the version whose document it restored. */
  restored?: number;
}

export interface PublishedConfig extends ConfigVersion {
  config: TenantConfigDocument;
}

export interface Draft {
  config: TenantConfigDocument;
  /** The published version the draft started from. */
  baseVersion: number;
  author: string;
  updatedAt: string;
}

interface VersionRow {
  version: number;
  policy_version: number;
  action: VersionAction;
  author: string;
  created_at: string;
  restored: number | null;
  doc?: string;
}

const META = 'version, policy_version, action, author, created_at, restored';

function meta(row: VersionRow): ConfigVersion {
  return {
    version: Number(row.version),
    policyVersion: Number(row.policy_version),
    action: row.action,
    author: row.author,
    createdAt: row.created_at,
    ...(row.restored === null ? {} : { restored: Number(row.restored) }),
  };
}

function withDoc(row: VersionRow): PublishedConfig {
  return { ...meta(row), config: JSON.parse(row.doc ?? '{}') as TenantConfigDocument };
}

/** The newest version (the published configuration); undefined for a tenant from before configurations existed. */
export async function publishedConfig(db: Queryable, tenantId: string): Promise<PublishedConfig | undefined> {
  const row = await db.get<VersionRow>(
    `SELECT ${META}, doc FROM tenant_config_versions WHERE tenant_id = ? ORDER BY version DESC LIMIT 1`,
    [tenantId],
  );
  return row && withDoc(row);
}

export async function configVersion(
  db: Queryable,
  tenantId: string,
  version: number,
): Promise<PublishedConfig | undefined> {
  const row = await db.get<VersionRow>(
    `SELECT ${META}, doc FROM tenant_config_versions WHERE tenant_id = ? AND version = ?`,
    [tenantId, version],
  );
  return row && withDoc(row);
}

/** Every version, newest first, without their documents. */
export async function listVersions(db: Queryable, tenantId: string): Promise<ConfigVersion[]> {
  const rows = await db.all<VersionRow>(
    `SELECT ${META} FROM tenant_config_versions WHERE tenant_id = ? ORDER BY version DESC`,
    [tenantId],
  );
  return rows.map(meta);
}

export async function readDraft(db: Queryable, tenantId: string): Promise<Draft | undefined> {
  const row = await db.get<{ doc: string; base_version: number; author: string; updated_at: string }>(
    'SELECT doc, base_version, author, updated_at FROM tenant_config_drafts WHERE tenant_id = ?',
    [tenantId],
  );
  return (
    row && {
      config: JSON.parse(row.doc) as TenantConfigDocument,
      baseVersion: Number(row.base_version),
      author: row.author,
      updatedAt: row.updated_at,
    }
  );
}

export async function writeDraft(db: Queryable, tenantId: string, draft: Draft): Promise<void> {
  await db.run(
    `INSERT INTO tenant_config_drafts (tenant_id, doc, base_version, author, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (tenant_id) DO UPDATE SET doc = excluded.doc, base_version = excluded.base_version,
       author = excluded.author, updated_at = excluded.updated_at`,
    [tenantId, JSON.stringify(draft.config), draft.baseVersion, draft.author, draft.updatedAt],
  );
}

export async function dropDraft(db: Queryable, tenantId: string): Promise<boolean> {
  return (await db.run('DELETE FROM tenant_config_drafts WHERE tenant_id = ?', [tenantId])).changes > 0;
}

/**
 * Holds the tenant's configuration until the transaction ends: read-modify-write of the draft and version numbers
 * never interleave. SQLite runs one write transaction at a time anyway; PostgreSQL locks the tenant row.
 */
export async function lockTenant(tx: Queryable, tenantId: string): Promise<void> {
  await tx.get(`SELECT id FROM tenants WHERE id = ?${tx.dialect === 'postgres' ? ' FOR UPDATE' : ''}`, [tenantId]);
}

/** The policy version `next` would be published with after `current` (see policy-version.ts). */
export async function policyVersionFor(
  db: Queryable,
  tenantId: string,
  current: { config: TenantConfigDocument; policyVersion: number } | undefined,
  next: TenantConfigDocument,
  reask: boolean,
): Promise<number> {
  const highest = await db.get<{ top: number | null }>(
    'SELECT max(policy_version) AS top FROM tenant_config_versions WHERE tenant_id = ?',
    [tenantId],
  );
  return nextPolicyVersion({
    current: current && { policy: current.config.consent, policyVersion: current.policyVersion },
    next: next.consent,
    highest: Number(highest?.top ?? 0),
    reask,
  });
}

/**
 * Appends `config` as the tenant's newest version in one transaction (copying its origins onto the tenant row, and
 * dropping the draft it came from), with the policy version `nextPolicyVersion` decides. Concurrent publishes of one tenant
 * queue on the tenant row (PostgreSQL) or the database (SQLite): version numbers never collide.
 */
export function appendVersion(
  db: Db,
  tenantId: string,
  input: {
    config: TenantConfigDocument;
    action: VersionAction;
    by: Author;
    at: number;
    reask?: boolean;
    restored?: number;
    /** Publishing the draft: drop it with the publish. Anything else leaves a draft alone (now stale: see service). */
    fromDraft?: boolean;
  },
): Promise<PublishedConfig> {
  const checked = checkDocument(input.config);
  // The API checks every section before it gets here: a bad document now is a bug, not bad input.
  if (!checked.ok) throw new Error(`configuration is invalid: ${checked.error.field}: ${checked.error.message}`);
  return db.transaction(async (tx) => {
    await lockTenant(tx, tenantId);
    const current = await publishedConfig(tx, tenantId);
    // A tenant from before stored configurations was served the legacy one, under policy version 1.
    const before =
      current ??
      (input.action === 'seed' ? undefined : { config: legacyConfig(checked.value.origins), policyVersion: 1 });
    const version: ConfigVersion = {
      version: (current?.version ?? 0) + 1,
      policyVersion: await policyVersionFor(tx, tenantId, before, checked.value, input.reask === true),
      action: input.action,
      author: input.by.id,
      createdAt: new Date(input.at).toISOString(),
      ...(input.restored === undefined ? {} : { restored: input.restored }),
    };
    await tx.run(`INSERT INTO tenant_config_versions (tenant_id, ${META}, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
      tenantId,
      version.version,
      version.policyVersion,
      version.action,
      version.author,
      version.createdAt,
      version.restored ?? null,
      JSON.stringify(checked.value),
    ]);
    await tx.run('UPDATE tenants SET allowed_origins = ? WHERE id = ?', [
      JSON.stringify(checked.value.origins),
      tenantId,
    ]);
    if (input.fromDraft) await dropDraft(tx, tenantId);
    // A seed is the tenant's creation, not a change of it: its version row (author, time) is the record.
    if (input.action === 'seed') return { ...version, config: checked.value };
    await auditChange(tx, tenantId, input.by, input.at, {
      change: input.action,
      version: version.version,
      policyVersion: version.policyVersion,
      policyBumped: version.policyVersion !== before?.policyVersion,
      ...(version.restored === undefined ? {} : { restored: version.restored }),
    });
    return { ...version, config: checked.value };
  });
}
