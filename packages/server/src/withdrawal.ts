/**
 * A withdrawal takes effect on the data too (GDPR Art. 7(3), 17(1)(b)): when the subject's new decision refuses a
 * category, what was collected under it is deleted at once — the events (`analytics`), the feedback on
 * recommendations (`personalization`), the stored preference document (`preferences`). The same sources as the
 * erasure (privacy.ts), so a withdrawal never removes less than an erase of that part would. The consent ledger
 * itself stays: it is the proof.
 */
import type { ChannelId, ConsentCategoryId } from '@matbakh/contract';
import type { ConsentChoices } from './consent-gate.ts';
import type { Db } from './db.ts';
import { cancelWithdrawnSends } from './messaging/privacy-source.ts';
import { preferencesSource } from './preferences-store.ts';
import { eventsSource, type SubjectDataSource } from './privacy.ts';
import { invalidateAggregates, subjectKeys } from './recommend/aggregates.ts';
import { feedbackSource } from './recommend/feedback.ts';
import type { VerifiedSubject } from './subject.ts';
import type { Tenant } from './tenants.ts';

const COLLECTED_UNDER: ReadonlyArray<[ConsentCategoryId, SubjectDataSource]> = [
  ['analytics', eventsSource],
  ['personalization', feedbackSource],
  ['preferences', preferencesSource],
];

/** Deletes what each refused category covered; answers the rows removed per section (only those that lost rows). */
export async function removeWithdrawnData(
  db: Db,
  tenant: Tenant,
  subject: VerifiedSubject,
  choices: ConsentChoices,
  now: number,
): Promise<Record<string, number>> {
  const refused = COLLECTED_UNDER.filter(([category]) => choices[category] === false);
  if (refused.length === 0) return {};
  const removed = await db.transaction(async (tx) => {
    const out: Record<string, number> = {};
    for (const [, source] of refused) {
      const { deleted } = await source.erase({ db: tx, tenant, subject, now });
      if (deleted > 0) out[source.section] = deleted;
    }
    return out;
  });
  if (removed.events) await invalidateAggregates(db, tenant.id, subjectKeys(subject));
  return removed;
}

/** A refused channel (`channels[c] === false`) cancels the subject's queued sends that only it could carry. */
export function cancelWithdrawnChannels(
  db: Db,
  tenant: Tenant,
  subject: VerifiedSubject,
  channels: Partial<Record<ChannelId, boolean>>,
  now: number,
): Promise<number> {
  return cancelWithdrawnSends(db, tenant.id, subject, channels, now);
}
