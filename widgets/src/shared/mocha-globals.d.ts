/**
 * The mocha globals @web/test-runner provides to test files, declared here because `@types/mocha` is not
 * installed (and `types: []` keeps global typings out on purpose). Only what our tests use.
 */
type MochaDone = (error?: unknown) => void;
type MochaFn = (this: unknown, done: MochaDone) => unknown;
interface MochaSuiteFn {
  (title: string, fn: (this: unknown) => void): void;
  only(title: string, fn: (this: unknown) => void): void;
  skip(title: string, fn: (this: unknown) => void): void;
}
interface MochaTestFn {
  (title: string, fn?: MochaFn): void;
  only(title: string, fn?: MochaFn): void;
  skip(title: string, fn?: MochaFn): void;
}
declare const describe: MochaSuiteFn;
declare const it: MochaTestFn;
declare function before(fn: MochaFn): void;
declare function after(fn: MochaFn): void;
declare function beforeEach(fn: MochaFn): void;
declare function afterEach(fn: MochaFn): void;
