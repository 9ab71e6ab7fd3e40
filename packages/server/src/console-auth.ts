/**
 * The console's cookie as an alternative to `Authorization: Bearer <admin key>` on the admin routes (auth.ts).
 * A cookie is sent by the browser on its own, so it is only honoured for requests the console itself makes:
 * same origin (Sec-Fetch-Site, else Origin against Host), and for anything but GET/HEAD with the session's
 * `X-CSRF-Token`. No response ever carries `Access-Control-Allow-Credentials`, so another site cannot read one.
 */
import { type ConsoleSession, csrfMatches, sessionCookie, useSession } from './console-sessions.ts';
import type { Ctx, RouteKit } from './route-kit.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Whether the request comes from a page of this server's own origin (not another site, not another port). */
export function isSameOrigin(c: Ctx): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = c.req.header('origin');
  if (origin === undefined) return SAFE_METHODS.has(c.req.method);
  try {
    return new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host);
  } catch {
    return false;
  }
}

export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * The session of the request's console cookie: undefined when there is no cookie (the caller then asks for a
 * key), a Response when the cookie is refused (401 ended session, 403 cross-origin or missing CSRF token).
 */
export async function cookieSession(kit: RouteKit, c: Ctx): Promise<ConsoleSession | Response | undefined> {
  const id = sessionCookie(c.req.header('cookie'));
  if (id === undefined) return undefined;
  if (!isSameOrigin(c)) {
    return kit.fail(c, 403, 'forbidden_origin', 'the console session works only from the console itself', 'origin');
  }
  const session = await useSession(kit.db, id, kit.now());
  if (!session) {
    return kit.fail(c, 401, 'unauthorized', 'the console session has ended: sign in again', 'session');
  }
  if (!SAFE_METHODS.has(c.req.method) && !csrfMatches(session, c.req.header(CSRF_HEADER))) {
    return kit.fail(
      c,
      403,
      'forbidden',
      `send the session's CSRF token in ${CSRF_HEADER} (GET /console/session answers it)`,
      CSRF_HEADER,
    );
  }
  return session;
}
