import type { Client } from '@matbakh/sdk';
import { expect, fixture, html } from '@open-wc/testing';
import { useMockApi } from '../../test-support/mock-api.ts';
import { applyScriptTheme, installGlobalExtras, type MatbakhExtras } from './global-extras.ts';
import { currentTheme, setTheme } from './theme.ts';

const API = 'http://api.extras.test';
const api = useMockApi({ base: API });

/** Replaces console.error for the duration of a test and records the calls. */
function captureErrors() {
  const original = console.error;
  const calls: string[] = [];
  console.error = (...args: unknown[]) => void calls.push(args.map(String).join(' '));
  return {
    calls,
    restore() {
      console.error = original;
    },
  };
}

/** Flushes until nothing waits (one request is in flight at a time). */
async function drain(client: Client) {
  for (let i = 0; i < 20 && client.stats().queued > 0; i++) await client.flush();
  expect(client.stats().queued, 'still queued').to.equal(0);
}

describe('installGlobalExtras', () => {
  let errors: ReturnType<typeof captureErrors>;
  const clients: Client[] = [];
  beforeEach(() => {
    localStorage.clear();
    api.reset();
    errors = captureErrors();
  });
  afterEach(() => {
    errors.restore();
    setTheme(null);
    for (const client of clients.splice(0)) client.destroy();
  });

  it('adds theme and create once; a second install (a second copy of the bundle) keeps them', () => {
    const global: Partial<MatbakhExtras> = {};
    installGlobalExtras(global);
    const { theme, create } = global;
    installGlobalExtras(global);
    expect(global.theme).to.equal(theme);
    expect(global.create).to.equal(create);
    expect(global.theme!.presets).to.include('brand-example');
  });

  it('theme.set applies presets and tokens; bad input is explained on the console, never thrown', () => {
    const global: Partial<MatbakhExtras> = {};
    installGlobalExtras(global);
    expect(global.theme!.set('dark')).to.equal(true);
    expect(global.theme!.set({ '--mb-color-primary': '#7dd69a' })).to.equal(true);
    expect(global.theme!.get()).to.deep.equal({ preset: 'dark', tokens: { '--mb-color-primary': '#7dd69a' } });
    expect(global.theme!.set({ '--mb-colr-primary': 'red' } as never)).to.equal(false);
    expect(global.theme!.set('neon' as never)).to.equal(false);
    expect(errors.calls).to.have.length(2);
    expect(errors.calls[0]).to.contain('theme.set').and.contain('--mb-colr-primary');
    expect(currentTheme().tokens).to.deep.equal({ '--mb-color-primary': '#7dd69a' });
  });

  it('theme.set refuses a value that is no colour and unreadable pairs, with false and the reason', () => {
    const global: Partial<MatbakhExtras> = {};
    installGlobalExtras(global);
    expect(global.theme!.set({ '--mb-color-primary': 'purple-ish' })).to.equal(false);
    expect(global.theme!.set({ '--mb-color-primary': '#ffeb3b', '--mb-color-on-primary': '#fff' })).to.equal(false);
    expect(errors.calls).to.have.length(2);
    expect(errors.calls[0]).to.contain('theme.set').and.contain('purple-ish');
    expect(errors.calls[1]).to.contain('--mb-color-on-primary').and.contain('WCAG AA');
    expect(currentTheme()).to.deep.equal({ preset: undefined, tokens: {} });
  });

  it("applies the script tag's data-theme: a preset name or JSON tokens; a bad one is explained", async () => {
    const script = await fixture<HTMLScriptElement>(
      html`<script type="text/plain" data-theme="brand-example"></script>`,
    );
    installGlobalExtras({}, { script });
    expect(currentTheme().preset).to.equal('brand-example');
    script.dataset.theme = '{"--mb-radius-m": "0px"}';
    applyScriptTheme(script);
    expect(currentTheme()).to.deep.equal({ preset: 'brand-example', tokens: { '--mb-radius-m': '0px' } });
    script.dataset.theme = '{"--mb-radius-m": "0px; color: red"}';
    applyScriptTheme(script);
    expect(errors.calls[0]).to.contain('data-theme').and.contain('";"');
    expect(currentTheme().tokens).to.deep.equal({ '--mb-radius-m': '0px' });
    script.dataset.theme = '{"--mb-color-primary": "#ffeb3b", "--mb-color-on-primary": "#ffffff"}';
    applyScriptTheme(script);
    expect(errors.calls[1]).to.contain('data-theme').and.contain('WCAG AA');
    expect(currentTheme().tokens).to.deep.equal({ '--mb-radius-m': '0px' });
  });

  it('create: two clients with their own write keys, queues and storage keys; events go to their own key', async () => {
    const global: Partial<MatbakhExtras> & { client?: Client } = {};
    installGlobalExtras(global);
    const a = global.create!({ writeKey: 'pk_a', api: API, flushAt: 1 })!;
    const b = global.create!({ writeKey: 'pk_b', api: API, flushAt: 1 })!;
    clients.push(a, b);
    expect(a).not.to.equal(b);
    expect(global.client).to.equal(undefined); // create never takes over matbakh.client
    expect(a.user().anonymousId).not.to.equal(b.user().anonymousId);
    a.consent.set({ analytics: true });
    b.consent.set({ analytics: true });
    b.track('Only B', {});
    await drain(b);
    await drain(a);
    const debug = JSON.stringify([api.requests, b.stats(), b.consent.get()]);
    const sent = api.batches.flatMap((batch) =>
      batch.batch.map((m) => [batch.writeKey, 'event' in m ? m.event : m.type]),
    );
    expect(
      sent.filter(([, name]) => name === 'Only B'),
      debug,
    ).to.deep.equal([['pk_b', 'Only B']]);
    expect(api.batches.filter((batch) => batch.writeKey === 'pk_a').flatMap((x) => x.batch)).to.satisfy(
      (messages: { event?: string }[]) => messages.every((m) => m.event !== 'Only B'),
    );
    a.track('Only A', {});
    await drain(a);
    const keys = Object.keys(localStorage).filter((key) => key.startsWith('mb.'));
    expect(keys.length).to.be.greaterThan(0);
    for (const key of keys) expect(key, key).to.match(/\.pk_[ab](\.|$)/);
    expect(keys.some((key) => key.includes('pk_a'))).to.equal(true);
    expect(keys.some((key) => key.includes('pk_b'))).to.equal(true);
    const onlyA = api.batches.flatMap((batch) =>
      batch.batch.filter((m) => 'event' in m && m.event === 'Only A').map(() => batch.writeKey),
    );
    expect(onlyA).to.deep.equal(['pk_a']);
  });

  it("create: each client keeps its own consent decision; one tenant's choice never reaches the other", async () => {
    const global: Partial<MatbakhExtras> = {};
    installGlobalExtras(global);
    const a = global.create!({ writeKey: 'pk_a', api: API })!;
    const b = global.create!({ writeKey: 'pk_b', api: API })!;
    clients.push(a, b);
    a.consent.set({ analytics: true, marketing: true });
    expect(b.consent.status('analytics')).to.equal('pending');
    b.consent.set({ analytics: false });
    // The privacy layer's cross-tab channel is per write key too: give a stray message time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.consent.status('analytics')).to.equal('granted');
    expect(b.consent.status('analytics')).to.equal('denied');
    expect(b.consent.status('marketing')).to.equal('pending');
    const decisions = Object.keys(localStorage).filter((key) => key.startsWith('mb.consent'));
    expect(decisions.sort()).to.deep.equal(['mb.consent.pk_a', 'mb.consent.pk_b']);
  });

  it('create refuses a write key that already has a client, and bad options, without throwing', () => {
    const global: Partial<MatbakhExtras> = {};
    installGlobalExtras(global);
    const a = global.create!({ writeKey: 'pk_same', api: API })!;
    clients.push(a);
    expect(global.create!({ writeKey: 'pk_same', api: API })).to.equal(undefined);
    expect(global.create!({} as never)).to.equal(undefined);
    expect(errors.calls).to.have.length(2);
    expect(errors.calls[0]).to.contain('pk_same');
    expect(errors.calls[1]).to.contain('writeKey');
  });

  it("the main client's write key (matbakh.init) is taken too", () => {
    const initCalls: string[] = [];
    const global: Partial<MatbakhExtras> & { init?: (o: { writeKey: string }) => void } = {
      init: (options) => void initCalls.push(options.writeKey),
    };
    installGlobalExtras(global);
    global.init!({ writeKey: 'pk_main' });
    expect(initCalls).to.deep.equal(['pk_main']);
    expect(global.create!({ writeKey: 'pk_main', api: API })).to.equal(undefined);
  });
});
