import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holidayCalendar } from '../src/forecast/holidays-de.ts';
import { todayOf } from '../src/forecast/response.ts';
import { dailySeries, forecastRestaurant } from '../src/forecast/restaurant.ts';
import { timeZoneOf, traitsFrom } from '../src/forecast/traits.ts';
import { isoDate, knownTimeZone, zoneClock } from '../src/local-day.ts';
import type { Order } from '../src/restaurant-orders.ts';

const DAY = 86_400_000;
const berlin = zoneClock('Europe/Berlin');
const order = (iso: string): Order => ({ at: Date.parse(iso), revenue: 10, currency: 'EUR' });

describe('days in the restaurant’s time zone', () => {
  it('an order at 23:30 on a Saturday counts for Saturday, one at 00:30 for Sunday, in summer and in winter', () => {
    // Summer (CEST, UTC+2) and winter (CET, UTC+1).
    assert.equal(isoDate(berlin.day(Date.parse('2026-07-04T23:30:00+02:00'))), '2026-07-04');
    assert.equal(isoDate(berlin.day(Date.parse('2026-07-05T00:30:00+02:00'))), '2026-07-05');
    assert.equal(isoDate(berlin.day(Date.parse('2026-01-10T23:30:00+01:00'))), '2026-01-10');
    assert.equal(isoDate(berlin.day(Date.parse('2026-01-11T00:30:00+01:00'))), '2026-01-11');
    // West of UTC the other way round: 23:30 on Saturday in New York is Sunday in UTC.
    const newYork = zoneClock('America/New_York');
    assert.equal(isoDate(newYork.day(Date.parse('2026-07-04T23:30:00-04:00'))), '2026-07-04');
    assert.equal(isoDate(newYork.day(Date.parse('2026-01-10T23:30:00-05:00'))), '2026-01-10');
  });

  it('the 23- and 25-hour DST days keep their first and last minutes, and local times map back to instants', () => {
    for (const [date, first, last] of [
      ['2026-03-29', '2026-03-29T00:00:00+01:00', '2026-03-29T23:59:00+02:00'],
      ['2026-10-25', '2026-10-25T00:00:00+02:00', '2026-10-25T23:59:00+01:00'],
    ] as const) {
      assert.equal(isoDate(berlin.day(Date.parse(first))), date, first);
      assert.equal(
        isoDate(berlin.day(Date.parse(first) - 60_000)),
        isoDate(Date.parse(date) - DAY),
        'the minute before',
      );
      assert.equal(isoDate(berlin.day(Date.parse(last))), date, last);
      assert.equal(isoDate(berlin.day(Date.parse(last) + 60_000)), isoDate(Date.parse(date) + DAY), 'the minute after');
    }
    assert.equal(berlin.at(Date.parse('2026-03-29'), 12 * 60), Date.parse('2026-03-29T12:00:00+02:00'));
    assert.equal(berlin.at(Date.parse('2026-10-25'), 23 * 60 + 30), Date.parse('2026-10-25T23:30:00+01:00'));
    assert.equal(berlin.at(Date.parse('2026-01-10'), 0), Date.parse('2026-01-10T00:00:00+01:00'));
  });

  it('buckets a late-night restaurant’s orders on their local days, also across the DST switch', () => {
    const orders = [
      '2026-03-28T23:30:00+01:00', // Saturday, winter time
      '2026-03-29T00:30:00+01:00', // Sunday, before the switch (UTC: still Saturday)
      '2026-03-29T23:30:00+02:00', // Sunday, summer time
      '2026-03-30T00:30:00+02:00', // Monday (UTC: Sunday)
      '2026-03-30T00:45:00+02:00',
    ].map(order);
    const series = dailySeries(orders, Date.parse('2026-03-31'), berlin);
    assert.equal(isoDate(series.start), '2026-03-28');
    assert.deepEqual(series.orders, [1, 2, 2]);
  });

  it('today is the local date: half past midnight in Berlin is already tomorrow', () => {
    assert.equal(todayOf(Date.parse('2026-07-04T22:30:00Z')), '2026-07-05');
    assert.equal(todayOf(Date.parse('2026-07-04T22:30:00Z'), 'America/New_York'), '2026-07-04');
  });

  it('drops a holiday on its local date for a restaurant whose evenings run past midnight', () => {
    // Berlin, closed on public holidays; every open day has orders from 19:00 to 00:40 (the last ones already on the
    // next local date, i.e. on the previous day in UTC). Forecast from Friday 1 May 2026 (Labour Day).
    const calendar = holidayCalendar('DE-BE', 2025, 2026);
    const start = Date.parse('2025-04-01');
    const today = Date.parse('2026-05-01');
    const orders: Order[] = [];
    for (let day = start; day < today; day += DAY) {
      const open = (d: number) => !calendar.has(isoDate(d));
      // 19:00–23:50 of this evening, and 00:10–00:40 after the previous evening (if that one was open).
      if (open(day))
        for (let m = 19 * 60; m < 24 * 60; m += 10) orders.push({ ...order('2026-01-01'), at: berlin.at(day, m) });
      if (open(day - DAY))
        for (let m = 10; m <= 40; m += 10) orders.push({ ...order('2026-01-01'), at: berlin.at(day, m) });
    }
    const stored = forecastRestaurant({ orders, today, region: 'DE-BE', timeZone: 'Europe/Berlin', horizon: 28 });
    assert.equal(stored.timeZone, 'Europe/Berlin');
    const history = new Map(stored.orders.history.map((p) => [p.date, p.value]));
    // Easter Monday 6 April 2026: nothing from 19:00, only the Sunday's after-midnight orders.
    assert.equal(history.get('2026-04-06'), 4);
    assert.equal(history.get('2026-04-07'), 30, 'the day after: its evening, no after-midnight orders');
    const on = (date: string) => stored.orders.points.find((p) => p.date === date);
    // Labour Day 2026-05-01 and Ascension 2026-05-14 are dropped; the ordinary days next to them are not.
    for (const [holiday, ordinary] of [
      ['2026-05-01', '2026-05-08'],
      ['2026-05-14', '2026-05-21'],
    ] as const) {
      assert.ok(on(holiday)?.holiday, holiday);
      assert.ok((on(holiday)?.mean ?? 99) < 0.3 * (on(ordinary)?.mean ?? 0), `${holiday}: ${on(holiday)?.mean}`);
    }
    // The days next to a holiday are ordinary days (34 orders: 30 in the evening, 4 after midnight).
    for (const date of ['2026-05-02', '2026-05-13', '2026-05-15'])
      assert.ok(Math.abs((on(date)?.mean ?? 0) - 34) < 3, `${date}: ${on(date)?.mean}`);
  });

  it('a restaurant’s zone: its own trait, else the one most of the tenant’s restaurants state, else Berlin', () => {
    assert.equal(traitsFrom({ timezone: 'Europe/Vienna' }).timeZone, 'Europe/Vienna');
    assert.equal(traitsFrom({ address: { timeZone: 'Asia/Dubai' } }).timeZone, 'Asia/Dubai');
    assert.equal(traitsFrom({ timezone: 'Mars/Olympus' }).timeZone, undefined);
    assert.equal(knownTimeZone(42), undefined);
    const traits = new Map([
      ['a', { region: 'DE', timeZone: 'Europe/Vienna' }],
      ['b', { region: 'DE', timeZone: 'Europe/Vienna' }],
      ['c', { region: 'DE', timeZone: 'Europe/London' }],
      ['d', { region: 'DE' }],
    ]);
    assert.equal(timeZoneOf('c', traits), 'Europe/London');
    assert.equal(timeZoneOf('d', traits), 'Europe/Vienna');
    assert.equal(timeZoneOf('x', new Map()), 'Europe/Berlin');
  });
});
