import { Hono } from 'hono';
import type { ServerConfig } from './config.ts';
import { corsRule } from './cors.ts';
import { createRouteKit } from './create-route-kit.ts';
import type { Db } from './db.ts';
import { demoRoutes } from './demo/routes.ts';
import { type Logger, silentLogger } from './log.ts';
import { noSniff, refuseNulInQuery, requestLog } from './middleware.ts';
import { defaultSubjectRegistry, type SubjectRegistry } from './privacy.ts';
import { type RateDecision, RateLimiter } from './rate-limit.ts';
import type { App, AppEnv, RouteModule } from './route-kit.ts';
import { adminConfigRoutes } from './routes/admin-config.ts';
import { adminKeyRoutes } from './routes/admin-keys.ts';
import { auditRoutes } from './routes/audit.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { churnRoutes } from './routes/churn.ts';
import { configRoutes } from './routes/config.ts';
import { consentRoutes } from './routes/consent.ts';
import { consoleFileRoutes } from './routes/console-files.ts';
import { consoleSessionRoutes } from './routes/console-session.ts';
import { experimentsConfig } from './routes/experiments.ts';
import { forecastRoutes } from './routes/forecast.ts';
import { healthRoutes } from './routes/health.ts';
import { importRoutes } from './routes/import.ts';
import { inboxRoutes } from './routes/inbox.ts';
import { insightsRoutes } from './routes/insights.ts';
import { kpiRoutes } from './routes/kpis.ts';
import { liveEventRoutes } from './routes/live-events.ts';
import { messageEventRoutes } from './routes/message-events.ts';
import { messageTrackingRoutes } from './routes/message-tracking.ts';
import { registerPreferenceRoutes } from './routes/preferences.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { pushRoutes } from './routes/push.ts';
import { recommendationRoutes } from './routes/recommendations.ts';
import { recommenderAdminRoutes } from './routes/recommender-admin.ts';
import rulesConfig from './routes/rules.ts';
import { sdkFileRoutes } from './routes/sdk-files.ts';
import { searchRoutes } from './routes/search.ts';
import { segmentRoutes } from './routes/segment.ts';
import { streamRoutes } from './routes/stream.ts';
import { unsubscribeRoutes } from './routes/unsubscribe.ts';
import type { WorkerStatus } from './worker.ts';

export type { App, AppEnv, BatchCounts, RouteModule } from './route-kit.ts';

export interface AppOptions {
  db: Db;
  config: ServerConfig;
  log?: Logger;
  /** Clock for receive times and the rate limiter; tests pin it. */
  now?: () => number;
  /** The data sources behind `/v1/privacy/*`; default `defaultSubjectRegistry()`. */
  subjects?: SubjectRegistry;
  /** Feature route modules, registered after the core routes; default `ROUTE_MODULES`. */
  routes?: readonly RouteModule[];
  /** The aggregation worker of this process, or the heartbeat of a separate one (`/health/ready` reports a stall). */
  worker?: WorkerStatus;
  /** Rate limiting per write key; default an in-memory bucket per key (`config.rateLimit`). */
  limiter?: { take(key: string): RateDecision | Promise<RateDecision> };
}

/** The feature route modules of the reference server (preferences, recommendations, …), in registration order. */
export const ROUTE_MODULES: readonly RouteModule[] = [
  registerPreferenceRoutes,
  rulesConfig,
  experimentsConfig(),
  insightsRoutes,
  recommendationRoutes,
  recommenderAdminRoutes,
  adminKeyRoutes,
  importRoutes,
  auditRoutes,
  adminConfigRoutes,
  kpiRoutes,
  campaignRoutes,
  liveEventRoutes(),
  searchRoutes,
  unsubscribeRoutes,
  pushRoutes,
  messageEventRoutes,
  messageTrackingRoutes,
  inboxRoutes,
  streamRoutes(),
  forecastRoutes,
  churnRoutes,
];

/**
 * The reference API: middleware every request passes (log line, NUL-free query, nosniff, CORS), the core routes
 * (health, the Segment tracking API, the SDK files, config, consent, privacy rights, demo), then the feature modules.
 * Every route lives in `routes/<feature>.ts` and gets the shared checks from the route kit (route-kit.ts).
 */
export function createApp({
  db,
  config,
  log = silentLogger,
  now = Date.now,
  subjects = defaultSubjectRegistry(),
  routes = ROUTE_MODULES,
  worker,
  limiter = new RateLimiter({ rate: config.rateLimit, now }),
}: AppOptions): App {
  const app = new Hono<AppEnv>();
  const kit = createRouteKit({ db, config, now, limiter });

  app.use('*', requestLog(log));
  app.use('/v1/*', refuseNulInQuery(kit));
  app.use('*', noSniff);
  // CORS headers on every response and the preflight of every path: one rule, see cors.ts.
  app.use('*', corsRule(db));

  const core: readonly RouteModule[] = [
    healthRoutes(worker),
    // The Segment tracking API (/v1/batch, /v1/b, /v1/t|p|i|g|a|s and long forms).
    segmentRoutes,
    // The script-tag files themselves: the partner snippet loads them from this server.
    sdkFileRoutes(config.sdkDir),
    configRoutes,
    consentRoutes,
    privacyRoutes(subjects),
    demoRoutes,
    // The partner console: its sign-in (before the files, whose catch-all would answer /console/session) and build.
    consoleSessionRoutes,
    consoleFileRoutes(config.consoleDir),
  ];
  for (const register of [...core, ...routes]) register(app, kit);

  app.notFound((c) => kit.fail(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    log({
      level: 'error',
      msg: 'unhandled error',
      method: c.req.method,
      path: c.req.path,
      error: error.message,
      stack: error.stack,
    });
    // The details stay in the log: stack traces and SQL in a response would help an attacker, not the caller.
    return kit.fail(c, 500, 'internal', 'internal server error');
  });
  return app;
}
