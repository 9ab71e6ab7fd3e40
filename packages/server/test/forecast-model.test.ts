import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holidayCalendar } from '../src/forecast/holidays-de.ts';
import { forecastSeries, MIN_HISTORY_DAYS } from '../src/forecast/model.ts';
import { dailySeries, forecastRestaurant } from '../src/forecast/restaurant.ts';
import { simulateRestaurant } from '../src/forecast/simulate.ts';
import { zoneClock } from '../src/local-day.ts';
import type { Order } from '../src/restaurant-orders.ts';

const DAY = 86_400_000;
const BERLIN = 'Europe/Berlin';
const none = (days: number) => new Array<boolean>(days).fill(false);
const WEEK = [12, 15, 18, 20, 34, 48, 30];

/** `count` orders on each day of a daily pattern, at noon, from `start`. */
function ordersFrom(start: number, counts: readonly number[], items: string[] = ['falafel']): Order[] {
  const orders: Order[] = [];
  counts.forEach((count, day) => {
    for (let k = 0; k < count; k++)
      orders.push({ at: start + day * DAY + 12 * 3_600_000, revenue: 10, currency: 'EUR', items });
  });
  return orders;
}

describe('forecast model', () => {
  it('forecasts a pure weekly pattern exactly, with intervals that collapse onto it', () => {
    const values = Array.from({ length: 10 * 7 }, (_, t) => WEEK[t % 7] as number);
    const forecast = forecastSeries({ values, holiday: none(values.length + 14), horizon: 14 });
    assert.ok(forecast);
    forecast.points.forEach((p, h) => {
      const expected = WEEK[(values.length + h) % 7] as number;
      assert.ok(Math.abs(p.mean - expected) < 1e-6, `day ${h}: ${p.mean} ≠ ${expected}`);
      assert.ok(Math.abs(p.hi95 - p.lo95) < 1e-6, `day ${h}: no error seen, no band`);
    });
  });

  it('drops the forecast on a public holiday of the region, on the right date', () => {
    // Bavaria, a restaurant closed on every public holiday for a year; the forecast from Wednesday 20 May 2026.
    const today = Date.parse('2026-05-20T09:00:00Z');
    const start = today - 400 * DAY;
    const calendar = holidayCalendar('DE-BY', 2025, 2026);
    const counts = Array.from({ length: 400 }, (_, i) => {
      const date = new Date(start + i * DAY);
      return calendar.has(date.toISOString().slice(0, 10)) ? 0 : (WEEK[(date.getUTCDay() + 6) % 7] as number);
    });
    const stored = forecastRestaurant({
      orders: ordersFrom(start, counts),
      today,
      region: 'DE-BY',
      timeZone: BERLIN,
      horizon: 28,
    });
    const on = (date: string) => stored.orders.points.find((p) => p.date === date);
    const whitMonday = on('2026-05-25');
    const nextMonday = on('2026-06-01');
    const corpusChristi = on('2026-06-04');
    const thursdayAfter = on('2026-06-11');
    assert.equal(whitMonday?.holiday, 'whit-monday');
    assert.equal(corpusChristi?.holiday, 'corpus-christi');
    assert.equal(nextMonday?.holiday, undefined);
    assert.ok(
      whitMonday && nextMonday && whitMonday.mean < 0.2 * nextMonday.mean,
      `${whitMonday?.mean} vs ${nextMonday?.mean}`,
    );
    assert.ok(corpusChristi && thursdayAfter && corpusChristi.mean < 0.2 * thursdayAfter.mean);
    assert.ok(Math.abs(nextMonday.mean - 12) < 0.5, `an ordinary Monday stays a Monday: ${nextMonday.mean}`);
    // The same restaurant in Berlin: Corpus Christi is a working day there.
    const berlin = forecastRestaurant({
      orders: ordersFrom(start, counts),
      today,
      region: 'DE-BE',
      timeZone: BERLIN,
      horizon: 28,
    });
    assert.equal(berlin.orders.points.find((p) => p.date === '2026-06-04')?.holiday, undefined);
  });

  it('covers about 80 % of what happens with its 80 % interval on simulated restaurants', () => {
    const end = Date.parse('2026-09-07T00:00:00Z');
    let inside80 = 0;
    let inside95 = 0;
    let points = 0;
    for (const [index, kind] of (['stable', 'trending', 'small', 'stable', 'trending', 'small'] as const).entries()) {
      const sim = simulateRestaurant(kind, 4242 + index, end, 300);
      const values = dailySeries(sim.orders, end, zoneClock(sim.timeZone)).orders;
      const calendar = holidayCalendar(sim.region, 2025, 2026);
      const holiday = Array.from({ length: values.length + 7 }, (_, i) =>
        calendar.has(new Date(sim.start + i * DAY).toISOString().slice(0, 10)),
      );
      for (let origin = values.length - 8 * 7; origin < values.length; origin += 7) {
        const forecast = forecastSeries({ values: values.slice(0, origin), holiday, horizon: 7 });
        assert.ok(forecast);
        forecast.points.forEach((p, h) => {
          const actual = values[origin + h] as number;
          inside80 += actual >= p.lo80 && actual <= p.hi80 ? 1 : 0;
          inside95 += actual >= p.lo95 && actual <= p.hi95 ? 1 : 0;
          points++;
        });
      }
    }
    assert.ok(inside80 / points >= 0.72 && inside80 / points <= 0.88, `80 %: ${inside80 / points}`);
    assert.ok(inside95 / points >= 0.9, `95 %: ${inside95 / points}`);
  });

  it('follows a trend and never forecasts below zero', () => {
    const growing = Array.from({ length: 12 * 7 }, (_, t) => (WEEK[t % 7] as number) * (1 + t / 100));
    const up = forecastSeries({ values: growing, holiday: none(200), horizon: 7 });
    assert.ok(up);
    const lastSaturday = growing[growing.length - 7 + ((5 - (growing.length % 7) + 7) % 7)] as number;
    const saturday = up.points[(5 - (growing.length % 7) + 7) % 7];
    assert.ok(saturday && saturday.mean > lastSaturday, `${saturday?.mean} > ${lastSaturday}`);

    const fading = Array.from({ length: 8 * 7 }, (_, t) => Math.max(0, 30 - t));
    const down = forecastSeries({ values: fading, holiday: none(100), horizon: 28 });
    assert.ok(down);
    for (const p of down.points) {
      assert.ok(p.mean >= 0 && p.lo95 >= 0 && p.lo80 >= 0, JSON.stringify(p));
      assert.ok(p.lo95 <= p.lo80 && p.lo80 <= p.mean && p.mean <= p.hi80 && p.hi80 <= p.hi95, JSON.stringify(p));
    }
  });

  it('needs four weeks of history', () => {
    const values = Array.from({ length: MIN_HISTORY_DAYS - 1 }, () => 5);
    assert.equal(forecastSeries({ values, holiday: none(60), horizon: 7 }), undefined);
    const stored = forecastRestaurant({
      orders: ordersFrom(Date.UTC(2026, 0, 1), values),
      today: Date.UTC(2026, 0, 28),
      region: 'DE',
      timeZone: BERLIN,
      horizon: 7,
    });
    assert.equal(stored.orders.points.length, 0);
    assert.equal(stored.historyDays, 27);
  });

  it('forecasts the top dishes, most ordered first', () => {
    const start = Date.UTC(2026, 0, 1);
    const counts = Array.from({ length: 70 }, (_, t) => WEEK[t % 7] as number);
    const orders = [
      ...ordersFrom(start, counts, ['falafel', 'hummus']),
      ...ordersFrom(
        start,
        counts.map((c) => c >> 1),
        ['tabbouleh'],
      ),
    ];
    const stored = forecastRestaurant({ orders, today: start + 70 * DAY, region: 'DE', timeZone: BERLIN, horizon: 7 });
    assert.deepEqual(
      stored.dishes.map((d) => d.dishId),
      ['falafel', 'hummus', 'tabbouleh'],
    );
    assert.equal(stored.dishes[0]?.points.length, 7);
    assert.equal(stored.revenue.points.length, 7);
    // Day 70 is a pattern day 0: 12 falafel-and-hummus orders and 6 tabbouleh orders at 10 € each.
    assert.ok(Math.abs((stored.revenue.points[0]?.mean ?? 0) - 180) < 0.01, String(stored.revenue.points[0]?.mean));
  });
});
