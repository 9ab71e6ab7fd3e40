import { expect } from '@esm-bundle/chai';
import { CONSENT_CATEGORIES, type ConsentRecordRequest } from '@matbakh/contract';
import { featureEnabled, isAllowed, type PrivacyClient } from '../src/privacy/index.ts';
import { type RecommendationsClient, recommendationsPlugin } from '../src/recommendations/index.ts';
import {
  API,
  cleanup,
  type MockApi,
  mockApi,
  sleep,
  storedKeys,
  until,
  WRITE_KEY,
  watchSideEffects,
} from './helpers.ts';
import {
  ALL_GRANTED,
  ALL_REFUSED,
  cookieNames,
  NO_CHANNELS,
  privacyClient,
  saved,
  setGpc,
  storeDecision,
  withPolicy,
} from './privacy-helpers.ts';

const view = (client: PrivacyClient) => client.consent.$view.get();
const stored = () => JSON.parse(localStorage.getItem(`mb.consent.${WRITE_KEY}`) ?? 'null');

describe('privacy: by default', () => {
  let api: MockApi;
  let watch: ReturnType<typeof watchSideEffects>;
  beforeEach(async () => {
    api = await mockApi();
    watch = watchSideEffects();
  });
  afterEach(() => {
    watch.restore();
    setGpc(false);
    cleanup();
  });

  it('before a decision: only GET /v1/config (no cookie, no identifier), no storage write, nothing granted', async () => {
    const client = privacyClient();
    expect(view(client).config).to.equal('loading');
    client.track('Menu Viewed');
    client.page('Home');
    await client.consent.ready;
    await client.flush();
    dispatchEvent(new PageTransitionEvent('pagehide'));
    await sleep(120);
    expect(watch.requests.map((r) => r.url)).to.deep.equal([`${API}/v1/config?writeKey=${WRITE_KEY}`]);
    expect(watch.requests[0]!.init?.credentials).to.equal('omit');
    expect(watch.writes).to.deep.equal([]);
    expect(storedKeys()).to.deep.equal([]);
    expect(document.cookie).to.equal('');
    const v = view(client);
    expect(v.config).to.equal('ready');
    expect(v.policy?.version).to.equal(1);
    expect(v).to.deep.include({ needsDecision: true, reason: 'first_visit', ledger: 'idle', gpc: false, choices: {} });
    for (const category of CONSENT_CATEGORIES) {
      expect(isAllowed(client, category), category).to.equal(category === 'necessary');
    }
  });

  it('the config request and the cross-tab channel wait until the first banner can paint', async () => {
    const channels: string[] = [];
    const Original = window.BroadcastChannel;
    window.BroadcastChannel = class extends Original {
      constructor(name: string) {
        super(name);
        channels.push(name);
      }
    };
    try {
      const client = privacyClient();
      // Created, a frame not yet out: the banner's first render must not wait on either.
      expect(watch.requests).to.deep.equal([]);
      expect(channels).to.deep.equal([]);
      expect(view(client)).to.deep.include({ config: 'loading', needsDecision: true });
      await client.consent.ready;
      expect(watch.requests.map((r) => r.url)).to.deep.equal([`${API}/v1/config?writeKey=${WRITE_KEY}`]);
      expect(channels).to.deep.equal([`matbakh-consent.${WRITE_KEY}`]);
    } finally {
      window.BroadcastChannel = Original;
    }
  });

  it('GPC is shown and honoured, but not stored as a decision; an explicit choice overrides it', async () => {
    setGpc(true);
    const client = privacyClient();
    await client.consent.ready;
    await sleep(50);
    expect(view(client)).to.deep.include({ gpc: true, reason: 'first_visit', needsDecision: true, choices: {} });
    expect(client.consent.status('analytics')).to.equal('denied');
    expect(client.consent.status('marketing')).to.equal('denied');
    expect(client.consent.status('preferences')).to.equal('pending');
    expect(watch.writes).to.deep.equal([]);
    expect(api.ledger()).to.deep.equal([]);

    client.consent.acceptAll('banner');
    await saved(client);
    expect(client.consent.status('analytics')).to.equal('granted');
    expect(api.ledger().map((row) => row.action)).to.deep.equal(['accept_all']);
  });

  it('config: an error shows in the view, `ready` still resolves, reload() retries', async () => {
    api.failNext(503, { path: '/v1/config' });
    const client = privacyClient();
    await client.consent.ready;
    expect(view(client).config).to.equal('error');
    expect(view(client).policy).to.equal(undefined);
    const reloading = client.consent.reload();
    expect(view(client).config).to.equal('loading');
    await reloading;
    expect(view(client).config).to.equal('ready');
    expect(view(client).policy?.version).to.equal(1);
    // Loaded once: a further reload() does not fetch again.
    await client.consent.reload();
    expect(api.requests.filter((r) => r.path === '/v1/config').map((r) => r.status)).to.deep.equal([503, 200]);
  });
});

