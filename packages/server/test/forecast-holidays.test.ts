import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { easterSunday, GERMAN_STATES, holidaysIn, stateOf } from '../src/forecast/holidays-de.ts';

/** Easter Sunday as published (e.g. the Physikalisch-Technische Bundesanstalt's table). */
const EASTER: Record<number, string> = {
  2024: '2024-03-31',
  2025: '2025-04-20',
  2026: '2026-04-05',
  2027: '2027-03-28',
  2028: '2028-04-16',
  2029: '2029-04-01',
  2030: '2030-04-21',
  // Far ends of the computus: the earliest and latest possible dates occur here.
  2285: '2285-03-22',
  2038: '2038-04-25',
};

const dates = (year: number, region: string) => holidaysIn(year, region).map((h) => `${h.date} ${h.id}`);

describe('German public holidays', () => {
  it('computes Easter Sunday for known years', () => {
    for (const [year, date] of Object.entries(EASTER)) assert.equal(easterSunday(Number(year)), date, year);
  });

  it('places the movable feasts from Easter (2026, Bavaria)', () => {
    assert.deepEqual(dates(2026, 'DE-BY'), [
      '2026-01-01 new-year',
      '2026-01-06 epiphany',
      '2026-04-03 good-friday',
      '2026-04-06 easter-monday',
      '2026-05-01 labour-day',
      '2026-05-14 ascension',
      '2026-05-25 whit-monday',
      '2026-06-04 corpus-christi',
      '2026-10-03 unity-day',
      '2026-11-01 all-saints',
      '2026-12-25 christmas',
      '2026-12-26 boxing-day',
    ]);
  });

  it('knows the state-only holidays 2024–2030', () => {
    const has = (year: number, region: string, date: string) => holidaysIn(year, region).some((h) => h.date === date);
    // Buß- und Bettag, Saxony only: the Wednesday before 23 November.
    const repentance = {
      2024: '11-20',
      2025: '11-19',
      2026: '11-18',
      2027: '11-17',
      2028: '11-22',
      2029: '11-21',
      2030: '11-20',
    };
    for (const [year, day] of Object.entries(repentance)) {
      assert.ok(has(Number(year), 'DE-SN', `${year}-${day}`), `SN ${year}`);
      assert.ok(!has(Number(year), 'DE-BY', `${year}-${day}`), `BY ${year}`);
    }
    assert.ok(has(2027, 'DE-BE', '2027-03-08'), "Berlin: International Women's Day");
    assert.ok(has(2025, 'DE-BE', '2025-05-08'), 'Berlin: one-off 8 May 2025');
    assert.ok(!has(2026, 'DE-BE', '2026-05-08'), 'only in 2025');
    assert.ok(has(2028, 'DE-TH', '2028-09-20'), "Thuringia: World Children's Day");
    assert.ok(has(2029, 'DE-HH', '2029-10-31'), 'Hamburg: Reformation Day');
    assert.ok(!has(2029, 'DE-NW', '2029-10-31'), 'not in North Rhine-Westphalia');
    assert.ok(has(2030, 'DE-SL', '2030-08-15'), 'Saarland: Assumption');
    assert.ok(has(2030, 'DE-BB', '2030-04-21'), 'Brandenburg: Easter Sunday');
    assert.ok(has(2030, 'DE-BB', '2030-06-09'), 'Brandenburg: Whit Sunday');
    assert.ok(has(2024, 'DE-HE', '2024-05-30'), 'Hesse: Corpus Christi 2024');
  });

  it('gives every state the nine nationwide holidays, DE alone only those, other countries none', () => {
    for (let year = 2024; year <= 2030; year++) {
      assert.equal(holidaysIn(year, 'DE').length, 9, `DE ${year}`);
      for (const state of GERMAN_STATES) assert.ok(holidaysIn(year, `DE-${state}`).length >= 9, `${state} ${year}`);
    }
    assert.deepEqual(holidaysIn(2026, 'AT'), []);
    assert.equal(stateOf('de-be'), 'BE');
    assert.equal(stateOf('DE-XX'), undefined);
  });

  it('counts the holidays per state in 2026 as the Länder laws do', () => {
    const count = (state: string) => holidaysIn(2026, `DE-${state}`).length;
    assert.equal(count('BY'), 12);
    assert.equal(count('BW'), 12);
    assert.equal(count('SL'), 12);
    assert.equal(count('BE'), 10);
    assert.equal(count('BB'), 12);
    assert.equal(count('SN'), 11);
    assert.equal(count('TH'), 11);
    assert.equal(count('HH'), 10);
  });
});
