import { expect } from '@esm-bundle/chai';
import { type ConsentCategoryId, type Rule, validateRules } from '@matbakh/contract';
import fc from 'fast-check';
import type { ConsentStatus } from '../src/consent/index.ts';
import { capsAllow, createEventLog, type EngineInput, eligibleRules, recordOutcome } from '../src/rules/index.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Wed 2026-11-25 12:00 local time. */
const NOW = new Date(2026, 10, 25, 12, 0).getTime();
const text = (s: string) => ({ de: s, en: s, ar: s });

function rule(id: string, overrides: Partial<Rule> = {}): Rule {
  return {
    id,
    priority: 1,
    placement: 'home',
    action: { kind: 'tip', title: text(id), body: text('body'), reason: text('why') },
    when: { all: [] },
    ...overrides,
  };
}

function input(overrides: Partial<EngineInput> = {}, consent: Partial<Record<ConsentCategoryId, ConsentStatus>> = {}) {
  const granted: Partial<Record<ConsentCategoryId, ConsentStatus>> = { personalization: 'granted', ...consent };
  return {
    traits: {},
    preferences: {},
    events: createEventLog({ properties: ['feature'] }),
    context: { now: NOW, device: 'desktop', locale: 'de', role: 'guest', visitor: 'new' },
    variantOf: () => null,
    consentStatus: (category: ConsentCategoryId) => granted[category] ?? 'pending',
    caps: {},
    ...overrides,
  } satisfies EngineInput;
}

const ids = (rules: Rule[]) => rules.map((r) => r.id);

describe('rules engine: conditions', () => {
  it('matches traits and preferences with every operator', () => {
    const traits = { plan: 'gold', orders: 5, tags: ['vip'] };
    const preferences = { diet: ['vegan', 'halal'], notifications: { maxPerDay: 3 } };
    const cases: [Rule['when'], boolean][] = [
      [{ trait: 'plan', op: 'eq', value: 'gold' }, true],
      [{ trait: 'plan', op: 'neq', value: 'gold' }, false],
      [{ trait: 'plan', op: 'in', value: ['silver', 'gold'] }, true],
      [{ trait: 'plan', op: 'exists' }, true],
      [{ trait: 'missing', op: 'exists' }, false],
      [{ trait: 'missing', op: 'exists', value: false }, true],
      [{ trait: 'orders', op: 'gt', value: 4 }, true],
      [{ trait: 'orders', op: 'lt', value: 5 }, false],
      [{ trait: 'plan', op: 'gt', value: 1 }, false],
      [{ preference: 'diet', op: 'includes', value: 'vegan' }, true],
      [{ preference: 'diet', op: 'includes', value: 'kosher' }, false],
      [{ preference: 'notifications.maxPerDay', op: 'gte', value: 3 }, true],
      [{ not: { trait: 'plan', op: 'eq', value: 'gold' } }, false],
      [
        {
          any: [
            { trait: 'plan', op: 'eq', value: 'x' },
            { trait: 'orders', op: 'eq', value: 5 },
          ],
        },
        true,
      ],
      [
        {
          all: [
            { trait: 'plan', op: 'eq', value: 'gold' },
            { trait: 'orders', op: 'eq', value: 6 },
          ],
        },
        false,
      ],
    ];
    for (const [when, expected] of cases) {
      const result = eligibleRules([rule('r', { when })], input({ traits, preferences }));
      expect(result.length === 1, JSON.stringify(when)).to.equal(expected);
    }
  });

  it('counts events in a window, with property filters ("3 orders in 30 days", "never used analytics")', () => {
    const events = createEventLog({ properties: ['feature'] });
    events.record('Order Completed', NOW - 40 * DAY);
    events.record('Order Completed', NOW - 20 * DAY);
    events.record('Order Completed', NOW - 10 * DAY);
    events.record('Feature Used', NOW - DAY, { feature: 'menu' });
    const loyal = rule('loyal', { when: { event: 'Order Completed', count: { gte: 3 }, withinDays: 30 } });
    const ever = rule('ever', { when: { event: 'Order Completed', count: { gte: 3 } } });
    const neverAnalytics = rule('never', {
      when: { event: 'Feature Used', where: { feature: 'analytics' }, count: { eq: 0 } },
    });
    expect(ids(eligibleRules([loyal, ever, neverAnalytics], input({ events })))).to.deep.equal(['ever', 'never']);
    events.record('Order Completed', NOW - HOUR);
    events.record('Feature Used', NOW - HOUR, { feature: 'analytics' });
    expect(ids(eligibleRules([loyal, ever, neverAnalytics], input({ events })))).to.deep.equal(['loyal', 'ever']);
  });

  it('reads the moment and device: hour, weekday, season, device, locale', () => {
    const rules = [
      rule('lunch', { when: { context: 'hour', op: 'gte', value: 11 } }),
      rule('wed', { when: { context: 'weekday', op: 'eq', value: 'wed' } }),
      rule('autumn', { when: { context: 'season', op: 'eq', value: 'autumn' } }),
      rule('summer', { when: { context: 'season', op: 'eq', value: 'summer' } }),
      rule('mobile', { when: { context: 'device', op: 'eq', value: 'mobile' } }),
      rule('ar', { when: { context: 'locale', op: 'in', value: ['ar', 'en'] } }),
    ];
    expect(ids(eligibleRules(rules, input()))).to.deep.equal(['lunch', 'wed', 'autumn']);
  });

  it('uses experiment variants, false without the experiments plugin', () => {
    const r = rule('b', { when: { experiment: 'nba-copy', variant: 'b' } });
    expect(eligibleRules([r], input())).to.have.length(0);
    expect(eligibleRules([r], input({ variantOf: (key) => (key === 'nba-copy' ? 'b' : null) }))).to.have.length(1);
    expect(eligibleRules([r], input({ variantOf: () => 'a' }))).to.have.length(0);
  });

  it('ranks by priority, ties in list order, and filters by placement and segment', () => {
    const rules = [
      rule('low', { priority: 1 }),
      rule('high', { priority: 9 }),
      rule('tie', { priority: 1 }),
      rule('menu', { priority: 99, placement: 'menu' }),
      rule('owner', { priority: 50, segment: { role: 'owner' } }),
      rule('returning', { priority: 40, segment: { visitor: 'returning' } }),
    ];
    expect(ids(eligibleRules(rules, input(), 'home'))).to.deep.equal(['high', 'low', 'tie']);
    const owner = input({ context: { ...input().context, role: 'owner', visitor: 'returning' } });
    expect(ids(eligibleRules(rules, owner, 'home'))).to.deep.equal(['owner', 'returning', 'high', 'low', 'tie']);
    expect(ids(eligibleRules(rules, input()))).to.deep.equal(['menu', 'high', 'low', 'tie']);
  });

  it('honours startsAt and expiresAt', () => {
    const rules = [
      rule('future', { startsAt: new Date(NOW + HOUR).toISOString() }),
      rule('expired', { expiresAt: new Date(NOW).toISOString() }),
      rule('open', { startsAt: new Date(NOW - HOUR).toISOString(), expiresAt: new Date(NOW + HOUR).toISOString() }),
    ];
    expect(ids(eligibleRules(rules, input()))).to.deep.equal(['open']);
  });
});

