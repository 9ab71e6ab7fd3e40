import { lazyCatalog } from '../shared/lazy-texts.ts';
import { de } from './next-best-action.messages.de.ts';

/** Texts of `<mb-next-best-action>`; the action's own texts come from the rule. Short keys: they ship 3×. */
export type NbaMessage = keyof typeof de;

export const messages = lazyCatalog(
  {
    de,
  },
  { en: () => import('./next-best-action.messages.en.ts'), ar: () => import('./next-best-action.messages.ar.ts') },
);
