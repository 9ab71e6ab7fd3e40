import type { de } from './next-best-action.messages.de.ts';

/** English texts of <mb-next-best-action>, fetched when a page shows English (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  why: 'Why?',
  never: 'Don’t show again',
  later: 'Remind me later',
  tab: '(opens in a new tab)',
};
export default texts;
