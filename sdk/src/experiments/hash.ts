/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby, public domain), over the UTF-8 bytes of a string.
 *
 * Why this hash: bucketing must give the same answer on every device and in any backend that wants to
 * reproduce it (the reference is in every language: `mmh3.hash(s, seed, signed=False)` in Python,
 * `MurmurHash3_x86_32` in C++), and its finalizer mixes well enough that sequential ids
 * (`user-1`, `user-2`, …) spread evenly — FNV-1a alone leaves the high bits of short, similar keys correlated.
 * Not cryptographic: it only has to be uniform and stable.
 *
 * Check values (seed 0): `""` → 0, `"hello"` → 0x248bfa47, `"The quick brown fox jumps over the lazy dog"` → 0x2e4ff723.
 */
const encoder = new TextEncoder();

export function murmur3(text: string, seed = 0): number {
  const bytes = encoder.encode(text);
  const length = bytes.length;
  const blocks = length & ~3;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = length & 3;
  if (tail > 0) {
    // The reference's fall-through switch over the last 1–3 bytes, written out.
    let k = bytes[blocks]!;
    if (tail > 1) k ^= bytes[blocks + 1]! << 8;
    if (tail > 2) k ^= bytes[blocks + 2]! << 16;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A point in [0, 1) from the hash: the bucket of `text`. */
export const unitInterval = (text: string, seed = 0): number => murmur3(text, seed) / 0x1_0000_0000;
