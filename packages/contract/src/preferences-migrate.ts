/**
 * Migrations of stored preference documents, oldest first: `MIGRATIONS[n]` turns a schema-n document into a
 * schema-(n+1) one. A document without `schema` is schema 0. A released step is never edited; a change of the
 * shape is a new step plus a bump of `PREFERENCES_SCHEMA`. Keys a step does not know are passed through.
 *
 * | from → to | change |
 * | --------- | ------ |
 * | 0 → 1     | `language` (a BCP 47 tag such as `"de-AT"`) became `locale` (`de` / `en` / `ar` or `null`: unknown tags  |
 * |           | fall back to detection); `dietary` became `diet`, its kebab-case names snake_case (`gluten-free` → `gluten_free`) |
 */
import { LOCALES, type Locale } from './config.ts';
import { PREFERENCES_SCHEMA } from './preferences.ts';
import { isPlainObject } from './validate.ts';

type Doc = Record<string, unknown>;

const v0ToV1 = (doc: Doc): Doc => {
  const { language, dietary, ...rest } = doc;
  const out: Doc = { ...rest };
  if (language !== undefined && !('locale' in out)) {
    const primary = typeof language === 'string' ? language.slice(0, 2).toLowerCase() : '';
    out.locale = LOCALES.includes(primary as Locale) ? primary : null;
  }
  if (dietary !== undefined && !('diet' in out)) {
    out.diet = Array.isArray(dietary)
      ? dietary.map((d) => (typeof d === 'string' ? d.replace(/-/g, '_') : d))
      : dietary;
  }
  return out;
};

export const PREFERENCE_MIGRATIONS: readonly ((doc: Doc) => Doc)[] = [v0ToV1];

/**
 * Brings a document of an older schema up to `PREFERENCES_SCHEMA` (a new object; the input is not changed).
 * Newer documents and non-objects are returned as they are: validation decides about them.
 */
export function migratePreferences(doc: unknown): unknown {
  if (!isPlainObject(doc)) return doc;
  const from = doc.schema === undefined ? 0 : doc.schema;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0 || from >= PREFERENCES_SCHEMA) return doc;
  let out: Doc = doc;
  for (let version = from; version < PREFERENCES_SCHEMA; version++) out = PREFERENCE_MIGRATIONS[version]!(out);
  return { ...out, schema: PREFERENCES_SCHEMA };
}
