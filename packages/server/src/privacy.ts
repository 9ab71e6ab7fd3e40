import type { EraseResponse, PrivacyExport } from '@matbakh/contract';
import { auditSource } from './audit.ts';
import { profilingSource } from './churn/privacy-source.ts';
import { anonymizeConsent, consentEntries } from './consent.ts';
import { shredSubjectKeys } from './crypto/subject-data.ts';
import { deleteSubjectEvents, subjectEvents } from './events.ts';
import { eraseLiveEvents } from './live/recorder.ts';
import { messagingSource } from './messaging/privacy-source.ts';
import { ownedKeys, preferencesSource } from './preferences-store.ts';
import { invalidateAggregates, subjectKeys } from './recommend/aggregates.ts';
import { feedbackSource } from './recommend/feedback.ts';
import type { SubjectDataSource, SubjectScope, SubjectSection } from './subject-data-source.ts';

export type { EraseOutcome, SubjectDataSource, SubjectScope, SubjectSection } from './subject-data-source.ts';

/** What a section holds when no source is registered for it (yet). */
const EMPTY: { readonly [S in SubjectSection]: PrivacyExport[S] } = {
  events: [],
  consent: [],
  preferences: null,
  feedback: [],
  audit: [],
  messaging: undefined,
  profiling: undefined,
};

/**
 * The subject data sources behind `/v1/privacy/export` and `/v1/privacy/erase`. A new table with personal data
 * registers a source here (see `defaultSubjectRegistry`), and both routes cover it without further changes.
 */
export class SubjectRegistry {
  readonly #sources = new Map<SubjectSection, SubjectDataSource>();

  register<S extends SubjectSection>(source: SubjectDataSource<S>): this {
    if (this.#sources.has(source.section)) throw new Error(`a data source for "${source.section}" is registered`);
    this.#sources.set(source.section, source as unknown as SubjectDataSource);
    return this;
  }

  get sections(): SubjectSection[] {
    return [...this.#sources.keys()];
  }

  /** Every section, read in one transaction so the export is a consistent snapshot. */
  export(scope: SubjectScope): Promise<Pick<PrivacyExport, SubjectSection>> {
    return scope.db.transaction(async (db) => {
      const out: Record<SubjectSection, unknown> = { ...EMPTY };
      for (const [section, source] of this.#sources) out[section] = await source.export({ ...scope, db });
      return out as Pick<PrivacyExport, SubjectSection>;
    });
  }

  /** Every source in one transaction: an erase that fails half-way leaves everything as it was. */
  async erase(scope: SubjectScope): Promise<EraseResponse> {
    // Outside the transaction: the live window is a debugger's copy of minutes, written by its own timer.
    await eraseLiveEvents(scope.db, scope.tenant.id, scope.subject);
    const result = await scope.db.transaction(async (db): Promise<EraseResponse> => {
      const response: EraseResponse = { erased: { events: 0, preferences: 0, feedback: 0 }, consentAnonymized: 0 };
      for (const [section, source] of this.#sources) {
        const { deleted, anonymized } = await source.erase({ ...scope, db });
        if (section === 'consent') response.consentAnonymized += anonymized;
        else if (section === 'messaging' || section === 'profiling') {
          if (deleted > 0) response.erased[section] = deleted;
        }
        // The audit log's rows are pseudonymized like the ledger's; the response counts what the subject asked about.
        else if (section !== 'audit') response.erased[section] += deleted;
      }
      // Crypto-shredding: the subject's data keys go with the rest, so every copy of what they sealed (identify
      // traits, preference documents; in backups too) is unreadable from now on.
      await shredSubjectKeys(db, scope.tenant.id, ownedKeys(scope.subject));
      return response;
    });
    // The subject's orders are gone: the next read rebuilds the tenant's aggregates without them. After the commit
    // and on the database itself (the cache is keyed by it, not by the transaction's view), so a read that ran
    // during the transaction cannot put the old state back.
    await invalidateAggregates(scope.db, scope.tenant.id, subjectKeys(scope.subject));
    return result;
  }
}

export const eventsSource: SubjectDataSource<'events'> = {
  section: 'events',
  export: ({ db, tenant, subject }) => subjectEvents(db, tenant.id, subject),
  erase: async ({ db, tenant, subject }) => ({
    deleted: await deleteSubjectEvents(db, tenant.id, subject),
    anonymized: 0,
  }),
};

export const consentSource: SubjectDataSource<'consent'> = {
  section: 'consent',
  // Oldest first like the events: an export reads as a history. (`GET /v1/consent` lists newest first.)
  export: ({ db, tenant, subject }) => consentEntries(db, tenant.id, subject, 'oldest'),
  erase: async ({ db, tenant, subject, now }) => ({
    deleted: 0,
    anonymized: await anonymizeConsent(db, tenant, subject, now),
  }),
};

/** The sources the server uses. Preferences and feedback register here when their tables arrive. */
export function defaultSubjectRegistry(): SubjectRegistry {
  return new SubjectRegistry()
    .register(eventsSource)
    .register(consentSource)
    .register(preferencesSource)
    .register(feedbackSource)
    .register(auditSource)
    .register(messagingSource)
    .register(profilingSource);
}
