import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { GridMessage } from './widget-grid.messages.ts';

export type MenuAction = 'earlier' | 'later' | 'hide';

/** What the options menu needs from the grid. */
export interface GridMenuOptions {
  /** The menu items on screen (in the open menu). */
  items(): HTMLElement[];
  /** Focus goes to what `target` returns after the next render. */
  focusNext(target: () => HTMLElement | null | undefined): void;
  /** Focus goes to the menu button of widget `id` after the next render. */
  focusButton(id: string): void;
  say(key: GridMessage): string;
}

/**
 * Each cell's options menu ("Move earlier", "Move later", "Hide": single-pointer alternatives to dragging, WCAG
 * 2.5.7): which one is open, its keyboard (arrows, Home, End, Escape back to its button, Tab leaves), and its
 * template. What an item does is the grid's. State only, no lifecycle: the host re-renders when it changes.
 */
export class GridMenu {
  private openFor: string | undefined;
  private readonly host: ReactiveControllerHost;
  private readonly options: GridMenuOptions;

  constructor(host: ReactiveControllerHost, options: GridMenuOptions) {
    this.host = host;
    this.options = options;
  }

  /** The widget whose menu is open. */
  get open(): string | undefined {
    return this.openFor;
  }

  /** Opens the menu of `id` with focus on its `item`-th item. */
  show(id: string, item: number): void {
    if (this.openFor !== id) this.host.requestUpdate();
    this.openFor = id;
    this.options.focusNext(() => this.options.items()[item]);
  }

  /** Closes the open menu; with `focus`, focus goes back to its button. */
  close(focus?: boolean): void {
    const id = this.openFor;
    this.openFor = undefined;
    if (id !== undefined) this.host.requestUpdate();
    if (focus && id) this.options.focusButton(id);
  }

  /** A click on the menu button of `id`. */
  toggle(id: string): void {
    if (this.openFor === id) this.close(true);
    else this.show(id, 0);
  }

  /** ArrowDown / ArrowUp on the menu button of `id` opens its menu at the first / last item. */
  onButtonKey(event: KeyboardEvent, id: string): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    this.show(id, event.key === 'ArrowDown' ? 0 : 2);
  }

  /** A key on a menu item. */
  onItemKey(event: KeyboardEvent, target: HTMLElement): void {
    const { key } = event;
    const items = this.options.items();
    const at = items.indexOf(target);
    const go = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[key];
    if (key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
    } else if (key === 'Tab') this.close();
    else if (go !== undefined) {
      event.preventDefault();
      items[(go + items.length) % items.length]?.focus();
    }
  }

  /** The open menu of the cell at `index` (of `last + 1`): earlier and later are disabled at the ends. */
  render(label: string, index: number, last: number): TemplateResult {
    return html`<div id="menu" part="menu" role="menu" aria-label=${label} @focusout=${this.onFocusOut}>${(
      ['earlier', 'later', 'hide'] as const
    ).map(
      (action, i) =>
        html`<button part="menu-item" role="menuitem" type="button" tabindex="-1" data-action=${action}
                    aria-disabled=${i < 2 && index === i * last}>${this.options.say(action)}</button>`,
    )}</div>`;
  }

  /** Focus left the menu (and its button): it closes. */
  private readonly onFocusOut = (event: FocusEvent) => {
    const to = event.relatedTarget as Node | null;
    const menu = event.currentTarget as HTMLElement;
    if (!to || !(menu.contains(to) || menu.previousElementSibling === to)) this.close();
  };
}
