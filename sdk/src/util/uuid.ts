/**
 * UUID v4 from `crypto.getRandomValues`, which every page has (`crypto.randomUUID` exists only in secure contexts,
 * and partner pages may be plain http): one path, so the core carries no second one.
 */
export function uuid(): string {
  // One random byte per 0/1/8 of the template, each becoming a hex digit (8 → the variant's 8–b).
  const random = crypto.getRandomValues(new Uint8Array(31));
  let i = 0;
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (+c ^ ((random[i++] as number) & (15 >> (+c / 4)))).toString(16),
  );
}
