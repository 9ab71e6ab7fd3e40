/** German texts of next-best-action: the source of the keys every locale has, and the fallback of every lookup. */
export const de = {
  why: 'Warum?',
  never: 'Nicht mehr zeigen',
  later: 'Später erinnern',
  tab: '(öffnet in einem neuen Tab)',
};
