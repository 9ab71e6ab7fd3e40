/**
 * The Segment HTTP tracking API, as real clients call it (analytics-next, analytics-node, analytics-python,
 * RudderStack-style SDKs pointed at our host):
 * - batches: `POST /v1/batch` and `/v1/b` (analytics-next's batching mode), body `{ batch, sentAt?, writeKey? }`;
 * - one message: `POST /v1/t|p|i|g|a|s` (analytics-next's default mode) and `/v1/track|page|identify|group|alias|screen`,
 *   the body is the message; its `type` comes from the path when the body has none.
 * Write key from `Authorization: Basic base64(key:)` or the body's `writeKey`; any content type (analytics-next
 * posts `text/plain`). Every route answers a `BatchResponse`, a single message as a batch of one.
 */
import {
  type BatchResponse,
  checkEnvelope,
  isPlainObject,
  LIMITS,
  type MessageRejection,
  validateBatch,
} from '@matbakh/contract';
import { storeMessages } from '../events.ts';
import { screenMessages } from '../ingest.ts';
import { noteBatch, noteRefusal } from '../live/hooks.ts';
import type { BatchCounts, Ctx, RouteKit, RouteModule } from '../route-kit.ts';
import { fromSegmentClient } from '../segment-message.ts';

/** Segment's call types; `screen` has a route, but the contract has no screen message, so it is rejected by type. */
type SegmentType = 'track' | 'page' | 'identify' | 'group' | 'alias' | 'screen';
const SEGMENT_TYPES: readonly SegmentType[] = ['track', 'page', 'identify', 'group', 'alias', 'screen'];

/**
 * One message is at most 32 KiB (LIMITS.maxMessageBytes, checked by the contract on the message itself); the body
 * may carry a pretty-printed message and the write key, so it gets twice that before it is refused unread.
 */
const SINGLE_MAX_BODY_BYTES = 2 * LIMITS.maxMessageBytes;

/** What is stored: the messages as sent, their batch's `sentAt`, and how to name a rejected message's field. */
interface Incoming {
  messages: unknown[];
  sentAt?: string;
  field(rejected: string): string;
}

/** A route's shape: its body cap, the field an unreadable body is reported as, and how its body becomes messages. */
interface Shape {
  maxBytes: number;
  field: string;
  read(c: Ctx, body: unknown): Incoming | Response;
}

const batchShape = (kit: RouteKit): Shape => ({
  maxBytes: kit.config.maxBodyBytes,
  field: 'batch',
  read(c, body) {
    const envelope = checkEnvelope(body);
    if (!envelope.ok) return kit.fail(c, 400, 'bad_request', envelope.error.message, envelope.error.field);
    const { batch, sentAt } = envelope.value;
    const shared = isPlainObject(body) && isPlainObject(body.context) ? body.context : undefined;
    const messages = shared === undefined ? batch : batch.map((message) => withBatchContext(message, shared));
    return { messages, ...(sentAt === undefined ? {} : { sentAt }), field: (field) => field };
  },
});

/**
 * Segment's batch-level `context` is merged into each message's own, which wins field by field. A message whose
 * context is not an object keeps it, so the contract still names that field.
 */
function withBatchContext(message: unknown, shared: Record<string, unknown>): unknown {
  if (!isPlainObject(message)) return message;
  const own = message.context ?? {};
  if (!isPlainObject(own)) return message;
  return { ...message, context: { ...shared, ...own } };
}

/** A single-message body is the message: `batch[0].event` is reported as `event`, `batch[0]` as `body`. */
const singleField = (field: string) => field.replace(/^batch\[0\]\.?/, '') || 'body';

const singleShape = (kit: RouteKit, type: SegmentType): Shape => ({
  maxBytes: Math.min(kit.config.maxBodyBytes, SINGLE_MAX_BODY_BYTES),
  field: 'body',
  read(c, body) {
    if (!isPlainObject(body)) {
      return kit.fail(c, 400, 'bad_request', 'body must be one message (a JSON object)', 'body');
    }
    if (body.type !== undefined && body.type !== type) {
      return kit.fail(c, 400, 'bad_request', `type ${JSON.stringify(body.type)} contradicts the ${type} route`, 'type');
    }
    // The message carries its own sentAt, which the contract reads per message.
    return { messages: [{ ...body, type }], field: singleField };
  },
});

/**
 * The one ingest every route shares: write key, origin and rate limit, the body, then per-message validation by
 * the contract and the trust screening (identity proofs, the subject's consent: `ingest.ts`); rejections are listed
 * one by one, the rest stored once per `(tenant, messageId)`.
 */
async function ingest(c: Ctx, kit: RouteKit, shape: Shape): Promise<Response> {
  const auth = await kit.authorizeWithBody(c, {
    maxBytes: shape.maxBytes,
    queryKey: false,
    field: shape.field,
    shape: 'messages',
  });
  if (auth instanceof Response) return auth;
  const incoming = shape.read(c, auth.body);
  if (incoming instanceof Response) return noteMalformed(c, kit, auth.tenant.id, incoming);

  const retry = Number(c.req.header('x-retry-count'));
  if (Number.isInteger(retry) && retry > 0) kit.logFields(c, { retry });

  const { valid, errors: invalid } = validateBatch(incoming.messages.map(fromSegmentClient));
  const sender = c.get('serverKey') === true ? 'server' : 'browser';
  const screened = await screenMessages(kit.db, auth.tenant, valid, sender);
  const stored = await storeMessages(kit.db, auth.tenant.id, screened.store, kit.now(), incoming.sentAt, sender);
  const errors = [...invalid, ...screened.errors].sort((a, b) => a.index - b.index);
  const counts: BatchCounts = { accepted: stored.accepted, duplicate: stored.duplicate, rejected: errors.length };
  // Present only when not 0: the fields are optional, and a client that predates them sees the same answer.
  if (screened.refused > 0) counts.refused = screened.refused;
  if (screened.unverified > 0) counts.unverified = screened.unverified;
  c.set('batch', counts);
  const rejections = errors.map((e): MessageRejection => ({ ...e, field: incoming.field(e.field) }));
  // The live event debugger (live/): a push into a buffer, written after the response.
  const live = { tenantId: auth.tenant.id, at: kit.now(), path: c.req.path };
  noteBatch(kit.db, live, incoming.messages, screened, rejections);
  return c.json<BatchResponse>({ ...counts, errors: rejections });
}

/** A body of a known tenant that is no batch (or no message): the live event debugger shows the field and why. */
async function noteMalformed(c: Ctx, kit: RouteKit, tenantId: string, refused: Response): Promise<Response> {
  const body = (await refused.clone().json()) as { error?: { field?: string; message?: string } };
  noteRefusal(
    kit.db,
    { tenantId, at: kit.now(), path: c.req.path },
    { reason: 'validation', field: body.error?.field ?? 'body', message: body.error?.message ?? '' },
  );
  return refused;
}

export const segmentRoutes: RouteModule = (app, kit) => {
  const batch = batchShape(kit);
  for (const path of ['/v1/batch', '/v1/b']) app.post(path, (c) => ingest(c, kit, batch));
  for (const type of SEGMENT_TYPES) {
    const single = singleShape(kit, type);
    for (const path of [`/v1/${type}`, `/v1/${type[0]}`]) app.post(path, (c) => ingest(c, kit, single));
  }
};
