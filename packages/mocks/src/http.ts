import type { ErrorBody, ErrorCode } from '@matbakh/contract';
import { HttpResponse } from 'msw';

const ERROR_CODES: Readonly<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden_origin',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

// A real cross-origin API answers with these; without them a browser hides Retry-After from the client.
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After',
};

export function errorResponse(
  status: number,
  message: string,
  { retryAfter, field, code }: { retryAfter?: number | undefined; field?: string; code?: ErrorCode } = {},
): Response {
  const body: ErrorBody = {
    error: { code: code ?? ERROR_CODES[status] ?? 'internal', message, ...(field ? { field } : {}) },
  };
  const headers: Record<string, string> = { ...CORS_HEADERS };
  if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
  return HttpResponse.json(body, { status, headers });
}

export const json = (body: unknown, status = 200): Response =>
  HttpResponse.json(body as Record<string, unknown>, { status, headers: CORS_HEADERS });

/**
 * The write key from `Authorization: Basic base64(key:)`, the `writeKey` query parameter (config and the
 * privacy endpoints) or, for beacons which cannot set headers, the body.
 */
export function writeKeyOf(request: Request, body: Record<string, unknown> = {}): string | undefined {
  const header = request.headers.get('Authorization');
  if (header?.startsWith('Basic ')) {
    try {
      const key = atob(header.slice(6)).split(':')[0];
      if (key) return key;
    } catch {
      // not base64: treated as missing
    }
  }
  const query = new URL(request.url).searchParams.get('writeKey');
  if (query) return query;
  return typeof body.writeKey === 'string' && body.writeKey !== '' ? body.writeKey : undefined;
}

/** Reads a JSON body whatever the Content-Type; undefined when it is not JSON. */
export async function readJsonBody(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text()) as unknown;
  } catch {
    return undefined;
  }
}
