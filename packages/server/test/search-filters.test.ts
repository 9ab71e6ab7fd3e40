// Diet words in a query are filters, not text (issue 20), in German, English and Arabic: parsed by the contract
// (the server and the SDK's on-device search run the same code), and through the API on SQLite and PostgreSQL no
// hit of "ohne Nüsse" / "without nuts" / "بدون مكسرات" declares nuts, whatever else was typed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ALLERGENS,
  type Allergen,
  type CatalogItem,
  createSearchIndex,
  parseQueryFilters,
  passesHardFilters,
  runSearch,
  type SearchResponse,
  searchDocs,
} from '@matbakh/contract';
import fc from 'fast-check';
import { syntheticCatalog } from '../src/demo/synthetic.ts';
import { upsertCatalog } from '../src/recommend/catalog.ts';
import { call, setup, T0 } from './helpers.ts';

describe('query filters (contract)', () => {
  test('without X, X-free and diet words in de / en / ar; the rest stays text', () => {
    const cases: [string, string, string[], string[]][] = [
      ['ohne Nüsse', '', [], ['nuts']],
      ['OHNE NUSSE', '', [], ['nuts']],
      ['without nuts', '', [], ['nuts']],
      ['بدون مكسرات', '', [], ['nuts']],
      ['بدون المكسرات وسمسم', '', [], ['nuts', 'sesame']],
      ['بلا بيض', '', [], ['eggs']],
      ['من غير حليب', '', [], ['milk']],
      ['nussfrei', '', [], ['nuts']],
      ['nut-free falafel', 'falafel', [], ['nuts']],
      ['erdnussfreie Soße', 'Soße', [], ['peanuts']],
      ['Pizza ohne Nüsse und Sesam', 'Pizza', [], ['nuts', 'sesame']],
      ['no eggs', '', [], ['eggs']],
      ['بدون فول سوداني', '', [], ['peanuts']],
      ['ohne Gluten', '', [], ['gluten']],
      ['glutenfrei', '', ['gluten_free'], []],
      ['gluten-free pasta', 'pasta', ['gluten_free'], []],
      ['laktosefreie Pizza', 'Pizza', ['lactose_free'], []],
      ['vegan', '', ['vegan'], []],
      ['vegane Suppe', 'Suppe', ['vegan'], []],
      ['حلال شاورما', 'شاورما', ['halal'], []],
      ['vegetarisch', '', ['vegetarian'], []],
      // Not filters: a "without" with nothing known after it, names that only look like one.
      ['Falafel ohne Zwiebeln', 'Falafel ohne Zwiebeln', [], []],
      ['Freiburger', 'Freiburger', [], []],
      ['Nussecke', 'Nussecke', [], []],
      ['Eierlikör', 'Eierlikör', [], []],
    ];
    for (const [q, text, diet, allergens] of cases) {
      const { terms, ...parsed } = parseQueryFilters(q);
      assert.deepEqual(parsed, { text, diet, allergens }, q);
      assert.equal(terms.length, diet.length + allergens.length, q);
    }
  });

  test('each filter as the guest wrote it, and the query without it (a removable chip)', () => {
    const cases: [string, [string, string][]][] = [
      ['vegan curry', [['vegan', 'curry']]],
      [
        'Pizza ohne Nüsse und Sesam',
        [
          ['ohne Nüsse', 'Pizza ohne Sesam'],
          ['ohne Sesam', 'Pizza ohne Nüsse'],
        ],
      ],
      [
        'بدون مكسرات وسمسم',
        [
          ['بدون مكسرات', 'بدون سمسم'],
          ['بدون سمسم', 'بدون مكسرات'],
        ],
      ],
      [
        'nut free pizza halal',
        [
          ['nut free', 'pizza halal'],
          ['halal', 'nut free pizza'],
        ],
      ],
      ['glutenfrei', [['glutenfrei', '']]],
      ['Falafel ohne Zwiebeln', []],
    ];
    for (const [q, expected] of cases) {
      const { terms } = parseQueryFilters(q);
      assert.deepEqual(
        terms.map((term) => [term.words, term.without]),
        expected,
        q,
      );
      // Searching again without a filter drops exactly that one.
      for (const term of terms) {
        const again = parseQueryFilters(term.without);
        const gone = 'diet' in term ? again.diet.includes(term.diet) : again.allergens.includes(term.allergen);
        assert.equal(gone, false, `${q} without ${term.words}`);
        assert.equal(again.terms.length, terms.length - 1, `${q} without ${term.words}`);
      }
    }
  });

  test('a query of filter words lists the dishes that fit; with text, the text is searched among them', () => {
    const index = createSearchIndex(searchDocs(syntheticCatalog(T0, 2).items));
    const vegan = runSearch(index, { q: 'vegan', limit: 20, diet: [], allergens: [] });
    assert.deepEqual(vegan.filters, {
      diet: ['vegan'],
      allergens: [],
      terms: [{ diet: 'vegan', words: 'vegan', without: '' }],
    });
    assert.deepEqual(
      vegan.groups.map((g) => g.type),
      ['dish'],
    );
    assert.equal(vegan.groups[0]!.hits.length, 20);
    const dish = (id: string, name: string, allergens: Allergen[]): CatalogItem => ({
      id,
      kind: 'dish',
      name,
      diet: ['vegan'],
      allergens,
      tags: [],
    });
    const small = createSearchIndex(
      searchDocs([dish('d-1', 'Falafel-Teller', ['sesame']), dish('d-2', 'Falafel Wrap', ['gluten'])]),
    );
    const names = (r: SearchResponse) => r.groups.flatMap((g) => g.hits.map((h) => h.name));
    const plain = runSearch(small, { q: 'falafel', limit: 20, diet: [], allergens: [] });
    assert.equal(plain.filters, undefined);
    assert.deepEqual(names(plain).sort(), ['Falafel Wrap', 'Falafel-Teller']);
    for (const q of ['falafel ohne Sesam', 'falafel without sesame', 'فلافل بدون سمسم', 'Falafel sesamfrei']) {
      const safe = runSearch(small, { q, limit: 20, diet: [], allergens: [] });
      assert.deepEqual(names(safe), q.startsWith('فلافل') ? [] : ['Falafel Wrap'], q);
      assert.equal(safe.query, q);
    }
  });
});

