/** German texts of tour: the source of the keys every locale has, and the fallback of every lookup. */
export const de = {
  step: 'Schritt {n} von {total}',
  back: 'Zurück',
  next: 'Weiter',
  done: 'Fertig',
  end: 'Tour beenden',
};
