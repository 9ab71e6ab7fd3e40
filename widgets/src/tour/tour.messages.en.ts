import type { de } from './tour.messages.de.ts';

/** English texts of <mb-tour>, fetched when a page shows English (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  step: 'Step {n} of {total}',
  back: 'Back',
  next: 'Next',
  done: 'Done',
  end: 'End tour',
};
export default texts;
