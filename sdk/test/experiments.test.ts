import { expect } from '@esm-bundle/chai';
import { EXPERIMENT_VIEWED, type Experiment, type Message } from '@matbakh/contract';
import { defaultConfig } from '@matbakh/mocks';
import {
  assignVariant,
  type ExperimentsClient,
  type ExperimentsOptions,
  experimentsPlugin,
  murmur3,
  parseForced,
} from '../src/experiments/index.ts';
import type { ClientOptions } from '../src/index.ts';
import { cleanup, type MockApi, mockApi, testClient, until } from './helpers.ts';

const CHECKOUT: Experiment = {
  key: 'checkout-cta',
  variants: [
    { key: 'control', weight: 1 },
    { key: 'green', weight: 1 },
    { key: 'big', weight: 2 },
  ],
  allocation: 1,
};
const ids = (n: number, prefix = 'user-') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

function xpClient(options: ExperimentsOptions = {}, clientOptions: Partial<ClientOptions> = {}) {
  return testClient({
    plugins: [experimentsPlugin({ experiments: [CHECKOUT], search: '', ...options })],
    ...clientOptions,
  }) as ExperimentsClient;
}
const exposures = (api: MockApi) =>
  api.messages().filter((m): m is Message & { type: 'track' } => m.type === 'track' && m.event === EXPERIMENT_VIEWED);

