/** The one object test of the project: a non-null object that is not an array (a JSON object, a record, an API). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
