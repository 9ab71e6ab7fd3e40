/**
 * State that must exist once per page although several of our files carry the module holding it: matbakh.js and
 * each lazily loaded element file (personalization, privacy center) bundle their own copies of widgets/src/shared.
 * The first copy's state is kept under a `Symbol.for` key, where every other copy finds it. `name` carries the
 * state's shape version (`display/1`): a copy expecting another shape keeps its own.
 */
export function onePerPage<T>(name: string, create: () => T): T {
  const page = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`matbakh.${name}`);
  const existing = page[key];
  if (existing !== undefined) return existing;
  const created = create();
  Object.defineProperty(page, key, { value: created });
  return created;
}
