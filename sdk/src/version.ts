/** Kept equal to sdk/package.json by scripts/size.mjs (which CI runs); shipped in every message's context. */
export const VERSION = '0.1.0';
export const LIBRARY_NAME = '@matbakh/sdk';
