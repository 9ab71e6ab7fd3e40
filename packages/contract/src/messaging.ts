/**
 * Personalized touchpoints (issue 19): what the server's messaging service, the admin API, the console and the
 * `<mb-inbox>` / `<mb-push-optin>` elements share. Message texts are plain text with `{field}` placeholders filled
 * from the recipient's personalization fields; nothing from data is ever HTML.
 */
import type { NotificationTopic } from './preferences.ts';
import type { ChannelId, Locale } from './vocabulary.ts';

/** What starts a campaign's sends. */
export type CampaignTrigger =
  /** A regular (≥ `minOrders` orders) has not ordered for `days` days after their usual interval. */
  | { kind: 'lapsed'; days: number; minOrders: number }
  /** An owner insight (health alert) for a restaurant the recipient owns. */
  | { kind: 'insight'; insight: 'health_alert' | 'weekly_report' | 'seasonal' }
  /** On a schedule, in the recipient's time zone: ISO weekday 1–7 (omitted: every day) at local "HH:MM". */
  | { kind: 'schedule'; weekday?: number; at: string }
  /** Once, when the campaign starts (test sends and one-off announcements). */
  | { kind: 'once' };

/** Who receives a campaign: every condition must hold (an empty list: every reachable subject). */
export interface AudienceRule {
  /** `trait.<name>`, `preference.<path>` or an aggregate: `orders.count`, `orders.daysSinceLast`, `orders.total`. */
  field: string;
  op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'exists';
  value?: string | number | boolean | readonly (string | number)[];
}

/** One locale's content. `{firstName}`, `{dish}`, `{restaurant}`… are filled from the recipient's fields, as text. */
export interface MessageContent {
  title: string;
  body: string;
  /** Where a tap or click leads; sanitised with `safeUrl` before it is stored or sent. */
  url?: string;
}

export type CampaignStatus = 'draft' | 'running' | 'paused';

export interface Campaign {
  id: string;
  name: string;
  /** The preference topic a recipient must allow on the channel (`notifications.channels[channel][topic]`). */
  topic: NotificationTopic;
  trigger: CampaignTrigger;
  audience: AudienceRule[];
  /** Per locale; a recipient's locale falls back to `de`, then to any locale present. */
  content: Partial<Record<Locale, MessageContent>>;
  /** Tried in this order: the first the recipient has consented to, allowed and can be reached on. */
  channels: ChannelId[];
  /** At most this many sends of this campaign to one recipient per `frequencyCap.days` days. */
  frequencyCap: { sends: number; days: number };
  /** Share of the audience (0–0.5) deliberately not sent to, so lift is measurable. */
  holdout: number;
  status: CampaignStatus;
  createdAt: string;
  updatedAt: string;
}

/** What the admin API accepts to create or replace a campaign (id, status and times are the server's). */
export type CampaignInput = Omit<Campaign, 'id' | 'status' | 'createdAt' | 'updatedAt'>;

/** Per channel, or per campaign × channel, in the KPI report and the campaign's results. */
export interface MessagingFunnel {
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  converted: number;
  /** Revenue of attributed orders. */
  revenue: number;
}

/** One item of a recipient's in-app inbox. */
export interface InboxItem {
  /** Monotonic per tenant: also the SSE event id (`Last-Event-ID`). */
  id: number;
  topic: NotificationTopic;
  title: string;
  body: string;
  /** Sanitised; absent when the message links nowhere. */
  url?: string;
  createdAt: string;
  /** `null` while unread. */
  readAt: string | null;
}

/** `GET /v1/inbox` */
export interface InboxResponse {
  items: InboxItem[];
  unread: number;
}

/** One Server-Sent Event of `GET /v1/stream` (`event:` is `type`, `id:` the inbox item id). */
export type StreamEvent = { type: 'inbox'; item: InboxItem; unread: number } | { type: 'read'; unread: number };

