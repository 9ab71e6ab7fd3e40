export { DEFAULT_CONSENT_POLICY, validateBatch, validateMessage } from '@matbakh/contract';
export { type App, type AppEnv, type AppOptions, createApp } from './app.ts';
export { dataLocation, type LogMode, loadConfig, type ServerConfig } from './config.ts';
export { anonymizeConsent, appendConsent, consentEntries } from './consent.ts';
export { type Db, MIGRATIONS, openDb, PG_MIGRATIONS } from './db.ts';
export {
  correctTimestamp,
  deleteSubjectEvents,
  type ExportedEvent,
  latestEvents,
  type StoredEvent,
  subjectEvents,
} from './events.ts';
export { createLogger, type Logger, type LogRecord, silentLogger } from './log.ts';
export {
  consentSource,
  defaultSubjectRegistry,
  type EraseOutcome,
  eventsSource,
  type SubjectDataSource,
  SubjectRegistry,
  type SubjectScope,
  type SubjectSection,
} from './privacy.ts';
export { RateLimiter } from './rate-limit.ts';
export { type PurgeResult, type PurgeSchedule, purgeExpiredEvents, schedulePurge } from './retention.ts';
export { type RunningServer, type StartOptions, startServer } from './server.ts';
export { pseudonymize, subjectPredicate, userHashFor, type VerifiedSubject, verifySubject } from './subject.ts';
export {
  type CreateTenantInput,
  createTenant,
  DEMO_ORIGINS,
  DEMO_WRITE_KEY,
  findByWriteKey,
  isOriginAllowed,
  MAX_RETENTION_DAYS,
  seedDemoTenant,
  type Tenant,
} from './tenants.ts';
export { type AggregationWorker, startAggregationWorker, type WorkerStatus } from './worker.ts';
