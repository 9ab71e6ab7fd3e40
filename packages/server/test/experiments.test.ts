import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { ConfigResponse, Experiment } from '@matbakh/contract';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Db, openDb } from '../src/db.ts';
import { experimentReport, formatReport, normalCdf, twoProportionZTest } from '../src/experiments-report.ts';
import { experimentsConfig } from '../src/routes/experiments.ts';
import { createTenant } from '../src/tenants.ts';
import { basic, call, insertEvent, openTestDb, tempDir } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
let seq = 0;

/** One stored track event, as /v1/batch would store it (only the columns the report reads matter). */
function insert(
  db: Db,
  tenantId: string,
  event: string,
  at: string,
  who: { anonymousId?: string; userId?: string },
  properties: Record<string, unknown>,
): Promise<number> {
  return insertEvent(db, {
    tenant_id: tenantId,
    message_id: `m-${++seq}`,
    type: 'track',
    event,
    anonymous_id: who.anonymousId ?? null,
    user_id: who.userId ?? null,
    timestamp: at,
    original_timestamp: at,
    received_at: at,
    payload: JSON.stringify({ properties }),
  });
}

const EXPOSED_AT = '2026-03-02T10:00:00.000Z';
const LATER = '2026-03-02T10:05:00.000Z';
const EARLIER = '2026-03-02T09:55:00.000Z';

/** control: 1000 exposed, 100 clicked a recommendation after; big: 1000 exposed, 130 did. Plus the traps. */
async function fixture(db: Db) {
  const tenant = await createTenant(db, { name: 'Falafel Haus', origins: ['https://shop.example'] });
  const other = await createTenant(db, { name: 'Other', origins: ['https://other.example'] });
  // One transaction: a few thousand rows, one round trip each on PostgreSQL.
  await db.transaction(async (tx) => {
    const exposeAndMaybeClick = async (variant: string, n: number, clicks: number) => {
      for (let i = 0; i < n; i++) {
        const who = { anonymousId: `${variant}-${i}` };
        await insert(tx, tenant.id, 'Experiment Viewed', EXPOSED_AT, who, {
          experiment_id: 'cta',
          variant_id: variant,
        });
        // A repeated exposure counts once.
        if (i % 10 === 0)
          await insert(tx, tenant.id, 'Experiment Viewed', LATER, who, { experiment_id: 'cta', variant_id: variant });
        if (i < clicks) {
          await insert(tx, tenant.id, 'Product Clicked', LATER, who, { product_id: 'd-1', request_id: `r-${i}` });
          await insert(tx, tenant.id, 'Product Clicked', LATER, who, { product_id: 'd-2', request_id: `r-${i}b` });
        }
      }
    };
    await exposeAndMaybeClick('control', 1000, 100);
    await exposeAndMaybeClick('big', 1000, 130);
    // Traps: a click before exposure, a click without request_id (not a recommendation), a forced QA exposure,
    // another tenant's exposure.
    await insert(
      tx,
      tenant.id,
      'Experiment Viewed',
      EXPOSED_AT,
      { anonymousId: 'early' },
      { experiment_id: 'cta', variant_id: 'big' },
    );
    await insert(tx, tenant.id, 'Product Clicked', EARLIER, { anonymousId: 'early' }, { request_id: 'r-early' });
    await insert(
      tx,
      tenant.id,
      'Experiment Viewed',
      EXPOSED_AT,
      { anonymousId: 'plain' },
      { experiment_id: 'cta', variant_id: 'big' },
    );
    await insert(tx, tenant.id, 'Product Clicked', LATER, { anonymousId: 'plain' }, { product_id: 'd-1' });
    await insert(
      tx,
      tenant.id,
      'Experiment Viewed',
      EXPOSED_AT,
      { anonymousId: 'qa' },
      {
        experiment_id: 'cta',
        variant_id: 'big',
        forced: true,
      },
    );
    await insert(
      tx,
      other.id,
      'Experiment Viewed',
      EXPOSED_AT,
      { anonymousId: 'x' },
      { experiment_id: 'cta', variant_id: 'big' },
    );
    // An identified user: counted by userId, in the variant of the first exposure, converting as that user.
    await insert(
      tx,
      tenant.id,
      'Experiment Viewed',
      EXPOSED_AT,
      { anonymousId: 'a1', userId: 'u-1' },
      {
        experiment_id: 'menu',
        variant_id: 'control',
      },
    );
    await insert(
      tx,
      tenant.id,
      'Experiment Viewed',
      LATER,
      { anonymousId: 'a2', userId: 'u-1' },
      {
        experiment_id: 'menu',
        variant_id: 'grid',
      },
    );
    await insert(tx, tenant.id, 'Product Clicked', LATER, { anonymousId: 'a2', userId: 'u-1' }, { request_id: 'r-u1' });
    await insert(
      tx,
      tenant.id,
      'Experiment Viewed',
      EXPOSED_AT,
      { anonymousId: 'h1' },
      { experiment_id: 'menu', variant_id: 'holdout' },
    );
  });
  return tenant;
}

