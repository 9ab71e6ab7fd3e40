/**
 * What an admin does with a tenant's configuration, shared by the admin API (routes/admin-config.ts) and the CLI
 * (`tenant:config`): edit a section of the draft (replace or patch), discard the draft, preview it, publish it,
 * roll back to an earlier version. Each change runs in one transaction with its audit entry; bad input comes back
 * as a `FieldError` naming the field, never as an exception.
 */
import { isPlainObject } from '@matbakh/contract';
import type { Db, Queryable } from '../db.ts';
import type { Tenant } from '../tenants.ts';
import {
  type Checked,
  checkDocument,
  checkSection,
  type ManagedExperiment,
  type SectionName,
  type TenantConfigDocument,
} from './document.ts';
import type { ServedConfig } from './response.ts';
import { legacyConfig } from './starter.ts';
import {
  type Author,
  appendVersion,
  auditChange,
  configVersion,
  type Draft,
  dropDraft,
  lockTenant,
  type PublishedConfig,
  policyVersionFor,
  publishedConfig,
  readDraft,
  writeDraft,
} from './store.ts';

/** Why a change was refused: bad input (400), nothing there (404), or a state that forbids it (409). */
export type Refusal = { status: 400 | 404 | 409 } & { field: string; message: string };
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Refusal };

/** The draft as an admin sees it: the stored one, or (`saved: false`) the published configuration to start from. */
export type DraftView = Draft & { saved: boolean };

const refuse = (status: Refusal['status'], field: string, message: string) => ({
  ok: false as const,
  error: { status, field, message },
});

async function published(db: Queryable, tenant: Tenant): Promise<PublishedConfig> {
  return (
    (await publishedConfig(db, tenant.id)) ?? {
      version: 0,
      policyVersion: 1,
      action: 'seed',
      author: 'legacy',
      createdAt: tenant.createdAt,
      config: legacyConfig(tenant.allowedOrigins),
    }
  );
}

export { published as publishedOrLegacy };

export async function draftOf(db: Queryable, tenant: Tenant): Promise<DraftView> {
  const draft = await readDraft(db, tenant.id);
  if (draft) return { ...draft, saved: true };
  const current = await published(db, tenant);
  return {
    config: current.config,
    baseVersion: current.version,
    author: current.author,
    updatedAt: current.createdAt,
    saved: false,
  };
}

/** RFC 7386 JSON merge patch: objects merge key by key, `null` removes a key, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** `{ upsert: [items], remove: [ids] }` on a list keyed by `id` (`key` for experiments). */
function listPatch(
  list: readonly Record<string, unknown>[],
  patch: unknown,
  idField: 'id' | 'key',
): Checked<unknown[]> {
  const bad = (field: string, message: string) => ({ ok: false as const, error: { field, message } });
  if (!isPlainObject(patch)) return bad('patch', 'a list patch is { "upsert": [ … ], "remove": [ "<id>" ] }');
  const { upsert = [], remove = [], ...rest } = patch;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) return bad(`patch.${unknown.slice(0, 40)}`, 'only "upsert" and "remove" are allowed');
  if (!Array.isArray(upsert)) return bad('patch.upsert', 'upsert must be a list of entries');
  if (!Array.isArray(remove) || !remove.every((id) => typeof id === 'string')) {
    return bad('patch.remove', `remove must be a list of ${idField}s`);
  }
  const out = list.filter((item) => !remove.includes(item[idField] as string));
  for (const [index, item] of upsert.entries()) {
    if (!isPlainObject(item) || typeof item[idField] !== 'string') {
      return bad(`patch.upsert[${index}].${idField}`, `each entry needs its ${idField}`);
    }
    const at = out.findIndex((existing) => existing[idField] === item[idField]);
    if (at >= 0) out[at] = item;
    else out.push(item);
  }
  return { ok: true, value: out };
}

/** `{ add: [origins], remove: [origins] }`. */
function originsPatch(list: readonly string[], patch: unknown): Checked<string[]> {
  const bad = (field: string, message: string) => ({ ok: false as const, error: { field, message } });
  if (!isPlainObject(patch)) return bad('patch', 'an origins patch is { "add": [ … ], "remove": [ … ] }');
  const { add = [], remove = [] } = patch;
  if (!Array.isArray(add) || !add.every((o) => typeof o === 'string')) return bad('patch.add', 'add must list origins');
  if (!Array.isArray(remove) || !remove.every((o) => typeof o === 'string')) {
    return bad('patch.remove', 'remove must list origins');
  }
  const removed = new Set(remove.map((origin) => origin.trim().toLowerCase().replace(/\/$/, '')));
  return { ok: true, value: [...list.filter((origin) => !removed.has(origin)), ...add] };
}

function patched(section: SectionName, current: TenantConfigDocument, patch: unknown): Checked<unknown> {
  switch (section) {
    case 'consent':
    case 'dashboards':
      return { ok: true, value: mergePatch(current[section], patch) };
    case 'origins':
      return originsPatch(current.origins, patch);
    case 'experiments':
      return listPatch(current.experiments as unknown as Record<string, unknown>[], patch, 'key');
    default:
      return listPatch(current[section] as unknown as Record<string, unknown>[], patch, 'id');
  }
}

