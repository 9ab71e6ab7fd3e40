import type { DashboardLayout } from '@matbakh/contract';

/**
 * Pure layout arithmetic of `<mb-widget-grid>`: the saved layout is a list of ids (order is the truth,
 * columns are derived from the width), applied to the widgets that are actually there.
 */

/** What the grid shows: visible ids in order, and the hidden ones (known widgets only). */
export interface Arrangement {
  /** Every known id, first to last, hidden ones included (they keep their place for when they come back). */
  all: string[];
  visible: string[];
  hidden: string[];
}

/**
 * Applies `layout` to the widgets present (`ids`, in DOM order = the default). Unknown ids in the layout are
 * ignored; a widget the layout does not know appears at its default (DOM) position.
 */
export function arrange(ids: readonly string[], layout?: DashboardLayout): Arrangement {
  const known = new Set(ids);
  const all = [...new Set(layout?.order ?? [])].filter((id) => known.has(id));
  const placed = new Set(all);
  ids.forEach((id, index) => {
    if (!placed.has(id)) all.splice(Math.min(index, all.length), 0, id);
  });
  const hiddenSet = new Set((layout?.hidden ?? []).filter((id) => known.has(id)));
  return { all, visible: all.filter((id) => !hiddenSet.has(id)), hidden: all.filter((id) => hiddenSet.has(id)) };
}

/** `list` with the item at `from` moved to `to` (clamped). */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(Math.max(0, Math.min(to, next.length)), 0, item);
  return next;
}

/**
 * The layout to save: `visible` in its new order, each hidden widget kept right after the visible widget it
 * followed (so it comes back where it was), and ids the saved layout had but this page does not show kept
 * after them, untouched (another page may still have those widgets).
 */
export function toLayout(
  arrangement: Arrangement,
  visible: readonly string[],
  hidden: ReadonlySet<string>,
  previous?: DashboardLayout,
): DashboardLayout {
  const shown = new Set(visible);
  const after = new Map<string | undefined, string[]>();
  let anchor: string | undefined;
  for (const id of arrangement.all) {
    if (shown.has(id)) anchor = id;
    else after.set(anchor, [...(after.get(anchor) ?? []), id]);
  }
  const all = [...(after.get(undefined) ?? []), ...visible.flatMap((id) => [id, ...(after.get(id) ?? [])])];
  const known = new Set(all);
  const foreign = (list: readonly string[] | undefined) => (list ?? []).filter((id) => !known.has(id));
  return {
    order: [...all, ...foreign(previous?.order)],
    hidden: [...all.filter((id) => hidden.has(id)), ...foreign(previous?.hidden)],
  };
}
