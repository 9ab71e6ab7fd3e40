/**
 * The seam between the messaging service (queue, send-time checks, campaigns) and the channels that deliver
 * (in-app, Web Push, e-mail, WhatsApp): the dispatcher has already checked consent, preferences, quiet hours and caps
 * when it calls `send`; an adapter only knows how to reach a recipient on its channel and reports what happened.
 */
import type { ChannelId, Locale, NotificationTopic } from '@matbakh/contract';
import type { Db } from '../db.ts';
import type { Tenant } from '../tenants.ts';

/** The subject key of preferences-store.ts: `u:<userId>` (verified) or `a:<anonymousId>`. */
export type RecipientKey = string;

/**
 * What the dispatcher already read about the recipient with its claim (send-facts.ts), so an adapter need not read
 * it again: `contact` undefined means the recipient has no contact row. Callers without it (tests, a test send)
 * leave it out and the adapter reads for itself.
 */
export interface KnownRecipient {
  contact: { email?: string; phone?: string } | undefined;
  /** The newest consent decision allows an e-mail's open pixel (send-checks.ts `allowsOpenTracking`). */
  openTracking: boolean;
}

/** One rendered message for one recipient on one channel: every text already filled in, plain text. */
export interface OutgoingMessage {
  tenant: Tenant;
  recipient: RecipientKey;
  /** The delivery row (message_deliveries.id): ties opens, clicks and conversions back to the send. */
  deliveryId: number;
  campaignId: string;
  topic: NotificationTopic;
  locale: Locale;
  title: string;
  body: string;
  /** Already sanitised (`safeUrl`). */
  url?: string;
  /** The dispatcher's clock when it sends (ISO); adapters that store a time use it, so tests can fake it. */
  sentAt?: string;
  known?: KnownRecipient;
}

export type SendOutcome =
  | { ok: true; providerId?: string }
  /** `retry`: a transient failure (timeout, 5xx, 429) the queue retries with backoff; otherwise dead-lettered. */
  | { ok: false; retry: boolean; reason: string };

export interface ChannelAdapter {
  readonly id: ChannelId;
  /** Whether the recipient has an address on this channel (a subscription, an e-mail, a phone number). */
  reachable(db: Db, tenantId: string, recipient: RecipientKey, known?: KnownRecipient): Promise<boolean>;
  /** Links a channel adds itself (e-mail's one-click unsubscribe, RFC 8058) are the adapter's own. */
  send(db: Db, message: OutgoingMessage): Promise<SendOutcome>;
  /**
   * Lets go of what the adapter keeps open between sends (e-mail's pooled SMTP connections), so a stopping server
   * or worker process exits; the next send opens them again.
   */
  close?(): void | Promise<void>;
}
