/**
 * The tenant's configuration through the admin API (issue 16), admin key only (`Authorization: Bearer ak_…`):
 * read the published configuration and the draft, replace or patch a section of the draft, preview, publish,
 * list versions, roll back. Every change is in the audit log with the key that made it. See docs/admin-api.md.
 */

import { isPlainObject } from '@matbakh/contract';
import { jsonBody } from '../json-body.ts';
import type { Ctx, RouteModule } from '../route-kit.ts';
import { isSectionName, SECTIONS } from '../tenant-config/document.ts';
import { buildConfig } from '../tenant-config/response.ts';
import {
  discardDraft,
  draftOf,
  editSection,
  type Outcome,
  previewDraft,
  publishDraft,
  publishedOrLegacy,
  rollbackTo,
} from '../tenant-config/service.ts';
import { configVersion, listVersions, type PublishedConfig } from '../tenant-config/store.ts';
import { adminGate } from './admin-gate.ts';

/** A whole configuration is a few KiB; 256 KiB leaves room for many rules and locales, never for a data dump. */
export const CONFIG_MAX_BODY_BYTES = 256 * 1024;

// Long because: one route module: the configuration routes (read, draft edits, preview, publish, versions,
// rollback) are registered together around one draft.
export const adminConfigRoutes: RouteModule = (app, kit) => {
  const { db, fail } = kit;
  const admin = adminGate(kit, 'configure the tenant');

  const answer = <T>(c: Ctx, outcome: Outcome<T>, status: 200 | 201 = 200) => {
    if (outcome.ok) return c.json(outcome.value as object, status);
    const { status: code, field, message } = outcome.error;
    return fail(
      c,
      code,
      code === 404 ? 'not_found' : code === 409 ? 'precondition_failed' : 'bad_request',
      message,
      field,
    );
  };

  app.get('/v1/admin/config', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    return c.json(await publishedOrLegacy(db, auth.tenant));
  });

  app.get('/v1/admin/config/draft', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    return c.json(await draftOf(db, auth.tenant));
  });

  const edit = (mode: 'replace' | 'patch') => async (c: Ctx) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const section = c.req.param('section') ?? '';
    if (!isSectionName(section)) {
      return fail(
        c,
        404,
        'not_found',
        `no section "${section.slice(0, 40)}": use one of ${SECTIONS.join(', ')}`,
        'section',
      );
    }
    const body = await jsonBody(kit, c, { maxBytes: CONFIG_MAX_BODY_BYTES, field: section });
    if (body instanceof Response) return body;
    kit.logFields(c, { section, mode });
    return answer(c, await editSection(db, auth.tenant, { section, mode, value: body.value }, auth.by, kit.now()));
  };
  app.put('/v1/admin/config/draft/:section', edit('replace'));
  app.patch('/v1/admin/config/draft/:section', edit('patch'));

  app.delete('/v1/admin/config/draft', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    return c.json({ discarded: await discardDraft(db, auth.tenant, auth.by, kit.now()) });
  });

  app.get('/v1/admin/config/preview', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const served = await previewDraft(db, auth.tenant);
    return c.json(buildConfig(auth.tenant, served, kit.configSections(auth.tenant)));
  });

  app.post('/v1/admin/config/publish', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const body = await jsonBody(kit, c, { maxBytes: 1024, field: 'body' });
    if (body instanceof Response) return body;
    if (!isPlainObject(body.value)) return fail(c, 400, 'bad_request', 'body must be a JSON object', 'body');
    const { reask = false } = body.value;
    if (typeof reask !== 'boolean') return fail(c, 400, 'bad_request', 'reask must be true or false', 'reask');
    const outcome = await publishDraft(db, auth.tenant, { reask }, auth.by, kit.now());
    return answer(c, summary(outcome), 201);
  });

  app.get('/v1/admin/config/versions', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    return c.json({ versions: await listVersions(db, auth.tenant.id) });
  });

  app.get('/v1/admin/config/versions/:version', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const version = versionParam(c.req.param('version'));
    const found = version === undefined ? undefined : await configVersion(db, auth.tenant.id, version);
    if (!found) return fail(c, 404, 'not_found', 'no such version (see GET /v1/admin/config/versions)', 'version');
    return c.json(found);
  });

  app.post('/v1/admin/config/rollback', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const body = await jsonBody(kit, c, { maxBytes: 1024, field: 'body' });
    if (body instanceof Response) return body;
    const raw = isPlainObject(body.value) ? body.value.version : undefined;
    if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 1) {
      return fail(
        c,
        400,
        'bad_request',
        'version must be a version number (see GET /v1/admin/config/versions)',
        'version',
      );
    }
    return answer(c, summary(await rollbackTo(db, auth.tenant, raw, auth.by, kit.now())), 201);
  });
};

const versionParam = (raw: string | undefined): number | undefined =>
  raw !== undefined && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;

/** A publish or rollback answers the new version's metadata (the document is what the caller just sent). */
function summary(outcome: Outcome<PublishedConfig>): Outcome<Omit<PublishedConfig, 'config'>> {
  if (!outcome.ok) return outcome;
  const { config: _config, ...version } = outcome.value;
  return { ok: true, value: version };
}
