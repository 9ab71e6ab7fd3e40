/**
 * Campaigns through the admin API (issue 19 item 6), admin key or console session only: list, create, read,
 * replace, delete (drafts only), start and pause, preview per locale, test-send to oneself, results. Every change
 * is in the audit log with the key that made it (campaign-store.ts). See docs/admin-api.md, "Campaigns".
 */
import {
  type Campaign,
  type CampaignListResponse,
  type CampaignPreviewResponse,
  isPlainObject,
  LOCALES,
  type Locale,
  MESSAGE_FIELDS,
  type MessageFields,
  validateCampaignInput,
} from '@matbakh/contract';
import { jsonBody } from '../json-body.ts';
import { campaignResults } from '../messaging/campaign-results.ts';
import {
  audited,
  changeCampaignStatus,
  createCampaign,
  deleteDraftCampaign,
  getCampaign,
  listCampaigns,
  replaceCampaign,
  type StatusChange,
} from '../messaging/campaign-store.ts';
import { fillText } from '../messaging/render.ts';
import { queueTestSend } from '../messaging/test-send.ts';
import type { Ctx, RouteModule } from '../route-kit.ts';
import { adminGate } from './admin-gate.ts';

/** A campaign with three locales of 1,000-character bodies and twenty rules is ~10 KiB. */
export const CAMPAIGN_MAX_BODY_BYTES = 64 * 1024;
/** What a preview fills in when the admin gives no sample fields. */
export const SAMPLE_FIELDS: Readonly<MessageFields> = {
  firstName: 'Lina',
  restaurant: 'Falafel Haus',
  dish: 'Falafel',
  city: 'Berlin',
  orders: 12,
  daysSinceLastOrder: 21,
};

type Parsed<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

/** Sample fields of a preview: known names, text of at most 100 characters or finite numbers. */
export function parsePreview(raw: unknown): Parsed<{ fields: MessageFields; locales: readonly Locale[] }> {
  if (!isPlainObject(raw)) return { ok: false, field: 'body', message: 'body must be a JSON object' };
  for (const key of Object.keys(raw)) {
    if (key !== 'fields' && key !== 'locale') {
      return {
        ok: false,
        field: key.slice(0, 40),
        message: `${key.slice(0, 40)} is not a preview setting (fields, locale)`,
      };
    }
  }
  let locales: readonly Locale[] = LOCALES;
  if (raw.locale !== undefined) {
    if (!(LOCALES as readonly unknown[]).includes(raw.locale)) {
      return { ok: false, field: 'locale', message: `locale must be one of ${LOCALES.join(', ')}` };
    }
    locales = [raw.locale as Locale];
  }
  if (raw.fields === undefined) return { ok: true, value: { fields: SAMPLE_FIELDS, locales } };
  if (!isPlainObject(raw.fields))
    return { ok: false, field: 'fields', message: 'fields must be an object of sample values' };
  const fields: MessageFields = {};
  for (const [name, value] of Object.entries(raw.fields)) {
    const field = `fields.${name.slice(0, 40)}`;
    if (!(MESSAGE_FIELDS as readonly string[]).includes(name)) {
      return { ok: false, field, message: `${field} is not a placeholder (${MESSAGE_FIELDS.join(', ')})` };
    }
    const ok =
      (typeof value === 'string' && value.length <= 100) || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) return { ok: false, field, message: `${field} must be text of at most 100 characters or a number` };
    fields[name as keyof MessageFields] = value as string | number;
  }
  return { ok: true, value: { fields, locales } };
}

/** The campaign's texts per locale as a recipient would read them (plain text: the console shows it as text). */
export function previewOf(
  campaign: Campaign,
  sample: MessageFields,
  locales: readonly Locale[],
): CampaignPreviewResponse {
  const fields = Object.fromEntries(Object.entries(sample).map(([name, value]) => [name, String(value)]));
  const previews = locales.flatMap((locale) => {
    const content = campaign.content[locale];
    if (!content) return [];
    return [
      {
        locale,
        title: fillText(content.title, fields),
        body: fillText(content.body, fields),
        ...(content.url === undefined ? {} : { url: content.url }),
      },
    ];
  });
  return { previews };
}

