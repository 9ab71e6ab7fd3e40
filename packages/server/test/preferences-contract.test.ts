import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyMergePatch,
  defaultPreferences,
  jsonEqual,
  mergePreferences,
  migratePreferences,
  PREFERENCES_SCHEMA,
  type PreferencesDocument,
  validatePreferences,
  validatePreferencesPatch,
} from '@matbakh/contract';
import fc from 'fast-check';

const valid = (value: unknown): PreferencesDocument => {
  const result = validatePreferences(value);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
};
const refusedAt = (value: unknown) => {
  const result = validatePreferences(value);
  assert.equal(result.ok, false, 'should be refused');
  return result.ok ? '' : result.error.field;
};
const withDefaults = (patch: Record<string, unknown>) => valid(applyMergePatch(defaultPreferences(), patch));

describe('defaultPreferences', () => {
  it('system theme, detected locale, only in-app order status, 5 a day, empty lists', async () => {
    const d = defaultPreferences();
    assert.equal(d.schema, PREFERENCES_SCHEMA);
    assert.equal(d.theme, 'system');
    assert.equal(d.locale, null);
    assert.deepEqual(d.layout, {});
    const on = Object.entries(d.notifications.channels).flatMap(([channel, topics]) =>
      Object.entries(topics)
        .filter(([, flag]) => flag)
        .map(([topic]) => `${channel}.${topic}`),
    );
    assert.deepEqual(on, ['in_app.order_status']);
    assert.equal(d.notifications.quietHours, null);
    assert.equal(d.notifications.maxPerDay, 5);
    assert.deepEqual([d.diet, d.allergens, d.favorites], [[], [], { restaurants: [], dishes: [] }]);
    assert.notEqual(defaultPreferences().favorites, d.favorites, 'a fresh object each time');
    assert.deepEqual(valid(d), d, 'the defaults are valid');
  });
});

describe('validatePreferences', () => {
  it('names the field of the first problem', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ theme: 'pink' }, 'theme'],
      [{ theme: 3 }, 'theme'],
      [{ locale: 'fr' }, 'locale'],
      [{ notifications: { channels: { email: { promotions: 'yes' } } } }, 'notifications.channels.email.promotions'],
      [{ notifications: { channels: { fax: {} } } }, 'notifications.channels.fax'],
      [{ notifications: { channels: { push: { gossip: true } } } }, 'notifications.channels.push.gossip'],
      [{ notifications: { maxPerDay: 51 } }, 'notifications.maxPerDay'],
      [{ notifications: { maxPerDay: 2.5 } }, 'notifications.maxPerDay'],
      [{ notifications: { quietHours: { start: '25:00', end: '07:00' } } }, 'notifications.quietHours.start'],
      [{ diet: ['carnivore'] }, 'diet.0'],
      [{ diet: 'vegan' }, 'diet'],
      [{ allergens: ['milk', 'cheese'] }, 'allergens.1'],
      [{ favorites: { restaurants: ['x'.repeat(65)] } }, 'favorites.restaurants.0'],
      [{ favorites: { dishes: Array.from({ length: 201 }, (_, i) => `d${i}`) } }, 'favorites.dishes'],
      [{ favorites: { bars: [] } }, 'favorites.bars'],
      [{ layout: { home: { order: Array.from({ length: 51 }, (_, i) => `w${i}`) } } }, 'layout.home.order'],
      [{ layout: { home: { order: [''] } } }, 'layout.home.order.0'],
      [{ layout: { home: { order: [], columns: 3 } } }, 'layout.home.columns'],
      [{ layout: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`d${i}`, { order: [] }])) }, 'layout'],
      [{ layout: { ['x'.repeat(65)]: { order: [] } } }, `layout.${'x'.repeat(65)}`],
      [{ schema: 'one' }, 'schema'],
    ];
    for (const [patch, field] of cases) {
      assert.equal(refusedAt(patch), field, JSON.stringify(patch).slice(0, 80));
      assert.equal(refusedAt({ ...defaultPreferences(), ...patch }), field);
    }
    const result = validatePreferences({ theme: 'pink' });
    assert.ok(!result.ok);
    assert.equal(result.error.message, 'theme must be one of light, dark, system');
    assert.equal(refusedAt('dark'), 'preferences');
    assert.equal(refusedAt(null), 'preferences');
  });

  it('completes a partial document with defaults and drops duplicates', async () => {
    const doc = valid({ schema: 1, theme: 'dark', diet: ['vegan', 'vegan'], layout: { home: { order: ['a'] } } });
    assert.equal(doc.theme, 'dark');
    assert.deepEqual(doc.diet, ['vegan']);
    assert.deepEqual(doc.layout, { home: { order: ['a'], hidden: [] } });
    assert.deepEqual(doc.notifications, defaultPreferences().notifications);
  });

  it('keeps unknown top-level keys from a newer schema untouched', async () => {
    const newer = { ...defaultPreferences(), schema: PREFERENCES_SCHEMA + 1, units: { distance: 'km' }, beta: [1, 2] };
    const doc = valid(newer);
    assert.deepEqual(doc.units, { distance: 'km' });
    assert.deepEqual(doc.beta, [1, 2]);
    assert.equal(doc.schema, PREFERENCES_SCHEMA + 1);
    assert.equal(refusedAt(JSON.parse('{"__proto__": {"theme": "dark"}}')), '__proto__');
  });

  it('never changes its input', async () => {
    const input = { theme: 'dark', diet: ['vegan', 'vegan'] };
    const copy = structuredClone(input);
    valid(input);
    assert.deepEqual(input, copy);
  });
});

