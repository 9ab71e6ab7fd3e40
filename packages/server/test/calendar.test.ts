import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seasonOfMonth } from '@matbakh/contract';

describe('seasonOfMonth (contract: shared by the recommender, the on-device ranker and the rules)', () => {
  it('gives the meteorological season of every month, wrapping other numbers', async () => {
    const seasons = Array.from({ length: 12 }, (_, i) => seasonOfMonth(i + 1));
    assert.deepEqual(seasons, [
      'winter',
      'winter',
      'spring',
      'spring',
      'spring',
      'summer',
      'summer',
      'summer',
      'autumn',
      'autumn',
      'autumn',
      'winter',
    ]);
    assert.equal(seasonOfMonth(13), 'winter');
    assert.equal(seasonOfMonth(0), 'winter');
    assert.equal(seasonOfMonth(-9), 'spring');
  });
});
