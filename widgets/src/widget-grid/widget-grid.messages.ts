import { lazyCatalog } from '../shared/lazy-texts.ts';

/**
 * Texts of `<mb-widget-grid>`. `{title}` is a widget's title; `{at}` is the `at` message, where `{pos}`/`{count}`
 * are formatted numbers (one phrase shared by every announcement).
 */
const de = {
  label: 'Widgets',
  widget: 'Widget {n}',
  handle: '{title} verschieben',
  hint: 'Leertaste oder Eingabe: aufnehmen und ablegen. Pfeiltasten: verschieben. Escape: abbrechen.',
  options: 'Optionen für {title}',
  earlier: 'Nach vorne verschieben',
  later: 'Nach hinten verschieben',
  hide: 'Ausblenden',
  at: 'Position {pos} von {count}',
  picked: '{title}, aufgenommen, {at}',
  moved: '{title}, {at}',
  dropped: '{title}, abgelegt auf {at}',
  canceled: 'Verschieben abgebrochen. {title} bleibt auf {at}',
  hidden: '{title} ausgeblendet',
  shown: '{title} wieder eingeblendet',
  reset: 'Standardanordnung wiederhergestellt',
  customize: 'Ausgeblendete Widgets',
  none: 'Keine ausgeblendeten Widgets',
  show: '{title} einblenden',
  resetButton: 'Auf Standard zurücksetzen',
};

export const messages = lazyCatalog(
  {
    de,
  },
  { en: () => import('./widget-grid.messages.en.ts'), ar: () => import('./widget-grid.messages.ar.ts') },
);

export type GridMessage = keyof typeof de;