describe('validatePreferencesPatch', () => {
  it('accepts partial nested patches and nulls, refuses bad values with the same paths', async () => {
    const patch = { notifications: { channels: { email: { promotions: true } } }, locale: null, theme: null };
    const ok = validatePreferencesPatch(patch);
    assert.ok(ok.ok);
    assert.equal(ok.value, patch);
    const bad = validatePreferencesPatch({ notifications: { channels: { email: { promotions: 1 } } } });
    assert.ok(!bad.ok);
    assert.equal(bad.error.field, 'notifications.channels.email.promotions');
    const notObject = validatePreferencesPatch([]);
    assert.ok(!notObject.ok);
    assert.equal(notObject.error.field, 'patch');
  });
});

describe('applyMergePatch (RFC 7396)', () => {
  it('follows the RFC examples', async () => {
    // RFC 7396, appendix A (a selection).
    assert.deepEqual(applyMergePatch({ a: 'b' }, { a: 'c' }), { a: 'c' });
    assert.deepEqual(applyMergePatch({ a: 'b' }, { b: 'c' }), { a: 'b', b: 'c' });
    assert.deepEqual(applyMergePatch({ a: 'b' }, { a: null }), {});
    assert.deepEqual(applyMergePatch({ a: ['b'] }, { a: 'c' }), { a: 'c' });
    assert.deepEqual(applyMergePatch({ a: { b: 'c' } }, { a: { b: 'd', c: null } }), { a: { b: 'd' } });
    assert.deepEqual(applyMergePatch({ a: [{ b: 'c' }] }, { a: [1] }), { a: [1] });
    assert.deepEqual(applyMergePatch({ e: null }, { a: 1 }), { e: null, a: 1 });
    assert.deepEqual(applyMergePatch({}, { a: { bb: { ccc: null } } }), { a: { bb: {} } });
  });
  it('null on a known field resets it to the default', async () => {
    const dark = withDefaults({ theme: 'dark', locale: 'ar' });
    const reset = valid(applyMergePatch(dark, { theme: null, locale: null }));
    assert.equal(reset.theme, 'system');
    assert.equal(reset.locale, null);
  });
});

