/**
 * msw handlers implementing the matbakh HTTP API contract, for Storybook and browser/Node unit tests.
 *
 * ```ts
 * const api = createMockApi();
 * const worker = setupWorker(...api.handlers);   // or setupServer(...) in Node
 * await worker.start();
 * api.failNext(503);                             // the next request gets 503 + Retry-After
 * expect(api.messages()).to.have.length(3);      // what the "server" accepted, deduplicated
 * expect(api.ledger()[0].action).to.equal('accept_all'); // the consent ledger (POST /v1/consent)
 * api.setConfig({ ...defaultConfig, consent: { ...defaultConfig.consent, version: 2 } });
 * ```
 *
 * Routes: `GET /v1/config`, `POST /v1/batch`, `POST`/`GET /v1/consent`, `POST /v1/privacy/export`,
 * `POST /v1/privacy/erase`, `GET /v1/privacy/profiling`, `POST /v1/privacy/profiling-objection` (see ./privacy.ts),
 * `GET /v1/search`, `/v1/search/suggestions`, `/v1/search/index` (./search.ts), `GET /v1/insights`,
 * `/v1/insights/forecast`, `/v1/insights/churn`, `POST /v1/insights/win-back` (./insights.ts, ./predictive.ts).
 * The consent and privacy routes need the write key (query
 * `writeKey`, `Authorization: Basic` or the body) and answer 403 for a userId without userHash.
 *
 * Each call of `createMockApi` has its own state, so parallel test files do not see each other's data.
 */
import {
  type BatchRequest,
  type BatchResponse,
  byteLength,
  type ConfigResponse,
  type ConsentLedgerEntry,
  isObject,
  LIMITS,
  type Message,
  validateMessage,
} from '@matbakh/contract';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { defaultConfig } from './config.ts';
import { CORS_HEADERS, errorResponse, readJsonBody, writeKeyOf } from './http.ts';
import { getInsights } from './insights.ts';
import { type PredictiveMock, predictiveRoutes } from './predictive.ts';
import { preferenceRoutes } from './preferences.ts';
import { privacyRoutes } from './privacy.ts';
import { type RecommendationsMock, recommendationRoutes } from './recommendations.ts';
import { type SearchMock, searchRoutes } from './search.ts';

export { FORECAST_START, mockChurn, mockForecast } from './forecast.ts';
export { type InboxMockOptions, inboxRoutes } from './inbox.ts';
export { defaultConfig };

export interface MockApiOptions {
  /** Origin (plus optional path prefix) the client is configured with. Default `http://localhost:8787`. */
  base?: string;
  /** The `GET /v1/config` answer. Default {@link defaultConfig}. */
  config?: ConfigResponse;
  /** When set, `/v1/batch` accepts only this write key; otherwise any non-empty key. */
  writeKey?: string;
}

export interface FailOptions {
  /** Seconds for the `Retry-After` header. Default 1 for 429 and 503, no header for other statuses. */
  retryAfter?: number;
  /** How many of the next requests fail. Default 1. */
  times?: number;
  /** Only requests to this API path fail, e.g. `/v1/batch`. Default: any handled path. */
  path?: string;
}

/** One request that reached the mock, whatever came of it. */
export interface RecordedRequest {
  method: string;
  /** API path without the base, e.g. `/v1/batch`. */
  path: string;
  /** HTTP status answered; 0 for a simulated network error. */
  status: number;
}

