// The CI check that no plugin touches the client (check-plugins.mjs): bad files fail, the SDK as it is passes.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { checkSource } from './check-plugins.mjs';

const SCRIPT = resolve(import.meta.dirname, 'check-plugins.mjs');
const messages = (text) => checkSource('plugin.ts', text).map((p) => `${p.line}: ${p.message}`);

test('assignments to the client are found, through casts, property chains and aliases', () => {
  const found = messages(`
    export const bad = (context) => {
      const { client } = context;
      client.group = () => {};
      (context.client as Partial<X>).insights = {};
      context.client.consent.acceptAll = () => {};
      const host = client as HostClient;
      host.preferences = {};
      client['reset'] ??= () => {};
      delete client.track;
    };
  `);
  assert.equal(found.length, 6, found.join('\n'));
  assert.match(found[0], /^4: assigns to the client \(client\.group\)/);
  assert.match(found[3], /^8: assigns to the client \(host\.preferences\)/);
  assert.match(found[5], /^10: deletes from the client/);
});

test('Object.assign, Object.defineProperty and Reflect.set on the client are found', () => {
  const found = messages(`
    Object.assign(client.consent, controls);
    Object.defineProperty(context.client, 'x', { value: 1 });
    Reflect.set(client, 'y', 2);
  `);
  assert.equal(found.length, 3, found.join('\n'));
  assert.match(found[0], /Object\.assign\(client…\)/);
});

test('as unknown as is found', () => {
  assert.deepEqual(messages('const x = (y as unknown as Record<string, unknown>);'), [
    '1: `as unknown as` hides what the types say',
  ]);
});

test('reading the client, and writing to other objects named like it, pass', () => {
  assert.deepEqual(
    messages(`
      const api = { preferences: client.preferences };
      global.client = createClient(options);
      const clients = []; clients.push(client);
      state.clientCount = 1;
      return { api, on: { reset: () => client.track('x') } };
    `),
    [],
  );
});

test('the command fails on a bad file and passes on the SDK', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-plugins-'));
  try {
    writeFileSync(join(dir, 'bad.ts'), 'export const p = (ctx) => { ctx.client.track = () => {}; };\n');
    const bad = spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /bad\.ts:1:29 assigns to the client \(ctx\.client\.track\)/);
    assert.match(execFileSync(process.execPath, [SCRIPT], { encoding: 'utf8' }), /no plugin touches the client/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
