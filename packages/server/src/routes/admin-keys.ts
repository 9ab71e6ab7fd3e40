/**
 * Key management with the admin key (issue 14 item 4): list the tenant's keys, rotate its secret with an overlap,
 * revoke a key. Never with the secret key: a leaked secret must not be able to mint its successor or revoke the
 * owner's keys.
 */

import { isPlainObject } from '@matbakh/contract';
import { authorizeKey, keyRule } from '../auth.ts';
import { jsonBody } from '../json-body.ts';
import { issueKey, listKeys, revokeKey, rotateSecret } from '../keys.ts';
import type { RouteModule } from '../route-kit.ts';

/** A day: long enough to deploy the new secret to every backend, short enough that a leaked one dies soon. */
export const DEFAULT_OVERLAP_SECONDS = 24 * 60 * 60;
export const MAX_OVERLAP_SECONDS = 30 * 24 * 60 * 60;

// Long because: one route module: the key routes (list, create, rotate, revoke) are registered together.
export const adminKeyRoutes: RouteModule = (app, kit) => {
  const { db, fail } = kit;
  const rule = keyRule(kit, ['admin'], 'manage keys');

  app.get('/v1/admin/keys', async (c) => {
    const auth = await authorizeKey(kit, c, rule);
    if (auth instanceof Response) return auth;
    c.header('Cache-Control', 'no-store');
    return c.json({ keys: await listKeys(db, auth.tenant.id) });
  });

  // A further admin key (a second person, a CI job): shown once; the secret key has its own rotation below.
  app.post('/v1/admin/keys', async (c) => {
    const auth = await authorizeKey(kit, c, rule);
    if (auth instanceof Response) return auth;
    const body = await jsonBody(kit, c, { maxBytes: 1024, field: 'body' });
    if (body instanceof Response) return body;
    if (!isPlainObject(body.value)) return fail(c, 400, 'bad_request', 'body must be a JSON object', 'body');
    const kind = body.value.kind ?? 'admin';
    if (kind !== 'admin') {
      return fail(
        c,
        400,
        'bad_request',
        'kind must be "admin" (rotate the secret with POST /v1/admin/keys/rotate)',
        'kind',
      );
    }
    const made = await issueKey(db, auth.tenant.id, 'admin', kit.now());
    await kit.audit(c, auth.tenant, {
      purpose: 'configuration',
      action: 'admin_change',
      target: 'keys',
      detail: { created: made.record.id },
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ key: made.key, record: made.record }, 201);
  });

  app.post('/v1/admin/keys/rotate', async (c) => {
    const auth = await authorizeKey(kit, c, rule);
    if (auth instanceof Response) return auth;
    const body = await jsonBody(kit, c, { maxBytes: 1024, field: 'body' });
    if (body instanceof Response) return body;
    if (!isPlainObject(body.value)) return fail(c, 400, 'bad_request', 'body must be a JSON object', 'body');
    const overlap = body.value.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
    if (typeof overlap !== 'number' || !Number.isInteger(overlap) || overlap < 0 || overlap > MAX_OVERLAP_SECONDS) {
      return fail(
        c,
        400,
        'bad_request',
        `overlapSeconds must be a whole number from 0 to ${MAX_OVERLAP_SECONDS}`,
        'overlapSeconds',
      );
    }
    const rotation = await rotateSecret(db, auth.tenant.id, overlap * 1000, kit.now());
    kit.logFields(c, { rotatedTo: rotation.record.id, overlapSeconds: overlap });
    await kit.audit(c, auth.tenant, {
      purpose: 'configuration',
      action: 'admin_change',
      target: 'keys',
      detail: { rotatedTo: rotation.record.id, overlapSeconds: overlap, ending: rotation.previous.map((k) => k.id) },
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ secret: rotation.key, key: rotation.record, previous: rotation.previous }, 201);
  });

  app.post('/v1/admin/keys/:id/revoke', async (c) => {
    const auth = await authorizeKey(kit, c, rule);
    if (auth instanceof Response) return auth;
    // One clock reading: the audit entry is written only when this call revoked the key (its revokedAt is now).
    const now = kit.now();
    const result = await revokeKey(db, auth.tenant.id, c.req.param('id'), now);
    c.header('Cache-Control', 'no-store');
    if (!result.ok) {
      return result.reason === 'not_found'
        ? fail(c, 404, 'not_found', 'no key with this id for this tenant (see GET /v1/admin/keys)', 'id')
        : fail(
            c,
            409,
            'precondition_failed',
            "this is the tenant's last active secret: rotate first (POST /v1/admin/keys/rotate), then revoke",
            'id',
          );
    }
    if (result.record.revokedAt === new Date(now).toISOString()) {
      await kit.audit(c, auth.tenant, {
        purpose: 'configuration',
        action: 'admin_change',
        target: 'keys',
        detail: { revoked: result.record.id },
      });
    }
    return c.json({ key: result.record });
  });
};
