// A catalogue uploaded as CSV (issue 16 item 1): the same items and the same checks as the JSON upload, errors
// naming row, file line and field, and nothing written when any row is bad.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CatalogItem, catalogCsvTemplate } from '@matbakh/contract';
import { catalogFromCsv } from '../src/catalog-upload/csv.ts';
import { call, type Setup, setup } from './helpers.ts';

type RowError = { index: number; line?: number; field: string; message: string };

const HEADER = 'id,kind,name,cuisine,region,restaurantId,diet,allergens,price.amount,price.currency,tags,description';
const GOOD = [
  HEADER,
  'r-1,restaurant,Beirut Kitchen,lebanese,Berlin-Mitte,,,,,,,',
  'd-1,dish,Falafel,,,r-1,vegan|vegetarian,sesame,9.50,EUR,street food|crispy,"Fried, with tahini"',
  '\r\n',
].join('\r\n');

function upload(s: Setup, csv: string, key = (s.tenant as { adminKey?: string }).adminKey!) {
  return call<{ upserted: number; errors: RowError[] }>(s.app, 'POST', '/v1/admin/catalog', {
    headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv; charset=utf-8' },
    body: csv,
  });
}

const stored = async (s: Setup) =>
  (await s.db.all<{ id: string; data: string }>('SELECT id, data FROM catalog_items ORDER BY id')).map(
    (row) => JSON.parse(row.data) as CatalogItem,
  );

describe('catalogue upload as CSV', () => {
  it('stores the rows as items: lists split on |, numbers and nested fields from dotted columns', async () => {
    const s = await setup();
    const { res, json } = await upload(s, `\uFEFF${GOOD}`);
    assert.equal(res.status, 200, JSON.stringify(json));
    assert.equal(json.upserted, 2);
    const [dish, restaurant] = await stored(s);
    assert.deepEqual(
      {
        diet: dish!.diet,
        allergens: dish!.allergens,
        price: dish!.price,
        tags: dish!.tags,
        description: dish!.description,
      },
      {
        diet: ['vegan', 'vegetarian'],
        allergens: ['sesame'],
        price: { amount: 9.5, currency: 'EUR' },
        tags: ['street food', 'crispy'],
        description: 'Fried, with tahini',
      },
    );
    assert.equal(restaurant!.region, 'Berlin-Mitte');
    assert.equal(restaurant!.price, undefined, 'an empty cell leaves the field out');
  });

  it("the console's template (every column, a restaurant and a dish) uploads as it is", async () => {
    const s = await setup();
    const { res, json } = await upload(s, catalogCsvTemplate());
    assert.equal(res.status, 200, JSON.stringify(json));
    assert.equal(json.upserted, 2);
    const [dish] = await stored(s);
    assert.deepEqual(
      [dish!.name, dish!.restaurantId, dish!.price],
      ['Falafel-Teller', 'r-1', { amount: 11.5, currency: 'EUR' }],
    );
  });

  it('one bad row: that row is reported with its line and field, and nothing changes', async () => {
    const s = await setup();
    assert.equal((await upload(s, GOOD)).res.status, 200);
    const before = await stored(s);
    const csv = [
      HEADER,
      'r-1,restaurant,Beirut Kitchen Renamed,lebanese,Berlin-Mitte,,,,,,,',
      'd-2,dish,Hummus,,,r-1,vegan,sesame,5,EUR,,',
      'd-3,dish,Shawarma,,,r-1,,,abc,EUR,,',
      'd-4,dish,Tabouleh,,,r-1,vegan,,4.5,EUR,,',
    ].join('\n');
    const { res, json } = await upload(s, csv);
    assert.equal(res.status, 400);
    assert.deepEqual(
      json.errors.map((e) => [e.index, e.line, e.field]),
      [[2, 4, 'price.amount']],
    );
    assert.match(json.error.message, /nothing was written/);
    assert.deepEqual(await stored(s), before, 'neither the renamed restaurant nor the good dishes were written');
  });

  it('names unknown columns, rows with the wrong number of cells, and broken quoting', async () => {
    const s = await setup();
    const unknown = await upload(s, 'id,kind,name,colour\nr-1,restaurant,X,red\n');
    assert.equal(unknown.res.status, 400);
    assert.deepEqual(
      unknown.json.errors.map((e) => [e.index, e.field]),
      [[-1, 'colour']],
    );
    const ragged = await upload(s, `${HEADER}\nr-1,restaurant,X\n`);
    assert.deepEqual(
      ragged.json.errors.map((e) => [e.index, e.line, e.field]),
      [[0, 2, 'row']],
    );
    const quotes = await upload(s, `${HEADER}\nr-1,"restaurant,X\n`);
    assert.equal(quotes.res.status, 400);
    assert.equal(quotes.json.errors[0]!.field, 'csv');
    assert.deepEqual(await stored(s), []);
  });

  it('a JSON upload and its CSV form give the same items', () => {
    const parsed = catalogFromCsv(GOOD);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.body.items[1], {
      id: 'd-1',
      kind: 'dish',
      name: 'Falafel',
      restaurantId: 'r-1',
      diet: ['vegan', 'vegetarian'],
      allergens: ['sesame'],
      price: { amount: 9.5, currency: 'EUR' },
      tags: ['street food', 'crispy'],
      description: 'Fried, with tahini',
    });
    assert.deepEqual(parsed.lines, [2, 3]);
  });

  it('needs the admin (or secret) key: the write key is refused', async () => {
    const s = await setup();
    const { res, json } = await upload(s, GOOD, s.tenant.writeKey);
    assert.equal(res.status, 403);
    assert.equal(json.error.field, 'authorization');
    assert.deepEqual(await stored(s), []);
  });
});