export interface MockApi {
  /** Pass to `setupWorker(...)` / `setupServer(...)` or Storybook's `parameters.msw`. */
  readonly handlers: HttpHandler[];
  /** Every batch body the server processed, in arrival order, retries and duplicates included. */
  readonly batches: BatchRequest[];
  /** Every request that reached a handler, failures and network errors included: count retries here. */
  readonly requests: RecordedRequest[];
  /** Recommendation routes: `setMode('ok' | 'empty' | 'error' | 'slow')`, `feedback()` received (./recommendations.ts). */
  readonly recommendations: RecommendationsMock;
  /** Search routes: `setMode('ok' | 'empty' | 'error' | 'slow')` (./search.ts). */
  readonly search: SearchMock;
  /** Forecast, churn and win-back routes (issue 21): `winBacks` lists the groups whose win-back ran (./predictive.ts). */
  readonly predictive: PredictiveMock;
  /** The messages the server accepted, deduplicated by messageId, in arrival order (minus erased ones). */
  messages(): Message[];
  /** The consent ledger, oldest first; erased subjects' rows carry hashed identifiers. */
  ledger(): ConsentLedgerEntry[];
  /** Serves another `GET /v1/config` answer from now on (until {@link MockApi.reset}). */
  setConfig(config: ConfigResponse): void;
  /** Forgets everything received, pending failures, offline mode and a `setConfig`. Arrays keep their identity. */
  reset(): void;
  /** The next request(s) answer `status` with an error body (and `Retry-After` for 429/503). */
  failNext(status: number, options?: FailOptions): void;
  /** Every request fails as a network error (`fetch` rejects) until {@link MockApi.goOnline}. */
  goOffline(): void;
  goOnline(): void;
}

interface PendingFailure {
  status: number;
  retryAfter: number | undefined;
  remaining: number;
  path: string | undefined;
}

