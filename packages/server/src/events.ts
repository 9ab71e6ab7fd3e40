import type { JsonObject, JsonValue, MessageType, SubjectEvent, ValidMessage } from '@matbakh/contract';
import { subjectCipher } from './crypto/subject-data.ts';
import { openTraits, rowSubjectKey, sealTraits } from './crypto/traits.ts';
import type { Db } from './db.ts';
import { forgetKpiSubject } from './kpis/subject.ts';
import { recordContactsFrom } from './messaging/contacts.ts';
import { deleteEvents, type EventValues, insertEventRows } from './storage/event-rows.ts';
import { subjectPredicate, type VerifiedSubject } from './subject.ts';

/**
 * Segment's clock-skew correction: the client's clock may be off, but the time between the call and the send was
 * measured on that same clock, so it is subtracted from the server's receive time instead.
 */
export function correctTimestamp(timestamp: string, sentAt: string | undefined, receivedAt: number): string {
  const original = Date.parse(timestamp);
  if (sentAt === undefined) return new Date(original).toISOString();
  const corrected = receivedAt - (Date.parse(sentAt) - original);
  // A wildly wrong client clock can push the result outside what Date can hold; keep the client's time then.
  return Number.isFinite(corrected) && Math.abs(corrected) <= 8.64e15
    ? new Date(corrected).toISOString()
    : new Date(original).toISOString();
}

/**
 * Who vouches that a `group` message's user acts for that group (restaurant): `server` for rows the server itself
 * stores (seeds, server-side imports), `group_hash` for a browser message carrying the backend's valid groupHash.
 * A group row without a proof feeds neither membership nor the restaurant's traits (`recommend/aggregates.ts`).
 */
export type GroupProof = 'server' | 'group_hash';

/** A validated message with what the ingest route proved about it. */
export interface IngestMessage extends ValidMessage {
  groupProof?: GroupProof;
  /** An identify's traits sealed with the subject's data key (crypto/traits.ts); `traits` then holds the clear part. */
  sealedTraits?: string;
}

/** `server`: stored by the server's own code (trusted); `browser`: arrived through a public ingest route. */
export type MessageSource = 'server' | 'browser';

export interface StoreResult {
  accepted: number;
  duplicate: number;
}

function eventRow(
  tenantId: string,
  m: IngestMessage,
  source: MessageSource,
  receivedAt: number,
  received: string,
  batchSentAt?: string,
): EventValues {
  const sentAt = m.sentAt ?? batchSentAt;
  const session = m.context.session;
  const sessionId =
    typeof session === 'object' && session !== null && !Array.isArray(session) && typeof session.id === 'string'
      ? session.id
      : null;
  const payload: JsonObject = {};
  if (m.properties !== undefined) payload.properties = m.properties;
  if (m.traits !== undefined) payload.traits = m.traits;
  if (m.sealedTraits !== undefined) payload.sealedTraits = m.sealedTraits;
  if (m.groupId !== undefined) {
    payload.groupId = m.groupId;
    const proof = m.groupProof ?? (source === 'server' ? 'server' : undefined);
    if (proof !== undefined) payload.groupProof = proof;
  }
  if (m.previousId !== undefined) payload.previousId = m.previousId;
  if (m.category !== undefined) payload.category = m.category;
  return [
    tenantId,
    m.messageId,
    m.type,
    m.event ?? null,
    m.name ?? null,
    m.anonymousId ?? null,
    m.userId ?? null,
    sessionId,
    correctTimestamp(m.timestamp, sentAt, receivedAt),
    m.timestamp,
    sentAt ?? null,
    received,
    JSON.stringify(m.context),
    JSON.stringify(payload),
  ];
}

/**
 * One transaction per batch: a crash stores all of it or none, and the insert count tells new from duplicate.
 * Dedup is a unique key on (tenant, messageId) (storage/event-rows.ts), so it holds across instances sharing one
 * database: of two concurrent sends of one message, one inserts and the other waits for it and counts a duplicate.
 */
export async function storeMessages(
  db: Db,
  tenantId: string,
  messages: readonly IngestMessage[],
  receivedAt: number,
  batchSentAt?: string,
  source: MessageSource = 'server',
): Promise<StoreResult> {
  if (messages.length === 0) return { accepted: 0, duplicate: 0 };
  const received = new Date(receivedAt).toISOString();
  const sealed = await sealIdentifyTraits(db, tenantId, messages);
  const rows = sealed.map((m) => eventRow(tenantId, m, source, receivedAt, received, batchSentAt));
  return db.transaction(async (tx) => {
    const accepted = await insertEventRows(tx, rows);
    // Contact points for messaging (e-mail, phone, locale, time zone), with the events they came in.
    await recordContactsFrom(tx, tenantId, messages, receivedAt);
    return { accepted, duplicate: messages.length - accepted };
  });
}

