import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { rooms } from './check-rooms.mjs';

/** A throwaway tree with the given files below its root. */
function tree(files) {
  const root = mkdtempSync(join(tmpdir(), 'rooms-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A function `name` of `lines` lines in all. */
const fn = (name, lines) => `export function ${name}() {\n${'  void 0;\n'.repeat(lines - 2)}}\n`;
/** `count` one-line functions: code, not a data table. */
const smallFunctions = (count) =>
  Array.from({ length: count }, (_, i) => `export const f${i} = () => ${i};\n`).join('');
const names = (found) =>
  found.map(({ file, kind, name }) => `${file.slice(file.lastIndexOf('/') + 1)} ${kind} ${name}`);

test('a long function and a long module fail unless they state a reason', (t) => {
  const root = tree({
    'sdk/src/long.ts': fn('ok', 80) + fn('tooLong', 81),
    'sdk/src/reasoned.ts': `// Long because: one state machine.\n${fn('a', 81)}/** Does b.\n * Long because: one table walk. */\n${fn('b', 90)}`,
    'widgets/src/big.ts': smallFunctions(301),
    'widgets/src/big-reasoned.ts': `// Shows things.\n// Long because: one template.\nimport 'x';\n${smallFunctions(301)}`,
    'packages/server/src/arrow.ts': `// A holder.\nexport const run = async () => {\n${'  void 0;\n'.repeat(85)}};\n`,
    'packages/server/src/arrow-reasoned.ts': `// Long because: steps in order.\nexport const run = async () => {\n${'  void 0;\n'.repeat(85)}};\n`,
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.deepEqual(names(rooms(root)).sort(), ['arrow.ts function run', 'big.ts module ', 'long.ts function tooLong']);
});

test('a reason on a function covers what is nested in it; method and object-literal functions count too', (t) => {
  const root = tree({
    'sdk/src/plugin.ts': `export const p = define({\n  // Long because: the setup wires five hooks.\n  setup(ctx) {\n    return () => {\n${'      void 0;\n'.repeat(90)}    };\n  },\n});\n`,
    'sdk/src/class.ts': `export class A {\n  render() {\n${'    void 0;\n'.repeat(85)}  }\n}\n`,
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.deepEqual(names(rooms(root)), ['class.ts function render']);
});

test('tests, stories, message catalogs and data tables are not counted', (t) => {
  const root = tree({
    'widgets/src/a.test.ts': fn('t', 200),
    'widgets/src/a.stories.ts': fn('s', 200),
    'widgets/src/a/a.messages.ts': `export const m = { a: (n: number) => \`\${n}\` };\n${'// x\n'.repeat(400)}${fn('x', 100)}`,
    'packages/console/src/messages-editors.ts': smallFunctions(400),
    'packages/contract/src/table.ts': `export type Row = { a: number };\nexport const ROWS: Row[] = [\n${'  { a: 1 },\n'.repeat(400)}];\n`,
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.deepEqual(rooms(root), []);
});
