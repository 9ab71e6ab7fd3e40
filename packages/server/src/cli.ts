#!/usr/bin/env -S node --import tsx
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { validateCatalogUpload } from '@matbakh/contract';
import { dataLocation, loadConfig } from './config.ts';
import { type Db, openDb } from './db.ts';
import { storedRestaurantIds, upsertCatalog } from './recommend/catalog.ts';
import { seedDemoRecommendations } from './recommend/synthetic.ts';
import { startServer } from './server.ts';
import { copyDatabase } from './storage/copy.ts';
import { createTenant, seedDemoTenant, type Tenant } from './tenants.ts';
import { runWorker } from './worker-process.ts';

const USAGE = `usage: matbakh-server <command>

  serve [--no-worker]                     start the API (env: PORT, HOST, MB_DB_PATH or DATABASE_URL=postgres://…,
                                          MB_DB_POOL, MB_RATE_LIMIT, MB_RATE_LIMIT_SCOPE=instance|shared,
                                          MB_MAX_BODY_BYTES, MB_LOG=json|off, MB_DEMO=1, MB_PURGE_INTERVAL_MS,
                                          MB_WORKER_INTERVAL_MS, MB_WORKER=off, MB_AGGREGATES_TTL_MS); --no-worker
                                          (= MB_WORKER=off): no aggregation or purge here, a worker process does it
  worker [--once]                         the aggregation worker and retention purge alone, storing aggregates for
                                          "serve --no-worker" instances (same env); --once: one pass, then exit
  create-tenant --name NAME --origin URL [--origin URL ...] [--write-key pk_...] [--retention-days N]
                                          create a tenant, or update name, origins (and retention if given) of an
                                          existing write key
  seed-demo [--with-recommendations]      create or update the demo tenant (write key pk_demo_partner_site);
                                          with the flag, also its recommendation demo data (seed-recommendations)
  seed-recommendations [--tenant ID]      load the demo catalogue (30 restaurants, 300 dishes, owner features) and a
                                          reproducible order history (600 guests, ~6,000 orders) into a tenant
                                          (default: the demo tenant); earlier seeded events are replaced
  copy --to LOCATION [--from LOCATION]    copy every row into another database (SQLite path or postgres:// URL), e.g. an
                                          SQLite demo into PostgreSQL; --from defaults to the configured database;
                                          idempotent (rows already there are kept), so a stopped copy is run again
  load-catalog --tenant ID FILE.json      upsert a catalogue file ({ "items": [...] }, see README) by id; any bad row:
                                          every problem listed, nothing written
`;

function printTenant(tenant: Tenant): void {
  const { id, writeKey, secret, allowedOrigins, retentionDays } = tenant;
  process.stdout.write(
    `${JSON.stringify({ tenantId: id, writeKey, secret, origins: allowedOrigins, retentionDays }, null, 2)}\n`,
  );
}

async function withDb<T>(run: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  if (config.databaseUrl === undefined && config.dbPath === ':memory:') {
    throw new Error('MB_DB_PATH=:memory: would lose the tenant when this command ends');
  }
  const db = await openDb(dataLocation(config), { max: 2 });
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

async function requireTenant(db: Db, tenantId: string): Promise<string> {
  const row = await db.get<{ id: string }>('SELECT id FROM tenants WHERE id = ?', [tenantId]);
  if (!row) throw new Error(`no tenant with id "${tenantId}" (see create-tenant's tenantId)`);
  return row.id;
}

/** On stderr: stdout stays the one JSON document a script may parse. */
function logSeed(summary: Awaited<ReturnType<typeof seedDemoRecommendations>>): void {
  process.stderr.write(`recommendation demo data: ${JSON.stringify(summary)}\n`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { 'no-worker': { type: 'boolean' } } });
      const config = loadConfig();
      await startServer(values['no-worker'] ? { ...config, worker: false } : config);
      return;
    }
    case 'worker': {
      const { values } = parseArgs({ args: rest, options: { once: { type: 'boolean' } } });
      await runWorker(loadConfig(), { once: values.once ?? false });
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
        await withDb((db) =>
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
      const { values } = parseArgs({ args: rest, options: { 'with-recommendations': { type: 'boolean' } } });
      printTenant(
        await withDb(async (db) => {
          const tenant = await seedDemoTenant(db);
          if (values['with-recommendations']) logSeed(await seedDemoRecommendations(db, tenant.id, Date.now()));
          return tenant;
        }),
      );
      return;
    }
    case 'seed-recommendations': {
      const { values } = parseArgs({ args: rest, options: { tenant: { type: 'string' } } });
      await withDb(async (db) => {
        const tenantId =
          values.tenant === undefined ? (await seedDemoTenant(db)).id : await requireTenant(db, values.tenant);
        logSeed(await seedDemoRecommendations(db, tenantId, Date.now()));
      });
      return;
    }
    case 'copy': {
      const { values } = parseArgs({ args: rest, options: { from: { type: 'string' }, to: { type: 'string' } } });
      if (!values.to) throw new Error('copy needs --to LOCATION (an SQLite path or a postgres:// URL)');
      const from = values.from ?? dataLocation(loadConfig());
      if (from === values.to) throw new Error('copy: --from and --to name the same database');
      const [source, target] = [await openDb(from, { max: 2 }), await openDb(values.to, { max: 2 })];
      try {
        const report = await copyDatabase(source, target);
        process.stdout.write(`${JSON.stringify({ from: source.location, to: target.location, ...report })}\n`);
      } finally {
        await Promise.all([source.close(), target.close()]);
      }
      return;
    }
    case 'load-catalog': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { tenant: { type: 'string' } },
        allowPositionals: true,
      });
      if (!values.tenant || positionals.length !== 1)
        throw new Error('load-catalog needs --tenant ID and one FILE.json');
      const file = positionals[0]!;
      let body: unknown;
      try {
        body = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const tenantId = values.tenant;
      await withDb(async (db) => {
        await requireTenant(db, tenantId);
        const checked = validateCatalogUpload(body, await storedRestaurantIds(db, tenantId));
        if (!checked.ok) {
          for (const error of checked.error) {
            process.stderr.write(`${file}: row ${error.index}, ${error.field}: ${error.message}\n`);
          }
          throw new Error(`${checked.error.length} invalid row(s) in ${file}; nothing was written`);
        }
        const upserted = await upsertCatalog(db, tenantId, checked.value, Date.now());
        process.stdout.write(`${JSON.stringify({ tenantId, upserted })}\n`);
      });
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
