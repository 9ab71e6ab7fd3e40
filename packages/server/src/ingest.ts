/**
 * What the public ingest route (`POST /v1/batch`) checks beyond the message format, before anything is stored:
 *
 * - **Identity**: a `userId` needs `context.userHash` = HMAC-SHA256(tenant secret, userId). Without a valid one the
 *   userId (and the bogus hash) is dropped and the message kept as the anonymous visitor's (`unverified`); a message
 *   left with no identifier at all is rejected alone. So nobody can write into another user's history.
 * - **Group membership**: a `group` message counts for owner data only with `context.groupHash` =
 *   HMAC-SHA256(secret, userId + ':' + groupId) for a verified userId (`groupProof: 'group_hash'`).
 * - **Consent**: every message the SDK sends is collected under `analytics`; it is stored only when the subject's
 *   newest ledger decision grants that category (`refused` otherwise, also when no decision is recorded).
 *
 * Sent with the tenant's **secret key** (the partner's backend, e.g. analytics-node configured with the `sk_…`), the
 * sender vouches: userIds and groups count as proven, and a message is stored unless the subject's newest decision
 * refuses `analytics` (the partner's own consent tool decided; a refusal recorded here still wins).
 */
import type { JsonObject, MessageRejection, ValidMessage } from '@matbakh/contract';
import { ConsentLookup } from './consent-gate.ts';
import type { Db } from './db.ts';
import type { IngestMessage } from './events.ts';
import { verifyGroupHash } from './insights.ts';
import { userHashMatches } from './subject.ts';
import type { Tenant } from './tenants.ts';

export interface Screened {
  store: IngestMessage[];
  refused: number;
  /** The messages refused for want of consent (the live event debugger shows them). */
  consentRefused: ValidMessage[];
  unverified: number;
  errors: MessageRejection[];
}

/** The proofs travel in `context`; they are checked here, and a failed one is not stored. */
function withoutProofs(context: JsonObject, keep: { userHash: boolean; groupHash: boolean }): JsonObject {
  const { userHash, groupHash, ...rest } = context;
  const out: JsonObject = rest;
  if (keep.userHash && userHash !== undefined) out.userHash = userHash;
  if (keep.groupHash && groupHash !== undefined) out.groupHash = groupHash;
  return out;
}

/** Who sent the batch: a browser with the publishable write key, or the partner's backend with the secret key. */
export type Sender = 'browser' | 'server';

function vouched(m: ValidMessage): IngestMessage {
  const message: IngestMessage = { ...m, context: withoutProofs(m.context, { userHash: false, groupHash: false }) };
  if (m.type === 'group' && m.groupId !== undefined) message.groupProof = 'server';
  return message;
}

function screenIdentity(tenant: Tenant, m: ValidMessage): { message: IngestMessage; unverified: boolean } {
  const userVerified = m.userId !== undefined && userHashMatches(tenant.secrets, m.userId, m.context.userHash);
  const groupVerified =
    userVerified &&
    m.type === 'group' &&
    m.groupId !== undefined &&
    verifyGroupHash(
      tenant.secrets,
      m.userId!,
      m.groupId,
      typeof m.context.groupHash === 'string' ? m.context.groupHash : undefined,
    );
  const message: IngestMessage = {
    ...m,
    context: withoutProofs(m.context, { userHash: userVerified, groupHash: groupVerified }),
  };
  if (groupVerified) message.groupProof = 'group_hash';
  if (m.userId === undefined || userVerified) return { message, unverified: false };
  delete message.userId;
  return { message, unverified: true };
}

/** Splits validated messages into what is stored and what is refused, counting each kind. */
export async function screenMessages(
  db: Db,
  tenant: Tenant,
  messages: readonly ValidMessage[],
  sender: Sender = 'browser',
): Promise<Screened> {
  const consent = new ConsentLookup(db, tenant.id);
  const out: Screened = { store: [], refused: 0, consentRefused: [], unverified: 0, errors: [] };
  for (const raw of messages) {
    if (sender === 'server') {
      const message = vouched(raw);
      if (await consent.refused(message, 'analytics')) {
        out.refused++;
        out.consentRefused.push(raw);
      } else out.store.push(message);
      continue;
    }
    const { message, unverified } = screenIdentity(tenant, raw);
    if (message.anonymousId === undefined && message.userId === undefined) {
      out.errors.push({
        index: raw.index,
        messageId: raw.messageId,
        field: `batch[${raw.index}].context.userHash`,
        message:
          'the userId needs its userHash (HMAC-SHA256(tenant secret, userId)); without it and without an anonymousId nothing identifies the message',
      });
      continue;
    }
    if (unverified) out.unverified++;
    if (!(await consent.granted(message, 'analytics'))) {
      out.refused++;
      out.consentRefused.push(raw);
      continue;
    }
    out.store.push(message);
  }
  return out;
}