describe('privacy: decisions and their proof', () => {
  let api: MockApi;
  let watch: ReturnType<typeof watchSideEffects>;
  beforeEach(async () => {
    api = await mockApi();
    watch = watchSideEffects();
  });
  afterEach(() => {
    watch.restore();
    cleanup();
  });

  it('acceptAll grants every category but no channel, and records accept_all with the policy version', async () => {
    const client = privacyClient();
    await client.consent.ready;
    client.consent.acceptAll('banner');
    expect(view(client).ledger).to.equal('saving');
    await saved(client);
    const [row, ...rest] = api.ledger();
    expect(rest).to.deep.equal([]);
    const gate = client.consent.get();
    expect(row).to.deep.include({
      consentId: gate.id,
      anonymousId: client.user().anonymousId,
      policyVersion: 1,
      action: 'accept_all',
      choices: ALL_GRANTED,
      channels: {},
      source: 'banner',
      timestamp: gate.updatedAt,
      userAgentClass: 'desktop',
    });
    const post = watch.requests.find((r) => r.init?.method === 'POST' && r.url.includes('/v1/consent'))!;
    expect(post.init?.keepalive).to.equal(true);
    expect(new Headers(post.init?.headers).get('Content-Type')).to.equal('application/json');
    expect(view(client)).to.deep.include({
      needsDecision: false,
      reason: 'none',
      action: 'accept_all',
      policyVersion: 1,
    });
    expect(stored().m).to.deep.include({ policyVersion: 1, action: 'accept_all', source: 'banner', channels: {} });
    expect(isAllowed(client, 'marketing')).to.equal(true);
  });

  it('rejectAll refuses every category and every channel', async () => {
    const client = privacyClient();
    await client.consent.ready;
    client.consent.save({ channels: { email: true } }, 'center');
    await saved(client);
    client.consent.rejectAll('banner');
    await until(() => api.ledger().length === 2, 'two ledger rows');
    await saved(client);
    const row = api.ledger()[1]!;
    expect(row).to.deep.include({
      action: 'reject_all',
      choices: ALL_REFUSED,
      channels: NO_CHANNELS,
      policyVersion: 1,
    });
    expect(view(client).channels).to.deep.equal(NO_CHANNELS);
    for (const category of ['preferences', 'personalization', 'analytics', 'marketing'] as const) {
      expect(client.consent.status(category)).to.equal('denied');
    }
  });

  it('save records a custom decision with channels and feature switches; others keep their state', async () => {
    const client = privacyClient();
    await client.consent.ready;
    client.consent.save(
      { choices: { personalization: true, analytics: false }, channels: { email: true }, features: { tour: false } },
      'center',
    );
    await saved(client);
    expect(api.ledger()[0]).to.deep.include({
      action: 'custom',
      source: 'center',
      choices: { personalization: true, analytics: false },
      channels: { email: true },
    });
    const v = view(client);
    expect(v.features).to.deep.equal({
      recommendations: true,
      next_best_action: true,
      tour: false,
      dashboard_order: true,
    });
    expect(featureEnabled(v, 'recommendations')).to.equal(true);
    expect(featureEnabled(v, 'tour')).to.equal(false);
    // Not asked about preferences and marketing yet.
    expect(v).to.deep.include({ needsDecision: true, reason: 'new_category' });
    expect(stored().m.features).to.deep.equal({ tour: false });

    client.consent.save({ choices: { preferences: true, marketing: false } }, 'center');
    await until(() => api.ledger().length === 2, 'second row');
    expect(api.ledger()[1]!.choices).to.deep.equal({
      personalization: true,
      analytics: false,
      preferences: true,
      marketing: false,
    });
    expect(api.ledger()[1]!.channels).to.deep.equal({ email: true });
    expect(view(client).reason).to.equal('none');
    expect(featureEnabled(view(client), 'tour')).to.equal(false);
  });

  it('withdraw refuses everything but necessary; consent.set is recorded as a custom decision from the API', async () => {
    const client = privacyClient();
    await client.consent.ready;
    client.consent.set({ analytics: true });
    await saved(client);
    expect(api.ledger()[0]).to.deep.include({ action: 'custom', source: 'api', choices: { analytics: true } });
    client.consent.withdraw('center');
    await until(() => api.ledger().length === 2, 'withdraw row');
    expect(api.ledger()[1]).to.deep.include({ action: 'withdraw', choices: ALL_REFUSED, channels: NO_CHANNELS });
    expect(isAllowed(client, 'analytics')).to.equal(false);
    expect(isAllowed(client, 'necessary')).to.equal(true);
  });

  it('bad input is reported, never thrown into the page', async () => {
    const client = privacyClient();
    await client.consent.ready;
    expect(() => client.consent.save({ choices: { tracking: true } as never }, 'center')).not.to.throw();
    expect(() => client.consent.acceptAll(undefined as never)).not.to.throw();
    await saved(client);
    // The unknown category stored nothing; a missing source is recorded as 'api'.
    expect(api.ledger().map((row) => [row.action, row.source])).to.deep.equal([['accept_all', 'api']]);
    expect(client.stats().errors).to.be.greaterThan(0);
  });

  it('events wait until the server has the proof of the decision that allowed them', async () => {
    const client = privacyClient();
    await client.consent.ready;
    const order: string[] = [];
    const original = window.fetch;
    // The proof's answer is slow: a batch sent before it would reach a server that has no grant on record yet.
    window.fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/v1/batch')) order.push('batch sent');
      const response = await original(input, init);
      if (url.includes('/v1/consent') && init?.method === 'POST') {
        await new Promise((resolve) => setTimeout(resolve, 150));
        order.push('proof acknowledged');
      }
      return response;
    };
    try {
      client.consent.acceptAll('banner');
      client.track('Dish Viewed');
      await client.flush();
      expect(order).to.deep.equal(['proof acknowledged', 'batch sent']);
      expect(api.messages().map((m) => (m.type === 'track' ? m.event : m.type))).to.include('Dish Viewed');
    } finally {
      window.fetch = original;
    }
  });

  it('a request answered by what the visitor allowed waits for the proof: recommendations right after "Accept all"', async () => {
    // The server answers by its ledger: asked before it has the proof, it says "you have not allowed
    // personalization" to someone who just did.
    const client = privacyClient({ plugins: [recommendationsPlugin()] }) as PrivacyClient & RecommendationsClient;
    await client.consent.ready;
    const order: string[] = [];
    const original = window.fetch;
    window.fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/v1/recommendations?'))
        order.push(`recommendations asked (${new URL(url).searchParams.get('profiling')})`);
      const response = await original(input, init);
      if (url.includes('/v1/consent') && init?.method === 'POST') {
        await sleep(150);
        order.push('proof acknowledged');
      }
      return response;
    };
    try {
      client.consent.acceptAll('banner');
      const result = await client.recommendations.get({ slot: 'home', limit: 3 });
      expect(order).to.deep.equal(['proof acknowledged', 'recommendations asked (1)']);
      expect(result.error).to.equal(undefined);
    } finally {
      window.fetch = original;
    }
  });

  it('the proof is kept while offline and sent on the next online event', async () => {
    const client = privacyClient();
    await client.consent.ready;
    api.goOffline();
    client.consent.acceptAll('banner');
    await until(() => view(client).ledger === 'offline', 'ledger offline');
    expect(storedKeys()).to.include(`mb.proof.${WRITE_KEY}`);
    expect(api.ledger()).to.deep.equal([]);
    api.goOnline();
    dispatchEvent(new Event('online'));
    await saved(client);
    expect(api.ledger().map((row) => row.action)).to.deep.equal(['accept_all']);
    expect(storedKeys()).not.to.include(`mb.proof.${WRITE_KEY}`);
  });

  it('a proof that failed is sent on the next page load', async () => {
    const first = privacyClient();
    await first.consent.ready;
    api.failNext(503, { path: '/v1/consent' });
    first.consent.rejectAll('banner');
    await until(() => view(first).ledger === 'error', 'ledger error');
    const consentId = first.consent.get().id;
    first.destroy();

    const next = privacyClient();
    await saved(next);
    expect(api.ledger()).to.have.length(1);
    expect(api.ledger()[0]).to.deep.include({ consentId, action: 'reject_all' });
  });

  it('a proof made before the config arrived gets the policy version once it is known', async () => {
    const client = privacyClient();
    client.consent.acceptAll('api');
    await saved(client);
    expect(api.ledger()[0]).to.deep.include({ action: 'accept_all', policyVersion: 1 });
    expect(stored().m.policyVersion).to.equal(1);
    expect(view(client).reason).to.equal('none');
  });
});