/** A subject's identify traits are personal data: sealed at rest (crypto/traits.ts); a group's are a restaurant's. */
async function sealIdentifyTraits(db: Db, tenantId: string, messages: readonly IngestMessage[]) {
  if (!messages.some((m) => m.type === 'identify' && m.traits !== undefined)) return messages;
  const cipher = subjectCipher(db, tenantId);
  return Promise.all(
    messages.map(async (m): Promise<IngestMessage> => {
      if (m.type !== 'identify' || m.traits === undefined) return m;
      const { traits: _plain, ...rest } = m;
      const subjectKey = rowSubjectKey({ user_id: m.userId, anonymous_id: m.anonymousId });
      return { ...rest, ...(await sealTraits(cipher, subjectKey, m.traits)) };
    }),
  );
}

/** An event as the demo endpoint returns it. */
export interface StoredEvent {
  messageId: string;
  type: MessageType;
  event: string | null;
  name: string | null;
  anonymousId: string | null;
  userId: string | null;
  sessionId: string | null;
  timestamp: string;
  originalTimestamp: string;
  sentAt: string | null;
  receivedAt: string;
  context: JsonObject;
  properties?: JsonObject;
  traits?: JsonObject;
  groupId?: string;
  previousId?: string;
  category?: string;
}

interface EventRow {
  message_id: string;
  type: MessageType;
  event: string | null;
  name: string | null;
  anonymous_id: string | null;
  user_id: string | null;
  session_id: string | null;
  timestamp: string;
  original_timestamp: string;
  sent_at: string | null;
  received_at: string;
  context: string;
  payload: string;
}

export async function latestEvents(db: Db, tenantId: string, limit: number): Promise<StoredEvent[]> {
  // The insertion sequence breaks ties inside one batch, which shares a received_at.
  const rows = await db.all<EventRow>(
    `SELECT * FROM events WHERE tenant_id = ? ORDER BY received_at DESC, ${db.sql.eventSeq} DESC LIMIT ?`,
    [tenantId, limit],
  );
  const cipher = subjectCipher(db, tenantId);
  return Promise.all(
    rows.map(async (row) => ({
      messageId: row.message_id,
      type: row.type,
      event: row.event,
      name: row.name,
      anonymousId: row.anonymous_id,
      userId: row.user_id,
      sessionId: row.session_id,
      timestamp: row.timestamp,
      originalTimestamp: row.original_timestamp,
      sentAt: row.sent_at,
      receivedAt: row.received_at,
      context: JSON.parse(row.context) as JsonObject,
      ...(await openTraits(cipher, rowSubjectKey(row), JSON.parse(row.payload) as { [key: string]: JsonValue })),
    })),
  );
}

export async function countEvents(db: Db, tenantId: string): Promise<number> {
  return (await db.get<{ n: number }>('SELECT count(*) AS n FROM events WHERE tenant_id = ?', [tenantId]))!.n;
}

/** An event as its subject sees it in an export: the contract's fields plus everything else stored about it. */
export interface ExportedEvent extends SubjectEvent {
  anonymousId?: string;
  userId?: string;
  sessionId?: string;
  originalTimestamp: string;
  sentAt?: string;
  traits?: JsonObject;
  groupId?: string;
  previousId?: string;
  category?: string;
}

/** The subject's events, oldest first (an export reads as a history). */
export async function subjectEvents(db: Db, tenantId: string, subject: VerifiedSubject): Promise<ExportedEvent[]> {
  const where = subjectPredicate(subject);
  const rows = await db.all<EventRow>(
    `SELECT * FROM events WHERE tenant_id = ? AND ${where.sql} ORDER BY received_at, ${db.sql.eventSeq}`,
    [tenantId, ...where.params],
  );
  const cipher = subjectCipher(db, tenantId);
  return Promise.all(
    rows.map(async (row) => {
      const { properties, ...payload } = await openTraits(
        cipher,
        rowSubjectKey(row),
        JSON.parse(row.payload) as {
          properties?: JsonObject;
          traits?: JsonObject;
          sealedTraits?: string;
          groupId?: string;
          previousId?: string;
          category?: string;
        },
      );
      // The userHash proves the identity and never expires: an export file is no place for it.
      const { userHash: _proof, ...context } = JSON.parse(row.context) as JsonObject;
      const event: ExportedEvent = {
        messageId: row.message_id,
        type: row.type,
        timestamp: row.timestamp,
        receivedAt: row.received_at,
        originalTimestamp: row.original_timestamp,
        properties: properties ?? {},
        context,
        ...payload,
      };
      if (row.event !== null) event.event = row.event;
      if (row.name !== null) event.name = row.name;
      if (row.anonymous_id !== null) event.anonymousId = row.anonymous_id;
      if (row.user_id !== null) event.userId = row.user_id;
      if (row.session_id !== null) event.sessionId = row.session_id;
      if (row.sent_at !== null) event.sentAt = row.sent_at;
      return event;
    }),
  );
}

export async function deleteSubjectEvents(db: Db, tenantId: string, subject: VerifiedSubject): Promise<number> {
  const where = subjectPredicate(subject);
  await forgetKpiSubject(db, tenantId, subject);
  return deleteEvents(db, tenantId, where.sql, where.params);
}
