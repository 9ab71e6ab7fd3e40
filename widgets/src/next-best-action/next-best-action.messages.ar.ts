import type { de } from './next-best-action.messages.de.ts';

/** Arabic texts of <mb-next-best-action>, fetched when a page shows Arabic (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  why: 'لماذا؟',
  never: 'لا تعرض مجددًا',
  later: 'ذكّرني لاحقًا',
  tab: '(يُفتح في علامة تبويب جديدة)',
};
export default texts;
