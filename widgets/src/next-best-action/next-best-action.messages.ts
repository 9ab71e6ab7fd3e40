import type { Catalog } from '../shared/i18n.ts';

/** Texts of `<mb-next-best-action>`; the action's own texts come from the rule. Short keys: they ship 3×. */
const de = {
  why: 'Warum?',
  never: 'Nicht mehr zeigen',
  later: 'Später erinnern',
  tab: '(öffnet in einem neuen Tab)',
};
export type NbaMessage = keyof typeof de;

export const messages: Catalog<NbaMessage> = {
  de,
  en: {
    why: 'Why?',
    never: 'Don’t show again',
    later: 'Remind me later',
    tab: '(opens in a new tab)',
  },
  ar: {
    why: 'لماذا؟',
    never: 'لا تعرض مجددًا',
    later: 'ذكّرني لاحقًا',
    tab: '(يُفتح في علامة تبويب جديدة)',
  },
};
