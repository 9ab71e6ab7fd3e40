import { checkJsonShape, parseJson } from '@matbakh/contract';
import { readBody } from './http.ts';
import type { Ctx, RouteKit } from './route-kit.ts';

/**
 * The size-limited JSON body of a key-authorized route (admin, import), shape limits checked before any recursive
 * work. `ndjson`: a body sent as `application/x-ndjson` (one JSON value per line) is read as the array of its lines.
 * A Response means refused (413/400 naming `field`).
 */
export async function jsonBody(
  kit: RouteKit,
  c: Ctx,
  options: { maxBytes: number; field: string; ndjson?: boolean },
): Promise<{ value: unknown } | Response> {
  const { fail } = kit;
  const body = await readBody(c.req.raw, options.maxBytes);
  if (!body.ok) {
    return body.reason === 'too_large'
      ? fail(c, 413, 'payload_too_large', `body is larger than ${options.maxBytes} bytes: split it`, options.field)
      : fail(c, 400, 'bad_request', 'body could not be read: UTF-8, plain or gzip/deflate-encoded', options.field);
  }
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  let value: unknown;
  if (options.ndjson && /^application\/(x-)?ndjson\b/.test(type)) {
    const rows: unknown[] = [];
    for (const [i, line] of body.text.split('\n').entries()) {
      if (line.trim() === '') continue;
      const parsed = parseJson(line);
      if (!parsed.ok) {
        return fail(
          c,
          400,
          'bad_request',
          `line ${i + 1}: ${parsed.error.message}`,
          `${options.field}[${rows.length}]`,
        );
      }
      rows.push(parsed.value);
    }
    value = rows;
  } else {
    // An empty body is an empty object: `POST /v1/admin/keys/rotate` with every option left at its default.
    const parsed = body.text.trim() === '' ? { ok: true as const, value: {} } : parseJson(body.text);
    if (!parsed.ok) return fail(c, 400, 'bad_request', parsed.error.message, options.field);
    value = parsed.value;
  }
  const shape = checkJsonShape(value, options.field);
  if (shape) return fail(c, 400, 'bad_request', shape.message, shape.field);
  return { value };
}
