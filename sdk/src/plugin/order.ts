/** The start order of plugins: every plugin after those it `requires` (and those it runs `after`, when present). */

interface Node {
  readonly name: string;
  readonly requires: readonly string[];
  readonly after: readonly string[];
}

/** A plugin that cannot start, with the reason in words a developer acts on. */
export class PluginSetupError extends Error {
  constructor(message: string) {
    super(`matbakh: ${message}`);
    this.name = 'PluginSetupError';
  }
}

/**
 * Sorts `batch` so that dependencies come first; `installed` names count as present. Plugins that cannot start
 * (a required plugin missing, or a cycle) are returned in `failed` with their error, together with what needs them.
 */
export function startOrder<T extends Node>(
  batch: readonly T[],
  installed: ReadonlySet<string>,
): { ordered: T[]; failed: PluginSetupError[] } {
  const byName = new Map(batch.map((node) => [node.name, node]));
  const ordered: T[] = [];
  const failed: PluginSetupError[] = [];
  const state = new Map<string, 'visiting' | 'done' | 'failed'>();

  const visit = (node: T, path: string[]): boolean => {
    const seen = state.get(node.name);
    if (seen === 'done') return true;
    if (seen === 'failed') return false;
    if (seen === 'visiting') {
      const cycle = [...path.slice(path.indexOf(node.name)), node.name].join(' → ');
      failed.push(new PluginSetupError(`plugins require each other in a cycle: ${cycle}`));
      return false;
    }
    state.set(node.name, 'visiting');
    let ok = true;
    for (const name of node.requires) {
      if (installed.has(name)) continue;
      const dependency = byName.get(name);
      if (!dependency) {
        failed.push(new PluginSetupError(`plugin "${node.name}" requires plugin "${name}", which is not installed`));
        ok = false;
      } else if (!visit(dependency, [...path, node.name])) {
        failed.push(new PluginSetupError(`plugin "${node.name}" cannot start without plugin "${name}"`));
        ok = false;
      }
    }
    for (const name of node.after) {
      const dependency = byName.get(name);
      if (dependency && state.get(name) !== 'visiting') visit(dependency, [...path, node.name]);
    }
    state.set(node.name, ok ? 'done' : 'failed');
    if (ok) ordered.push(node);
    return ok;
  };
  for (const node of batch) visit(node, []);
  return { ordered, failed };
}
