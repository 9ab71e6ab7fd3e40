import { lazyCatalog } from '../shared/lazy-texts.ts';
import { de } from './predictive.messages.de.ts';

export type PredictiveMessage = keyof typeof de;

/** The predictive sections' texts (a catalog of their own: the cards' stays as small as it was). */
export const predictiveMessages = lazyCatalog(
  {
    de,
    informal: {
      de: {
        'forecast.alerts': 'Worauf du dich vorbereiten solltest',
        'forecast.offline': 'Du bist offline. Die Prognose wird geladen, sobald die Verbindung wieder da ist.',
        'churn.offline': 'Du bist offline. Die Stammgäste werden geladen, sobald die Verbindung wieder da ist.',
        'churn.revenue': 'Dein Umsatz mit ihnen in den letzten 90 Tagen: {amount}',
        'churn.empty':
          '{regulars, plural, one {Dein Stammgast bestellt wie gewohnt.} other {Alle # Stammgäste bestellen wie gewohnt.}} Niemand droht gerade wegzubleiben.',
        'winback.error': 'Die Kampagne konnte nicht gestartet werden. Bitte versuch es erneut.',
        'winback.offline': 'Du bist offline. Die Kampagne wurde nicht gestartet.',
      },
    },
  },
  { en: () => import('./predictive.messages.en.ts'), ar: () => import('./predictive.messages.ar.ts') },
);
