#!/usr/bin/env -S node --import tsx
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { openDb } from './db.ts';
import { startServer } from './server.ts';
import { createTenant, seedDemoTenant, type Tenant } from './tenants.ts';

const USAGE = `usage: matbakh-server <command>

  serve                                   start the API (env: PORT, HOST, MB_DB_PATH, MB_RATE_LIMIT,
                                          MB_MAX_BODY_BYTES, MB_LOG=json|off, MB_DEMO=1, MB_PURGE_INTERVAL_MS)
  create-tenant --name NAME --origin URL [--origin URL ...] [--write-key pk_...] [--retention-days N]
                                          create a tenant, or update name, origins (and retention if given) of an
                                          existing write key
  seed-demo                               create or update the demo tenant (write key pk_demo_partner_site)
`;

function printTenant(tenant: Tenant): void {
  const { id, writeKey, secret, allowedOrigins, retentionDays } = tenant;
  process.stdout.write(
    `${JSON.stringify({ tenantId: id, writeKey, secret, origins: allowedOrigins, retentionDays }, null, 2)}\n`,
  );
}

function withDb<T>(run: (db: ReturnType<typeof openDb>) => T): T {
  const config = loadConfig();
  if (config.dbPath === ':memory:') throw new Error('MB_DB_PATH=:memory: would lose the tenant when this command ends');
  const db = openDb(config.dbPath);
  try {
    return run(db);
  } finally {
    db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      parseArgs({ args: rest, options: {} });
      await startServer(loadConfig());
      return;
    }
    case 'create-tenant': {
      const { values } = parseArgs({
        args: rest,
        options: {
          name: { type: 'string' },
          origin: { type: 'string', multiple: true },
          'write-key': { type: 'string' },
          'retention-days': { type: 'string' },
        },
      });
      if (!values.name || !values.origin?.length)
        throw new Error('create-tenant needs --name and at least one --origin');
      const { name, origin } = values;
      const writeKey = values['write-key'];
      const retention = values['retention-days'];
      if (retention !== undefined && !/^\d+$/.test(retention)) {
        throw new Error(`--retention-days must be a whole number of days, got "${retention}"`);
      }
      printTenant(
        withDb((db) =>
          createTenant(db, {
            name,
            origins: origin,
            ...(writeKey === undefined ? {} : { writeKey }),
            ...(retention === undefined ? {} : { retentionDays: Number(retention) }),
          }),
        ),
      );
      return;
    }
    case 'seed-demo': {
      parseArgs({ args: rest, options: {} });
      printTenant(withDb(seedDemoTenant));
      return;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return;
    default:
      throw new Error(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`matbakh-server: ${error instanceof Error ? error.message : String(error)}\n`);
  if (!(error instanceof Error && error.message.startsWith('MB_'))) process.stderr.write(USAGE);
  process.exitCode = 1;
});
