// `npm run tenant:create` then `tenant:config get|set|publish|rollback` (issue 16 items 1 and 4), as an operator
// runs them: separate processes on one database, read back through the real app.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AuditLogResponse, ConfigResponse } from '@matbakh/contract';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { call, serverStore, tempDir } from './helpers.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

async function runCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const [code] = await once(child, 'close');
  return { code: code as number | null, out, err };
}

describe('tenant:config CLI', () => {
  it('a new tenant starts with the welcome tour and two rules; set, publish and rollback change what it serves', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = await serverStore(dir, 'tenantcfg');
      const created = await runCli(['create-tenant', '--name', 'Shop', '--origin', 'https://shop.example'], store.env);
      assert.equal(created.code, 0, created.err);
      const tenant = JSON.parse(created.out) as { tenantId: string; writeKey: string; adminKey: string };
      const cli = (...args: string[]) => runCli(['tenant:config', ...args, '--tenant', tenant.tenantId], store.env);

      const tours = await cli('get', '--section', 'tours');
      assert.equal(tours.code, 0, tours.err);
      const starter = JSON.parse(tours.out) as { id: string; steps: { anchor: string }[] }[];
      assert.deepEqual(
        starter.map((t) => [t.id, t.steps.map((s) => s.anchor)]),
        [['guest-welcome', ['mb-dashboard', 'mb-preference-panel']]],
      );
      assert.equal((JSON.parse((await cli('get', '--section', 'rules')).out) as unknown[]).length, 2);

      const patch = join(dir, 'consent.json');
      writeFileSync(
        patch,
        JSON.stringify({
          privacyPolicyUrl: 'https://shop.example/datenschutz',
          texts: { de: { 'banner.text': 'Hallo aus dem Shop.' } },
        }),
      );
      const set = await cli('set', 'consent', patch, '--patch');
      assert.equal(set.code, 0, set.err);
      const published = await cli('publish');
      assert.equal(published.code, 0, published.err);
      assert.deepEqual(JSON.parse(published.out).version, 2);

      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ privacyPolicyUrl: 'javascript:alert(1)' }));
      const refused = await cli('set', 'consent', bad, '--patch');
      assert.equal(refused.code, 1);
      assert.match(refused.err, /consent\.privacyPolicyUrl/);

      const db = await store.open();
      try {
        const app = createApp({ db, config: loadConfig({ MB_DB_PATH: ':memory:' }) });
        const served = async () =>
          (await call<ConfigResponse>(app, 'GET', `/v1/config?writeKey=${tenant.writeKey}`)).json.consent;
        assert.equal((await served()).privacyPolicyUrl, 'https://shop.example/datenschutz');
        assert.equal((await served()).texts?.de?.['banner.text'], 'Hallo aus dem Shop.');

        const rolled = await cli('rollback', '--version', '1');
        assert.equal(rolled.code, 0, rolled.err);
        assert.equal((await served()).privacyPolicyUrl, 'https://matbakh.app/datenschutz');

        const log = await call<AuditLogResponse>(app, 'GET', '/v1/admin/audit', {
          headers: { authorization: `Bearer ${tenant.adminKey}` },
        });
        assert.deepEqual(
          log.json.entries.filter((e) => e.target === 'config').map((e) => [e.actor, e.actorId, e.detail.change]),
          [
            ['system', 'cli', 'draft'],
            ['system', 'cli', 'publish'],
            ['system', 'cli', 'rollback'],
          ],
        );
      } finally {
        await db.close();
      }
    } finally {
      cleanup();
    }
  });
});
