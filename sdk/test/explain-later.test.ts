/**
 * matbakh.js fetches the debug-mode explanations when debug mode is on (plugin/explain-later.ts stands in for
 * explain.ts there): what is reported while the file is on its way is said once it has arrived, in order, each
 * misconfiguration once; other reports go on as before; after `quiet()` nothing more is said.
 */
import { expect } from '@esm-bundle/chai';
import { explainIn } from '../src/plugin/explain-later.ts';
import { createDiagnostics } from '../src/util/diagnostics.ts';
import { until } from './helpers.ts';

const refused = { body: { error: { code: 'forbidden_origin', message: 'origin not allowed' } } };
const context = { api: 'https://api.example', writeKey: 'pk_test' };

describe('explain-later (the script-tag bundle: explanations fetched in debug mode)', () => {
  let lines: string[];
  let original: typeof console.warn;
  beforeEach(() => {
    lines = [];
    original = console.warn;
    console.warn = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = original;
  });

  it('says what was reported while the explanations were loading: once per cause, other reports as before', async () => {
    const diagnostics = createDiagnostics(true);
    explainIn(diagnostics, context);
    diagnostics.report('batch', refused);
    diagnostics.report('config', refused);
    diagnostics.explain?.('catalog');
    diagnostics.report('network', new Error('boom'));
    await until(() => lines.length === 3, 'three lines');
    expect(lines[0]).to.contain('is not allowed for write key pk_test');
    expect(lines[1]).to.contain('this tenant has no catalogue');
    expect(lines[2]).to.match(/^\[matbakh\] network:.*boom/);
    expect(diagnostics.errors, 'every report counted').to.equal(3);
    diagnostics.report('batch', refused);
    diagnostics.explain?.('catalog');
    expect(lines).to.have.length(3);
  });

  it('says nothing more once quiet', async () => {
    const diagnostics = createDiagnostics(true);
    const explainer = explainIn(diagnostics, context);
    diagnostics.report('batch', refused);
    explainer.quiet();
    await new Promise((resolve) => setTimeout(resolve, 100));
    diagnostics.explain?.('catalog');
    expect(lines).to.deep.equal([]);
  });
});
