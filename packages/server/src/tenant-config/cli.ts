/**
 * `tenant:config` (cli.ts): the admin API's configuration calls from an operator's shell, on the database directly,
 * through the same service (same checks, versions and audit entries; the author is `cli`). Answers the JSON the API
 * would; a refused change throws an error naming the field.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Db } from '../db.ts';
import { findById } from '../tenants.ts';
import { isSectionName, SECTIONS } from './document.ts';
import { draftOf, editSection, type Outcome, publishDraft, publishedOrLegacy, rollbackTo } from './service.ts';
import { type Author, configVersion, listVersions } from './store.ts';

const CLI: Author = { actor: 'system', id: 'cli' };

function settled<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new Error(`${outcome.error.field}: ${outcome.error.message}`);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function versionNumber(raw: string | undefined): number {
  if (raw === undefined || !/^\d{1,9}$/.test(raw) || Number(raw) < 1) {
    throw new Error('--version must be a version number (see tenant:config versions)');
  }
  return Number(raw);
}

export async function tenantConfigCommand(db: Db, args: string[]): Promise<unknown> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      draft: { type: 'boolean' },
      version: { type: 'string' },
      section: { type: 'string' },
      patch: { type: 'boolean' },
      reask: { type: 'boolean' },
    },
  });
  const [action, ...rest] = positionals;
  if (!values.tenant) throw new Error('tenant:config needs --tenant ID');
  const tenant = await findById(db, values.tenant);
  if (!tenant) throw new Error(`no tenant with id "${values.tenant}" (see create-tenant's tenantId)`);
  const now = Date.now();
  switch (action) {
    case 'get': {
      const found =
        values.version !== undefined
          ? await configVersion(db, tenant.id, versionNumber(values.version))
          : values.draft
            ? await draftOf(db, tenant)
            : await publishedOrLegacy(db, tenant);
      if (!found) throw new Error(`no version ${values.version} (see tenant:config versions)`);
      if (values.section === undefined) return found;
      if (!isSectionName(values.section)) throw new Error(`--section must be one of ${SECTIONS.join(', ')}`);
      return found.config[values.section];
    }
    case 'set': {
      const [section, file] = rest;
      if (!section || !file) throw new Error('tenant:config set needs a SECTION and a FILE.json');
      if (!isSectionName(section)) throw new Error(`SECTION must be one of ${SECTIONS.join(', ')}`);
      const mode = values.patch ? 'patch' : 'replace';
      return settled(await editSection(db, tenant, { section, mode, value: readJson(file) }, CLI, now));
    }
    case 'publish':
      return settled(await publishDraft(db, tenant, { reask: values.reask === true }, CLI, now));
    case 'rollback':
      return settled(await rollbackTo(db, tenant, versionNumber(values.version), CLI, now));
    case 'versions':
      return { versions: await listVersions(db, tenant.id) };
    default:
      throw new Error('tenant:config needs one of get, set, publish, rollback, versions');
  }
}
