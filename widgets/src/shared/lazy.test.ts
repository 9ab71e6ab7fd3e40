import { expect } from '@open-wc/testing';
import { lazyElement } from './lazy.ts';

let counter = 0;
/** A script file (blob URL) that defines `tags` and counts how often it ran. */
function widgetFile(tags: string[]): { src: string; runs: () => number } {
  const key = `__lazyRuns${++counter}`;
  const code = `window.${key} = (window.${key} || 0) + 1;
${tags.map((tag) => `customElements.get('${tag}') || customElements.define('${tag}', class extends HTMLElement {});`).join('\n')}`;
  const src = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  return { src, runs: () => (window as unknown as Record<string, number>)[key] ?? 0 };
}
const uniqueTag = (name: string) => `mb-lazy-${name}-${++counter}`;
const scriptsFor = (src: string) => document.head.querySelectorAll(`script[src="${src}"]`).length;
const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('lazyElement', () => {
  it('costs nothing while none of its elements is in the page', async () => {
    const tag = uniqueTag('idle');
    const file = widgetFile([tag]);
    lazyElement({ tags: [tag], src: file.src });
    await new Promise((r) => setTimeout(r, 50));
    expect(scriptsFor(file.src)).to.equal(0);
    expect(customElements.get(tag)).to.equal(undefined);
  });

  it('loads a file shared by several tags once, when the first of them appears', async () => {
    const [a, b] = [uniqueTag('a'), uniqueTag('b')];
    const file = widgetFile([a, b]);
    lazyElement({ tags: [a, b], src: file.src });
    const first = document.createElement(b);
    const second = document.createElement(a);
    document.body.append(first, second);
    await until(() => customElements.get(a) !== undefined);
    expect(customElements.get(a)).to.not.equal(undefined);
    expect(customElements.get(b)).to.not.equal(undefined);
    expect(file.runs()).to.equal(1);
    expect(scriptsFor(file.src)).to.equal(1);
    first.remove();
    second.remove();
  });

  it('an element under a closed <details> loads when the details open (fetched ahead, not run, before)', async () => {
    const tag = uniqueTag('details');
    const file = widgetFile([tag]);
    const details = document.createElement('details');
    details.innerHTML = `<summary>Settings</summary><div><${tag}></${tag}></div>`;
    document.body.append(details);
    lazyElement({ tags: [tag], src: file.src });
    await until(() => document.head.querySelector(`link[href="${file.src}"]`) !== null);
    expect(document.head.querySelector(`link[href="${file.src}"]`)?.getAttribute('rel')).to.equal('preload');
    expect(scriptsFor(file.src), 'run before the details open').to.equal(0);
    details.open = true;
    await until(() => customElements.get(tag) !== undefined);
    expect(file.runs()).to.equal(1);
    details.remove();
  });

  it('an element in the summary of a closed <details> is shown: its file loads', async () => {
    const tag = uniqueTag('summary');
    const file = widgetFile([tag]);
    const details = document.createElement('details');
    details.innerHTML = `<summary><${tag}></${tag}></summary><p>more</p>`;
    document.body.append(details);
    lazyElement({ tags: [tag], src: file.src });
    await until(() => customElements.get(tag) !== undefined);
    expect(file.runs()).to.equal(1);
    details.remove();
  });

  it('load() fetches on demand once and resolves when the file has run', async () => {
    const tag = uniqueTag('api');
    const file = widgetFile([tag]);
    const lazy = lazyElement({ tags: [tag], src: file.src });
    await Promise.all([lazy.load(), lazy.load()]);
    expect(file.runs()).to.equal(1);
    expect(customElements.get(tag)).to.not.equal(undefined);
  });

  it('a file that fails to load rejects, and a later need tries again', async () => {
    const tag = uniqueTag('offline');
    const lazy = lazyElement({ tags: [tag], src: `${location.origin}/does-not-exist-${counter}.js` });
    let failed = 0;
    await lazy.load().catch(() => failed++);
    await lazy.load().catch(() => failed++);
    expect(failed).to.equal(2);
  });

  it('a file without tags (an API) loads on load() only, and load() waits until it has run', async () => {
    const file = widgetFile([]);
    const lazy = lazyElement({ tags: [], src: file.src });
    await new Promise((r) => setTimeout(r, 50));
    expect(scriptsFor(file.src)).to.equal(0);
    await lazy.load();
    expect(file.runs()).to.equal(1);
  });

  it('loads an ES module file as a module', async () => {
    const key = `__lazyModule${++counter}`;
    const src = URL.createObjectURL(new Blob([`window.${key} = import.meta.url;`], { type: 'text/javascript' }));
    await lazyElement({ tags: [], src, module: true }).load();
    expect((window as unknown as Record<string, string>)[key]).to.equal(src);
  });
});
