import type { de } from './widget-grid.messages.de.ts';

/** English texts of <mb-widget-grid>, fetched when a page shows English (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  label: 'Widgets',
  widget: 'Widget {n}',
  handle: 'Move {title}',
  hint: 'Space or Enter: pick up and drop. Arrow keys: move. Escape: cancel.',
  options: 'Options for {title}',
  earlier: 'Move earlier',
  later: 'Move later',
  hide: 'Hide',
  at: 'position {pos} of {count}',
  picked: '{title}, picked up, {at}',
  moved: '{title}, {at}',
  dropped: '{title}, dropped at {at}',
  canceled: 'Move cancelled. {title} stays at {at}',
  hidden: '{title} hidden',
  shown: '{title} shown again',
  reset: 'Default arrangement restored',
  customize: 'Hidden widgets',
  none: 'No hidden widgets',
  show: 'Show {title}',
  resetButton: 'Reset to default',
};
export default texts;
