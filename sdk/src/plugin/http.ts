/**
 * The one HTTP helper of the plugins: JSON to the matbakh API, no cookies, the write key on every URL, and one
 * error type. Each plugin bundle has its own copy (`definePlugin` builds it), so `instanceof ApiError` holds
 * inside a plugin even when the host came from another file.
 */

/**
 * `offline`: network error, or `navigator.onLine === false` with `skipWhenOffline`; `timeout`; `server`: 5xx, 408,
 * 429 (worth retrying); `rejected`: other 4xx; `invalid`: the answer is not JSON.
 */
export type ApiErrorCode = 'offline' | 'timeout' | 'server' | 'rejected' | 'invalid';

/** A failed request: `status` is 0 when no answer came (offline, unreachable, CORS, timeout). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  /** The answer's JSON body, if any (a 412 carries the server's current document). */
  readonly body: unknown;
  constructor(message: string, code: ApiErrorCode, status = 0, body?: unknown) {
    super(`matbakh: ${message}`);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.body = body;
  }
}

export type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  /** Added to the URL after the write key; empty and undefined values are left out. */
  query?: Query;
  /** Sent as JSON. A POST body is sent with `keepalive`: a proof or feedback given just before leaving arrives. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Gives up after this long (`timeout`). */
  timeoutMs?: number;
  /** Fails at once with `offline` when the browser says it is offline (the caller has a fallback). */
  skipWhenOffline?: boolean;
  /** The caller's cancellation (a newer keystroke): the request is aborted and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The consent proof itself: sent at once, where every other request waits for it (see `createHttp`'s `hold`). */
  proof?: boolean;
}

export interface Http {
  /** `api + path ? writeKey=…&query`: the API scopes every request to the tenant of the write key. */
  url(path: string, query?: Query): string;
  /** The parsed JSON answer; rejects with an {@link ApiError} naming the request, status and server message. */
  request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options?: RequestOptions): Promise<T>;
}

/**
 * `hold`: the consent gate's (`ConsentGate.hold`), settling once the server has the proof of the visitor's latest
 * decision. The server answers by its ledger, not by what a request claims, so a request sent right after "Accept
 * all" but before the proof would be answered as if nothing were allowed ("you have not allowed personalization").
 */
export function createHttp(api: string, writeKey: string, hold?: () => Promise<unknown>): Http {
  const url = (path: string, query: Query = {}) => {
    const params = new URLSearchParams({ writeKey });
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') params.set(key, `${value}`);
    return `${api}${path}?${params}`;
  };
  const request = async <T>(method: string, path: string, options: RequestOptions = {}): Promise<T> => {
    if (hold && !options.proof) await hold().catch(() => undefined);
    return send<T>(method, path, url(path, options.query), options);
  };
  return { url, request };
}

async function send<T>(method: string, path: string, url: string, options: RequestOptions): Promise<T> {
  const what = `${method} ${path}`;
  if (options.skipWhenOffline && globalThis.navigator?.onLine === false) {
    throw new ApiError(`${what} failed: offline`, 'offline');
  }
  const abort = new AbortController();
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => abort.abort(), options.timeoutMs);
  options.signal?.throwIfAborted();
  const cancel = () => abort.abort();
  options.signal?.addEventListener('abort', cancel, { once: true });
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'omit',
      signal: abort.signal,
      ...(options.body !== undefined && {
        body: JSON.stringify(options.body),
        headers: { 'Content-Type': 'application/json', ...options.headers },
        keepalive: method === 'POST',
      }),
    });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (abort.signal.aborted) throw new ApiError(`${what} failed: no answer in ${options.timeoutMs} ms`, 'timeout');
    throw new ApiError(`${what} failed: network error (${(error as Error)?.message || 'offline?'})`, 'offline');
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
  const { status } = response;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const code = status >= 500 || status === 408 || status === 429 ? 'server' : 'rejected';
    const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
    throw new ApiError(
      `${what} failed: ${status} ${typeof message === 'string' ? message : response.statusText}`.trim(),
      code,
      status,
      body,
    );
  }
  if (body === undefined) throw new ApiError(`${what} failed: the answer is not JSON`, 'invalid', status);
  return body as T;
}
