// The search index follows the catalogue (issue 20), on SQLite and PostgreSQL: the worker's pass builds it and,
// after an upload, re-indexes only the changed documents, so requests find it current; an instance without a pass
// since the change updates it on its next request; `remove` in the upload takes dishes off the index. The engine's
// own counts (documents, discarded entries) show what was touched — never timing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type CatalogItem,
  createSearchIndex,
  type SearchDoc,
  type SearchResponse,
  searchDocs,
  updateSearchIndex,
} from '@matbakh/contract';
import fc from 'fast-check';
import { syntheticCatalog } from '../src/demo/synthetic.ts';
import type { LogRecord } from '../src/log.ts';
import { upsertCatalog } from '../src/recommend/catalog.ts';
import { refreshTenantSearch, tenantSearch } from '../src/search/index-cache.ts';
import { startAggregationWorker } from '../src/worker.ts';
import { call, type Setup, setup, T0 } from './helpers.ts';

const CATALOG = syntheticCatalog(T0, 2);
const [REMOVED, RENAMED] = CATALOG.dishes;
const NEW_DISH: CatalogItem = {
  id: 'd-new',
  kind: 'dish',
  name: 'Hähnchenschawarma',
  restaurantId: RENAMED!.restaurantId!,
  diet: ['halal'],
  allergens: [],
  tags: [],
};

async function withCatalog(): Promise<Setup> {
  const s = await setup({ rateLimit: 0 });
  await upsertCatalog(s.db, s.tenant.id, CATALOG.items, T0);
  return s;
}

const upload = (s: Setup, body: unknown) =>
  call<{ upserted: number; removed?: number }>(s.app, 'POST', '/v1/admin/catalog', {
    headers: { authorization: `Bearer ${s.tenant.secret}` },
    body,
  });

const dishIds = async (s: Setup, q: string) => {
  const { res, json } = await call<SearchResponse>(s.app, 'GET', `/v1/search?${new URLSearchParams({ q })}`, {
    writeKey: s.tenant.writeKey,
  });
  assert.equal(res.status, 200);
  return (json.groups.find((g) => g.type === 'dish')?.hits ?? []).map((h) => h.id);
};

/** One upload that adds a dish, renames one and removes one. */
const change = (s: Setup) =>
  upload(s, { items: [NEW_DISH, { ...RENAMED!, name: 'Zaatar-Manakisch' }], remove: [REMOVED!.id] });