describe('rules engine: consent', () => {
  const upsell = rule('upsell', {
    consent: 'marketing',
    action: { kind: 'upsell', title: text('Pro'), body: text('b'), reason: text('why') },
  });
  it('needs personalization by default; necessary rules need nothing; marketing only when granted', () => {
    const generic = rule('generic', { consent: 'necessary' });
    const personal = rule('personal');
    const none = input({}, { personalization: 'denied' });
    expect(ids(eligibleRules([generic, personal, upsell], none))).to.deep.equal(['generic']);
    expect(ids(eligibleRules([generic, personal, upsell], input()))).to.deep.equal(['generic', 'personal']);
    expect(ids(eligibleRules([upsell], input({}, { marketing: 'pending' })))).to.deep.equal([]);
    expect(ids(eligibleRules([upsell], input({}, { marketing: 'granted' })))).to.deep.equal(['upsell']);
  });

  it('property: an upsell or marketing rule is never eligible without marketing consent', () => {
    const statuses = fc.constantFrom<ConsentStatus>('granted', 'denied', 'pending');
    fc.assert(
      fc.property(statuses, statuses, fc.boolean(), (personalization, marketing, mislabelled) => {
        // Even an upsell whose rule forgot the category (it slipped past validation) is gated.
        const r = mislabelled ? { ...upsell, consent: 'personalization' as const } : upsell;
        const result = eligibleRules([r], input({}, { personalization, marketing }));
        return marketing === 'granted' || result.length === 0;
      }),
    );
  });
});

