import type { BatchResponse, ConfigResponse, ErrorCode, Subject } from '@matbakh/contract';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AuditInput } from './audit.ts';
import type { ServerConfig } from './config.ts';
import type { Db } from './db.ts';
import type { KeyRecord } from './keys.ts';
import type { VerifiedSubject } from './subject.ts';
import type { Tenant } from './tenants.ts';

export type BatchCounts = Pick<BatchResponse, 'accepted' | 'duplicate' | 'rejected' | 'refused' | 'unverified'>;
/** Extra fields of the request log line: counts and kinds only, never identifiers, hashes or bodies. */
export type LogFields = Record<string, string | number>;

export interface AppEnv {
  Variables: {
    tenantId: string | undefined;
    batch: BatchCounts | undefined;
    logFields: LogFields | undefined;
    /** The request's tenant allows its Origin (the CORS rule then needs no scan of every tenant). */
    originAllowed: boolean | undefined;
    /**
     * The answer is a refusal of the write key or of the page's origin (reason only, no tenant data): any origin may
     * read it, so the SDK on a refused page can say why instead of seeing a bare network error (cors.ts).
     */
    readableRefusal: boolean | undefined;
    /** Authorized with the tenant's secret key rather than its publishable write key. */
    serverKey: boolean | undefined;
    /** The secret or admin key a key-authorized route (`/v1/admin/*`, `/v1/import/*`) was called with (auth.ts). */
    apiKey: KeyRecord | undefined;
  };
}

export type App = Hono<AppEnv>;
export type Ctx = Context<AppEnv>;
/** A feature's routes, in its own module (`routes/<feature>.ts`): `(app, kit) => { app.get('/v1/…', …) }`. */
export type RouteModule = (app: App, kit: RouteKit) => void;
/** What a route says about an audited access; who and when the kit fills in. */
export type AuditRecord = Pick<AuditInput, 'purpose' | 'action' | 'target' | 'subject' | 'detail'>;
export type Authorized = { tenant: Tenant; body: unknown };
export interface BodyOptions {
  maxBytes: number;
  /** Accept `?writeKey=` before reading the body (routes a browser calls with fetch). */
  queryKey: boolean;
  /** The field an unreadable body is reported as. */
  field: string;
  /**
   * Where the shape limits (depth, NUL, `__proto__`: `checkJsonShape`) apply: to the whole body (default), or to
   * each message of a batch (the route checks them, so one bad message is rejected alone).
   */
  shape?: 'body' | 'messages';
}

/**
 * What a route module gets from `createApp`: the shared checks every `/v1` route runs, so a feature adds its
 * routes in its own file (`registerXRoutes(app, kit)`) without re-implementing auth, CORS, limits or errors.
 * Every helper that returns `Response` has already written the error: return it as is.
 */
export interface RouteKit {
  db: Db;
  config: ServerConfig;
  /** The app's clock (ms); tests pin it. */
  now: () => number;
  /** `{error:{code,message,field?}}` with the status. */
  fail(c: Ctx, status: ContentfulStatusCode, code: ErrorCode, message: string, field?: string): Response;
  /** Write key → tenant, origin rule, rate limit. */
  authorize(c: Ctx, writeKey: string | undefined): Promise<Tenant | Response>;
  /** The write key from `Authorization: Basic` or `?writeKey=`, then `authorize`. */
  authorizeRequest(c: Ctx): Promise<Tenant | Response>;
  /** Write key (header, query or body field `writeKey`) and the JSON body, size-limited. */
  authorizeWithBody(c: Ctx, options: BodyOptions): Promise<Authorized | Response>;
  /** Body options for subject-scoped routes (16 KiB, query key allowed). */
  subjectBody: BodyOptions;
  /** userHash check: 403 when a userId comes without a matching HMAC. */
  verify(c: Ctx, tenant: Tenant, subject: Subject): VerifiedSubject | Response;
  /** `?anonymousId=&userId=&userHash=` → verified subject (400 / 403 otherwise). */
  subjectFromQuery(c: Ctx, tenant: Tenant): VerifiedSubject | Response;
  /**
   * The tenant of `Authorization: Bearer <secret key>`, then its origin rule and rate limit: the admin routes
   * (401 naming `Authorization` otherwise).
   */
  authorizeAdmin(c: Ctx): Promise<Tenant | Response>;
  /** Appends to the audit log (audit.ts); the actor follows from the request's key and the subject. */
  audit(c: Ctx, tenant: Tenant, entry: AuditRecord): Promise<void>;
  /** Adds counts (never identifiers) to the request's log line. */
  logFields(c: Ctx, fields: Record<string, string | number>): void;
  /** Adds a feature's part of `GET /v1/config` (rules, experiments, default layouts, …) for a tenant. */
  addConfig(section: (tenant: Tenant) => Partial<ConfigResponse>): void;
  /** Every feature's part of `GET /v1/config` for a tenant, merged in registration order. */
  configSections(tenant: Tenant): Partial<ConfigResponse>;
}
