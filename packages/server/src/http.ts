import type { ErrorBody, ErrorCode } from '@matbakh/contract';

export function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'unreadable' };

/** Content-Encodings a body may arrive in: server-side Segment and RudderStack SDKs can gzip their batches. */
const DECODINGS: Record<string, 'gzip' | 'deflate'> = { gzip: 'gzip', 'x-gzip': 'gzip', deflate: 'deflate' };

/** The body as sent, decoded; `undefined` for an encoding we cannot read. */
function decodedBody(request: Request): ReadableStream<Uint8Array> | null | undefined {
  const encoding = (request.headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity' || !request.body) return request.body;
  const format = DECODINGS[encoding];
  return format === undefined ? undefined : request.body.pipeThrough(new DecompressionStream(format));
}

/**
 * Reads at most `maxBytes`, counting real bytes: Content-Length may be missing (chunked) or lie, and buffering an
 * unbounded body first would let one request exhaust memory. A gzip/deflate body counts its decoded bytes, so a small
 * request that inflates to gigabytes is cut off at the same cap.
 */
export async function readBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: 'too_large' };
  const body = decodedBody(request);
  if (body === undefined) return { ok: false, reason: 'unreadable' };
  if (!body) return { ok: true, text: '' };

  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, reason: 'too_large' };
      }
      chunks.push(value);
    }
    // fatal: broken UTF-8 is refused rather than stored with replacement characters.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size)) };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

/** The user name of `Authorization: Basic base64(user:password)`; Segment puts the write key there, password empty. */
export function basicAuthUser(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const user = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
  return user === '' ? undefined : user;
}