describe('privacy: asking again', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
  });
  afterEach(() => cleanup());

  it('a newer policy version asks again with the earlier choices pre-filled and in force', async () => {
    storeDecision(ALL_GRANTED, { policyVersion: 1, action: 'accept_all', channels: { email: true } });
    api.setConfig(withPolicy({ version: 2 }));
    const client = privacyClient();
    await client.consent.ready;
    expect(view(client)).to.deep.include({
      needsDecision: true,
      reason: 'policy_changed',
      choices: ALL_GRANTED,
      channels: { email: true },
      policyVersion: 1,
    });
    expect(isAllowed(client, 'analytics')).to.equal(true);
    client.consent.save({ choices: view(client).choices }, 'banner');
    await saved(client);
    expect(view(client)).to.deep.include({ needsDecision: false, reason: 'none', policyVersion: 2 });
    expect(api.ledger()[0]).to.deep.include({ policyVersion: 2, action: 'custom', channels: { email: true } });
  });

  it('a category the visitor was never asked about counts as not asked: pending, not granted, not refused', async () => {
    // Decided when the policy had no marketing category.
    storeDecision({ preferences: true, personalization: true, analytics: true }, { policyVersion: 1 });
    const client = privacyClient();
    await client.consent.ready;
    expect(view(client)).to.deep.include({ needsDecision: true, reason: 'new_category' });
    expect(view(client).choices).not.to.have.property('marketing');
    expect(client.consent.status('marketing')).to.equal('pending');
    client.consent.acceptAll('banner');
    await saved(client);
    expect(view(client).reason).to.equal('none');
  });

  it('a policy version bump with a new category: policy_changed, the new one absent from the choices', async () => {
    storeDecision({ preferences: false, personalization: true, analytics: false }, { policyVersion: 1 });
    api.setConfig(withPolicy({ version: 3 }));
    const client = privacyClient();
    await client.consent.ready;
    const v = view(client);
    expect(v.reason).to.equal('policy_changed');
    expect(v.choices).to.deep.equal({ preferences: false, personalization: true, analytics: false });
    expect(client.consent.status('marketing')).to.equal('pending');
  });

  it('a decision older than reaskAfterDays asks again, and stays in force until answered', async () => {
    storeDecision(ALL_GRANTED, { policyVersion: 1, action: 'accept_all' }, 200);
    const client = privacyClient();
    await client.consent.ready;
    expect(view(client)).to.deep.include({ needsDecision: true, reason: 'expired', action: 'accept_all' });
    expect(isAllowed(client, 'analytics')).to.equal(true);
    client.consent.acceptAll('banner');
    await saved(client);
    expect(view(client).reason).to.equal('none');
  });

  it('a fresh decision under the current policy is not asked again', async () => {
    storeDecision(ALL_REFUSED, { policyVersion: 1, action: 'reject_all' }, 30);
    const client = privacyClient();
    await client.consent.ready;
    expect(view(client)).to.deep.include({ needsDecision: false, reason: 'none', action: 'reject_all' });
  });
});