// Long because: one route module: the campaign routes are registered together, each a few lines of validate, store
// and answer.
export const campaignRoutes: RouteModule = (app, kit) => {
  const { db, fail } = kit;
  const admin = adminGate(kit, 'manage campaigns');

  const notFound = (c: Ctx) => fail(c, 404, 'not_found', 'no such campaign (see GET /v1/admin/campaigns)', 'id');

  /** The request's campaign input, validated; a Response when refused. */
  const input = async (c: Ctx) => {
    const body = await jsonBody(kit, c, { maxBytes: CAMPAIGN_MAX_BODY_BYTES, field: 'campaign' });
    if (body instanceof Response) return body;
    const parsed = validateCampaignInput(body.value);
    if (!parsed.ok) return fail(c, 400, 'bad_request', parsed.error.message, parsed.error.field);
    return parsed.value;
  };

  app.get('/v1/admin/campaigns', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const campaigns = await listCampaigns(db, auth.tenant.id);
    kit.logFields(c, { campaigns: campaigns.length });
    return c.json<CampaignListResponse>({ campaigns });
  });

  app.post('/v1/admin/campaigns', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const value = await input(c);
    if (value instanceof Response) return value;
    return c.json<Campaign>(await createCampaign(db, auth.tenant.id, value, auth.by, kit.now()), 201);
  });

  app.get('/v1/admin/campaigns/:id', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const found = await getCampaign(db, auth.tenant.id, c.req.param('id'));
    return found ? c.json<Campaign>(found) : notFound(c);
  });

  app.put('/v1/admin/campaigns/:id', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const value = await input(c);
    if (value instanceof Response) return value;
    const saved = await replaceCampaign(db, auth.tenant.id, c.req.param('id'), value, auth.by, kit.now());
    return saved ? c.json<Campaign>(saved) : notFound(c);
  });

  app.delete('/v1/admin/campaigns/:id', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const outcome = await deleteDraftCampaign(db, auth.tenant.id, c.req.param('id'), auth.by, kit.now());
    if (outcome === 'not_found') return notFound(c);
    if (outcome === 'not_draft') {
      return fail(c, 409, 'precondition_failed', 'only a draft can be deleted: pause the campaign instead', 'status');
    }
    return c.json({ deleted: true });
  });

  const status = (change: StatusChange) => async (c: Ctx) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const outcome = await changeCampaignStatus(db, auth.tenant.id, c.req.param('id') ?? '', change, auth.by, kit.now());
    if (outcome.ok) return c.json<Campaign>(outcome.campaign);
    if (outcome.reason === 'not_found') return notFound(c);
    return fail(c, 409, 'precondition_failed', 'only a running campaign can be paused', 'status');
  };
  app.post('/v1/admin/campaigns/:id/start', status('start'));
  app.post('/v1/admin/campaigns/:id/pause', status('pause'));

  app.post('/v1/admin/campaigns/:id/preview', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const body = await jsonBody(kit, c, { maxBytes: 4096, field: 'body' });
    if (body instanceof Response) return body;
    const parsed = parsePreview(body.value);
    if (!parsed.ok) return fail(c, 400, 'bad_request', parsed.message, parsed.field);
    const found = await getCampaign(db, auth.tenant.id, c.req.param('id'));
    if (!found) return notFound(c);
    return c.json<CampaignPreviewResponse>(previewOf(found, parsed.value.fields, parsed.value.locales));
  });

  app.post('/v1/admin/campaigns/:id/test-send', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const body = await jsonBody(kit, c, { maxBytes: 4096, field: 'body' });
    if (body instanceof Response) return body;
    const raw = isPlainObject(body.value) ? body.value : {};
    const { userId, ...preview } = raw;
    if (typeof userId !== 'string' || userId.length === 0 || userId.length > 200) {
      return fail(c, 400, 'bad_request', 'userId must be your own user id on the site (1–200 characters)', 'userId');
    }
    const parsed = parsePreview(preview);
    if (!parsed.ok) return fail(c, 400, 'bad_request', parsed.message, parsed.field);
    const found = await getCampaign(db, auth.tenant.id, c.req.param('id'));
    if (!found) return notFound(c);
    const fields = Object.fromEntries(Object.entries(parsed.value.fields).map(([k, v]) => [k, String(v)]));
    const recipient = `u:${userId}`;
    const at = kit.now();
    const queued = await db.transaction(async (tx) => {
      await audited(tx, auth.tenant.id, auth.by, at, 'test_send', found.id);
      return queueTestSend(tx, auth.tenant.id, found, recipient, fields, at);
    });
    return c.json({ jobId: queued.jobId, recipient, channels: found.channels }, 202);
  });

  app.get('/v1/admin/campaigns/:id/results', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const found = await getCampaign(db, auth.tenant.id, c.req.param('id'));
    if (!found) return notFound(c);
    return c.json(await campaignResults(db, auth.tenant.id, found.id, found.channels));
  });
};
