import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultPreferences, type NotificationPreferences } from '@matbakh/contract';
import { localDayBounds, zonedTime } from '../src/messaging/local-time.ts';
import {
  allowedChannels,
  optimisedSendTime,
  quietHoursEnd,
  type SendFacts,
  timingDecision,
  usualOrderHour,
} from '../src/messaging/send-checks.ts';

const BERLIN = 'Europe/Berlin';
const at = (text: string) => Date.parse(text);

function notifications(over: Partial<NotificationPreferences> = {}): NotificationPreferences {
  return { ...defaultPreferences().notifications, ...over };
}

function facts(over: Partial<SendFacts> = {}): SendFacts {
  return {
    now: at('2025-03-01T12:00:00Z'),
    topic: 'promotions',
    consent: { in_app: true, email: true },
    notifications: notifications(),
    timeZone: BERLIN,
    sentToday: 0,
    campaignSends: 0,
    frequencyCap: { sends: 1, days: 7 },
    ...over,
  };
}

describe('local time', () => {
  it('turns a wall-clock time into the instant, across the DST change', () => {
    assert.equal(zonedTime({ year: 2025, month: 3, day: 1 }, 7 * 60, BERLIN), at('2025-03-01T06:00:00Z'));
    assert.equal(zonedTime({ year: 2025, month: 3, day: 31 }, 7 * 60, BERLIN), at('2025-03-31T05:00:00Z'));
    assert.equal(zonedTime({ year: 2025, month: 3, day: 1 }, 0, 'Asia/Riyadh'), at('2025-02-28T21:00:00Z'));
    // 23 hours on the day the clocks go forward
    const day = localDayBounds(at('2025-03-30T12:00:00Z'), BERLIN);
    assert.equal(day.end - day.start, 23 * 3_600_000);
  });
});

describe('send-time checks', () => {
  it('quiet hours spanning midnight end at the local end time; outside them nothing waits', () => {
    const quiet = { start: '22:00', end: '07:00' };
    // 23:30 Berlin (CET) → 07:00 the next morning
    assert.equal(quietHoursEnd(at('2025-03-01T22:30:00Z'), quiet, BERLIN), at('2025-03-02T06:00:00Z'));
    // 05:00 Berlin → 07:00 the same morning
    assert.equal(quietHoursEnd(at('2025-03-02T04:00:00Z'), quiet, BERLIN), at('2025-03-02T06:00:00Z'));
    assert.equal(quietHoursEnd(at('2025-03-02T06:00:00Z'), quiet, BERLIN), undefined, 'the end itself is allowed');
    assert.equal(quietHoursEnd(at('2025-03-01T12:00:00Z'), quiet, BERLIN), undefined);
    // 12:00 UTC is 13:00 in Berlin: past a window ending at 13:00 there, inside it in UTC
    assert.equal(quietHoursEnd(at('2025-03-01T12:00:00Z'), { start: '11:00', end: '13:00' }, BERLIN), undefined);
    assert.equal(
      quietHoursEnd(at('2025-03-01T12:00:00Z'), { start: '11:00', end: '13:00' }, 'UTC'),
      at('2025-03-01T13:00:00Z'),
    );
  });

  it('defers inside quiet hours, except order status', () => {
    const night = facts({
      now: at('2025-03-01T22:30:00Z'),
      notifications: notifications({ quietHours: { start: '22:00', end: '07:00' } }),
    });
    assert.deepEqual(timingDecision(night), {
      kind: 'defer',
      until: at('2025-03-02T06:00:00Z'),
      reason: 'quiet hours',
    });
    assert.deepEqual(timingDecision({ ...night, topic: 'order_status' }), { kind: 'send' });
  });

  it('at the daily cap defers to the start of the next local day', () => {
    const capped = facts({ sentToday: 2, notifications: notifications({ maxPerDay: 2 }) });
    assert.deepEqual(timingDecision(capped), { kind: 'defer', until: at('2025-03-01T23:00:00Z'), reason: 'daily cap' });
    assert.deepEqual(timingDecision({ ...capped, sentToday: 1 }), { kind: 'send' });
    assert.deepEqual(timingDecision({ ...capped, topic: 'order_status' }), { kind: 'send' });
    assert.equal(timingDecision(facts({ notifications: notifications({ maxPerDay: 0 }) })).kind, 'skip');
  });

  it('skips at the campaign’s frequency cap', () => {
    assert.deepEqual(timingDecision(facts({ campaignSends: 1 })), {
      kind: 'skip',
      reason: 'frequency cap: 1 per 7 days',
    });
  });

  it('allows a channel only with its consent and the topic’s preference, in the campaign’s order', () => {
    const prefs = notifications();
    prefs.channels.email.promotions = true;
    prefs.channels.in_app.promotions = true;
    assert.deepEqual(allowedChannels(['email', 'in_app', 'push'], 'promotions', { in_app: true, email: true }, prefs), [
      'email',
      'in_app',
    ]);
    assert.deepEqual(allowedChannels(['email', 'in_app'], 'promotions', { in_app: true, email: false }, prefs), [
      'in_app',
    ]);
    assert.deepEqual(allowedChannels(['email'], 'promotions', undefined, prefs), [], 'no decision: no consent');
    assert.deepEqual(allowedChannels(['in_app'], 'seasonal', { in_app: true }, prefs), [], 'topic off');
  });

  it('learns the usual ordering hour and sends a little before it, outside quiet hours', () => {
    // Three orders at 19:xx Berlin, one at 12:xx
    const orders = ['2025-02-01T18:10:00Z', '2025-02-08T18:40:00Z', '2025-02-15T18:05:00Z', '2025-02-20T11:00:00Z'];
    const hour = usualOrderHour(orders.map(at), BERLIN);
    assert.equal(hour, 19);
    assert.equal(usualOrderHour(orders.slice(0, 2).map(at), BERLIN), undefined, 'too few orders to learn from');
    const now = at('2025-03-01T12:00:00Z');
    assert.equal(optimisedSendTime(now, hour, BERLIN), at('2025-03-01T17:30:00Z'));
    // After today's slot: tomorrow's
    assert.equal(optimisedSendTime(at('2025-03-01T18:00:00Z'), hour, BERLIN), at('2025-03-02T17:30:00Z'));
    // A usual hour inside quiet hours goes to their end
    assert.equal(optimisedSendTime(now, 23, BERLIN, { start: '22:00', end: '07:00' }), at('2025-03-02T06:00:00Z'));
    assert.equal(optimisedSendTime(now, undefined, BERLIN), now);
  });
});
