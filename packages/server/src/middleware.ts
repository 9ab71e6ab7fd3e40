import type { MiddlewareHandler } from 'hono';
import type { Logger } from './log.ts';
import type { AppEnv, RouteKit } from './route-kit.ts';

type Middleware = MiddlewareHandler<AppEnv>;

/** One log line per request: counts and kinds only (`kit.logFields`), never identifiers, hashes or bodies. */
export function requestLog(log: Logger): Middleware {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    log({
      level: status >= 500 ? 'error' : 'info',
      msg: 'request',
      method: c.req.method,
      // The path only: query strings can carry a write key, which has no place in logs.
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      tenantId: c.get('tenantId'),
      ...c.get('batch'),
      ...c.get('logFields'),
    });
  };
}

/** No query value may carry NUL (PostgreSQL's text cannot hold it): refused before any route reads one. */
export function refuseNulInQuery(kit: RouteKit): Middleware {
  return async (c, next) => {
    for (const [name, values] of Object.entries(c.req.queries())) {
      if (name.includes('\u0000') || values.some((value) => value.includes('\u0000'))) {
        const field = name.replaceAll('\u0000', '');
        return kit.fail(c, 400, 'bad_request', 'query parameters must not contain NUL characters', field);
      }
    }
    await next();
  };
}

/** Every body here is JSON or the demo page: never let a browser sniff it into something executable. */
export const noSniff: Middleware = async (c, next) => {
  c.header('X-Content-Type-Options', 'nosniff');
  await next();
};
