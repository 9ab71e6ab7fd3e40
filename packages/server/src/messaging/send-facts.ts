/**
 * What the send-time checks (send-checks.ts) need about the recipients of one claim, read in a handful of queries
 * for the whole claim instead of a dozen per message: the data keys (one query), the ledger's channel consent, the
 * preference documents, the contacts, and the sends of each recipient's local day so far. The dispatcher reads it
 * right after claiming, so a decision is at most one claim old (about a second; a withdrawal also cancels the queued
 * jobs outright, queue.ts), and counts its own sends of the claim on top (`SendTally`), so the caps stay exact for a
 * recipient with several jobs in one claim.
 */
import { type ChannelId, defaultPreferences, type PreferencesResponse } from '@matbakh/contract';
import { subjectCipher } from '../crypto/subject-data.ts';
import type { Queryable } from '../db.ts';
import { readPreferencesMany } from '../preferences-store.ts';
import type { RecipientKey } from './channel.ts';
import { readContacts, type StoredContact } from './contacts.ts';
import { localDayBounds, validTimeZone } from './local-time.ts';
import { allowsOpenTracking, EXEMPT_TOPICS, parseChannels, recipientSubject, type SendFacts } from './send-checks.ts';

export interface RecipientSnapshot {
  consent: Partial<Record<ChannelId, boolean>> | undefined;
  /** The newest decision allows an open pixel (send-checks.ts `allowsOpenTracking`). */
  openTracking: boolean;
  preferences: PreferencesResponse | undefined;
  /** Undefined: no contact row. */
  contact: StoredContact | undefined;
  timeZone: string;
  /** Sends since the start of the recipient's local day as of the snapshot, exempt topics left out. */
  sentToday: number;
}

