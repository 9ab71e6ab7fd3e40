/**
 * Test helper: collects Lit's dev-mode warnings (change-in-update and the like) issued while a test file runs,
 * so every widget test can assert there were none. Call at the top level of a test file.
 */
export function captureLitWarnings(): readonly string[] {
  const warnings: string[] = [];
  const originalWarn = console.warn;
  before(() => {
    console.warn = (...args: unknown[]) => {
      const text = args.map(String).join(' ');
      if (/lit\.dev\/msg/.test(text) && !text.includes('Lit is in dev mode')) warnings.push(text);
      originalWarn.apply(console, args);
    };
  });
  after(() => {
    console.warn = originalWarn;
  });
  return warnings;
}
