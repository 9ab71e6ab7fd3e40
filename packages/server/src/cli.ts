#!/usr/bin/env -S node --import tsx
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { validateCatalogUpload } from '@matbakh/contract';
import { dataLocation, loadConfig } from './config.ts';
import { rotateMasterKey } from './crypto/rotate.ts';
import { setupMasterKey } from './crypto/startup.ts';
import { type Db, openDb } from './db.ts';
import { seedDemoRecommendations } from './demo/synthetic.ts';
import { issueKey, listKeys, revokeKey, rotateSecret } from './keys.ts';
import { storedRestaurantIds, upsertCatalog } from './recommend/catalog.ts';
import { startServer } from './server.ts';
import { copyDatabase } from './storage/copy.ts';
import { tenantConfigCommand } from './tenant-config/cli.ts';
import { type CreatedTenant, createTenant, seedDemoTenant } from './tenants.ts';
import { runWorker } from './worker-process.ts';

const USAGE = `usage: matbakh-server <command>

  serve [--no-worker]                     start the API (env: PORT, HOST, MB_DB_POOL, MB_DB_PATH or
                                          DATABASE_URL=postgres://…, MB_RATE_LIMIT, MB_SERVER_RATE_LIMIT,
                                          MB_RATE_LIMIT_SCOPE=instance|shared, MB_MAX_BODY_BYTES, MB_LOG=json|off,
                                          MB_DEMO=1, MB_PURGE_INTERVAL_MS, MB_WORKER_INTERVAL_MS, MB_WORKER=off,
                                          MB_AGGREGATES_TTL_MS, MB_AUDIT_RETENTION_DAYS); --no-worker
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
  keys:list --tenant ID                   the tenant's secret and admin keys (hints, times; never a key)
  keys:rotate --tenant ID [--overlap-hours N]
                                          issue a new secret key; the active ones stay valid N hours more
                                          (default 24, 0 ends them now), then stop working
  keys:revoke --tenant ID --key KEY_ID    end a key now (the last active secret only after a rotation)
  admin-key:create --tenant ID            issue another admin key (for /v1/admin/*), printed once
  rotate-master-key                       seal every secret and subject data key again with the current master key
                                          (MATBAKH_MASTER_KEY = the new key, MATBAKH_MASTER_KEY_PREVIOUS = the old);
                                          prints what it re-sealed; run until all are 0, then drop the old key
                                          (env for every command: MATBAKH_MASTER_KEY=base64 of 32 bytes, or
                                          MATBAKH_MASTER_KEY_FILE; MB_DEMO=1 creates .data/master.key if missing)
  tenant:config get|set|publish|rollback|versions --tenant ID ...
                                          the tenant's configuration, as the admin API (docs/admin-api.md):
                                          get [--draft | --version N] [--section NAME]; set SECTION FILE.json
                                          [--patch] (into the draft); publish [--reask]; rollback --version N
  load-catalog --tenant ID FILE.json      upsert a catalogue file ({ "items": [...] }, see README) by id; any bad row:
                                          every problem listed, nothing written
`;

/** `adminKey` only when the tenant was just created: afterwards only its hash exists. */
function printTenant(tenant: CreatedTenant): void {
  const { id, writeKey, secret, adminKey, allowedOrigins, retentionDays } = tenant;
  const shown = { tenantId: id, writeKey, secret, ...(adminKey === undefined ? {} : { adminKey }) };
  process.stdout.write(`${JSON.stringify({ ...shown, origins: allowedOrigins, retentionDays }, null, 2)}\n`);
}

const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/** `keys:*` and `admin-key:create`: key management from the operator's shell (the admin API does the same). */
async function keyCommand(command: string, rest: string[]): Promise<void> {
  const { values } = parseArgs({
    args: rest,
    options: { tenant: { type: 'string' }, key: { type: 'string' }, 'overlap-hours': { type: 'string' } },
  });
  if (!values.tenant) throw new Error(`${command} needs --tenant ID`);
  const tenant = values.tenant;
  await withDb(async (db) => {
    await requireTenant(db, tenant);
    const now = Date.now();
    if (command === 'keys:list') return printJson({ tenantId: tenant, keys: await listKeys(db, tenant) });
    if (command === 'admin-key:create') {
      const { key, record } = await issueKey(db, tenant, 'admin', now);
      return printJson({ tenantId: tenant, adminKey: key, key: record });
    }
    if (command === 'keys:rotate') {
      const hours = values['overlap-hours'] ?? '24';
      if (!/^\d{1,4}$/.test(hours)) throw new Error(`--overlap-hours must be a whole number of hours, got "${hours}"`);
      const rotation = await rotateSecret(db, tenant, Number(hours) * 3_600_000, now);
      return printJson({ tenantId: tenant, secret: rotation.key, key: rotation.record, previous: rotation.previous });
    }
    if (!values.key) throw new Error('keys:revoke needs --key KEY_ID (see keys:list)');
    const result = await revokeKey(db, tenant, values.key, now);
    if (!result.ok) {
      throw new Error(
        result.reason === 'not_found'
          ? `no key "${values.key}" for tenant ${tenant} (see keys:list)`
          : `"${values.key}" is the last active secret: run keys:rotate first`,
      );
    }
    return printJson({ tenantId: tenant, key: result.record });
  });
}

/** `demoKey`: the demo's commands may create the demo master key file, as `MB_DEMO=1 serve` does. */
async function withDb<T>(run: (db: Db) => Promise<T>, demoKey = false): Promise<T> {
  const loaded = loadConfig();
  const config = demoKey ? { ...loaded, demo: true } : loaded;
  if (config.databaseUrl === undefined && config.dbPath === ':memory:') {
    throw new Error('MB_DB_PATH=:memory: would lose the tenant when this command ends');
  }
  const db = await openDb(dataLocation(config), { max: 2 });
  try {
    // Logs to stderr: stdout stays the one JSON document a script may parse.
    await setupMasterKey(config, db, (record) => process.stderr.write(`${JSON.stringify(record)}\n`));
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

// Long because: one switch over the CLI's commands; each case is a few lines of argument reading around a call into
// its module.
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
        }, true),
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
    case 'tenant:config':
      await withDb((db) => tenantConfigCommand(db, rest).then(printJson));
      return;
    case 'rotate-master-key':
      await withDb(async (db) => printJson(await rotateMasterKey(db)));
      return;
    case 'keys:list':
    case 'keys:rotate':
    case 'keys:revoke':
    case 'admin-key:create':
      await keyCommand(command, rest);
      return;
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
  if (!(error instanceof Error && /^(MB|MATBAKH)_/.test(error.message))) process.stderr.write(USAGE);
  process.exitCode = 1;
});
