/** JSON requests of the privacy layer: no cookies, errors as `Error`s whose message says what and why. */

/** An error of the API: `status` is 0 when the network failed (offline, unreachable, CORS). */
export type ApiError = Error & { status: number };

/** Adds the write key: the API scopes every privacy request to the tenant it identifies. */
export const endpoint = (
  api: string,
  path: string,
  writeKey: string,
  query: Record<string, string | undefined> = {},
) => {
  const params = new URLSearchParams({ writeKey });
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return `${api}${path}?${params}`;
};

export async function request<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const what = `${method} ${new URL(url).pathname}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'omit',
      ...(body !== undefined && {
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
        // Lets a proof of consent given just before leaving the page arrive.
        keepalive: true,
      }),
    });
  } catch (error) {
    throw fail(`${what} failed: network error (${(error as Error)?.message || 'offline?'})`, 0);
  }
  if (response.ok) return (await response.json()) as T;
  let message = response.statusText;
  try {
    const error = ((await response.json()) as { error?: { message?: string } }).error;
    if (error?.message) message = error.message;
  } catch {
    // not our JSON error body: the status text says enough
  }
  throw fail(`${what} failed: ${response.status} ${message}`.trim(), response.status);
}

const fail = (message: string, status: number): ApiError => Object.assign(new Error(`matbakh: ${message}`), { status });