describe('search index kept by the worker', () => {
  test('the pass builds the index, then re-indexes only what an upload changed; search follows', async () => {
    const s = await withCatalog();
    const records: LogRecord[] = [];
    const worker = startAggregationWorker(s.db, { intervalMs: 2 ** 30, log: (r) => records.push(r), now: () => T0 });
    try {
      assert.ok(await worker.runOnce());
      const indexed = () => records.filter((r) => r.msg === 'aggregates refreshed').map((r) => r.searchIndexed);
      const documents = searchDocs(CATALOG.items).length;
      assert.deepEqual(indexed(), [documents], 'the first pass builds the whole index');
      assert.deepEqual(await refreshTenantSearch(s.db, s.tenant.id), { kind: 'current' }, 'no request builds it');
      const engine = (await tenantSearch(s.db, s.tenant.id)).index.engine;
      assert.ok((await dishIds(s, REMOVED!.name)).includes(REMOVED!.id));

      s.advance(1000);
      const { res, json } = await change(s);
      assert.equal(res.status, 200);
      assert.deepEqual(json, { upserted: 2, removed: 1 });
      assert.ok(await worker.runOnce());
      assert.deepEqual(indexed(), [documents, 3], 'one added, one replaced, one removed');
      assert.deepEqual(await refreshTenantSearch(s.db, s.tenant.id), { kind: 'current' });
      const after = (await tenantSearch(s.db, s.tenant.id)).index.engine;
      assert.equal(after, engine, 'the same engine, updated in place');
      assert.equal(engine.documentCount, documents, 'one document in, one out');
      assert.equal(engine.dirtCount, 2, 'two discarded entries: the renamed dish’s old text and the removed dish');

      assert.ok((await dishIds(s, 'schawarma')).includes(NEW_DISH.id));
      assert.ok((await dishIds(s, 'manakisch')).includes(RENAMED!.id));
      assert.ok(!(await dishIds(s, REMOVED!.name)).includes(REMOVED!.id));
      assert.ok(!(await dishIds(s, RENAMED!.name)).includes(RENAMED!.id), 'the old name is gone');

      assert.ok(await worker.runOnce());
      assert.deepEqual(indexed(), [documents, 3], 'an unchanged catalogue touches nothing');
    } finally {
      await worker.stop();
      await s.db.close();
    }
  });

  test('without a pass since the change, the next request updates the index itself (only what changed)', async () => {
    const s = await withCatalog();
    try {
      assert.ok((await dishIds(s, REMOVED!.name)).includes(REMOVED!.id));
      s.advance(1000);
      assert.equal((await change(s)).res.status, 200);
      assert.ok((await dishIds(s, 'schawarma')).includes(NEW_DISH.id));
      assert.ok(!(await dishIds(s, REMOVED!.name)).includes(REMOVED!.id));
      assert.equal((await tenantSearch(s.db, s.tenant.id)).index.engine.dirtCount, 2);
      // A price change is no text change: the engine is untouched, the hit shows the new price.
      s.advance(1000);
      const price = { amount: 99, currency: 'EUR' };
      assert.equal((await upload(s, { items: [{ ...NEW_DISH, price }] })).res.status, 200);
      assert.deepEqual(await refreshTenantSearch(s.db, s.tenant.id), {
        kind: 'updated',
        added: 0,
        replaced: 0,
        removed: 0,
        restated: 1,
      });
      const { json } = await call<SearchResponse>(s.app, 'GET', '/v1/search?q=schawarma', {
        writeKey: s.tenant.writeKey,
      });
      assert.deepEqual(json.groups[0]!.hits.find((h) => h.id === NEW_DISH.id)?.price, price);
    } finally {
      await s.db.close();
    }
  });

  test('`remove` in the upload: bad input is a 400 naming it, nothing written', async () => {
    const s = await withCatalog();
    try {
      const restaurant = RENAMED!.restaurantId!;
      const cases: unknown[] = [
        { items: [], remove: 'd-1' },
        { items: [], remove: [''] },
        { items: [], remove: [42] },
        { items: [NEW_DISH], remove: [NEW_DISH.id] },
        { items: [], remove: [restaurant] },
        {
          items: [NEW_DISH],
          remove: [restaurant, ...CATALOG.dishes.filter((d) => d.restaurantId === restaurant).map((d) => d.id)],
        },
      ];
      for (const body of cases) {
        const { res, json } = await upload(s, body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal((json as unknown as { error: { field: string } }).error.field, 'remove');
      }
      assert.ok((await dishIds(s, REMOVED!.name)).includes(REMOVED!.id));
      // A restaurant goes with its dishes; unknown ids are skipped.
      const menu = CATALOG.dishes.filter((d) => d.restaurantId === restaurant).map((d) => d.id);
      const gone = await upload(s, { items: [], remove: [restaurant, ...menu, 'd-unknown'] });
      assert.deepEqual(gone.json, { upserted: 0, removed: menu.length + 1 });
    } finally {
      await s.db.close();
    }
  });
});

describe('updateSearchIndex', () => {
  const docs = searchDocs(CATALOG.items);
  const dishes = docs.filter((d) => d.type === 'dish');
  const words = [...new Set(dishes.flatMap((d) => d.name.split(/[\s-]+/)))].filter((w) => w.length >= 3);
  const matches = (index: ReturnType<typeof createSearchIndex>, q: string) =>
    index.engine
      .search(q)
      .map((r) => String(r.id))
      .sort();

  test('property: an updated index matches what a fresh one of the new documents matches', () => {
    fc.assert(
      fc.property(
        fc.subarray(dishes, { maxLength: 8 }),
        fc.subarray(dishes, { maxLength: 8 }),
        fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...words),
        (removed, renamed, newName, q) => {
          const index = createSearchIndex(docs);
          const gone = new Set(removed.map((d) => d.id));
          const renames = new Map(renamed.map((d) => [d.id, `${newName.join(' ')} ${d.id}`]));
          const next: SearchDoc[] = docs
            .filter((d) => !gone.has(d.id))
            .map((d) => (renames.has(d.id) ? { ...d, name: renames.get(d.id)! } : d));
          next.push({ ...dishes[0]!, id: 'd-added', name: newName.join('') });
          const changes = updateSearchIndex(index, next);
          assert.equal(changes.removed, gone.size);
          assert.equal(changes.added, 1);
          assert.equal(changes.replaced, [...renames.keys()].filter((id) => !gone.has(id)).length);
          assert.equal(index.engine.documentCount, next.length);
          assert.deepEqual(matches(index, q), matches(createSearchIndex(next), q));
        },
      ),
      { numRuns: 40 },
    );
  });
});
