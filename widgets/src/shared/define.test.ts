import { expect } from '@open-wc/testing';
import { debugRequested, defineElement, ELEMENT_VERSION, elementVersion } from './define.ts';

let counter = 0;
/** A fresh tag per test: the registry cannot forget a definition. */
const freshTag = () => `mb-test-define-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

/** Replaces console.warn for the duration of a test and records the calls. */
function captureWarnings(): { calls: unknown[][]; restore(): void } {
  const original = console.warn;
  const calls: unknown[][] = [];
  console.warn = (...args: unknown[]) => void calls.push(args);
  return {
    calls,
    restore() {
      console.warn = original;
    },
  };
}

describe('defineElement', () => {
  let warnings: ReturnType<typeof captureWarnings>;
  beforeEach(() => {
    warnings = captureWarnings();
  });
  afterEach(() => warnings.restore());

  it('registers a free tag and records the version on the constructor', () => {
    const tag = freshTag();
    class El extends HTMLElement {}
    expect(defineElement(tag, El, '1.2.3')).to.equal(true);
    expect(customElements.get(tag)).to.equal(El);
    expect(elementVersion(El)).to.equal('1.2.3');
    expect((El as unknown as Record<symbol, unknown>)[Symbol.for('matbakh.element.version')]).to.equal('1.2.3');
    expect(ELEMENT_VERSION).to.equal(Symbol.for('matbakh.element.version'));
    expect(warnings.calls).to.have.length(0);
  });

  it('is a silent no-op when the same version registers the tag again (a second copy of the bundle)', () => {
    const tag = freshTag();
    class First extends HTMLElement {}
    class SecondCopy extends HTMLElement {}
    defineElement(tag, First, '1.0.0');
    expect(() => defineElement(tag, SecondCopy, '1.0.0')).not.to.throw();
    expect(defineElement(tag, SecondCopy, '1.0.0')).to.equal(false);
    expect(defineElement(tag, First, '1.0.0')).to.equal(false);
    expect(customElements.get(tag)).to.equal(First);
    expect(warnings.calls).to.have.length(0);
  });

  it('keeps the first registration silently when another version registers the tag (no debug mode)', () => {
    const tag = freshTag();
    class V1 extends HTMLElement {}
    class V2 extends HTMLElement {}
    expect(debugRequested()).to.equal(false);
    defineElement(tag, V1, '1.0.0');
    expect(() => defineElement(tag, V2, '2.0.0')).not.to.throw();
    expect(defineElement(tag, V2, '2.0.0')).to.equal(false);
    expect(customElements.get(tag)).to.equal(V1);
    expect(warnings.calls).to.have.length(0);
  });

  it('in debug mode warns once per version, naming both versions', () => {
    const tag = freshTag();
    class V1 extends HTMLElement {}
    class V2 extends HTMLElement {}
    class V3 extends HTMLElement {}
    defineElement(tag, V1, '1.0.0');
    defineElement(tag, V2, '2.0.0', { debug: true });
    defineElement(tag, V2, '2.0.0', { debug: true });
    defineElement(tag, V3, '3.0.0', { debug: true });
    expect(warnings.calls).to.have.length(2);
    expect(String(warnings.calls[0]?.[0])).to.contain(tag).and.contain('1.0.0').and.contain('2.0.0');
    expect(String(warnings.calls[1]?.[0])).to.contain('3.0.0');
    expect(customElements.get(tag)).to.equal(V1);
  });

  it('debug mode is data-debug on our script tag (or ?matbakh_debug=1), as the loader decides it', () => {
    const tag = freshTag();
    class V1 extends HTMLElement {}
    class V2 extends HTMLElement {}
    defineElement(tag, V1, '1.0.0');
    const script = document.createElement('script');
    script.type = 'text/plain'; // never runs
    script.dataset.writeKey = 'pk_test';
    script.dataset.debug = '';
    document.head.append(script);
    try {
      expect(debugRequested()).to.equal(true);
      defineElement(tag, V2, '2.0.0');
      expect(warnings.calls).to.have.length(1);
    } finally {
      script.remove();
    }
  });

  it('warns once (in debug mode) when a foreign, unversioned class owns the tag', () => {
    const tag = freshTag();
    class Foreign extends HTMLElement {}
    customElements.define(tag, Foreign);
    class Ours extends HTMLElement {}
    defineElement(tag, Ours, '1.0.0', { debug: true });
    defineElement(tag, Ours, '1.0.0', { debug: true });
    expect(warnings.calls).to.have.length(1);
    expect(String(warnings.calls[0]?.[0])).to.contain('another script');
  });

  it('never throws: invalid names and a class reused under a second tag only warn', () => {
    class El extends HTMLElement {}
    expect(defineElement('Upper-case', El, '1.0.0')).to.equal(false);
    expect(defineElement('nodash', El, '1.0.0')).to.equal(false);
    expect(defineElement(freshTag(), El, '1.0.0')).to.equal(true);
    expect(defineElement(freshTag(), El, '1.0.0')).to.equal(false);
    expect(warnings.calls).to.have.length(3);
  });

  it('upgrades elements already in the page', () => {
    const tag = freshTag();
    const early = document.createElement(tag);
    document.body.append(early);
    class El extends HTMLElement {}
    defineElement(tag, El, '1.0.0');
    expect(early).to.be.instanceOf(El);
    early.remove();
  });
});