const CATALOG = syntheticCatalog(T0, 2);
const byId = new Map<string, CatalogItem>(CATALOG.items.map((item) => [item.id, item]));
/** One way each language says "without X" for an allergen. */
const WITHOUT: Partial<Record<Allergen, [string, string, string]>> = {
  nuts: ['ohne Nüsse', 'without nuts', 'بدون مكسرات'],
  sesame: ['ohne Sesam', 'without sesame', 'بدون سمسم'],
  gluten: ['ohne Gluten', 'without gluten', 'بدون غلوتين'],
  milk: ['milchfrei', 'dairy-free', 'بدون حليب'],
  eggs: ['ohne Eier', 'no eggs', 'بلا بيض'],
  peanuts: ['erdnussfrei', 'peanut-free', 'بدون فول سوداني'],
};

describe('GET /v1/search with filter words', () => {
  test('property: no hit of "without X" in any language declares X, with or without other words', async () => {
    const s = await setup({ rateLimit: 0 });
    await upsertCatalog(s.db, s.tenant.id, CATALOG.items, T0);
    const words = [...new Set(CATALOG.dishes.flatMap((d) => d.name.split(/[\s-]+/)))];
    const allergens = Object.keys(WITHOUT) as Allergen[];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...allergens),
        fc.integer({ min: 0, max: 2 }),
        fc.option(fc.constantFrom(...words), { nil: undefined }),
        async (allergen, language, word) => {
          const phrase = WITHOUT[allergen]![language]!;
          const q = word === undefined ? phrase : `${word} ${phrase}`;
          const { res, json } = await call<SearchResponse>(
            s.app,
            'GET',
            `/v1/search?${new URLSearchParams({ q, limit: '20' })}`,
            { writeKey: s.tenant.writeKey },
          );
          assert.equal(res.status, 200);
          assert.deepEqual(json.filters?.allergens, [allergen], q);
          for (const hit of json.groups.flatMap((g) => g.hits)) {
            if (hit.type === 'dish')
              assert.ok(passesHardFilters(byId.get(hit.id)!, [], [allergen]), `${q}: ${hit.name}`);
          }
        },
      ),
      { numRuns: 40 },
    );
    assert.ok(ALLERGENS.includes('nuts'));
  });
});
