import { expect } from '@open-wc/testing';
import { onePerPage } from './one-per-page.ts';

describe('onePerPage', () => {
  it('gives every copy of a module the state the first one created, per name', () => {
    const first = onePerPage('test-state/1', () => ({ copy: 'first' }));
    // What a second file's copy of the module does: the same name, its own creator.
    const second = onePerPage('test-state/1', () => ({ copy: 'second' }));
    expect(second).to.equal(first);
    expect(onePerPage('test-state/2', () => ({ copy: 'other shape' })).copy).to.equal('other shape');
  });

  it('keeps the state off the page’s enumerable globals', () => {
    onePerPage('test-hidden/1', () => 1);
    expect(Object.getOwnPropertySymbols(globalThis).map(String)).to.include('Symbol(matbakh.test-hidden/1)');
    expect(Object.keys(globalThis).join(' ')).not.to.contain('matbakh.test-hidden');
  });
});