describe('experiments: hashing and bucketing (pure)', () => {
  it('murmur3 x86_32 matches the reference check values', () => {
    expect(murmur3('')).to.equal(0);
    expect(murmur3('hello')).to.equal(0x248bfa47);
    expect(murmur3('The quick brown fox jumps over the lazy dog')).to.equal(0x2e4ff723);
    expect(murmur3('', 1)).to.equal(0x514e28b7);
  });

  it('spreads 10k ids over the weights (chi-square, 2 df, below the p = 0.001 critical value 13.82)', () => {
    const counts: Record<string, number> = { control: 0, green: 0, big: 0 };
    for (const id of ids(10_000)) counts[assignVariant(CHECKOUT, id)!]!++;
    const expected = { control: 2500, green: 2500, big: 5000 };
    const chi2 = Object.entries(expected).reduce((sum, [k, e]) => sum + (counts[k]! - e) ** 2 / e, 0);
    expect(chi2, JSON.stringify(counts)).to.be.below(13.82);
    // The same for random-looking ids (uuids as anonymous ids are).
    const uuids = { control: 0, green: 0, big: 0 } as Record<string, number>;
    for (const id of ids(10_000, '4f1c2b7e-')) uuids[assignVariant(CHECKOUT, id)!]!++;
    const chi2u = Object.entries(expected).reduce((sum, [k, e]) => sum + (uuids[k]! - e) ** 2 / e, 0);
    expect(chi2u, JSON.stringify(uuids)).to.be.below(13.82);
  });

  it('allocation and holdout proportions hold over 10k ids (±1.5 points)', () => {
    const experiment: Experiment = { ...CHECKOUT, allocation: 0.3, holdout: 0.1 };
    let holdout = 0;
    let inside = 0;
    for (const id of ids(10_000)) {
      const v = assignVariant(experiment, id);
      if (v === 'holdout') holdout++;
      else if (v !== null) inside++;
    }
    expect(holdout / 10_000).to.be.closeTo(0.1, 0.015);
    expect(inside / 10_000).to.be.closeTo(0.9 * 0.3, 0.015);
  });

  it('the holdout is global: the same visitors are held out of every experiment', () => {
    const other: Experiment = { ...CHECKOUT, key: 'menu-layout', holdout: 0.1 };
    const one: Experiment = { ...CHECKOUT, holdout: 0.1 };
    const heldOut = ids(2000).filter((id) => assignVariant(one, id) === 'holdout');
    expect(heldOut.length).to.be.greaterThan(100);
    for (const id of heldOut) expect(assignVariant(other, id)).to.equal('holdout');
  });

  it('raising the allocation only adds visitors: nobody changes variant', () => {
    const before = { ...CHECKOUT, allocation: 0.2 };
    const after = { ...CHECKOUT, allocation: 0.6 };
    let kept = 0;
    for (const id of ids(3000)) {
      const v = assignVariant(before, id);
      if (v === null) continue;
      kept++;
      expect(assignVariant(after, id)).to.equal(v);
    }
    expect(kept).to.be.greaterThan(400);
  });

  it('is off outside startsAt..endsAt', () => {
    const dated = { ...CHECKOUT, startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-04-01T00:00:00Z' };
    expect(assignVariant(dated, 'u', Date.parse('2026-02-28T23:59:59Z'))).to.equal(null);
    expect(assignVariant(dated, 'u', Date.parse('2026-03-15T00:00:00Z'))).to.be.a('string');
    expect(assignVariant(dated, 'u', Date.parse('2026-04-01T00:00:00Z'))).to.equal(null);
  });

  it('parses ?mb_variant= pairs and skips junk', () => {
    expect(parseForced('?mb_variant=checkout-cta:green,menu:control&x=1')).to.deep.equal({
      'checkout-cta': 'green',
      menu: 'control',
    });
    expect(parseForced('?mb_variant=nocolon,:b,a:')).to.deep.equal({});
  });
});

describe('experiments plugin', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
  });
  afterEach(cleanup);

  it('gives the same variant after a reload (stored anonymous id) and on another device (same userId)', async () => {
    const first = xpClient();
    first.consent.set({ analytics: true });
    const v1 = first.experiments.variant('checkout-cta');
    expect(v1).to.be.oneOf(['control', 'green', 'big']);
    const anonymousId = first.user().anonymousId;
    await first.flush();
    first.destroy();
    const reloaded = xpClient();
    expect(reloaded.user().anonymousId).to.equal(anonymousId);
    expect(reloaded.experiments.variant('checkout-cta')).to.equal(v1);

    // Two devices: separate storage, different anonymous ids, one user.
    const results = new Set<string | null>();
    for (let i = 0; i < 2; i++) {
      const device = xpClient({}, { storage: 'memory' });
      device.identify('user-7', {}, { userHash: 'h' });
      results.add(device.experiments.variant('checkout-cta'));
    }
    expect(results.size).to.equal(1);
    expect([...results][0]).to.equal(assignVariant(CHECKOUT, 'user-7'));
  });

  it('sends Experiment Viewed once per session, across reloads, with Segment property names', async () => {
    const client = xpClient();
    client.consent.set({ analytics: true });
    const variant = client.experiments.variant('checkout-cta');
    client.experiments.variant('checkout-cta');
    client.experiments.expose('checkout-cta');
    await client.flush();
    await until(() => exposures(api).length > 0, 'the exposure');
    client.destroy();
    const reloaded = xpClient();
    reloaded.experiments.variant('checkout-cta');
    reloaded.experiments.expose('checkout-cta');
    await reloaded.flush();
    const sent = exposures(api);
    expect(sent).to.have.length(1);
    expect(sent[0]!.properties).to.deep.equal({ experiment_id: 'checkout-cta', variant_id: variant });

    // A new session (activity 31 minutes later) exposes again, once.
    reloaded.track('Menu Viewed', {}, { timestamp: Date.now() + 31 * 60 * 1000 });
    reloaded.experiments.variant('checkout-cta');
    reloaded.experiments.variant('checkout-cta');
    await reloaded.flush();
    const again = exposures(api);
    expect(again).to.have.length(2);
    expect(again[1]!.context.session).to.not.deep.equal(again[0]!.context.session);
  });

  it('with autoExpose: false only expose() sends the exposure', async () => {
    const client = xpClient({ autoExpose: false });
    client.consent.set({ analytics: true });
    client.experiments.variant('checkout-cta');
    await client.flush();
    expect(exposures(api)).to.have.length(0);
    client.experiments.expose('checkout-cta');
    client.experiments.expose('checkout-cta');
    await client.flush();
    expect(exposures(api)).to.have.length(1);
  });

  it('consent applies: nothing sent or stored without analytics; refused means never', async () => {
    const client = xpClient();
    client.experiments.variant('checkout-cta');
    await client.flush();
    expect(exposures(api)).to.have.length(0);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('mb.xp.'))).to.deep.equal([]);
    client.consent.set({ analytics: false });
    client.experiments.expose('checkout-cta');
    await client.flush();
    expect(exposures(api)).to.have.length(0);
    expect(client.stats().discarded).to.be.greaterThan(0);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('mb.xp.'))).to.deep.equal([]);
  });

  it('forces variants from ?mb_variant= (over options.force), marks their exposure, ignores unknown ones', async () => {
    const experiments = [
      { ...CHECKOUT, allocation: 0 },
      { ...CHECKOUT, key: 'menu', holdout: 1 },
      { ...CHECKOUT, key: 'ended', endsAt: '2020-01-01T00:00:00Z' },
    ];
    const client = xpClient({
      experiments,
      force: { 'checkout-cta': 'control', menu: 'nope', ended: 'green' },
      search: '?mb_variant=checkout-cta:big',
    });
    client.consent.set({ analytics: true });
    expect(client.experiments.variant('checkout-cta')).to.equal('big');
    expect(client.experiments.variant('menu')).to.equal('holdout');
    expect(client.experiments.variant('ended')).to.equal('green');
    await client.flush();
    expect(exposures(api).find((m) => m.properties?.experiment_id === 'checkout-cta')?.properties).to.deep.equal({
      experiment_id: 'checkout-cta',
      variant_id: 'big',
      forced: true,
    });
    expect(client.stats().errors).to.be.greaterThan(0);
  });

  it('answers null for unknown, unallocated and before loading; loads experiments from GET /v1/config', async () => {
    api.setConfig({
      ...defaultConfig,
      experiments: [CHECKOUT, { key: 'bad', variants: [], allocation: 2 } as unknown as Experiment],
    });
    const client = testClient({ plugins: [experimentsPlugin({ search: '' })] }) as ExperimentsClient;
    expect(client.experiments.status()).to.equal('loading');
    expect(client.experiments.variant('checkout-cta')).to.equal(null);
    await client.experiments.ready;
    expect(client.experiments.status()).to.equal('ready');
    expect(client.experiments.list().map((e) => e.key)).to.deep.equal(['checkout-cta']);
    expect(client.experiments.variant('checkout-cta')).to.be.oneOf(['control', 'green', 'big']);
    expect(client.experiments.variant('unknown')).to.equal(null);
    expect(client.stats().errors, 'the invalid experiment is reported').to.equal(1);
    const unallocated = xpClient({ experiments: [{ ...CHECKOUT, allocation: 0 }] });
    expect(unallocated.experiments.variant('checkout-cta')).to.equal(null);
  });

  it('is idempotent and survives a failing config', async () => {
    api.failNext(500, { path: '/v1/config' });
    const plugin = experimentsPlugin({ search: '' });
    const client = testClient({ plugins: [plugin, plugin] }) as ExperimentsClient;
    await client.experiments.ready;
    expect(client.experiments.status()).to.equal('error');
    expect(client.experiments.variant('checkout-cta')).to.equal(null);
  });
});
