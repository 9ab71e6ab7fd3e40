import { lazyCatalog } from '../shared/lazy-texts.ts';
import { de } from './dashboard.messages.de.ts';

/** Texts of `<mb-dashboard>`; the built-in widgets' titles are in built-in-widgets.ts. */

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
