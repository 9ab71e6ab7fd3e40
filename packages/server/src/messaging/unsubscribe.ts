/**
 * One-click unsubscribe (RFC 8058): every e-mail carries a link whose token names tenant × recipient × channel ×
 * topic. The token is sealed with the server's master keyring (AES-256-GCM, crypto/master-key.ts): the GCM tag is a
 * MAC under a key only the server holds, so a token cannot be forged or altered to reach someone else, and it
 * verifies with no database lookup. Sealing rather than a bare HMAC also keeps the recipient's id out of the URL,
 * which mail scanners, proxies and browser histories record; and a master-key rotation keeps old links working
 * while the previous key stays in the ring.
 *
 * Unsubscribing turns that one topic off on that one channel in the recipient's preferences and appends an audit
 * entry as proof. Not a consent-ledger row: the ledger records decisions about whole channels and categories under a
 * policy version; a `{ email: false }` row would withdraw every e-mail topic, more than the person asked for. The
 * audit log is append-only too, is in the subject's export, and is kept (pseudonymized) after an erasure.
 */
import {
  applyMergePatch,
  CHANNELS,
  type ChannelId,
  defaultPreferences,
  NOTIFICATION_TOPICS,
  type NotificationTopic,
  type PreferencesDocument,
} from '@matbakh/contract';
import { appendAudit } from '../audit.ts';
import { masterKeyring } from '../crypto/master-key.ts';
import type { Db } from '../db.ts';
import { writePreferences } from '../preferences-store.ts';

export interface UnsubscribeClaim {
  tenantId: string;
  /** The preferences' subject key: `u:<userId>` or `a:<anonymousId>`. */
  recipient: string;
  channel: ChannelId;
  topic: NotificationTopic;
}

/** Binds a sealed token to this use: a value sealed for anything else (a tenant secret, a data key) never opens here. */
const AAD = 'unsubscribe:v1';

export const unsubscribeToken = (claim: UnsubscribeClaim, ring = masterKeyring()): string =>
  ring.seal(JSON.stringify([claim.tenantId, claim.recipient, claim.channel, claim.topic]), AAD);

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The claim of a token this server sealed; `undefined` for anything forged, altered, truncated or foreign. */
export function readUnsubscribeToken(token: unknown, ring = masterKeyring()): UnsubscribeClaim | undefined {
  if (typeof token !== 'string' || token.length > 2048) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(ring.open(token, AAD).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length !== 4) return undefined;
  const [tenantId, recipient, channel, topic] = parts as unknown[];
  if (!isText(tenantId) || !isText(recipient) || !/^[ua]:/.test(recipient)) return undefined;
  if (!(CHANNELS as readonly unknown[]).includes(channel)) return undefined;
  if (!(NOTIFICATION_TOPICS as readonly unknown[]).includes(topic)) return undefined;
  return { tenantId, recipient, channel: channel as ChannelId, topic: topic as NotificationTopic };
}

/** The link for the `List-Unsubscribe` header and the mail's footer. */
export const unsubscribeUrl = (publicUrl: string, claim: UnsubscribeClaim, ring = masterKeyring()): string =>
  `${publicUrl}/v1/unsubscribe?token=${encodeURIComponent(unsubscribeToken(claim, ring))}`;

/** The audit entry's subject: the recipient as its key names it (a userId or an anonymousId, never both). */
const auditSubject = (recipient: string) =>
  recipient.startsWith('u:') ? { userId: recipient.slice(2) } : { anonymousId: recipient.slice(2) };

export interface UnsubscribeOutcome {
  /** False when the topic was already off on that channel: nothing was written, no second proof. */
  changed: boolean;
  /** The preferences' version after the call. */
  version: number;
}

/**
 * Turns the topic off on the channel, merged into whatever else the recipient's preferences hold (the store's
 * compare-and-write in one transaction), and appends the proof in that same transaction. Idempotent.
 */
export function applyUnsubscribe(db: Db, claim: UnsubscribeClaim, now: number): Promise<UnsubscribeOutcome> {
  const { tenantId, recipient, channel, topic } = claim;
  return db.transaction(async (tx) => {
    let alreadyOff: number | undefined;
    const outcome = await writePreferences(
      tx,
      tenantId,
      recipient,
      '*',
      (current) => {
        const doc = current?.preferences ?? defaultPreferences();
        if (doc.notifications.channels[channel]?.[topic] === false) {
          alreadyOff = current?.version ?? 0;
          // Refusing the write is how the store's callback leaves the row as it is: no version bump, no proof.
          return { ok: false, error: { field: 'notifications', message: 'already off' } };
        }
        // Only one boolean changes, so the result is as valid as what was stored: an older document that a stricter
        // rule would now refuse must still be able to turn a topic off.
        const patch = { notifications: { channels: { [channel]: { [topic]: false } } } };
        return { ok: true, value: applyMergePatch(doc, patch) as PreferencesDocument };
      },
      now,
    );
    if (alreadyOff !== undefined) return { changed: false, version: alreadyOff };
    if (!outcome.ok) {
      // With '*' and a callback that never refuses, the store has nothing to answer but success.
      throw new Error(`unsubscribe could not update the preferences: ${JSON.stringify(outcome)}`);
    }
    await appendAudit(tx, {
      tenantId,
      at: now,
      actor: 'subject',
      purpose: 'personalization_settings',
      action: 'change',
      target: 'preferences',
      subject: auditSubject(recipient),
      detail: { via: 'one_click_unsubscribe', channel, topic, version: outcome.state.version },
    });
    return { changed: true, version: outcome.state.version };
  });
}
