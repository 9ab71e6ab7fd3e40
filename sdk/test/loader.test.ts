import { expect } from '@esm-bundle/chai';
import type { TrackMessage } from '@matbakh/contract';
import type { MatbakhGlobal } from '../src/loader/global.ts';
import { VERSION } from '../src/version.ts';
import { API, attempts, cleanup, type MockApi, mockApi, sleep, until } from './helpers.ts';

const WRITE_KEY = 'pk_loader_test';
let copy = 0;

/** Runs the documented copy-paste snippet exactly as a partner page would. */
async function runSnippet() {
  const source = await (await fetch('/sdk/src/loader/snippet.js')).text();
  const script = document.createElement('script');
  script.textContent = source;
  document.head.append(script);
}

/** Loads the script-tag entry as a fresh copy, like another <script src=matbakh.js>. */
async function loadBundle() {
  copy++;
  // A specifier made at run time: the browser fetches this copy itself (the test page's bundler leaves it alone).
  const entry = `../src/loader/index.ts?copy=${copy}`;
  await import(entry);
}

function scriptTag(attributes: Record<string, string>) {
  const tag = document.createElement('script');
  tag.type = 'text/plain'; // stands for the async tag: found by the loader, never executed
  for (const [name, value] of Object.entries(attributes)) tag.setAttribute(name, value);
  document.body.append(tag);
  return tag;
}

const globalObject = () => window.matbakh as MatbakhGlobal;

describe('script-tag loader', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
    delete window.matbakh;
  });
  afterEach(() => {
    globalObject()?.client?.destroy();
    delete window.matbakh;
    for (const tag of document.querySelectorAll('script[data-write-key]')) tag.remove();
    cleanup();
  });

  it('initialises window.matbakh from data-write-key and data-api', async () => {
    scriptTag({ 'data-write-key': WRITE_KEY, 'data-api': API });
    await loadBundle();
    expect(globalObject().version).to.equal(VERSION);
    globalObject().consent.set({ analytics: true });
    globalObject().track('Loaded By Tag');
    await globalObject().client!.flush();
    await until(() => api.messages().length === 2, 'delivery');
    expect(api.batches[0]!.writeKey).to.equal(WRITE_KEY);
  });

  it('replays calls queued by the snippet in order, with their original timestamps', async () => {
    await runSnippet();
    const stub = window.matbakh!;
    const kept = stub; // a partner kept a reference to the stub
    stub.track!('First', { n: 1 });
    stub.consent!.set({ analytics: true });
    stub.page!('Menu');
    stub.identify!('user-9', { tier: 'gold' });
    stub.track!('Second', { n: 2 });
    const queuedAt = Date.now();
    await sleep(40);
    scriptTag({ 'data-write-key': WRITE_KEY, 'data-api': API });
    await loadBundle();
    expect(window.matbakh).to.equal(kept);
    await globalObject().client!.flush();
    await until(() => api.messages().length === 5, 'replayed calls');
    const sent = api.messages();
    expect(sent.map((m) => (m.type === 'track' ? m.event : m.type))).to.deep.equal([
      'Session Started',
      'First',
      'page',
      'identify',
      'Second',
    ]);
    for (const message of sent) expect(Date.parse(message.timestamp)).to.be.at.most(queuedAt);
    expect((sent[1] as TrackMessage).properties).to.deep.equal({ n: 1 });
    expect(sent[2]).to.include({ name: 'Menu' });
    expect(sent[4]!.userId).to.equal('user-9');
  });

  it('lets matbakh.init() configure it when the tag has no key, keeping earlier calls', async () => {
    await runSnippet();
    window.matbakh!.track!('Before Init');
    await loadBundle();
    globalObject().track('After Load, Before Init');
    globalObject().init({ writeKey: WRITE_KEY, api: API });
    globalObject().consent.set({ analytics: true });
    await globalObject().client!.flush();
    await until(() => api.messages().length === 3, 'both calls');
    expect(api.messages().map((m) => (m.type === 'track' ? m.event : ''))).to.deep.equal([
      'Session Started',
      'Before Init',
      'After Load, Before Init',
    ]);
  });

  it('a second copy of the bundle is a no-op: one client, no double send', async () => {
    scriptTag({ 'data-write-key': WRITE_KEY, 'data-api': API });
    await loadBundle();
    const first = globalObject();
    const client = first.client;
    await loadBundle();
    expect(window.matbakh).to.equal(first);
    expect(globalObject().client).to.equal(client);
    first.consent.set({ analytics: true });
    first.track('Once');
    await client!.flush();
    await until(() => api.messages().length === 2, 'delivery');
    await sleep(100);
    expect(attempts(api).length).to.equal(1);
  });

  it('another version already on the page keeps the page: nothing replaced, nothing thrown', async () => {
    const calls: string[] = [];
    const other = { version: '0.0.9', track: (event: string) => calls.push(event) };
    window.matbakh = other as never;
    scriptTag({ 'data-write-key': WRITE_KEY, 'data-api': API });
    await loadBundle();
    expect(window.matbakh).to.equal(other);
    (window.matbakh as unknown as typeof other).track('Handled By The Other Copy');
    expect(calls).to.deep.equal(['Handled By The Other Copy']);
  });

  it('never throws into the page, and counts what went wrong', async () => {
    scriptTag({ 'data-write-key': WRITE_KEY, 'data-api': API });
    await loadBundle();
    const g = globalObject();
    expect(() => g.track(42 as never)).not.to.throw();
    expect(() => g.track('Ok', 'not an object' as never)).not.to.throw();
    expect(() => g.identify('' as never)).not.to.throw();
    expect(() => g.group(undefined as never)).not.to.throw();
    expect(() => g.track('Ok', {}, { timestamp: 'yesterday-ish' })).not.to.throw();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => g.track('Circular', circular as never)).not.to.throw();
    expect(() => g.init({ writeKey: WRITE_KEY })).not.to.throw();
    expect(g.client!.stats().errors).to.equal(6);
  });

  it('reports errors on the console only in debug mode', async () => {
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      scriptTag({ 'data-write-key': WRITE_KEY, 'data-api': API });
      await loadBundle();
      globalObject().track('');
      expect(warnings).to.deep.equal([]);
      globalObject().client!.destroy();
      delete window.matbakh;
      for (const tag of document.querySelectorAll('script[data-write-key]')) tag.remove();
      scriptTag({ 'data-write-key': WRITE_KEY, 'data-api': API, 'data-debug': '' });
      await loadBundle();
      globalObject().track('');
      expect(warnings.length).to.equal(1);
      expect(String(warnings[0]![0])).to.contain('[matbakh] track');
    } finally {
      console.warn = original;
    }
  });
});
