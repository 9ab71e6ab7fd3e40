/**
 * Where `matbakh.js` publishes the modules its lazily loaded files share (see shared-modules.ts): a
 * `Symbol.for` key with the version in it, so two versions of matbakh on one page never mix their modules.
 * Its own file because the build (scripts/shared-modules.mjs) reads it too.
 */
export const sharedModulesKey = (version: string): string => `matbakh.modules ${version}`;
