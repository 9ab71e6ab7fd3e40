import { lazyCatalog } from '../shared/lazy-texts.ts';
import { de } from './widget-grid.messages.de.ts';

/**
 * Texts of `<mb-widget-grid>`. `{title}` is a widget's title; `{at}` is the `at` message, where `{pos}`/`{count}`
 * are formatted numbers (one phrase shared by every announcement).
 */

export const messages = lazyCatalog(
  {
    de,
  },
  { en: () => import('./widget-grid.messages.en.ts'), ar: () => import('./widget-grid.messages.ar.ts') },
);

export type GridMessage = keyof typeof de;
