// The contract's search normalisation (issue 20), shared by the server's index and the SDK's on-device one:
// German and Arabic spellings fold to one form, compounds give their tails, highlights point into the name as
// written.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  compoundTails,
  highlightRanges,
  normaliseSearchText,
  splitWords,
  validateSearchQuery,
  wordForms,
} from '@matbakh/contract';
import fc from 'fast-check';

const marked = (name: string, q: string, matched: string[] = []) =>
  highlightRanges(
    name,
    splitWords(q).map((w) => normaliseSearchText(w)),
    matched,
  ).map(([a, b]) => name.slice(a, b));

describe('search normalisation (contract)', () => {
  test('German: umlauts and ß fold to ae/oe/ue/ss; words with umlauts are indexed in both spellings', () => {
    assert.equal(normaliseSearchText('Hähnchen'), 'haehnchen');
    assert.equal(normaliseSearchText('HAEHNCHEN'), 'haehnchen');
    assert.equal(normaliseSearchText('Grüße'), 'gruesse');
    assert.equal(normaliseSearchText('Ha\u0308hnchen'), 'haehnchen', 'decomposed ä (a + combining diaeresis)');
    assert.deepEqual(wordForms('Käsespätzle'), ['kaesespaetzle', 'kasespatzle']);
    assert.deepEqual(wordForms('Pizza'), ['pizza']);
  });

  test('accents, and letters NFKD does not take apart: Çorbası, Frappé, Smørrebrød', () => {
    assert.equal(normaliseSearchText('Çorbası'), 'corbasi');
    assert.equal(normaliseSearchText('Frappé'), 'frappe');
    assert.equal(normaliseSearchText('Smørrebrød'), 'smorrebrod');
  });

  test('Arabic: alef forms, taa marbuta, alef maksura, hamza carriers, diacritics, tatweel and the article', () => {
    assert.equal(normaliseSearchText('أرز'), normaliseSearchText('ارز'));
    assert.equal(normaliseSearchText('إيدام'), normaliseSearchText('ايدام'));
    assert.equal(normaliseSearchText('آش'), normaliseSearchText('اش'));
    assert.equal(normaliseSearchText('تبولة'), normaliseSearchText('تبوله'));
    assert.equal(normaliseSearchText('حلوى'), normaliseSearchText('حلوي'));
    assert.equal(normaliseSearchText('مُحَمَّرة'), normaliseSearchText('محمره'));
    assert.equal(normaliseSearchText('كنـــافة'), normaliseSearchText('كنافه'), 'tatweel');
    assert.equal(normaliseSearchText('الفلافل'), 'فلافل');
    assert.equal(normaliseSearchText('بالنعناع'), 'نعناع');
    assert.equal(normaliseSearchText('الو'), 'الو', 'a short word keeps its letters');
  });

  test('compounds: tails of long Latin words, none for short or Arabic ones', () => {
    const tails = compoundTails('haehnchenschawarma').map((t) => t.tail);
    assert.ok(tails.includes('schawarma'));
    assert.ok(tails.every((t) => t.length >= 4));
    assert.ok(!tails.includes('haehnchenschawarma'));
    assert.deepEqual(compoundTails('pizza'), []);
    assert.deepEqual(compoundTails('شاورمادجاج'), []);
  });

  test('highlights: offsets into the name as written, through folding, compounds, diacritics and typos', () => {
    assert.deepEqual(marked('Hähnchenschawarma', 'schawarma'), ['schawarma']);
    assert.deepEqual(marked('Shawarma Hähnchen', 'haehnchen'), ['Hähnchen']);
    assert.deepEqual(marked('Shawarma Hähnchen', 'hahn'), ['Hähn']);
    assert.deepEqual(marked('Käsespätzle', 'spaetzle'), ['spätzle']);
    assert.deepEqual(marked('Pizza Margherita', 'piz marg'), ['Piz', 'Marg']);
    assert.deepEqual(marked('مُحَمَّرة', 'محمره'), ['مُحَمَّرة']);
    assert.deepEqual(marked('شاي بالنعناع', 'نعناع'), ['نعناع']);
    assert.deepEqual(marked('Falafel-Teller', 'falafl', ['falafel']), ['Falafel']);
    assert.deepEqual(marked('Falafel-Teller', 'sushi'), []);
  });

  test('property: highlight ranges are ordered, disjoint and inside the name, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 12 }), (name, q) => {
        const ranges = highlightRanges(
          name,
          splitWords(q).map((w) => normaliseSearchText(w)),
          [normaliseSearchText(q)],
        );
        let end = 0;
        for (const [a, b] of ranges) {
          assert.ok(a >= end && a < b && b <= name.length, JSON.stringify({ name, q, ranges }));
          end = b;
        }
      }),
      { numRuns: 500 },
    );
  });

  test('the query validator names the field', () => {
    assert.deepEqual(validateSearchQuery({ q: ' falafel ', limit: '3', type: 'dish' }), {
      ok: true,
      value: { q: 'falafel', limit: 3, types: ['dish'] },
    });
    const field = (query: Record<string, string>) => {
      const result = validateSearchQuery(query);
      return result.ok ? undefined : result.error.field;
    };
    assert.equal(field({}), 'q');
    assert.equal(field({ q: 'x', limit: '1e1' }), 'limit');
    assert.equal(field({ q: 'x', type: 'dish,wine' }), 'type');
  });
});