describe('privacy: revoking clears what the category stored', () => {
  const cookies = ['stat_a', 'stat_b', 'ad_id', 'keep'];
  beforeEach(async () => {
    const api = await mockApi();
    api.setConfig(
      withPolicy({
        categories: withPolicy({}).consent.categories.map((category) =>
          category.id === 'analytics'
            ? { ...category, storageKeys: ['stat_*', '_hits'] }
            : category.id === 'marketing'
              ? { ...category, storageKeys: ['ad_id'] }
              : category,
        ),
      }),
    );
  });
  afterEach(() => {
    for (const name of cookies) {
      // biome-ignore lint/suspicious/noDocumentCookie: test cleanup
      document.cookie = `${name}=; max-age=0; path=/`;
    }
    cleanup();
  });

  it('revoking analytics removes its cookies and storage keys (exact and prefix) and nothing else', async () => {
    const client = privacyClient();
    await client.consent.ready;
    client.consent.acceptAll('banner');
    const directory = location.pathname.replace(/\/[^/]*$/, '') || '/';
    // biome-ignore-start lint/suspicious/noDocumentCookie: the host's scripts set these
    document.cookie = 'stat_a=1; path=/';
    document.cookie = `stat_b=2; path=${directory}`;
    document.cookie = 'ad_id=3; path=/';
    document.cookie = 'keep=4; path=/';
    // biome-ignore-end lint/suspicious/noDocumentCookie: the host's scripts set these
    localStorage.setItem('stat_session', 'x');
    localStorage.setItem('_hits', '3');
    localStorage.setItem('_hits_other', 'kept: not a prefix pattern');
    sessionStorage.setItem('stat_tab', 'y');
    expect(cookieNames()).to.include.members(['stat_a', 'stat_b']);

    client.consent.save({ choices: { analytics: false } }, 'center');
    await until(() => !cookieNames().includes('stat_a'), 'analytics cookies cleared');
    expect(cookieNames()).to.deep.equal(['ad_id', 'keep']);
    expect(localStorage.getItem('stat_session')).to.equal(null);
    expect(localStorage.getItem('_hits')).to.equal(null);
    expect(localStorage.getItem('_hits_other')).to.equal('kept: not a prefix pattern');
    expect(sessionStorage.getItem('stat_tab')).to.equal(null);

    client.consent.withdraw('center');
    await until(() => !cookieNames().includes('ad_id'), 'marketing cookie cleared');
    expect(cookieNames()).to.deep.equal(['keep']);
    await saved(client);
  });
});

