import type { RecommendationsError } from './types.ts';

/** A failed request, classified for the caller (fallback or not, what to tell the visitor). */
export class RequestFailed extends Error {
  readonly detail: RecommendationsError;
  constructor(detail: RecommendationsError) {
    super(`matbakh: ${detail.message}`);
    this.detail = detail;
  }
}

/**
 * JSON over fetch without cookies, with a timeout. Rejects with {@link RequestFailed}: `offline` (network
 * error or `navigator.onLine === false`), `timeout`, `server` (5xx, 408, 429), `rejected` (other 4xx),
 * `invalid` (not JSON).
 */
export async function requestJson<T>(url: string, timeoutMs: number, body?: unknown): Promise<T> {
  const what = `${body === undefined ? 'GET' : 'POST'} ${new URL(url).pathname}`;
  if (globalThis.navigator?.onLine === false) throw new RequestFailed({ code: 'offline', message: `${what}: offline` });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'omit',
      signal: abort.signal,
      ...(body !== undefined && {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
        keepalive: true,
      }),
    });
  } catch (error) {
    const timedOut = abort.signal.aborted;
    throw new RequestFailed({
      code: timedOut ? 'timeout' : 'offline',
      message: `${what}: ${timedOut ? `no answer in ${timeoutMs} ms` : `network error (${(error as Error)?.message})`}`,
    });
  } finally {
    clearTimeout(timer);
  }
  const { status } = response;
  if (!response.ok) {
    const retryable = status >= 500 || status === 408 || status === 429;
    throw new RequestFailed({ code: retryable ? 'server' : 'rejected', status, message: `${what}: ${status}` });
  }
  try {
    return (await response.json()) as T;
  } catch {
    throw new RequestFailed({ code: 'invalid', status, message: `${what}: the answer is not JSON` });
  }
}

/** The classified reason of any failure. */
export const detailOf = (error: unknown): RecommendationsError =>
  error instanceof RequestFailed ? error.detail : { code: 'invalid', message: String((error as Error)?.message) };
