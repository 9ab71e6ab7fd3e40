/**
 * The SDK runs on other people's pages: it must never throw into them. Every public method and
 * every callback we register goes through `guard`, which counts the failure and, in debug mode only,
 * tells the developer what happened.
 */
export interface Diagnostics {
  readonly debug: boolean;
  /** Internal errors caught so far. */
  errors: number;
  report(where: string, error: unknown): void;
  /**
   * Debug mode with plugins (plugin/explain.ts): says once, in one console line, what is misconfigured and how to
   * fix it. Undefined otherwise: callers use `?.`.
   */
  explain?(cause: Explainable, ...details: string[]): void;
}

/** Misconfigurations a partner can fix: page origin, write key, catalogue, a tour id, the configuration itself. */
export type Explainable = 'origin' | 'key' | 'catalog' | 'tour' | 'config';

export function createDiagnostics(debug: boolean): Diagnostics {
  const diagnostics: Diagnostics = {
    debug,
    errors: 0,
    report(where, error) {
      diagnostics.errors++;
      if (debug) console.warn(`[matbakh] ${where}:`, error);
    },
  };
  return diagnostics;
}

export function guard<A extends unknown[], R>(
  diagnostics: Diagnostics,
  where: string,
  fn: (...args: A) => R,
): (...args: A) => R | undefined {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (error) {
      diagnostics.report(where, error);
      return undefined;
    }
  };
}
