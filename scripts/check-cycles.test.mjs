import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cycles, importGraph } from './check-cycles.mjs';

/** A throwaway tree with the given files below its root. */
function tree(files) {
  const root = mkdtempSync(join(tmpdir(), 'cycles-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

test('a type-only import that closes a loop is a cycle', (t) => {
  const root = tree({
    'sdk/src/client.ts': "import { plugin } from './plugin.ts';\nexport const client = plugin;\n",
    'sdk/src/plugin.ts': "import type { Client } from './types.ts';\nexport const plugin = 1;\n",
    'sdk/src/types.ts': "import type { client } from './client.ts';\nexport type Client = typeof client;\n",
    'sdk/src/free.ts': "import { plugin } from './plugin.ts';\nexport const free = plugin;\n",
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const found = cycles(importGraph(root));
  assert.equal(found.length, 1);
  assert.deepEqual(
    found[0].map((file) => file.slice(file.lastIndexOf('/') + 1)),
    ['client.ts', 'plugin.ts', 'types.ts'],
  );
});

test('a tree without loops has no cycles, and tests are not counted', (t) => {
  const root = tree({
    'packages/contract/src/a.ts': "export { b } from './b.ts';\n",
    'packages/contract/src/b.ts': 'export const b = 1;\n',
    'packages/contract/src/a.test.ts': "import { b } from './b.test.ts';\nexport { b };\n",
    'packages/contract/src/b.test.ts': "import { b } from './a.test.ts';\nexport { b };\n",
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.deepEqual(cycles(importGraph(root)), []);
});