describe('experiment report', () => {
  it('counts exposed users and rec-click conversions per variant, with a z-test against control', async () => {
    const db = await openTestDb();
    const tenant = await fixture(db);
    const [cta, menu] = await experimentReport(db, { tenantId: tenant.id });
    assert.equal(cta?.experiment, 'cta');
    assert.equal(cta.control, 'control');
    const big = cta.variants.find((v) => v.variant === 'big')!;
    const control = cta.variants.find((v) => v.variant === 'control')!;
    assert.deepEqual(
      { exposed: control.exposed, converted: control.converted, rate: control.rate, p: control.pValue },
      { exposed: 1000, converted: 100, rate: 0.1, p: null },
    );
    // 'early' and 'plain' are exposed but did not convert; 'qa' (forced) and the other tenant are not counted.
    assert.deepEqual({ exposed: big.exposed, converted: big.converted }, { exposed: 1002, converted: 130 });
    // Reference: pooled z = (130/1002 − 0.1) / sqrt(p(1−p)(1/1002 + 1/1000)), p = 230/2002 → z = 2.08650, p = 0.036933 (Python: math.erfc(z / √2)).
    assert.ok(Math.abs(big.z! - 2.0865013) < 1e-6, `z ${big.z}`);
    assert.ok(Math.abs(big.pValue! - 0.0369332) < 1e-6, `p ${big.pValue}`);
    assert.ok(Math.abs(big.lift! - (130 / 1002 / 0.1 - 1)) < 1e-12);

    assert.equal(menu?.experiment, 'menu');
    assert.deepEqual(
      menu.variants.map((v) => [v.variant, v.exposed, v.converted]),
      [
        ['control', 1, 1],
        ['holdout', 1, 0],
      ],
    );
    const all = await experimentReport(db);
    assert.equal(all[0]!.variants.find((v) => v.variant === 'big')!.exposed, 1003, 'every tenant without tenantId');
  });

  it('z-test and normal CDF match reference values', async () => {
    assert.ok(Math.abs(normalCdf(1.959964) - 0.975) < 1e-6);
    assert.ok(Math.abs(normalCdf(-1) - 0.158655) < 1e-6);
    const t = twoProportionZTest(130, 1000, 100, 1000)!;
    assert.ok(Math.abs(t.z - 2.1027406) < 1e-6);
    assert.ok(Math.abs(t.pValue - 0.0354885) < 1e-6);
    assert.equal(twoProportionZTest(0, 0, 1, 10), null);
    assert.equal(twoProportionZTest(0, 10, 0, 10), null);
  });

  it('the script prints the table from a SQLite file (path argument or MB_DB)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'events.sqlite');
      const db = await openDb(path);
      const tenant = await fixture(db);
      await db.close();
      const out = execFileSync(process.execPath, ['scripts/experiment-report.mjs', path, '--tenant', tenant.id], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      assert.match(out, /experiment cta \(control: control\)/);
      assert.match(out, /big\s+1002\s+130\s+12\.97 %\s+\+29\.7 %\s+2\.09\s+0\.0369\n/);
      assert.match(out, /control \*\s+1000\s+100\s+10\.00 %/);
      const json = execFileSync(process.execPath, ['scripts/experiment-report.mjs', '--json'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, MB_DB: path },
      });
      assert.equal(JSON.parse(json)[0].experiment, 'cta');
      assert.equal(formatReport([]), 'No experiment exposures (Experiment Viewed) in these events.\n');
    } finally {
      cleanup();
    }
  });
});

describe('experiments in GET /v1/config', () => {
  const EXPERIMENT: Experiment = {
    key: 'cta',
    variants: [
      { key: 'control', weight: 1 },
      { key: 'big', weight: 1 },
    ],
    allocation: 0.5,
    holdout: 0.05,
  };

  it('adds the tenant’s experiments', async () => {
    const db = await openTestDb();
    const tenant = await createTenant(db, { name: 'Falafel Haus', origins: ['https://shop.example'] });
    const app = createApp({
      db,
      config: loadConfig({ MB_DB_PATH: ':memory:' }),
      routes: [experimentsConfig(() => [EXPERIMENT])],
    });
    const { res, json } = await call<ConfigResponse>(app, 'GET', '/v1/config', {
      headers: { authorization: basic(tenant.writeKey) },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(json.experiments, [EXPERIMENT]);
  });

  it('rejects an invalid experiment at start with the experiment and field named', async () => {
    assert.throws(
      () => experimentsConfig({ '*': [EXPERIMENT, { ...EXPERIMENT, allocation: 1.5 }] }),
      /MB_EXPERIMENTS\["\*"\]\.experiments\[1\] \(cta\): allocation must be a number from 0 to 1/,
    );
  });
});
