/** German texts of recommendation-card: the source of the keys every locale has, and the fallback of every lookup. */
export const de = {
  why: 'Warum das?',
  popoverTitle: 'Warum Sie das sehen',
  howItWorks: 'So funktionieren Empfehlungen',
  privacy: 'Datenschutz-Einstellungen',
  close: 'Schließen',
  notInterested: 'Kein Interesse',
  moreLikeThis: 'Mehr davon',
  thanks: 'Danke! Wir zeigen Ihnen mehr davon.',
  hidden: 'Ausgeblendet. Sie sehen das nicht mehr.',
  from: 'von {name}',
};
