/** UUID v4. `crypto.randomUUID` exists only in secure contexts; partner pages may be plain http. */
export function uuid(): string {
  try {
    return crypto.randomUUID();
  } catch {
    // Each of 0/1/8 in the template becomes a random hex digit (8 → the variant's 8–b).
    return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
      (+c ^ ((crypto.getRandomValues(new Uint8Array(1))[0] as number) & (15 >> (+c / 4)))).toString(16),
    );
  }
}
