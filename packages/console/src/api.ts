/**
 * The console's one way to the server: same-origin fetch with the session cookie, the CSRF token on every request,
 * JSON errors turned into {@link ApiError}. A 401 means the session ended: `onSessionEnd` sends the person back to
 * Sign in. A 404 with `not_found` on a route the server does not have becomes `notAvailable` (pages built for
 * endpoints that a server version may not have yet say so instead of failing).
 */

export interface SessionInfo {
  tenant: { id: string; name: string; writeKey?: string; allowedOrigins?: string[] };
  keyId: string;
  keyHint: string;
  csrfToken: string;
  expiresAt: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field: string | undefined,
    readonly body: unknown,
    readonly path: string,
  ) {
    super(message);
  }
  /** The server has no such route (an older server): the page says "not available on this server". */
  get notAvailable(): boolean {
    return this.status === 404 && /^no route for /.test(this.message);
  }
}

interface ErrorShape {
  error?: { message?: unknown; field?: unknown };
}

export class Api {
  csrfToken = '';
  /** Called once per ended session (401 from any request but the sign-in itself). */
  onSessionEnd: () => void = () => {};

  constructor(private readonly fetcher: typeof fetch = (input, init) => fetch(input, init)) {}

  async request<T>(method: string, path: string, body?: BodyInit | object, contentType?: string): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let payload: BodyInit | undefined;
    if (body instanceof Blob || typeof body === 'string') {
      payload = body;
      if (contentType) headers['content-type'] = contentType;
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await this.fetcher(path, {
      method,
      headers,
      credentials: 'same-origin',
      // What the console shows must be current (GET /v1/catalog is cacheable for pages, not for its editor).
      cache: 'no-store',
      ...(payload === undefined ? {} : { body: payload }),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    if (!res.ok) {
      const error = (json as ErrorShape | null)?.error;
      const message = typeof error?.message === 'string' ? error.message : `HTTP ${res.status}`;
      const field = typeof error?.field === 'string' ? error.field : undefined;
      if (res.status === 401 && path !== '/console/session') this.onSessionEnd();
      throw new ApiError(res.status, message, field, json, path.split('?')[0] ?? path);
    }
    return json as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  async session(): Promise<SessionInfo | undefined> {
    try {
      const info = await this.request<SessionInfo>('GET', '/console/session');
      this.csrfToken = info.csrfToken;
      return info;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return undefined;
      throw error;
    }
  }

  async signIn(key: string): Promise<SessionInfo> {
    const info = await this.request<SessionInfo>('POST', '/console/session', { key });
    this.csrfToken = info.csrfToken;
    return info;
  }

  async signOut(): Promise<void> {
    await this.request('DELETE', '/console/session');
    this.csrfToken = '';
  }
}
