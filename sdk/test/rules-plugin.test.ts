import { expect } from '@esm-bundle/chai';
import { ACTION_EVENTS, type Rule } from '@matbakh/contract';
import { DEMO_RULES } from '@matbakh/demo';
import type { Client } from '../src/client.ts';
import { type ActionsClient, type RulesOptions, rulesPlugin } from '../src/rules/index.ts';
import { cleanup, mockApi, sleep, testClient, until, WRITE_KEY } from './helpers.ts';

const text = (s: string) => ({ de: s, en: s, ar: s });
const rule = (id: string, overrides: Partial<Rule> = {}): Rule => ({
  id,
  priority: 1,
  placement: 'home',
  action: {
    kind: 'tip',
    title: text(id),
    body: text('b'),
    reason: text('why'),
    cta: { label: text('Go'), event: 'Go Clicked' },
  },
  when: { all: [] },
  ...overrides,
});

type RulesClient = Client & ActionsClient;
const tracked: string[] = [];
function client(options: RulesOptions = {}): RulesClient {
  const c = testClient({ plugins: [rulesPlugin({ tours: [], ...options })] }) as RulesClient;
  c.use((message) => {
    if (message.type === 'track' && message.event !== 'Session Started') tracked.push(message.event);
    return message;
  });
  return c;
}
const KEY = `mb.rules.${WRITE_KEY}`;

describe('rulesPlugin', () => {
  beforeEach(async () => {
    await mockApi();
    tracked.length = 0;
  });
  afterEach(cleanup);

  it('offers nothing personal before personalization consent, then the best action for the placement', () => {
    const c = client({ rules: [rule('a'), rule('b', { priority: 5 }), rule('menu', { placement: 'menu' })] });
    expect(c.actions.next({ placement: 'home' })).to.equal(null);
    c.consent.set({ personalization: true });
    expect(c.actions.next({ placement: 'home' })?.id).to.equal('b');
    expect(c.actions.eligible({ placement: 'home' }).map((a) => a.id)).to.deep.equal(['b', 'a']);
  });

  it('record() tracks Action events once each, feeds caps and tracks the CTA event on accept', () => {
    const c = client({ rules: [rule('a', { cap: { perDay: 1 } }), rule('b', { priority: -1 })] });
    c.consent.set({ personalization: true });
    const $next = c.actions.$next('home');
    const seen: (string | undefined)[] = [];
    const stop = $next.subscribe((action) => seen.push(action?.id));
    c.actions.record('a', 'shown');
    expect($next.get()?.id).to.equal('b');
    c.actions.record('b', 'accepted');
    c.actions.record('nope', 'shown');
    stop();
    expect(seen).to.deep.equal(['a', 'b', undefined]);
    expect(tracked).to.deep.equal([ACTION_EVENTS.shown, ACTION_EVENTS.accepted, 'Go Clicked']);
  });

  it('counts the client’s own tracked events for event conditions', () => {
    const c = client({
      rules: [rule('loyal', { when: { event: 'Order Completed', count: { gte: 2 }, withinDays: 30 } })],
    });
    c.consent.set({ personalization: true });
    c.track('Order Completed');
    expect(c.actions.next({ placement: 'home' })).to.equal(null);
    c.track('Order Completed');
    expect(c.actions.next({ placement: 'home' })?.id).to.equal('loyal');
  });

  it('stores its state only with personalization consent, and removes it on refusal', async () => {
    const c = client({ rules: [rule('a')] });
    c.track('Order Completed');
    await sleep(20);
    expect(localStorage.getItem(KEY)).to.equal(null);
    c.consent.set({ personalization: true });
    c.actions.record('a', 'snoozed', { snoozeHours: 2 });
    await until(() => localStorage.getItem(KEY) !== null, 'stored');
    expect(JSON.parse(localStorage.getItem(KEY) ?? '{}').log['Order Completed'].d).to.have.length(1);
    c.consent.set({ personalization: false });
    expect(localStorage.getItem(KEY)).to.equal(null);
    await sleep(20);
    expect(localStorage.getItem(KEY)).to.equal(null);
  });

  it('nothing is eligible while the visitor switched next_best_action off', () => {
    const c = client({ rules: [rule('a')] });
    c.consent.set({ personalization: true });
    (c as unknown as { consent: { set(ch: object, meta: object): void } }).consent.set(
      { personalization: true },
      { features: { next_best_action: false } },
    );
    expect(c.actions.featureEnabled('next_best_action')).to.equal(false);
    expect(c.actions.next({ placement: 'home' })).to.equal(null);
  });

  it('loads rules and tours from GET /v1/config, keeping the valid ones and naming the invalid', async () => {
    const c = testClient({
      plugins: [rulesPlugin({ rules: [rule('ok'), { id: 'broken', priority: 'high' }] })],
    }) as RulesClient;
    await c.actions.ready;
    const state = c.actions.$state.get();
    expect(state.status).to.equal('ready');
    expect(state.rules.map((r) => r.id)).to.deep.equal(['ok']);
    expect(state.errors).to.deep.equal([
      { ruleId: 'broken', field: 'priority', message: 'rule broken: priority must be a number' },
    ]);
    expect(state.tours.map((t) => t.id)).to.include('guest-welcome');
    const fromConfig = testClient({ plugins: [rulesPlugin()] }) as RulesClient;
    await fromConfig.actions.ready;
    expect(fromConfig.actions.$state.get().rules.map((r) => r.id)).to.deep.equal(DEMO_RULES.map((r) => r.id));
  });

  it('picks tours per segment and remembers progress', () => {
    const c = client({
      rules: [],
      tours: [
        {
          id: 'guest',
          segment: { role: 'guest', visitor: 'new' },
          steps: [{ id: 's', anchor: '#a', title: text('t'), body: text('b') }],
        },
      ],
    });
    expect(c.actions.tour('guest')?.id).to.equal('guest');
    expect(c.actions.tour('guest', { role: 'owner' })).to.equal(null);
    expect(c.actions.tour('missing')).to.equal(null);
    c.actions.saveTourProgress('guest', { step: 1, status: 'active' });
    expect(c.actions.tourProgress('guest')).to.deep.equal({ step: 1, status: 'active' });
  });
});
