/**
 * `explainIn` for the script-tag bundle: the explanations (explain.ts) are for a developer in debug mode, so
 * matbakh.js fetches them as a file of their own (`matbakh-explain.js`, beside it) only when debug mode is on,
 * instead of shipping them to every visitor. vite.config.ts puts this module in place of explain.ts there; the
 * ES module packages keep explain.ts itself. Until the file has arrived, reports and explanations wait for it
 * (then they are said in order, once each, as explain.ts says them); if it cannot be fetched, reports go on as
 * they did without debug explanations.
 */
import type { Diagnostics, Explainable } from '../util/diagnostics.ts';
import type { ExplainContext } from './explain.ts';

export function explainIn(diagnostics: Diagnostics, context: ExplainContext): { quiet(): void } {
  const { report } = diagnostics;
  const waiting: (() => void)[] = [];
  let quiet = false;
  let loaded: { quiet(): void } | undefined;
  diagnostics.report = (where, error) => waiting.push(() => diagnostics.report(where, error));
  diagnostics.explain = (cause: Explainable, ...details: string[]) =>
    waiting.push(() => diagnostics.explain?.(cause, ...details));
  const flush = () => {
    for (const said of waiting.splice(0)) said();
  };
  import('./explain.ts').then(
    (explain) => {
      diagnostics.report = report;
      loaded = explain.explainIn(diagnostics, context);
      if (quiet) loaded.quiet();
      flush();
    },
    () => {
      diagnostics.report = report;
      diagnostics.explain = undefined;
      flush();
    },
  );
  return {
    quiet: () => {
      quiet = true;
      loaded?.quiet();
    },
  };
}
