import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from './db.ts';
import type { AppEnv } from './route-kit.ts';
import { isOriginKnown } from './tenants.ts';

export const CORS_ALLOW_METHODS = 'GET, POST, PUT, PATCH, OPTIONS';
/**
 * What browser clients send across origins: Segment clients (analytics-next) send `Authorization: Basic` and, on
 * a retry, `X-Retry-Count`; preference writes send `If-Match`; JSON clients `Content-Type`; the inbox stream
 * resumes with `Last-Event-ID`.
 */
export const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, If-Match, Last-Event-ID, X-Retry-Count';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

function varyOnOrigin(c: Context<AppEnv>): void {
  const vary = c.res.headers.get('Vary') ?? '';
  if (!vary.split(',').some((name) => name.trim().toLowerCase() === 'origin')) {
    c.header('Vary', 'Origin', { append: true });
  }
}

/**
 * The API's one CORS rule, for every response (404, 4xx and 500 included) and every preflight: a page whose
 * origin some tenant allows may read the answer. Whether a request is *served* is decided elsewhere — the write
 * key's own origin list (403 `forbidden_origin`), before anything is read or stored — so this rule only lets a
 * browser client see "413", "429 retry in 3 s" or "unknown write key" instead of a bare network error.
 * An origin no tenant knows gets no grant, with one exception: the refusal of a write key or of the page's origin
 * (401 `unauthorized`, 403 `forbidden_origin`, reason only: no tenant data) is readable by any page, so the SDK
 * on a refused page can name the cause instead of "Failed to fetch". That tells a foreign page nothing a non-browser
 * client cannot read anyway (CORS guards a visitor's ambient credentials, and these answers grant none: no
 * `Allow-Credentials`); preflights are still granted only to known origins, so non-simple requests stay blocked.
 */
export function corsRule(db: Db): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    // `originAllowed` is set once the request's own tenant allowed the origin: no need to scan every tenant then.
    // A database that fails here grants nothing: the response itself (often the 5xx saying so) still goes out.
    const grantTo = async (): Promise<string | undefined> => {
      if (origin === undefined) return undefined;
      if (c.get('originAllowed') === true || c.get('readableRefusal') === true) return origin;
      return (await isOriginKnown(db, origin).catch(() => false)) ? origin : undefined;
    };

    if (c.req.method === 'OPTIONS') {
      // A preflight carries no write key, so the tenant's own origin check happens on the real request.
      const granted = await grantTo();
      if (granted !== undefined) {
        c.header('Access-Control-Allow-Origin', granted);
        c.header('Access-Control-Allow-Methods', CORS_ALLOW_METHODS);
        c.header('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS);
        c.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
      }
      c.header('Vary', 'Origin');
      return c.body(null, 204);
    }

    await next();
    varyOnOrigin(c);
    const granted = await grantTo();
    if (granted === undefined) return;
    c.header('Access-Control-Allow-Origin', granted);
    // Without Retry-After exposed, a browser client could not honour a 429 it receives. Routes that expose more
    // (ETag, Content-Disposition) set the header themselves.
    if (!c.res.headers.has('Access-Control-Expose-Headers')) c.header('Access-Control-Expose-Headers', 'Retry-After');
  };
}
