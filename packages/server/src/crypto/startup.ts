import { dirname, resolve } from 'node:path';
import type { ServerConfig } from '../config.ts';
import type { Db } from '../db.ts';
import { adoptPlainSecrets } from '../keys.ts';
import type { Logger } from '../log.ts';
import { loadMasterKey, type MasterKeySource, useMasterKeyring } from './master-key.ts';

/** Next to the SQLite file; for PostgreSQL or an in-memory database, `.data/` of the working directory. */
export function defaultMasterKeyFile(config: ServerConfig, cwd = process.cwd()): string {
  const dir =
    config.databaseUrl === undefined && config.dbPath !== ':memory:' ? dirname(config.dbPath) : resolve(cwd, '.data');
  return resolve(dir, 'master.key');
}

/**
 * Start-up (server and CLI): the master key from the environment or its file — created in demo mode only, and said
 * so in the log — then any tenant secret still in plain text moved into the key table, sealed.
 */
export async function setupMasterKey(
  config: ServerConfig,
  db: Db,
  log: Logger,
  env: Record<string, string | undefined> = process.env,
): Promise<MasterKeySource> {
  const source = loadMasterKey(env, { defaultFile: defaultMasterKeyFile(config), generate: config.demo });
  useMasterKeyring(source.keyring);
  if (source.from === 'generated') {
    log({
      level: 'warn',
      msg: "generated a master key for the demo: keep it with the database, it opens the tenants' secrets",
      file: source.file ?? '',
      keyId: source.keyring.currentId,
    });
  }
  const adopted = await adoptPlainSecrets(db, Date.now(), source.keyring);
  if (adopted > 0) log({ level: 'info', msg: 'tenant secrets moved into the key table, sealed', tenants: adopted });
  return source;
}
