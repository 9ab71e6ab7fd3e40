import { expect } from '@esm-bundle/chai';
import type { TrackMessage } from '@matbakh/contract';
import { campaignOf, deviceClass } from '../src/tracking/context.ts';
import { advanceSession, SESSION_TIMEOUT_MS } from '../src/tracking/session.ts';
import { uuid } from '../src/util/uuid.ts';
import { VERSION } from '../src/version.ts';
import { cleanup, type MockApi, mockApi, testClient, until } from './helpers.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('tracking: Segment-spec messages', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
  });
  afterEach(() => {
    cleanup();
    history.replaceState(null, '', location.pathname);
  });

  it('sends track, page, identify, group and alias in the Segment wire format with a full context', async () => {
    history.replaceState(null, '', `${location.pathname}?utm_source=newsletter&utm_campaign=ramadan`);
    document.title = 'Menu – Beirut Kitchen';
    const client = testClient();
    client.consent.set({ analytics: true });
    client.track('Product Viewed', { product_id: 'd-42', price: 9.5 });
    client.page('Menu', 'Beirut Kitchen', { restaurant_id: 'r-1' });
    client.identify('user-7', { plan: 'gold' }, { userHash: 'abc123' });
    client.group('r-1', { name: 'Beirut Kitchen', type: 'restaurant' });
    client.alias('user-7b');
    await client.flush();
    await until(() => api.messages().length >= 6, '6 messages');

    const messages = api.messages();
    expect(messages.map((m) => m.type)).to.deep.equal(['track', 'track', 'page', 'identify', 'group', 'alias']);
    const [started, viewed, page, identify, group, alias] = messages as [
      TrackMessage,
      TrackMessage,
      ...typeof messages,
    ];
    expect(started.event).to.equal('Session Started');
    expect(viewed.event).to.equal('Product Viewed');
    expect(viewed.properties).to.deep.equal({ product_id: 'd-42', price: 9.5 });
    for (const message of messages) {
      expect(message.messageId).to.match(UUID_V4);
      expect(new Date(message.timestamp).toISOString()).to.equal(message.timestamp);
      expect(message.anonymousId).to.equal(client.user().anonymousId);
    }
    expect(new Set(messages.map((m) => m.messageId)).size).to.equal(messages.length);

    const context = viewed.context;
    expect(context.library).to.deep.equal({ name: '@matbakh/sdk', version: VERSION });
    expect(context.page?.path).to.equal(location.pathname);
    expect(context.page?.title).to.equal('Menu – Beirut Kitchen');
    expect(context.campaign).to.deep.equal({ source: 'newsletter', name: 'ramadan' });
    expect(context.userAgent).to.equal(navigator.userAgent);
    expect(context.device?.type).to.be.oneOf(['desktop', 'bot']);
    expect(context.locale).to.equal(navigator.language);
    expect(context.timezone).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(context.screen?.width).to.equal(screen.width);
    expect(context.session?.index).to.equal(1);

    expect(page).to.include({ type: 'page', category: 'Menu', name: 'Beirut Kitchen' });
    expect((page as { properties: Record<string, unknown> }).properties).to.include({
      restaurant_id: 'r-1',
      path: location.pathname,
    });
    expect(identify).to.include({ type: 'identify', userId: 'user-7' });
    expect(identify?.context.userHash).to.equal('abc123');
    expect(group).to.include({ type: 'group', groupId: 'r-1', userId: 'user-7' });
    expect(alias).to.include({ type: 'alias', previousId: 'user-7', userId: 'user-7b' });
  });

  it('reset() forgets the user: new anonymous id, no userId', async () => {
    const client = testClient();
    client.consent.set({ analytics: true });
    client.identify('user-1');
    const before = client.user().anonymousId;
    client.reset();
    client.track('After Reset');
    await client.flush();
    await until(() => api.messages().some((m) => m.type === 'track' && m.event === 'After Reset'), 'After Reset');
    const after = api.messages().find((m) => m.type === 'track' && m.event === 'After Reset')!;
    expect(after.anonymousId).to.not.equal(before);
    expect(after.userId).to.equal(undefined);
  });

  it('starts a new session after 30 minutes of inactivity, with the duration of the one that ended', async () => {
    const client = testClient();
    client.consent.set({ analytics: true });
    const t0 = new Date();
    t0.setHours(10, 0, 0, 0);
    client.track('First', {}, { timestamp: t0 });
    client.track('Second', {}, { timestamp: t0.getTime() + 10 * 60_000 });
    client.track('Much Later', {}, { timestamp: t0.getTime() + 10 * 60_000 + SESSION_TIMEOUT_MS + 1 });
    await client.flush();
    await until(() => api.messages().length >= 6, '6 messages');
    const events = api.messages().map((m) => (m.type === 'track' ? m.event : m.type));
    expect(events).to.deep.equal([
      'Session Started',
      'First',
      'Second',
      'Session Ended',
      'Session Started',
      'Much Later',
    ]);
    const ended = api.messages()[3] as TrackMessage;
    expect(ended.properties).to.include({ duration: 600, reason: 'timeout', index: 1 });
    const second = api.messages()[5]!;
    expect(second.context.session?.index).to.equal(2);
    expect(second.context.session?.id).to.not.equal(ended.context.session?.id);
  });
});

