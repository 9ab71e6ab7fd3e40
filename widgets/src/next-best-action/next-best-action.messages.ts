import type { Catalog } from '../shared/i18n.ts';

/** Texts of `<mb-next-best-action>`; the action's own texts come from the rule. */
const de = {
  'nba.label': 'Tipp',
  'nba.why': 'Warum?',
  'nba.dismiss': 'Nicht mehr zeigen',
  'nba.snooze': 'Später erinnern',
  'nba.newTab': '(öffnet in einem neuen Tab)',
};
export type NbaMessage = keyof typeof de;

export const messages: Catalog<NbaMessage> = {
  de,
  en: {
    'nba.label': 'Tip',
    'nba.why': 'Why?',
    'nba.dismiss': 'Don’t show again',
    'nba.snooze': 'Remind me later',
    'nba.newTab': '(opens in a new tab)',
  },
  ar: {
    'nba.label': 'نصيحة',
    'nba.why': 'لماذا؟',
    'nba.dismiss': 'لا تعرض مجددًا',
    'nba.snooze': 'ذكّرني لاحقًا',
    'nba.newTab': '(يُفتح في علامة تبويب جديدة)',
  },
};
