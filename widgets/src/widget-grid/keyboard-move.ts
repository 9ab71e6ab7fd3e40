import { moved } from './layout.ts';

/** What moving by keyboard needs from the grid. */
export interface KeyboardMoveOptions {
  grid(): HTMLElement;
  /** The widget being carried, if any. */
  picked(): string | undefined;
  /** The visible widgets in their current (carried) order. */
  order(): string[];
  pick(id: string): void;
  /** Show this order (on the next frame). */
  carry(order: string[]): void;
  /** Dropped (`true`) or canceled. */
  finish(drop: boolean): void;
}

/**
 * Moving a widget with its drag handle, by keyboard: Space/Enter picks it up, the arrow keys move it (a row up
 * or down by the column count, left and right by one, mirrored in RTL), Home and End to either end, Space/Enter
 * or Tab drops, Escape cancels. No lifecycle of its own (nothing to listen to beyond the grid's delegated
 * keydown), so not registered with the host.
 */
export class KeyboardMove {
  /** Places each arrow key, Home and End move a widget carried by keyboard. */
  private steps: Record<string, number> = {};
  private readonly options: KeyboardMoveOptions;

  constructor(options: KeyboardMoveOptions) {
    this.options = options;
  }

  /** A key on the handle of widget `id`. */
  onHandleKey(event: KeyboardEvent, id: string): void {
    const { key } = event;
    const drop = key === ' ' || key === 'Enter';
    const visible = this.options.order();
    if (this.options.picked() !== id) {
      if (!drop) return;
      event.preventDefault();
      this.steps = this.stepsFor(visible.length);
      this.options.pick(id);
      return;
    }
    const from = visible.indexOf(id);
    const step = this.steps[key];
    if (drop || key === 'Tab') {
      if (drop) event.preventDefault();
      this.options.finish(true);
    } else if (key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.options.finish(false);
    } else if (step) {
      event.preventDefault();
      this.options.carry(moved(visible, from, from + step));
    }
  }

  /** Read once per carry (style only): the column count is the grid's `--cols`, the direction its `direction`. */
  private stepsFor(n: number): Record<string, number> {
    const style = getComputedStyle(this.options.grid());
    const cols = Number.parseInt(style.getPropertyValue('--cols'), 10) || 1;
    const ltr = style.direction === 'rtl' ? -1 : 1;
    return { ArrowLeft: -ltr, ArrowRight: ltr, ArrowUp: -cols, ArrowDown: cols, Home: -n, End: n };
  }
}