describe('sessions (pure rules)', () => {
  const id = (() => {
    let n = 0;
    return () => `s${++n}`;
  })();

  it('keeps the session within 30 minutes and the same day', () => {
    const start = new Date(2026, 10, 25, 12, 0).getTime();
    const first = advanceSession(undefined, start, id);
    expect(first.started).to.equal(true);
    const next = advanceSession(first.session, start + SESSION_TIMEOUT_MS - 1, id);
    expect(next.started).to.equal(false);
    expect(next.session.id).to.equal(first.session.id);
  });

  it('ends a session at local midnight even when active', () => {
    const late = new Date(2026, 10, 25, 23, 55).getTime();
    const first = advanceSession(undefined, late, id);
    const after = advanceSession(first.session, late + 10 * 60_000, id);
    expect(after.ended?.reason).to.equal('midnight');
    expect(after.session.index).to.equal(2);
  });
});

describe('uuid', () => {
  it('makes v4 UUIDs also where crypto.randomUUID is unavailable (plain-http partner pages)', () => {
    const original = crypto.randomUUID;
    // In an insecure context the method is not there at all.
    Object.defineProperty(crypto, 'randomUUID', { configurable: true, value: undefined });
    try {
      const ids = Array.from({ length: 500 }, uuid);
      for (const id of ids) expect(id).to.match(UUID_V4);
      expect(new Set(ids).size).to.equal(500);
      expect(new Set(ids.map((id) => id[19])).size, 'all four variant digits occur').to.equal(4);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { configurable: true, value: original });
    }
  });
});

describe('context helpers', () => {
  it('classifies devices from user agents', () => {
    const cases: [string, string][] = [
      ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148', 'mobile'],
      ['Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36', 'mobile'],
      ['Mozilla/5.0 (Linux; Android 13; SM-X200) Safari/537.36', 'tablet'],
      ['Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)', 'tablet'],
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0', 'desktop'],
      ['Googlebot/2.1 (+http://www.google.com/bot.html)', 'bot'],
      ['', 'unknown'],
    ];
    for (const [ua, expected] of cases) expect(deviceClass(ua), ua).to.equal(expected);
  });

  it('reads UTM parameters into the campaign', () => {
    expect(campaignOf('?utm_source=a&utm_medium=b&utm_term=c&utm_content=d&x=1')).to.deep.equal({
      source: 'a',
      medium: 'b',
      term: 'c',
      content: 'd',
    });
    expect(campaignOf('?q=falafel')).to.equal(undefined);
  });
});
