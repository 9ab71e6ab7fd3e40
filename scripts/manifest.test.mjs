// The custom-elements manifest (stories/generated/custom-elements.json) is what Storybook's docs pages show:
// it must be what the components' JSDoc says today, and say enough about every element.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '..');
const committed = JSON.parse(readFileSync(join(root, 'stories/generated/custom-elements.json'), 'utf8'));
const elements = committed.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement);

describe('custom-elements manifest', () => {
  it('is up to date with the components (run `npm run manifest` after changing their JSDoc)', () => {
    const out = mkdtempSync(join(tmpdir(), 'mb-manifest-'));
    try {
      execFileSync(
        process.execPath,
        [
          join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'),
          'analyze',
          '--config',
          'custom-elements-manifest.config.mjs',
          // The analyzer resolves `--outdir` against the working directory.
          '--outdir',
          relative(root, out),
          '--quiet',
        ],
        { cwd: root, stdio: 'pipe' },
      );
      const fresh = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
      assert.deepEqual(fresh, committed);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('documents every element: tag, attributes, mb-* events with their detail, a base part, --mb-* tokens', () => {
    const folders = readdirSync(join(root, 'widgets/src'), { withFileTypes: true })
      // `shared/` holds helpers, `events/` the event declarations and `lazy/` the entries of the files matbakh.js
      // loads: every other folder is an element.
      .filter((d) => d.isDirectory() && !['shared', 'events', 'lazy'].includes(d.name))
      .map((d) => `mb-${d.name}`)
      .sort();
    assert.deepEqual(elements.map((e) => e.tagName).sort(), folders);
    for (const element of elements) {
      const tag = element.tagName;
      assert.ok(element.description?.length > 40, `${tag}: a description`);
      assert.ok(element.attributes?.length > 0, `${tag}: attributes`);
      assert.ok(
        element.cssParts?.some((p) => p.name === 'base'),
        `${tag}: the base part`,
      );
      for (const part of element.cssParts) assert.match(part.name, /^[a-z][a-z-]*$/, `${tag}: part name ${part.name}`);
      assert.ok(element.cssProperties?.length > 0, `${tag}: tokens`);
      for (const token of element.cssProperties) assert.match(token.name, /^--mb-/, `${tag}: token ${token.name}`);
      for (const event of element.events ?? []) {
        assert.match(event.name, /^mb-/, `${tag}: event ${event.name}`);
        assert.ok(event.description, `${tag}: ${event.name} says what it carries`);
      }
      // Internal state is not API.
      for (const attribute of element.attributes) {
        const member = element.members?.find((m) => m.name === (attribute.fieldName ?? attribute.name));
        assert.notEqual(member?.privacy, 'private', `${tag}: ${attribute.name} is private`);
      }
    }
  });
});
