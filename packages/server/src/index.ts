export { DEFAULT_CONSENT_POLICY } from '@matbakh/contract';
export { type App, type AppEnv, type AppOptions, createApp } from './app.ts';
export { type LogMode, loadConfig, type ServerConfig } from './config.ts';
export { type Db, MIGRATIONS, migrate, openDb } from './db.ts';
export { correctTimestamp, latestEvents, type StoredEvent } from './events.ts';
export { createLogger, type Logger, type LogRecord, silentLogger } from './log.ts';
export { RateLimiter } from './rate-limit.ts';
export { type RunningServer, type StartOptions, startServer } from './server.ts';
export {
  type CreateTenantInput,
  createTenant,
  DEMO_ORIGINS,
  DEMO_WRITE_KEY,
  findByWriteKey,
  isOriginAllowed,
  seedDemoTenant,
  type Tenant,
} from './tenants.ts';
export { validateBatch, validateMessage } from './validate.ts';