/** `POST /v1/push/subscriptions`: the browser's `PushSubscription.toJSON()` plus the subject. */
export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  expirationTime?: number | null;
}

/** `GET /v1/push/key`: the tenant's VAPID application server key (base64url, uncompressed P-256 point). */
export interface PushKeyResponse {
  publicKey: string;
}

/** A Web Push payload as the service worker (`matbakh-sw.js`) receives it, decrypted. */
export interface PushPayload {
  title: string;
  body: string;
  url?: string;
  /** The delivery, for the open/click beacon. */
  deliveryId: number;
  /** The beacon's proof that it comes from this message (`?token=` of `POST /v1/messages/:deliveryId/:event`). */
  token: string;
  tag?: string;
}

/**
 * An `Order Completed` of a recipient converts a delivery when it comes within this many days after the delivery's
 * click, else its open, else — for in-app messages and holdout deliveries, which have neither — its send.
 */
export const MESSAGE_ATTRIBUTION_DAYS = 7;

/** A funnel with its return: attributed revenue per message sent (`null` before the first send). */
export interface ChannelFunnel extends MessagingFunnel {
  channel: ChannelId;
  revenuePerSend: number | null;
}

/** One group of a campaign's holdout comparison: distinct recipients, and those who ordered within the window after the (would-be) send. */
export interface CampaignGroup {
  recipients: number;
  converted: number;
  rate: number | null;
}

/** The campaign's effect: treated against holdout, by intent to treat (any order within the window after the send). */
export interface CampaignLift {
  treated: CampaignGroup;
  holdout: CampaignGroup;
  /** Relative lift of the treated rate over the holdout's (0.1 = +10 %), with its 95 % interval (Katz log method). */
  lift: number | null;
  liftLow: number | null;
  liftHigh: number | null;
}

/** `GET /v1/admin/campaigns/:id/results` */
export interface CampaignResults {
  campaignId: string;
  attributionWindowDays: number;
  /** Treated deliveries per channel, in the campaign's channel order. */
  channels: ChannelFunnel[];
  /** All channels together. */
  total: MessagingFunnel & { revenuePerSend: number | null };
  lift: CampaignLift;
}

/** `GET /v1/admin/campaigns` */
export interface CampaignListResponse {
  campaigns: Campaign[];
}

/** `POST /v1/admin/campaigns/:id/preview` body: sample personalization fields (and optionally one locale). */
export interface CampaignPreviewRequest {
  fields?: Partial<Record<string, string | number>>;
  locale?: Locale;
}

/** `POST /v1/admin/campaigns/:id/preview`: the texts as a recipient would read them, per locale (plain text). */
export interface CampaignPreviewResponse {
  previews: Array<{ locale: Locale; title: string; body: string; url?: string }>;
}

/**
 * The KPI report's messaging part (`KpiReport.messaging`): deliveries sent in the report's range. A campaign's
 * `status` is `null` when it has no campaign row (an automation such as the health alert, or a deleted draft).
 */
export interface KpiMessaging {
  attributionWindowDays: number;
  channels: ChannelFunnel[];
  campaigns: Array<
    { campaignId: string; name: string; status: CampaignStatus | null } & MessagingFunnel & CampaignLift
  >;
}

/**
 * `POST /v1/push/subscriptions` body: the subscription (`PushSubscription.toJSON()`, flat) and whom it belongs to.
 * Stored only when the subject's newest consent decision grants the `push` channel. `DELETE` takes the same body
 * (the keys may be left out).
 */
export interface PushSubscriptionRequest extends PushSubscriptionInput {
  anonymousId: string;
  userId?: string;
  userHash?: string;
}

/** The answer to `POST` (201, `subscribed: true`) and `DELETE` (200, `removed`: rows removed) on `/v1/push/subscriptions`. */
export interface PushSubscriptionResponse {
  subscribed: boolean;
  removed?: number;
}