describe('rules engine: caps, cooldowns, snooze', () => {
  it('cooldown hides the action for its hours after being shown', () => {
    const r = rule('r', { cooldownHours: 12 });
    const caps = recordOutcome({}, 'r', 'shown', NOW);
    expect(capsAllow(r, caps.r, NOW + 11 * HOUR)).to.equal(false);
    expect(capsAllow(r, caps.r, NOW + 12 * HOUR)).to.equal(true);
  });

  it('per-day, per-week and total caps', () => {
    const r = rule('r', { cap: { perDay: 2, perWeek: 3, total: 4 } });
    let caps = recordOutcome({}, 'r', 'shown', NOW);
    caps = recordOutcome(caps, 'r', 'shown', NOW + HOUR);
    expect(capsAllow(r, caps.r, NOW + 2 * HOUR), 'day full').to.equal(false);
    expect(capsAllow(r, caps.r, NOW + DAY + 1), 'next day').to.equal(true);
    caps = recordOutcome(caps, 'r', 'shown', NOW + DAY + 1);
    expect(capsAllow(r, caps.r, NOW + 2 * DAY + 2), 'week full').to.equal(false);
    expect(capsAllow(r, caps.r, NOW + 8 * DAY), 'next week').to.equal(true);
    caps = recordOutcome(caps, 'r', 'shown', NOW + 8 * DAY);
    expect(capsAllow(r, caps.r, NOW + 30 * DAY), 'total reached').to.equal(false);
  });

  it('snooze hides until it ends; accept and dismiss end the action', () => {
    const r = rule('r');
    const snoozed = recordOutcome({}, 'r', 'snoozed', NOW, 4);
    expect(capsAllow(r, snoozed.r, NOW + 3 * HOUR)).to.equal(false);
    expect(capsAllow(r, snoozed.r, NOW + 4 * HOUR)).to.equal(true);
    expect(capsAllow(r, recordOutcome({}, 'r', 'dismissed', NOW).r, NOW + 365 * DAY)).to.equal(false);
    expect(capsAllow(r, recordOutcome({}, 'r', 'accepted', NOW).r, NOW + 365 * DAY)).to.equal(false);
  });

  it('property: caps are never exceeded under random sequences of shows over time', () => {
    const capArb = fc.record(
      {
        perDay: fc.integer({ min: 0, max: 4 }),
        perWeek: fc.integer({ min: 0, max: 10 }),
        total: fc.integer({ min: 0, max: 20 }),
      },
      { requiredKeys: [] },
    );
    const steps = fc.array(fc.integer({ min: 0, max: 30 * HOUR }), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(
        capArb,
        fc.option(fc.integer({ min: 0, max: 48 }), { nil: undefined }),
        steps,
        (cap, cooldownHours, gaps) => {
          const r = rule('r', { cap, cooldownHours });
          let caps = {};
          let now = NOW;
          const shows: number[] = [];
          for (const gap of gaps) {
            now += gap;
            const eligible = eligibleRules([r], input({ caps, context: { ...input().context, now } }));
            if (eligible.length) {
              caps = recordOutcome(caps, 'r', 'shown', now);
              shows.push(now);
            }
          }
          const within = (at: number, span: number) => shows.filter((t) => t > at - span && t <= at).length;
          for (const at of shows) {
            if (cap.perDay !== undefined && within(at, DAY) > cap.perDay) return false;
            if (cap.perWeek !== undefined && within(at, 7 * DAY) > cap.perWeek) return false;
          }
          if (cap.total !== undefined && shows.length > cap.total) return false;
          if (cooldownHours !== undefined) {
            for (let i = 1; i < shows.length; i++)
              if ((shows[i] as number) - (shows[i - 1] as number) < cooldownHours * HOUR) return false;
          }
          return true;
        },
      ),
    );
  });
});

describe('rules validation', () => {
  it('rejects invalid rules naming rule id and field, keeps the rest', () => {
    const good = rule('good');
    const { rules, errors } = validateRules([
      good,
      {
        ...rule('bad-op'),
        when: {
          all: [
            { trait: 'plan', op: 'eq', value: 'x' },
            { trait: 'plan', op: 'like' },
          ],
        },
      },
      { ...rule('bad-url'), action: { ...good.action, cta: { label: text('Go'), url: 'javascript:alert(1)' } } },
      { ...rule('bad-count'), when: { event: 'Order Completed', count: {} } },
      { ...rule('upsell'), action: { ...good.action, kind: 'upsell' } },
      { ...rule('bad-cap'), cap: { perDay: -1 } },
      { ...rule('bad-expiry'), expiresAt: 'tomorrow' },
      { priority: 1 },
      rule('good'),
      rule('also-good', { consent: 'marketing', action: { ...good.action, kind: 'upsell' } }),
    ]);
    expect(ids(rules)).to.deep.equal(['good', 'also-good']);
    expect(errors.map((e) => [e.ruleId, e.field])).to.deep.equal([
      ['bad-op', 'when.all[1].op'],
      ['bad-url', 'action.cta.url'],
      ['bad-count', 'when.count'],
      ['upsell', 'consent'],
      ['bad-cap', 'cap.perDay'],
      ['bad-expiry', 'expiresAt'],
      ['#7', 'id'],
      ['good', 'id'],
    ]);
    expect(errors[0]?.message).to.contain('bad-op').and.contain('when.all[1].op');
  });

  it('a non-list is one error, not an exception', () => {
    expect(validateRules({}).errors).to.have.length(1);
    expect(validateRules(undefined)).to.deep.equal({ rules: [], errors: [] });
  });
});

describe('event log', () => {
  it('is bounded per event name, keeps order for late events, and survives a round trip', () => {
    const log = createEventLog({ properties: ['feature'], maxPerName: 5 });
    for (let i = 0; i < 8; i++) log.record('A', NOW + i * 1000, { feature: i % 2 ? 'x' : 'y', email: 'no@x.de' });
    log.record('A', NOW + 6500, { feature: 'late' });
    expect(log.count('A')).to.equal(5);
    expect(log.count('A', NOW + 6000)).to.equal(3);
    const copy = createEventLog({ properties: ['feature'] }, JSON.parse(JSON.stringify(log.toJSON())));
    expect(copy.count('A', NOW + 6000)).to.equal(3);
    expect(copy.count('A', undefined, { feature: 'late' })).to.equal(1);
    expect(JSON.stringify(log.toJSON())).not.to.contain('no@x.de');
  });
});