// Long because: the mock API's wiring: every route group and its test switches are registered over the shared state
// in one place, as the server's createApp does.
export function createMockApi({
  base = 'http://localhost:8787',
  config = defaultConfig,
  writeKey,
}: MockApiOptions = {}): MockApi {
  const root = base.replace(/\/+$/, '');
  const rootPath = new URL(root).pathname.replace(/\/+$/, '');

  const batches: BatchRequest[] = [];
  const requests: RecordedRequest[] = [];
  const accepted: Message[] = [];
  const seenIds = new Set<string>();
  const ledger: ConsentLedgerEntry[] = [];
  let served = config;
  let failures: PendingFailure[] = [];
  let offline = false;

  const takeFailure = (path: string): PendingFailure | undefined => {
    const failure = failures.find((f) => f.path === undefined || f.path === path);
    if (failure && --failure.remaining <= 0) failures = failures.filter((f) => f !== failure);
    return failure;
  };

  /** Offline mode, scheduled failures and the request log, shared by every route. */
  const route =
    (handle: (request: Request) => Response | Promise<Response>) =>
    async ({ request }: { request: Request }): Promise<Response> => {
      const path = new URL(request.url).pathname.slice(rootPath.length);
      if (offline) {
        requests.push({ method: request.method, path, status: 0 });
        return HttpResponse.error();
      }
      const failure = takeFailure(path);
      const response = failure
        ? errorResponse(failure.status, 'simulated failure (createMockApi().failNext)', {
            retryAfter: failure.retryAfter,
          })
        : await handle(request);
      requests.push({ method: request.method, path, status: response.status });
      return response;
    };

  const getConfig = () => HttpResponse.json(structuredClone(served), { headers: CORS_HEADERS });

  /** The consent and privacy routes answer 401 without the (right) write key. */
  const keyed =
    (handle: (request: Request) => Response | Promise<Response>) =>
    async (request: Request): Promise<Response> => {
      const body = request.method === 'GET' ? undefined : await readJsonBody(request.clone());
      const key = writeKeyOf(request, isObject(body) ? body : {});
      if (!key) return errorResponse(401, 'missing write key (?writeKey=, Authorization: Basic or body.writeKey)');
      if (writeKey !== undefined && key !== writeKey) return errorResponse(401, 'unknown write key');
      return handle(request);
    };
  const preferences = preferenceRoutes();
  const privacy = privacyRoutes({ config: () => served, accepted, ledger, preferences });
  const recommendations = recommendationRoutes();
  // "Your usual" needs the subject's recorded personalization grant, as on the server: the latest ledger entry.
  const predictive = predictiveRoutes();
  const search = searchRoutes(
    (anonymousId) =>
      [...ledger].reverse().find((entry) => entry.anonymousId === anonymousId)?.choices.personalization === true,
  );

  const postBatch = async (request: Request): Promise<Response> => {
    // Read as text and parse whatever the Content-Type: `navigator.sendBeacon` posts text/plain.
    const text = await request.text();
    if (byteLength(text) > LIMITS.maxBatchBytes)
      return errorResponse(413, `batch larger than ${LIMITS.maxBatchBytes} bytes`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return errorResponse(400, 'body is not valid JSON');
    }
    if (!isObject(body) || !Array.isArray(body.batch))
      return errorResponse(400, '`batch` must be an array of messages', { field: 'batch' });
    if (body.batch.length > LIMITS.maxBatchMessages)
      return errorResponse(413, `more than ${LIMITS.maxBatchMessages} messages in one batch`, { field: 'batch' });
    const key = writeKeyOf(request, body);
    if (!key) return errorResponse(401, 'missing write key (Authorization: Basic or body.writeKey)');
    if (writeKey !== undefined && key !== writeKey) return errorResponse(401, 'unknown write key');

    batches.push(body as unknown as BatchRequest);
    const result: BatchResponse = { accepted: 0, duplicate: 0, rejected: 0, errors: [] };
    body.batch.forEach((raw: unknown, index) => {
      const checked = validateMessage(raw, index);
      if (!checked.ok) {
        result.rejected++;
        result.errors.push(checked.error);
      } else if (seenIds.has(checked.value.messageId)) {
        // Retries resend what may already have arrived; the server counts them once (like the real one).
        result.duplicate++;
      } else {
        seenIds.add(checked.value.messageId);
        accepted.push(raw as Message);
        result.accepted++;
      }
    });
    return HttpResponse.json(result, { headers: CORS_HEADERS });
  };

  return {
    handlers: [
      http.get(`${root}/v1/config`, route(getConfig)),
      http.post(`${root}/v1/batch`, route(postBatch)),
      http.post(`${root}/v1/consent`, route(keyed(privacy.postConsent))),
      http.get(`${root}/v1/consent`, route(keyed(privacy.getConsent))),
      http.post(`${root}/v1/privacy/export`, route(keyed(privacy.postExport))),
      http.post(`${root}/v1/privacy/erase`, route(keyed(privacy.postErase))),
      http.get(`${root}/v1/privacy/profiling`, route(keyed(privacy.getProfiling))),
      http.post(`${root}/v1/privacy/profiling-objection`, route(keyed(privacy.postProfilingObjection))),
      http.get(`${root}/v1/insights`, route(keyed(getInsights))),
      ...preferences.handlers(root, (handle) => route(keyed(handle))),
      ...recommendations.handlers(root, (handle) => route(keyed(handle))),
      ...search.handlers(root, (handle) => route(keyed(handle))),
      ...predictive.handlers(root, (handle) => route(keyed(handle))),
    ],
    batches,
    requests,
    recommendations,
    search,
    predictive,
    messages: () => [...accepted],
    ledger: () => ledger.map((entry) => ({ ...entry })),
    setConfig(next) {
      served = next;
    },
    reset() {
      preferences.reset();
      recommendations.reset();
      search.reset();
      predictive.reset();
      batches.length = 0;
      requests.length = 0;
      accepted.length = 0;
      ledger.length = 0;
      served = config;
      seenIds.clear();
      failures = [];
      offline = false;
    },
    failNext(status, { retryAfter, times = 1, path } = {}) {
      if (times < 1) return;
      const defaultRetryAfter = status === 429 || status === 503 ? 1 : undefined;
      failures.push({ status, retryAfter: retryAfter ?? defaultRetryAfter, remaining: times, path });
    },
    goOffline() {
      offline = true;
    },
    goOnline() {
      offline = false;
    },
  };
}
