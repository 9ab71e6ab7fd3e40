import type { NbaMessage } from './next-best-action.messages.ts';

/** English texts of <mb-next-best-action>, fetched when a page shows English (shared/lazy-texts.ts). */
const texts: Record<NbaMessage, string> = {
  why: 'Why?',
  never: 'Don’t show again',
  later: 'Remind me later',
  tab: '(opens in a new tab)',
};
export default texts;
