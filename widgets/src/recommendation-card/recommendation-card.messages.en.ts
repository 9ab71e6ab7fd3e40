import type { de } from './recommendation-card.messages.de.ts';

/** English texts of <mb-recommendation-card>, fetched when a page shows English (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  why: 'Why this?',
  popoverTitle: 'Why you see this',
  howItWorks: 'How recommendations work',
  privacy: 'Privacy settings',
  close: 'Close',
  notInterested: 'Not interested',
  moreLikeThis: 'More like this',
  thanks: 'Thanks! We will show you more like this.',
  hidden: 'Hidden. You will not see this again.',
  from: 'from {name}',
};
export default texts;