/** SQLite's default limit of bound parameters is 32766; lists go in chunks far below it. */
const CHUNK = 500;
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Rows of `query(chunk)` over `values` in chunks, concatenated. */
async function chunked<T, V>(values: readonly V[], query: (chunk: V[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let from = 0; from < values.length; from += CHUNK) out.push(...(await query(values.slice(from, from + CHUNK))));
  return out;
}

/**
 * The newest ledger `channels` that speaks for each recipient, scoped as `latestChannelConsent` scopes one: for
 * `u:<userId>` the user's own rows and the userless rows of the devices linked to the user (subject_links) or named
 * in the user's own rows; for `a:<anonymousId>` the device's userless rows. Two queries for the whole claim.
 */
async function channelConsents(db: Queryable, tenantId: string, recipients: readonly RecipientKey[]) {
  const users = recipients.flatMap((r) => recipientSubject(r).userId ?? []);
  const devicesOf = new Map<string, Set<string>>(users.map((u) => [u, new Set()]));
  const links = await chunked(users, (chunk) =>
    db.all<{ user_id: string; anonymous_id: string }>(
      `SELECT user_id, anonymous_id FROM subject_links WHERE tenant_id = ? AND user_id IN (${marks(chunk.length)})
       UNION SELECT user_id, anonymous_id FROM consent_ledger WHERE tenant_id = ? AND user_id IN (${marks(chunk.length)})`,
      [tenantId, ...chunk, tenantId, ...chunk],
    ),
  );
  for (const link of links) devicesOf.get(link.user_id)?.add(link.anonymous_id);
  const devices = [
    ...new Set([
      ...[...devicesOf.values()].flatMap((set) => [...set]),
      ...recipients.flatMap((r) => recipientSubject(r).anonymousId ?? []),
    ]),
  ];
  type LedgerRow = { id: number; user_id: string | null; anonymous_id: string; channels: string; choices: string };
  const scoped = (column: 'user_id' | 'anonymous_id', values: string[]) =>
    chunked(values, (chunk) =>
      db.all<LedgerRow>(
        `SELECT id, user_id, anonymous_id, channels, choices FROM consent_ledger
         WHERE tenant_id = ? AND anonymized_at IS NULL AND ${column} IN (${marks(chunk.length)})
         ${column === 'anonymous_id' ? 'AND user_id IS NULL' : ''}`,
        [tenantId, ...chunk],
      ),
    );
  const [own, userless] = await Promise.all([scoped('user_id', users), scoped('anonymous_id', devices)]);
  const newest = new Map<string, LedgerRow>();
  const offer = (key: string, row: LedgerRow) => {
    const current = newest.get(key);
    if (!current || Number(row.id) > Number(current.id)) newest.set(key, row);
  };
  for (const row of own) offer(`u:${row.user_id}`, row);
  for (const row of userless) offer(`a:${row.anonymous_id}`, row);
  for (const [user, set] of devicesOf)
    for (const device of set) {
      const row = newest.get(`a:${device}`);
      if (row) offer(`u:${user}`, row);
    }
  return new Map(recipients.map((r) => [r, newest.get(r)]));
}

/**
 * Each recipient's sends since their local day began (`since`), exempt topics left out (`countSends`): the claim's
 * recipients' sends since the earliest of those instants, counted here per recipient.
 */
async function sendsSince(db: Queryable, tenantId: string, since: ReadonlyMap<RecipientKey, number>) {
  const exempt = [...EXEMPT_TOPICS];
  const earliest = Math.min(...since.values());
  const rows = await chunked([...since.keys()], (chunk) =>
    db.all<{ recipient: string; sent_at: string }>(
      `SELECT d.recipient, d.sent_at FROM message_deliveries d JOIN message_jobs j ON j.id = d.job_id
       WHERE d.tenant_id = ? AND d.recipient IN (${marks(chunk.length)}) AND d.sent_at >= ? AND d.holdout = 0
         AND j.status = 'sent' ${exempt.map(() => 'AND j.topic <> ?').join(' ')}`,
      [tenantId, ...chunk, new Date(earliest).toISOString(), ...exempt],
    ),
  );
  const counts = new Map<RecipientKey, number>();
  for (const row of rows) {
    if (Date.parse(row.sent_at) >= since.get(row.recipient)!)
      counts.set(row.recipient, (counts.get(row.recipient) ?? 0) + 1);
  }
  return counts;
}

/** Everything the checks need about `recipients` of one tenant, at `now`. */
export async function snapshotRecipients(
  db: Queryable,
  tenantId: string,
  recipients: readonly RecipientKey[],
  now: number,
): Promise<Map<RecipientKey, RecipientSnapshot>> {
  const unique = [...new Set(recipients)];
  const cipher = subjectCipher(db, tenantId);
  // Preferences and contacts are sealed under the recipient's own data key (its subject key is the recipient key).
  await cipher.preload(unique);
  const [consents, preferences, contacts] = await Promise.all([
    channelConsents(db, tenantId, unique),
    readPreferencesMany(db, tenantId, unique, cipher),
    readContacts(db, tenantId, unique, cipher),
  ]);
  const timeZones = new Map(unique.map((r) => [r, validTimeZone(contacts.get(r)?.timeZone)]));
  const sent = await sendsSince(
    db,
    tenantId,
    new Map(unique.map((r) => [r, localDayBounds(now, timeZones.get(r)!).start])),
  );
  const out = new Map<RecipientKey, RecipientSnapshot>();
  for (const recipient of unique) {
    const ledger = consents.get(recipient);
    out.set(recipient, {
      consent: ledger === undefined ? undefined : parseChannels(ledger.channels),
      openTracking: allowsOpenTracking(ledger?.choices),
      preferences: preferences.get(recipient),
      contact: contacts.get(recipient),
      timeZone: timeZones.get(recipient)!,
      sentToday: Number(sent.get(recipient) ?? 0),
    });
  }
  return out;
}

/** The facts of one job from its recipient's snapshot and what this claim sent them already. */
export function sendFacts(
  snapshot: RecipientSnapshot,
  job: Pick<SendFacts, 'topic' | 'frequencyCap' | 'now'> & { campaignSends: number; sentInClaim: number },
): SendFacts {
  const stored = snapshot.preferences?.preferences;
  return {
    now: job.now,
    locale: snapshot.contact?.locale ?? stored?.locale ?? null,
    topic: job.topic,
    consent: snapshot.consent,
    notifications: stored?.notifications ?? defaultPreferences().notifications,
    timeZone: snapshot.timeZone,
    // An exempt topic is never held back by the daily cap.
    sentToday: EXEMPT_TOPICS.has(job.topic) ? 0 : snapshot.sentToday + job.sentInClaim,
    campaignSends: job.campaignSends,
    frequencyCap: job.frequencyCap,
  };
}
