import { html, nothing, render, type TemplateResult } from 'lit';

/** Sets (or, for `null`, removes) an attribute unless it already has that value: unchanged cells cost no restyle. */
const set = (element: Element, name: string, value: string | null) => {
  if (element.getAttribute(name) !== value)
    value === null ? element.removeAttribute(name) : element.setAttribute(name, value);
};

/** Made once, cloned per cell: the cell, its drag handle, its menu button and the slot showing its widget. */
let cellTemplate: HTMLElement | undefined;
function newCell(): HTMLElement {
  const fragment = document.createDocumentFragment();
  render(
    html`<div part="cell" class="cell" role="listitem"><button part="handle" class="handle" type="button" aria-describedby="hint"></button><button part="menu-button" class="menu-button" type="button" aria-haspopup="menu"></button><slot></slot></div>`,
    fragment,
  );
  return fragment.firstElementChild as HTMLElement;
}

/** What one cell shows. */
export interface CellState {
  /** The widget shown in the cell. */
  item: HTMLElement | undefined;
  /** Carried (keyboard or pointer), and whether by a pointer drag. */
  picked: boolean;
  dragging: boolean;
  handleLabel: string;
  menuLabel: string;
  /** The open options menu, rendered after its button; `undefined` when closed. */
  menu: TemplateResult | undefined;
}

/**
 * The grid's cells, kept by hand rather than by a Lit template: 50 cells of a first render are 50 clones of one
 * element and a few attributes each (a template per cell cost more than the layout of the whole grid). Each
 * visible widget has a cell of its own, kept while the widget is visible, so focus, slot and animation stay with
 * it; the widget stays the host's child, shown through a manually assigned slot.
 */
export class GridCells {
  /** The cells in DOM order, as last rendered. */
  all: HTMLElement[] = [];
  /** Each visible widget's cell. */
  private readonly cells = new Map<string, HTMLElement>();
  /** What each cell's slot shows (cheaper than asking the slot, 50 times per render). */
  private readonly slotted = new WeakMap<HTMLSlotElement, HTMLElement>();

  /** The cell of `id`, or `selector` in it. */
  find(id: string, selector?: string): HTMLElement | null | undefined {
    const cell = this.cells.get(id);
    return selector ? cell?.querySelector<HTMLElement>(selector) : cell;
  }

  /** One cell per widget of `visible`, in that order in `grid`, each brought up to date by `fill`. */
  render(grid: HTMLElement, visible: string[], fill: (cell: HTMLElement, id: string, index: number) => void): void {
    const keep = new Set(visible);
    for (const [id, cell] of this.cells)
      if (!keep.has(id)) {
        cell.remove();
        this.cells.delete(id);
      }
    this.all = visible.map((id, index) => {
      const cell = this.cells.get(id) ?? this.create(id);
      fill(cell, id, index);
      return cell;
    });
    if (!grid.childElementCount) grid.append(...this.all);
    // The DOM follows with as few moves as one moved widget needs (a moved element loses focus and is laid out
    // again): a cell ahead of its place is passed over when the one wanted here comes right after it.
    let at = grid.firstElementChild;
    for (const cell of this.all) {
      if (cell !== at && at?.nextElementSibling === cell) at = cell;
      if (cell === at) at = at.nextElementSibling;
      else grid.insertBefore(cell, at);
    }
  }

  /** A cell's state (attributes written only when changed). */
  fill(cell: HTMLElement, { item, picked, dragging, handleLabel, menuLabel, menu }: CellState): void {
    const [handle, menuButton] = cell.children as unknown as [HTMLElement, HTMLElement];
    const slot = cell.lastElementChild as HTMLSlotElement;
    if (item && this.slotted.get(slot) !== item) {
      slot.assign(item);
      this.slotted.set(slot, item);
    }
    set(cell, 'data-span', item?.getAttribute('span') === '2' ? '2' : '1');
    set(cell, 'part', picked ? 'cell cell-picked' : 'cell');
    set(cell, 'class', picked ? (dragging ? 'cell picked dragging' : 'cell picked') : 'cell');
    set(handle, 'aria-label', handleLabel);
    set(menuButton, 'aria-label', menuLabel);
    set(menuButton, 'aria-expanded', `${!!menu}`);
    set(menuButton, 'aria-controls', menu ? 'menu' : null);
    // The open menu, after its button (Lit renders it into the cell, before the slot).
    if (menu || cell.childElementCount > 3) render(menu ?? nothing, cell, { renderBefore: slot });
  }

  /** A new, empty cell for `id`: a clone of one made once. */
  private create(id: string): HTMLElement {
    cellTemplate ??= newCell();
    const cell = cellTemplate.cloneNode(true) as HTMLElement;
    cell.dataset.id = id;
    this.cells.set(id, cell);
    return cell;
  }
}
