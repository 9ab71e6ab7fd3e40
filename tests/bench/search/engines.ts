/**
 * The candidates of the search bench, each behind one interface: `search(q, type)` → ranked doc ids of that type.
 * Ours (MiniSearch with the contract's normalisation), the three libraries with their default options, FlexSearch
 * and Orama set up as close to ours as their options allow (same normalisation, prefix and typo settings), and
 * plain substring match.
 */
import {
  createSearchIndex,
  normaliseSearchText,
  runSearch,
  type SearchDoc,
  type SearchType,
  splitWords,
  typoBudget,
  wordForms,
  wordTails,
} from '@matbakh/contract';
import { create, insertMultiple, search as oramaSearch, save } from '@orama/orama';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';

export interface Engine {
  name: string;
  search(q: string, type: SearchType, limit: number): string[];
  /** The index as a client would fetch it (serialised), for the size table. */
  serialise(): Promise<string>;
}

const byType = (docs: Map<string, SearchDoc>, ids: Iterable<string>, type: SearchType, limit: number) => {
  const out: string[] = [];
  for (const id of ids) {
    if (docs.get(id)?.type === type && !out.includes(id)) out.push(id);
    if (out.length >= limit) break;
  }
  return out;
};

export function ours(docs: readonly SearchDoc[]): Engine {
  const index = createSearchIndex(docs);
  return {
    name: 'matbakh (MiniSearch + contract)',
    search: (q, type, limit) =>
      runSearch(index, { q, limit, types: [type], diet: [], allergens: [] }).groups.flatMap((g) =>
        g.hits.map((h) => h.id),
      ),
    serialise: async () => JSON.stringify(index.engine),
  };
}

export function miniSearchDefaults(docs: readonly SearchDoc[]): Engine {
  const engine = new MiniSearch<SearchDoc>({ fields: ['name', 'tags', 'description'] });
  engine.addAll(docs);
  const map = new Map(docs.map((d) => [d.id, d]));
  return {
    name: 'MiniSearch 7.2 defaults',
    search: (q, type, limit) =>
      byType(
        map,
        engine.search(q).map((r) => String(r.id)),
        type,
        limit,
      ),
    serialise: async () => JSON.stringify(engine),
  };
}

const FIELDS = ['name', 'tags', 'description'];

function flexEngine(name: string, docs: readonly SearchDoc[], options: Record<string, unknown>): Engine {
  const index = new FlexSearch.Document({ ...options, document: { id: 'id', index: FIELDS } });
  for (const doc of docs) index.add(doc as unknown as Record<string, string>);
  const map = new Map(docs.map((d) => [d.id, d]));
  return {
    name,
    search: (q, type, limit) => {
      // Field results in field order: name hits first (FlexSearch has no cross-field scoring).
      const results = index.search(q, { limit: 200, suggest: options.suggest === true }) as {
        field: string;
        result: string[];
      }[];
      const ordered = FIELDS.flatMap((field) => results.find((r) => r.field === field)?.result ?? []);
      return byType(map, ordered.map(String), type, limit);
    },
    serialise: async () => {
      const parts: Record<string, string> = {};
      await index.export((key: string, value: string) => {
        parts[key] = value;
      });
      return JSON.stringify(parts);
    },
  };
}

export const flexDefaults = (docs: readonly SearchDoc[]) => flexEngine('FlexSearch 0.8 defaults', docs, {});

/** FlexSearch with our normalisation, full tokenisation (any substring: prefixes and compound parts) and suggest. */
export const flexTuned = (docs: readonly SearchDoc[]) =>
  flexEngine('FlexSearch 0.8 tuned', docs, {
    tokenize: 'full',
    suggest: true,
    encoder: new FlexSearch.Encoder({
      normalize: (text: string) =>
        splitWords(text)
          .map((w) => normaliseSearchText(w))
          .join(' '),
    }),
  });

function oramaEngine(name: string, docs: readonly SearchDoc[], tuned: boolean): Engine {
  const schema = { id: 'string', name: 'string', tags: 'string', description: 'string', type: 'string' } as const;
  const tokenizer = {
    language: 'german',
    normalizationCache: new Map(),
    tokenize: (text: string, _language?: string, prop?: string) =>
      splitWords(String(text ?? '')).flatMap((w) =>
        prop === undefined ? [normaliseSearchText(w)] : [...wordForms(w), ...(prop === 'name' ? wordTails(w) : [])],
      ),
  };
  const db = create({ schema, ...(tuned ? { components: { tokenizer } } : {}) });
  insertMultiple(
    db,
    docs.map((d) => ({ id: d.id, name: d.name, tags: d.tags, description: d.description, type: d.type })),
  );
  const map = new Map(docs.map((d) => [d.id, d]));
  return {
    name,
    search: (q, type, limit) => {
      const params = tuned
        ? {
            term: q,
            limit: 50,
            tolerance: Math.max(...splitWords(q).map((w) => typoBudget(normaliseSearchText(w))), 0),
            boost: { name: 4, tags: 2, description: 1 },
          }
        : { term: q, limit: 50 };
      const result = oramaSearch(db, params) as { hits: { document: { id: string } }[] };
      return byType(
        map,
        result.hits.map((h) => h.document.id),
        type,
        limit,
      );
    },
    serialise: async () => JSON.stringify(save(db)),
  };
}

export const oramaDefaults = (docs: readonly SearchDoc[]) => oramaEngine('Orama 3.1 defaults', docs, false);
export const oramaTuned = (docs: readonly SearchDoc[]) => oramaEngine('Orama 3.1 tuned', docs, true);

/** The baseline every search box starts with: the typed text inside the name (then the tags), case-insensitive. */
export function substring(docs: readonly SearchDoc[]): Engine {
  const rows = docs.map((d) => ({ id: d.id, type: d.type, name: d.name.toLowerCase(), tags: d.tags.toLowerCase() }));
  return {
    name: 'substring match',
    search: (q, type, limit) => {
      const needle = q.toLowerCase().trim();
      const scored: [string, number][] = [];
      for (const row of rows) {
        if (row.type !== type) continue;
        const at = row.name.indexOf(needle);
        if (at >= 0) scored.push([row.id, at === 0 ? 0 : 1]);
        else if (row.tags.includes(needle)) scored.push([row.id, 2]);
      }
      return scored
        .sort((a, b) => a[1] - b[1])
        .slice(0, limit)
        .map(([id]) => id);
    },
    serialise: async () => JSON.stringify(docs.map((d) => [d.id, d.name, d.tags])),
  };
}