/** draft → running → stopped, never back: a stopped experiment's results stay those of one run. */
function checkTransitions(next: readonly ManagedExperiment[], live: readonly ManagedExperiment[]): Checked<true> {
  const order = { draft: 0, running: 1, stopped: 2 };
  for (const [index, experiment] of next.entries()) {
    const before = live.find((e) => e.key === experiment.key);
    if (before && order[experiment.status] < order[before.status]) {
      return {
        ok: false,
        error: {
          field: `experiments[${index}].status`,
          message: `experiment ${experiment.key} is ${before.status}: it can go draft → running → stopped, never back`,
        },
      };
    }
  }
  return { ok: true, value: true };
}

/** Replaces (`replace`) or patches (`patch`) one section of the draft; the draft starts as the published config. */
export function editSection(
  db: Db,
  tenant: Tenant,
  edit: { section: SectionName; mode: 'replace' | 'patch'; value: unknown },
  by: Author,
  at: number,
): Promise<Outcome<DraftView>> {
  return db.transaction(async (tx): Promise<Outcome<DraftView>> => {
    await lockTenant(tx, tenant.id);
    const draft = await draftOf(tx, tenant);
    const raw: Checked<unknown> =
      edit.mode === 'patch' ? patched(edit.section, draft.config, edit.value) : { ok: true, value: edit.value };
    if (!raw.ok) return refuse(400, raw.error.field, raw.error.message);
    const checked = checkSection(edit.section, raw.value);
    if (!checked.ok) return refuse(400, checked.error.field, checked.error.message);
    if (edit.section === 'experiments') {
      const live = (await published(tx, tenant)).config.experiments;
      const moves = checkTransitions(checked.value as ManagedExperiment[], live);
      if (!moves.ok) return refuse(409, moves.error.field, moves.error.message);
    }
    const next: Draft = {
      config: { ...draft.config, [edit.section]: checked.value },
      baseVersion: draft.baseVersion,
      author: by.id,
      updatedAt: new Date(at).toISOString(),
    };
    await writeDraft(tx, tenant.id, next);
    await auditChange(tx, tenant.id, by, at, { change: 'draft', section: edit.section, mode: edit.mode });
    return { ok: true, value: { ...next, saved: true } };
  });
}

export function discardDraft(db: Db, tenant: Tenant, by: Author, at: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const dropped = await dropDraft(tx, tenant.id);
    if (dropped) await auditChange(tx, tenant.id, by, at, { change: 'discard' });
    return dropped;
  });
}

/** What publishing the draft would serve: the draft with the policy version it would get. */
export async function previewDraft(db: Queryable, tenant: Tenant): Promise<ServedConfig> {
  const draft = await draftOf(db, tenant);
  const current = await published(db, tenant);
  return { config: draft.config, policyVersion: await policyVersionFor(db, tenant.id, current, draft.config, false) };
}

/**
 * The draft becomes the newest version. Refused when there is no draft, or when another version was published
 * since the draft was started (publishing it would silently undo that one: discard and edit again).
 */
export async function publishDraft(
  db: Db,
  tenant: Tenant,
  options: { reask: boolean },
  by: Author,
  at: number,
): Promise<Outcome<PublishedConfig>> {
  const draft = await readDraft(db, tenant.id);
  if (!draft) return refuse(409, 'draft', 'there is no draft to publish: edit a section first');
  const current = await published(db, tenant);
  if (draft.baseVersion !== current.version) {
    return refuse(
      409,
      'draft',
      `the draft was started from version ${draft.baseVersion}, but version ${current.version} was published since: discard the draft (DELETE /v1/admin/config/draft) and edit again`,
    );
  }
  const version = await appendVersion(db, tenant.id, {
    config: draft.config,
    action: 'publish',
    by,
    at,
    reask: options.reask,
    fromDraft: true,
  });
  return { ok: true, value: version };
}

/** Publishes an earlier version's document again, as a new version (the history stays as it was). */
export async function rollbackTo(
  db: Db,
  tenant: Tenant,
  version: number,
  by: Author,
  at: number,
): Promise<Outcome<PublishedConfig>> {
  const target = await configVersion(db, tenant.id, version);
  if (!target) return refuse(404, 'version', `no version ${version} (see GET /v1/admin/config/versions)`);
  // A version stored under older, looser checks is not published again unchecked: its fault is named instead.
  const valid = checkDocument(target.config);
  if (!valid.ok) {
    return refuse(
      409,
      'version',
      `version ${version} fails today's checks (${valid.error.field}: ${valid.error.message})`,
    );
  }
  const restored = await appendVersion(db, tenant.id, {
    config: target.config,
    action: 'rollback',
    by,
    at,
    restored: version,
  });
  return { ok: true, value: restored };
}