describe('privacy: across tabs', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
  });
  afterEach(() => cleanup());

  it('a decision in one tab updates the view and the gate of the others (BroadcastChannel)', async () => {
    const here = privacyClient();
    const there = privacyClient();
    await Promise.all([here.consent.ready, there.consent.ready]);
    const seen: string[] = [];
    there.consent.$view.listen((v) => seen.push(v.reason));
    here.consent.acceptAll('banner');
    await until(() => there.consent.status('analytics') === 'granted', 'the other client to follow');
    expect(view(there)).to.deep.include({ choices: ALL_GRANTED, needsDecision: false, action: 'accept_all' });
    expect(seen).to.include('none');

    here.consent.rejectAll('banner');
    await until(() => there.consent.status('analytics') === 'denied', 'the other client to follow the refusal');
    await saved(here);
    // Each decision is proven once, by the tab where it was made.
    expect(api.ledger().map((row) => row.action)).to.deep.equal(['accept_all', 'reject_all']);
  });
});

describe('privacy: two tenants on one page', () => {
  beforeEach(async () => {
    await mockApi();
  });
  afterEach(() => cleanup());

  it("a tenant's decision and erase reach its own clients, never the other's (a channel per write key)", async () => {
    const a = privacyClient();
    const aElsewhere = privacyClient();
    const b = privacyClient({ writeKey: 'pk_other_tenant' });
    await Promise.all([a.consent.ready, aElsewhere.consent.ready, b.consent.ready]);
    a.consent.acceptAll('banner');
    await until(() => aElsewhere.consent.status('analytics') === 'granted', 'the same tenant to follow');
    expect(b.consent.status('analytics')).to.equal('pending');
    expect(view(b).needsDecision).to.equal(true);
    const ids = [a.user().anonymousId, aElsewhere.user().anonymousId];
    b.consent.rejectAll('banner');
    await saved(b);
    await b.privacy.erase();
    // An erase of tenant B resets B's clients only; give a stray message on a shared channel time to arrive.
    await sleep(50);
    expect([a.user().anonymousId, aElsewhere.user().anonymousId]).to.deep.equal(ids);
    expect(a.consent.status('analytics')).to.equal('granted');
    expect(aElsewhere.consent.status('analytics')).to.equal('granted');
  });

  it('erase removes only its own decision', async () => {
    const a = privacyClient();
    const b = privacyClient({ writeKey: 'pk_other_tenant' });
    await Promise.all([a.consent.ready, b.consent.ready]);
    a.consent.acceptAll('banner');
    b.consent.acceptAll('banner');
    await saved(a);
    await saved(b);
    await a.privacy.erase();
    expect(localStorage.getItem(`mb.consent.${WRITE_KEY}`)).to.equal(null);
    expect(localStorage.getItem('mb.consent.pk_other_tenant')).not.to.equal(null);
    expect(b.consent.status('analytics')).to.equal('granted');
  });
});

