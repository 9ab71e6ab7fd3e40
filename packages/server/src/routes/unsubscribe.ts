/**
 * One-click unsubscribe (RFC 8058), the link of every e-mail's `List-Unsubscribe` header:
 * - `POST /v1/unsubscribe?token=…` with the body `List-Unsubscribe=One-Click` (form-encoded or multipart, as a mail
 *   client or the confirmation page sends it) turns the token's topic off on its channel and records the proof
 *   (messaging/unsubscribe.ts). Idempotent: a repeated POST answers the same and records nothing new.
 * - `GET` shows a confirmation page with one button; it never unsubscribes (mail scanners open every link).
 * The token is the whole authorization (no write key: the mail client knows none); a forged, altered or truncated
 * one is refused with 400 naming `token`.
 */
import { localeOf } from '@matbakh/contract';
import { bodyLimit } from 'hono/body-limit';
import { applyUnsubscribe, readUnsubscribeToken, type UnsubscribeClaim } from '../messaging/unsubscribe.ts';
import { confirmPage, donePage, type PageInput } from '../messaging/unsubscribe-page.ts';
import type { App, Ctx, RouteKit } from '../route-kit.ts';
import { findById } from '../tenants.ts';

const PATH = '/v1/unsubscribe';
/** `List-Unsubscribe=One-Click` and a multipart envelope around it fit many times over. */
const MAX_BODY_BYTES = 4096;

// Only the page's own inline style; the form may post back to this server alone.
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The browser's languages from `Accept-Language` (weights ignored: browsers list them in order). */
const browserLocale = (c: Ctx) =>
  localeOf((c.req.header('accept-language') ?? '').split(',').map((part) => part.split(';')[0]));

async function oneClickBody(c: Ctx): Promise<boolean> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return false;
  const body = await c.req.parseBody();
  return body['List-Unsubscribe'] === 'One-Click';
}

export function unsubscribeRoutes(app: App, kit: RouteKit): void {
  /** The token's claim and its tenant, or the error already written. */
  const claimOf = async (c: Ctx): Promise<{ claim: UnsubscribeClaim; page: PageInput } | Response> => {
    const claim = readUnsubscribeToken(c.req.query('token'));
    if (!claim) return kit.fail(c, 400, 'bad_request', 'token is not a valid unsubscribe link', 'token');
    const tenant = await findById(kit.db, claim.tenantId, kit.now());
    if (!tenant) return kit.fail(c, 404, 'not_found', 'the sender of this link no longer exists', 'token');
    c.set('tenantId', tenant.id);
    const page = { locale: browserLocale(c), tenantName: tenant.name, channel: claim.channel, topic: claim.topic };
    return { claim, page };
  };
  const html = (c: Ctx, body: string) => {
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', PAGE_CSP);
    // The URL carries the token: never hand it to another site as a Referer.
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(body);
  };

  app.get(PATH, async (c) => {
    const found = await claimOf(c);
    if (found instanceof Response) return found;
    const action = `${PATH}?token=${encodeURIComponent(c.req.query('token') ?? '')}`;
    return html(c, confirmPage(found.page, action));
  });

  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      kit.fail(c, 413, 'payload_too_large', `body is larger than ${MAX_BODY_BYTES} bytes`, 'List-Unsubscribe'),
  });

  app.post(PATH, limit, async (c) => {
    const found = await claimOf(c);
    if (found instanceof Response) return found;
    if (!(await oneClickBody(c).catch(() => false))) {
      return kit.fail(
        c,
        400,
        'bad_request',
        'send the form body List-Unsubscribe=One-Click (RFC 8058)',
        'List-Unsubscribe',
      );
    }
    const { claim, page } = found;
    const outcome = await applyUnsubscribe(kit.db, claim, kit.now());
    kit.logFields(c, { changed: outcome.changed ? 1 : 0 });
    // The confirmation page's button is a browser asking for a page; a mail client's POST reads the JSON (or nothing).
    if ((c.req.header('accept') ?? '').includes('text/html')) return html(c, donePage(page));
    c.header('Cache-Control', 'no-store');
    return c.json({ unsubscribed: true, channel: claim.channel, topic: claim.topic, changed: outcome.changed });
  });
}
