import type { ChannelId, ConsentCategoryId } from './config.ts';
import type { DeviceClass, JsonObject } from './messages.ts';
import type { InboxItem } from './messaging.ts';

/**
 * Whose data a request is about. Anonymous visitors act on their random anonymousId; a userId must come with
 * `userHash = HMAC-SHA256(tenant secret, userId)` from the host's backend, or the server refuses (403).
 */
export interface Subject {
  anonymousId: string;
  userId?: string;
  userHash?: string;
}

export type ConsentAction = 'accept_all' | 'reject_all' | 'custom' | 'gpc' | 'withdraw';
export type ConsentSource = 'banner' | 'center' | 'api';

/** `POST /v1/consent`: one decision, appended to the ledger as proof of consent (GDPR Art. 7(1)). */
export interface ConsentRecordRequest extends Subject {
  /** Random id of the first-party decision record this proves. */
  consentId: string;
  policyVersion: number;
  action: ConsentAction;
  choices: Partial<Record<ConsentCategoryId, boolean>>;
  channels: Partial<Record<ChannelId, boolean>>;
  source: ConsentSource;
  /** When the visitor decided (client clock). */
  timestamp: string;
  userAgentClass: DeviceClass;
}

export interface ConsentLedgerEntry extends Omit<ConsentRecordRequest, 'userHash'> {
  id: number;
  receivedAt: string;
}

/** `GET /v1/consent`: the subject's current decision and its history, newest first. */
export interface ConsentLedgerResponse {
  current: ConsentLedgerEntry | null;
  history: ConsentLedgerEntry[];
}

/** One stored event as shown to its subject. */
export interface SubjectEvent {
  messageId: string;
  type: string;
  event?: string;
  name?: string;
  timestamp: string;
  receivedAt: string;
  properties: JsonObject;
  context: JsonObject;
}

/** `POST /v1/privacy/export` (Art. 15/20): everything held for the subject, schema `matbakh.privacy-export/1`. */
export interface PrivacyExport {
  schema: 'matbakh.privacy-export/1';
  generatedAt: string;
  subject: { anonymousId?: string; userId?: string };
  tenant: { id: string; name: string };
  events: SubjectEvent[];
  consent: ConsentLedgerEntry[];
  preferences: JsonObject | null;
  feedback: JsonObject[];
  /** Who read, exported or changed this subject's data, when and why (the audit log's entries about them). */
  audit?: AuditEntry[];
  /** What the messaging service holds about them: inbox, contact points, deliveries, push subscriptions, queue. */
  messaging?: MessagingExport;
  /** Churn scores computed about them (issue 21) and their objection to profiling (GDPR Art. 21). */
  profiling?: ProfilingExport;
}

/** The profiling part of an export: each restaurant's current churn score of the guest, and the objection. */
export interface ProfilingExport {
  /** When the guest objected to profiling (ISO 8601), or null. */
  objectedAt: string | null;
  churnScores: Array<{
    groupId: string;
    /** Probability (0…1) that they do not order again within their usual interval, as the owner's list says. */
    probability: number;
    reasons: string[];
    computedAt: string;
  }>;
}

/**
 * `GET /v1/privacy/profiling?anonymousId=&userId=&userHash=`, and the answer of `POST /v1/privacy/profiling-objection`
 * (body: the subject as for export, plus `objected: true` to object or `false` to withdraw the objection): whether
 * restaurants may see a churn score about the guest, and whether the guest objected (GDPR Art. 21). An objection
 * removes the scores at once.
 */
export interface ProfilingObjectionRequest {
  anonymousId: string;
  userId?: string;
  userHash?: string;
  objected: boolean;
}

export interface ProfilingStatus {
  /** The guest's consent allows personalization, which the churn scores need (the ledger's newest decision). */
  consentAllows: boolean;
  objected: boolean;
  objectedAt: string | null;
  /** How many restaurants hold a churn score about the guest right now. */
  scores: number;
}

/** The messaging part of an export (issue 19). */
export interface MessagingExport {
  inbox: InboxItem[];
  contacts: Array<{ email?: string; phone?: string; locale?: string; timeZone?: string; updatedAt: string }>;
  deliveries: Array<{
    id: number;
    campaignId: string;
    channel: ChannelId | null;
    holdout: boolean;
    sentAt: string;
    deliveredAt: string | null;
    openedAt: string | null;
    clickedAt: string | null;
    convertedAt: string | null;
  }>;
  pushSubscriptions: Array<{ endpoint: string; createdAt: string }>;
  /** Messages queued or ended for them, with why (e.g. `quiet hours`, `consent withdrawn: email`). */
  jobs: Array<{
    campaignId: string;
    topic: string;
    status: string;
    runAt: string;
    channel: string | null;
    reason: string | null;
  }>;
}

export type AuditActor = 'subject' | 'write_key' | 'secret_key' | 'admin_key' | 'system';
export type AuditAction = 'read' | 'export' | 'erase' | 'change' | 'admin_change';

/** One audit-log entry: `GET /v1/admin/audit` lists a tenant's, an export lists the subject's own. */
export interface AuditEntry {
  id: number;
  at: string;
  /** Who acted: the subject itself (publishable key + its proof), a key of the tenant's, or the server. */
  actor: AuditActor;
  actorId?: string;
  /** Why, e.g. `subject_access`, `erasure`, `consent_decision`, `personalization_settings`, `configuration`. */
  purpose: string;
  action: AuditAction;
  /** What was touched: `consent`, `preferences`, `events`, `insights`, `catalog`, `all`, … */
  target: string;
  /** Whom it was about (pseudonymized after that subject's erasure). */
  subject?: { anonymousId?: string; userId?: string };
  detail: JsonObject;
}

/** `GET /v1/admin/audit`: a page of the tenant's audit log, oldest first; `next` continues after the last entry. */
export interface AuditLogResponse {
  entries: AuditEntry[];
  next: number | null;
}

/** `POST /v1/privacy/erase` (Art. 17): what was deleted. Ledger entries are anonymized, not deleted. */
export interface EraseResponse {
  /** `messaging`: inbox items, contacts, deliveries, push subscriptions and jobs removed (present when any were). */
  erased: { events: number; preferences: number; feedback: number; messaging?: number; profiling?: number };
  /** Ledger entries kept as proof of consent, with the subject's identifiers replaced by a one-way hash. */
  consentAnonymized: number;
}
