import { lazyCatalog } from '../shared/lazy-texts.ts';
import { de } from './insights.messages.de.ts';

export type InsightsMessage = keyof typeof de;

export const messages = lazyCatalog(
  {
    de,
    informal: {
      de: {
        title: 'Hinweise für dein Restaurant',
        offline: 'Du bist offline. Die Hinweise werden geladen, sobald die Verbindung wieder da ist.',
      },
    },
  },
  { en: () => import('./insights.messages.en.ts'), ar: () => import('./insights.messages.ar.ts') },
);
