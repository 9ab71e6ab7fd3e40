import { lazyCatalog } from '../shared/lazy-texts.ts';

/** Texts of `<mb-dashboard>`; the built-in widgets' titles are in built-in-widgets.ts. */
const de = {
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

export const messages = lazyCatalog(
  {
    de,
    informal: {
      de: {
        'heading.guest': 'Dein Dashboard',
        'heading.owner': 'Dein Restaurant auf einen Blick',
        offline: 'Du bist offline. Die Widgets zeigen den zuletzt geladenen Stand.',
        ordersEmpty: 'Hier erscheinen deine Bestellungen.',
        'widget.next-best-action': 'Dein nächster Schritt',
        'widget.recommendations': 'Empfehlungen für dich',
      },
    },
  },
  { en: () => import('./dashboard.messages.en.ts'), ar: () => import('./dashboard.messages.ar.ts') },
);

export type DashboardMessage = keyof typeof de;
