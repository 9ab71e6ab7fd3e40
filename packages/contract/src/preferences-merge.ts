/**
 * The three-way merge of preference documents, used when a write meets a newer version (412): `base` is the
 * last version both sides agreed on, `mine` the local document, `theirs` the server's current one.
 *
 * | field                                   | rule                                                                  |
 * | --------------------------------------- | --------------------------------------------------------------------- |
 * | scalars (`theme`, `locale`, `notifications.quietHours`, `notifications.maxPerDay`, unknown top-level keys) | mine if I changed it since base, else theirs |
 * | lists (`diet`, `allergens`, `favorites.restaurants`, `favorites.dishes`) | theirs, minus what I removed, plus what I added (order: theirs first) |
 * | `layout`                                | per dashboard id: mine if I changed (or removed) that dashboard, else theirs |
 * | `notifications.channels`                | per channel × topic cell: mine if I changed it, else theirs           |
 *
 * So concurrent edits of different fields (or different cells, dashboards, list items) all survive; when both
 * sides changed the same scalar, the write being re-sent (mine) wins, as the most recent intent.
 */
import type { PreferencesDocument } from './preferences.ts';
import { isPlainObject } from './validate.ts';

type Json = unknown;
type Doc = Record<string, Json>;

/** Structural equality of JSON values (key order does not matter). */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b) || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k], b[k]));
}

/** RFC 7396: objects merge key by key, anything else replaces, `null` removes the key. A new value is returned. */
export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isPlainObject(patch)) return patch;
  const out: Doc = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__') continue;
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}

const pick = (base: Json, mine: Json, theirs: Json) => (jsonEqual(base, mine) ? theirs : mine);

function mergeList(base: Json, mine: Json, theirs: Json): Json {
  // One side unchanged: the other side as it is, its order included.
  if (jsonEqual(base, theirs) || !Array.isArray(base) || !Array.isArray(mine) || !Array.isArray(theirs)) {
    return pick(base, mine, theirs);
  }
  const removed = base.filter((item) => !mine.includes(item));
  const added = mine.filter((item) => !base.includes(item) && !theirs.includes(item));
  return [...theirs.filter((item) => !removed.includes(item)), ...added];
}

/** Key by key over both sides; `merge` gets each key's three values (absent = undefined). */
function byKey(base: Json, mine: Json, theirs: Json, merge: (b: Json, m: Json, t: Json) => Json): Json {
  if (!isPlainObject(base) || !isPlainObject(mine) || !isPlainObject(theirs)) return pick(base, mine, theirs);
  const out: Doc = {};
  for (const key of new Set([...Object.keys(theirs), ...Object.keys(mine)])) {
    const value = merge(base[key], mine[key], theirs[key]);
    if (value !== undefined && key !== '__proto__') out[key] = value;
  }
  return out;
}

export function mergePreferences(
  base: PreferencesDocument,
  mine: PreferencesDocument,
  theirs: PreferencesDocument,
): PreferencesDocument {
  const n = [base.notifications, mine.notifications, theirs.notifications] as const;
  const channels = (b: Json, m: Json, t: Json) => byKey(b, m, t, (cb, cm, ct) => byKey(cb, cm, ct, pick));
  return {
    ...(byKey(base, mine, theirs, pick) as Doc),
    layout: byKey(base.layout, mine.layout, theirs.layout, pick),
    notifications: {
      ...(byKey(...n, pick) as Doc),
      channels: channels(n[0]?.channels, n[1]?.channels, n[2]?.channels),
    },
    diet: mergeList(base.diet, mine.diet, theirs.diet),
    allergens: mergeList(base.allergens, mine.allergens, theirs.allergens),
    favorites: byKey(base.favorites, mine.favorites, theirs.favorites, mergeList),
  } as PreferencesDocument;
}
