// Moving a database to another engine (issue 13): `copy` takes every row of an SQLite database into the engine under
// test (PostgreSQL with `npm run test:server:pg`), and the server answers the same from either.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PrivacyExport } from '@matbakh/contract';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db.ts';
import { copyDatabase } from '../src/storage/copy.ts';
import { userHashFor } from '../src/subject.ts';
import { createTenant } from '../src/tenants.ts';
import { call, consentRecord, openTestDb, postBatch, T0, track } from './helpers.ts';

const TABLES = [
  'tenants',
  'api_keys',
  'events',
  'consent_ledger',
  'catalog_items',
  'recommendation_feedback',
  'subject_keys',
  'preferences',
  'audit_log',
  'tenant_config_versions',
  'tenant_config_drafts',
];

describe('copyDatabase', () => {
  it('copies every table so the target answers the same, and a second run writes nothing', async () => {
    // The source is an SQLite demo that outgrew one machine, whichever engine the suite runs on.
    const source = { db: await openDb(':memory:') };
    const tenant = await createTenant(source.db, { name: 'Falafel Haus', origins: ['*'] });
    const app = createApp({ db: source.db, config: loadConfig({ MB_DB_PATH: ':memory:' }), now: () => T0 });
    const userHash = userHashFor(tenant.secret, 'u-1');
    const subject = { anonymousId: 'anon-1', userId: 'u-1', userHash };
    await postBatch(
      app,
      { batch: [track(), track(), track({ userId: 'u-1', context: { userHash } })] },
      {
        writeKey: tenant.writeKey,
      },
    );
    for (const action of ['accept_all', 'withdraw']) {
      const res = await call(app, 'POST', '/v1/consent', {
        writeKey: tenant.writeKey,
        body: consentRecord({ action }),
      });
      assert.equal(res.res.status, 201);
    }
    const prefs = await call(app, 'PUT', `/v1/preferences?anonymousId=anon-1`, {
      writeKey: tenant.writeKey,
      headers: { 'if-match': '*' },
      body: { diet: ['vegetarian'] },
    });
    assert.equal(prefs.res.status, 200, JSON.stringify(prefs.json));
    const exportFrom = async (target: typeof app) =>
      (await call<PrivacyExport>(target, 'POST', '/v1/privacy/export', { writeKey: tenant.writeKey, body: subject }))
        .json;
    const before = await exportFrom(app);

    const target = await openTestDb();
    const report = await copyDatabase(source.db, target);
    for (const table of TABLES) {
      const count = async (db: typeof target) => (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
      assert.equal(await count(target), await count(source.db), table);
    }
    assert.ok(
      report.tables.every((t) => t.read === t.written),
      JSON.stringify(report),
    );

    const copied = createApp({ db: target, config: loadConfig({ MB_DB_PATH: ':memory:' }), now: () => T0 });
    const after = await exportFrom(copied);
    // The copy's own export is logged on top of the copied log (audit.ts).
    const logged = after.audit?.pop();
    assert.deepEqual([logged?.action, logged?.id], ['export', (before.audit?.at(-1)?.id ?? 0) + 1]);
    assert.deepEqual({ ...after, generatedAt: '' }, { ...before, generatedAt: '' });

    // Idempotent: run again, nothing new; and the target's own ids continue after the copied ones.
    const again = await copyDatabase(source.db, target);
    assert.ok(
      again.tables.every((t) => t.written === 0),
      JSON.stringify(again),
    );
    const next = await call<{ id: number }>(copied, 'POST', '/v1/consent', {
      writeKey: tenant.writeKey,
      body: consentRecord(),
    });
    assert.equal(next.res.status, 201);
    const maxCopied = (await source.db.get<{ id: number }>('SELECT max(id) AS id FROM consent_ledger'))!.id;
    assert.ok(next.json.id > maxCopied, `${next.json.id} > ${maxCopied}`);
    await target.close();
  });

  it('is the same function both ways: an empty source copies nothing', async () => {
    const empty = await openDb(':memory:');
    const target = await openTestDb();
    const report = await copyDatabase(empty, target);
    assert.deepEqual(
      report.tables.map((t) => [t.table, t.read, t.written]),
      TABLES.map((t) => [t, 0, 0]),
    );
    await target.close();
  });
});
