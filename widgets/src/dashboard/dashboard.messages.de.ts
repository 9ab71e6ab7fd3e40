/** German texts of dashboard: the source of the keys every locale has, and the fallback of every lookup. */
export const de = {
  'heading.guest': 'Ihr Dashboard',
  'heading.owner': 'Ihr Restaurant auf einen Blick',
  customize: 'Dashboard anpassen',
  done: 'Fertig',
  loading: '{title} wird geladen …',
  error: '{title} konnte nicht geladen werden.',
  retry: 'Erneut versuchen',
  offline: 'Sie sind offline. Die Widgets zeigen den zuletzt geladenen Stand.',
  ordersEmpty: 'Hier erscheinen Ihre Bestellungen.',
  empty: 'Noch keine Widgets für dieses Dashboard.',
  // Titles of the built-in widgets (by id), so they follow the tenant's form of address too.
  'widget.next-best-action': 'Ihr nächster Schritt',
  'widget.insights': 'Einblicke',
  'widget.recommendations': 'Empfehlungen für Sie',
  'widget.orders': 'Bestellungen',
};
