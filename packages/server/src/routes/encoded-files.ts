/**
 * Built files served from memory (the SDK's script-tag files, the partner console): each body compressed once per
 * build with brotli and gzip, answered in the encoding the client takes, revalidated by a content ETag.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Ctx } from '../route-kit.ts';

export interface EncodedFile {
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
  etag: string;
  /** Subresource Integrity hash of the plain body. */
  integrity: string;
  type: string;
}

export function encodeFile(body: Buffer, type: string): EncodedFile {
  return {
    identity: body,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(body, { level: 9 }),
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    integrity: `sha384-${createHash('sha384').update(body).digest('base64')}`,
    type,
  };
}

/** br if the client takes it, else gzip, else the plain body (`q=0` refuses an encoding). */
export function pickEncoding(header: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Set(
    (header ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
      .map((part) => part.split(';')[0]!.trim()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return 'identity';
}

/**
 * Answers with `file` (304 when the client has it): `Cache-Control: cache`, the ETag, `Vary: Accept-Encoding` and
 * the route's own `headers` (its security policy), on the 304 as on the 200.
 */
export function sendEncoded(c: Ctx, file: EncodedFile, cache: string, headers: Record<string, string>): Response {
  c.header('Cache-Control', cache);
  c.header('ETag', file.etag);
  c.header('Vary', 'Accept-Encoding');
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
  const encoding = pickEncoding(c.req.header('accept-encoding'));
  if (encoding !== 'identity') c.header('Content-Encoding', encoding);
  c.header('Content-Type', file.type);
  return c.body(new Uint8Array(file[encoding]), 200);
}
