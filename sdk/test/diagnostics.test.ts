/**
 * Issue 16 item 5: in debug mode each misconfiguration a partner can fix prints ONE console line naming the cause and
 * the fix, however many requests and plugins run into it; without debug, nothing is printed.
 */

import { expect } from '@esm-bundle/chai';
import type { ConfigResponse } from '@matbakh/contract';
import { defaultConfig } from '@matbakh/mocks';
import { privacyPlugin } from '../src/privacy/index.ts';
import type { ConsentControls } from '../src/privacy/types.ts';
import { type RecommendationsClient, recommendationsPlugin } from '../src/recommendations/index.ts';
import { type ActionsClient, rulesPlugin } from '../src/rules/index.ts';
import type { Client } from '../src/types.ts';
import { cleanup, type MockApi, mockApi, testClient, until, WRITE_KEY } from './helpers.ts';

const text = (s: string) => ({ de: s, en: s, ar: s });

/** Every `console.warn` line of the test, as text. */
function captureWarnings() {
  const lines: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  return { lines, restore: () => (console.warn = original) };
}

/** A debug client with the plugins a partner page has: privacy (config, ledger) and recommendations. */
const pageClient = (debug = true) =>
  testClient({
    debug,
    flushAt: 1,
    plugins: [privacyPlugin(), recommendationsPlugin()],
  }) as RecommendationsClient;

/** Lets the page do what it does on a refused origin: config, a batch, recommendations and their fallback. */
async function pageActivity(api: MockApi, client: RecommendationsClient) {
  client.consent.set({ analytics: true });
  client.track('Menu Viewed');
  await client.recommendations.get({ slot: 'home' });
  await until(() => api.requests.some((r) => r.path === '/v1/batch'), 'the batch was refused');
  await until(() => client.stats().dropped > 0, 'the refused batch was dropped');
}

describe('diagnostics a partner can act on (debug mode)', () => {
  let api: MockApi;
  let console_: ReturnType<typeof captureWarnings>;
  beforeEach(async () => {
    api = await mockApi();
    console_ = captureWarnings();
  });
  afterEach(() => {
    console_.restore();
    cleanup();
  });

  it('a refused origin: one line naming the origin and the fix, however many requests were refused', async () => {
    api.failNext(403, { times: 20 });
    const client = pageClient();
    await pageActivity(api, client);
    expect(api.requests.filter((r) => r.status === 403).length, 'several refused requests').to.be.greaterThan(2);
    expect(console_.lines, console_.lines.join('\n')).to.have.length(1);
    expect(console_.lines[0])
      .to.contain(`origin ${location.origin} is not allowed for write key ${WRITE_KEY}`)
      .and.contain("Fix: add it to the tenant's allowed origins".replace('it', location.origin));
    expect(client.stats().errors, 'still counted as errors').to.be.greaterThan(2);
    const view = (client.consent as unknown as ConsentControls).$view.get();
    expect(view.config, 'a setup error, not the network: no UI calls it offline').to.equal('misconfigured');
  });

  it('an unknown or revoked write key: one line naming the key and where to find the right one', async () => {
    api.failNext(401, { times: 20 });
    await pageActivity(api, pageClient());
    expect(console_.lines, console_.lines.join('\n')).to.have.length(1);
    expect(console_.lines[0]).to.contain(`write key ${WRITE_KEY} is unknown, expired or revoked`).and.contain('Fix:');
  });

  it('an invalid configuration: one line naming /v1/config and what is wrong with it', async () => {
    api.setConfig({ tenant: { id: 't' } } as unknown as ConfigResponse);
    const client = testClient({ debug: true, plugins: [privacyPlugin(), rulesPlugin()] }) as Client & ActionsClient;
    await client.actions.ready;
    await until(() => client.stats().errors >= 2, 'both plugins reported the config');
    expect(console_.lines, console_.lines.join('\n')).to.have.length(1);
    expect(console_.lines[0])
      .to.contain('/v1/config is unusable (GET /v1/config failed: the answer has no consent policy)')
      .and.contain('Fix: check that data-api points at the matbakh API');
  });

  it('a tenant without a catalogue: one line saying why recommendations are empty and how to load one', async () => {
    api.recommendations.setMode('empty');
    const client = pageClient();
    const first = await client.recommendations.get({ slot: 'home' });
    await client.recommendations.get({ slot: 'menu' });
    expect(first.items).to.deep.equal([]);
    expect(console_.lines, console_.lines.join('\n')).to.have.length(1);
    expect(console_.lines[0]).to.contain('this tenant has no catalogue').and.contain('Fix: upload one');
  });

  it('an unknown tour id: one line per id naming the tours there are', async () => {
    const tour = (id: string) => ({ id, steps: [{ id: 's', anchor: '#a', title: text('t'), body: text('b') }] });
    const client = testClient({
      debug: true,
      plugins: [rulesPlugin({ rules: [], tours: [tour('guest-welcome'), tour('owner-setup')] })],
    }) as Client & ActionsClient;
    expect(client.actions.tour('guest-welcome')?.id).to.equal('guest-welcome');
    expect(console_.lines).to.have.length(0);
    for (let i = 0; i < 3; i++) expect(client.actions.tour('welcome')).to.equal(null);
    expect(console_.lines, console_.lines.join('\n')).to.have.length(1);
    expect(console_.lines[0])
      .to.contain('<mb-tour tour-id="welcome"> shows nothing')
      .and.contain('(it has: guest-welcome, owner-setup)')
      .and.contain('Fix:');
  });

  it('says nothing without debug mode (the errors are still counted)', async () => {
    api.failNext(403, { times: 20 });
    const client = pageClient(false);
    await pageActivity(api, client);
    expect(console_.lines).to.deep.equal([]);
    expect(client.stats().errors).to.be.greaterThan(0);
  });

  it('reports other errors as before', async () => {
    api.failNext(503, { times: 20, path: '/v1/config' });
    const client = testClient({ debug: true, plugins: [privacyPlugin()] });
    await until(() => console_.lines.length > 0, 'a line');
    expect((client.consent as unknown as ConsentControls).$view.get().config).to.equal('error');
    expect(console_.lines[0]).to.match(/^\[matbakh\] .*503/);
    expect(defaultConfig.consent.version).to.be.a('number');
  });
});