describe('privacy: data rights', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
  });
  afterEach(() => cleanup());

  it('ledger() answers the current decision and its history', async () => {
    const client = privacyClient();
    await client.consent.ready;
    client.consent.acceptAll('banner');
    await saved(client);
    client.consent.save({ choices: { marketing: false } }, 'center');
    await until(() => api.ledger().length === 2, 'second row');
    const ledger = await client.privacy.ledger();
    expect(ledger.current).to.deep.include({ action: 'custom', source: 'center' });
    expect(ledger.history.map((row) => row.action)).to.deep.equal(['custom', 'accept_all']);
  });

  it('export then erase: everything comes back, then nothing is left, and a new anonymous id starts', async () => {
    const client = privacyClient();
    await client.consent.ready;
    client.consent.acceptAll('banner');
    client.track('Dish Viewed', { dish: 'Mansaf' });
    client.track('Order Completed', { total: 21 });
    await client.flush();
    await until(() => api.messages().length >= 3, 'events delivered');
    await saved(client);
    const before = client.user().anonymousId;
    localStorage.setItem('unrelated', 'the host page’s own');

    const exported = await client.privacy.export();
    expect(exported.schema).to.equal('matbakh.privacy-export/1');
    expect(exported.subject).to.deep.equal({ anonymousId: before });
    expect(exported.events.map((e) => e.event)).to.include.members(['Dish Viewed', 'Order Completed']);
    expect(exported.consent.map((row) => row.action)).to.deep.equal(['accept_all']);

    client.track('Just Before Erasure');
    const erased = await client.privacy.erase();
    expect(erased.erased.events).to.be.greaterThanOrEqual(4);
    expect(erased.consentAnonymized).to.equal(1);
    expect(api.messages().filter((m) => m.anonymousId === before)).to.deep.equal([]);
    expect(api.ledger().filter((row) => row.anonymousId === before)).to.deep.equal([]);
    expect(storedKeys().filter((key) => key.startsWith('mb.'))).to.deep.equal([]);
    expect(localStorage.getItem('unrelated')).to.equal('the host page’s own');
    expect(client.user().anonymousId).not.to.equal(before);
    expect(view(client)).to.deep.include({ reason: 'first_visit', needsDecision: true, choices: {} });
    expect(client.consent.status('analytics')).to.equal('pending');

    const after = await client.privacy.export();
    expect(after.subject).to.deep.equal({ anonymousId: client.user().anonymousId });
    expect(after.events).to.deep.equal([]);
    expect(after.consent).to.deep.equal([]);
    await sleep(100);
    expect(storedKeys().filter((key) => key.startsWith('mb.'))).to.deep.equal([]);
  });

  it('profiling: shows that a churn score may exist, objects (Art. 21) and withdraws the objection', async () => {
    const client = privacyClient();
    await client.consent.ready;
    client.consent.acceptAll('banner');
    await saved(client);
    expect(await client.privacy.profiling()).to.deep.equal({
      consentAllows: true,
      objected: false,
      objectedAt: null,
      scores: 1,
    });
    const objected = await client.privacy.objectToProfiling(true);
    expect(objected).to.deep.include({ consentAllows: true, objected: true, scores: 0 });
    expect(objected.objectedAt).to.be.a('string');
    expect(await client.privacy.profiling()).to.deep.include({ objected: true, scores: 0 });
    const withdrawn = await client.privacy.objectToProfiling(false);
    expect(withdrawn).to.deep.equal({ consentAllows: true, objected: false, objectedAt: null, scores: 1 });
  });

  it('failures reject with the status and the server message, never throw synchronously', async () => {
    const client = privacyClient();
    await client.consent.ready;
    client.identify('user-1');
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = client.privacy.ledger();
    }).not.to.throw();
    const refused = await promise!.then(
      () => null,
      (error: Error) => error,
    );
    expect(refused).to.be.instanceOf(Error);
    expect(refused!.message).to.contain('GET /v1/consent failed: 403').and.contain('userHash');

    client.identify('user-1', {}, { userHash: 'hmac-of-user-1' });
    expect((await client.privacy.ledger()).history).to.deep.equal([]);

    api.goOffline();
    const offline = await client.privacy.erase().then(
      () => null,
      (error: Error) => error,
    );
    expect(offline!.message).to.contain('POST /v1/privacy/erase failed: network error');
  });

  it('a proof sent while identified carries the user id and its hash', async () => {
    const client = privacyClient();
    await client.consent.ready;
    client.identify('user-7', {}, { userHash: 'hmac-7' });
    client.consent.acceptAll('center');
    await saved(client);
    const row = api.ledger()[0] as Partial<ConsentRecordRequest>;
    expect(row).to.deep.include({ userId: 'user-7', anonymousId: client.user().anonymousId });
    expect(row).not.to.have.property('userHash');
  });

  it('open() dispatches a bubbling mb-privacy-open on document', async () => {
    const client = privacyClient();
    const events: Event[] = [];
    const listener = (event: Event) => events.push(event);
    addEventListener('mb-privacy-open', listener);
    client.privacy.open();
    removeEventListener('mb-privacy-open', listener);
    expect(events).to.have.length(1);
    expect(events[0]!.target).to.equal(document);
    expect(events[0]!.bubbles).to.equal(true);
  });
});