describe('migratePreferences', () => {
  it('v0 → v1: language becomes locale, dietary becomes diet (snake_case)', async () => {
    const v0 = { language: 'de-AT', dietary: ['gluten-free', 'vegan'], theme: 'dark', extra: 1 };
    const migrated = migratePreferences(v0) as Record<string, unknown>;
    assert.deepEqual(migrated, { schema: 1, locale: 'de', diet: ['gluten_free', 'vegan'], theme: 'dark', extra: 1 });
    assert.deepEqual(v0.dietary, ['gluten-free', 'vegan'], 'input untouched');
    assert.equal((migratePreferences({ schema: 0, language: 'fr-FR' }) as { locale: unknown }).locale, null);
    const doc = valid({ schema: 0, language: 'en', dietary: ['lactose-free'] });
    assert.equal(doc.locale, 'en');
    assert.deepEqual(doc.diet, ['lactose_free']);
    assert.equal('language' in doc, false);
  });
  it('leaves current, newer and non-object documents alone', async () => {
    const current = defaultPreferences();
    assert.equal(migratePreferences(current), current);
    const newer = { schema: 9, language: 'x' };
    assert.equal(migratePreferences(newer), newer);
    assert.equal(migratePreferences('x'), 'x');
  });
});

describe('mergePreferences', () => {
  const base = withDefaults({ theme: 'light', diet: ['vegan'], favorites: { restaurants: ['r1', 'r2'] } });

  it('scalars: mine if I changed it, else theirs', async () => {
    const mine = withDefaults({ ...base, theme: 'dark' });
    const theirs = withDefaults({ ...base, locale: 'ar', theme: 'system' });
    const merged = mergePreferences(base, mine, theirs);
    assert.equal(merged.theme, 'dark');
    assert.equal(merged.locale, 'ar');
  });

  it('lists: additions and removals of both sides survive', async () => {
    const mine = withDefaults({ ...base, diet: ['vegan', 'halal'], favorites: { restaurants: ['r2', 'r3'] } });
    const theirs = withDefaults({ ...base, diet: [], favorites: { restaurants: ['r1', 'r2', 'r4'] } });
    const merged = mergePreferences(base, mine, theirs);
    assert.deepEqual(merged.diet, ['halal']);
    assert.deepEqual(merged.favorites.restaurants, ['r2', 'r4', 'r3']);
  });

  it('layout per dashboard, notifications per cell, unknown keys as scalars', async () => {
    const b = withDefaults({ ...base, layout: { home: { order: ['a', 'b'] }, owner: { order: ['x'] } }, future: 1 });
    const mine = withDefaults({
      ...b,
      layout: { ...b.layout, home: { order: ['b', 'a'] } },
      notifications: { channels: { email: { reports: true } } },
    });
    const theirs = withDefaults({
      ...b,
      layout: { ...b.layout, owner: { order: ['x'], hidden: ['x'] }, new: { order: ['n'] } },
      notifications: { channels: { email: { promotions: true } }, maxPerDay: 9 },
      future: 2,
    });
    const merged = mergePreferences(b, mine, theirs);
    assert.deepEqual(merged.layout, {
      home: { order: ['b', 'a'], hidden: [] },
      owner: { order: ['x'], hidden: ['x'] },
      new: { order: ['n'], hidden: [] },
    });
    assert.equal(merged.notifications.channels.email.reports, true);
    assert.equal(merged.notifications.channels.email.promotions, true);
    assert.equal(merged.notifications.maxPerDay, 9);
    assert.equal(merged.future, 2);
    assert.ok(validatePreferences(merged).ok);
  });

  it('properties: no change on one side gives the other side; the result is always valid', async () => {
    const theme = fc.constantFrom('light', 'dark', 'system');
    const diet = fc.subarray(['vegan', 'vegetarian', 'halal', 'kosher']);
    const ids = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'));
    const doc = fc
      .record({ theme, diet, restaurants: ids, maxPerDay: fc.integer({ min: 0, max: 50 }) })
      .map(({ restaurants, maxPerDay, ...rest }) =>
        withDefaults({ ...rest, favorites: { restaurants }, notifications: { maxPerDay } }),
      );
    fc.assert(
      fc.property(doc, doc, doc, (b, m, t) => {
        assert.ok(jsonEqual(mergePreferences(b, b, t), t), 'mine unchanged → theirs');
        assert.ok(jsonEqual(mergePreferences(b, m, b), m), 'theirs unchanged → mine');
        assert.ok(validatePreferences(mergePreferences(b, m, t)).ok);
      }),
    );
  });
});
