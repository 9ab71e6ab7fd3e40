// What a table holding personal data implements so `/v1/privacy/export` and `/erase` cover it (privacy.ts).
import type { PrivacyExport } from '@matbakh/contract';
import type { Db } from './db.ts';
import type { VerifiedSubject } from './subject.ts';
import type { Tenant } from './tenant-record.ts';

/** What a data source gets to find the subject's rows: the subject is verified already. */
export interface SubjectScope {
  db: Db;
  tenant: Tenant;
  subject: VerifiedSubject;
  /** The request's clock (ms), e.g. for an anonymization time. */
  now: number;
}

/** The parts of a PrivacyExport that hold the subject's data, one per data source. */
export type SubjectSection = 'events' | 'consent' | 'preferences' | 'feedback' | 'audit' | 'messaging' | 'profiling';

export interface EraseOutcome {
  /** Rows removed. */
  deleted: number;
  /** Rows kept with the subject's identifiers replaced (only the consent ledger does this). */
  anonymized: number;
}

/**
 * One table (or store) that holds data about subjects. `export` and `erase` must select the same rows (use
 * `subjectPredicate`), so that nothing survives an erase that an export would show.
 */
export interface SubjectDataSource<S extends SubjectSection = SubjectSection> {
  readonly section: S;
  export(scope: SubjectScope): Promise<PrivacyExport[S]>;
  erase(scope: SubjectScope): Promise<EraseOutcome>;
}
