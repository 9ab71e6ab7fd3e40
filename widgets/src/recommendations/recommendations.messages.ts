import { lazyCatalog } from '../shared/lazy-texts.ts';
import { de } from './recommendations.messages.de.ts';

/** Texts of `<mb-recommendations>` (its cards have their own: recommendation-card.messages.ts). */

export const messages = lazyCatalog(
  {
    de,
    informal: {
      de: {
        'heading.guest': 'Empfohlen für dich',
        'heading.owner': 'Empfehlungen für deinen Betrieb',
        empty: 'Gerade haben wir keine Empfehlungen für dich.',
        errorOffline: 'Du bist offline. Empfehlungen erscheinen, sobald du wieder verbunden bist.',
        offline: 'Du bist offline: Diese Vorschläge hat dein Gerät ausgewählt.',
        fallback: 'Diese Vorschläge hat dein Gerät ausgewählt, weil unser Server gerade nicht antwortet.',
        personalized: 'Personalisiert anhand deiner Bestellungen.',
        'personalized.owner': 'Passend zur Ausstattung und Nutzung deines Betriebs.',
        'basis.no_consent': 'Nicht personalisiert: Du hast die Personalisierung nicht erlaubt.',
        'basis.cold_start': 'Noch nicht personalisiert: Beliebtes, bis wir deinen Geschmack kennen.',
        controls: 'Was du ändern kannst',
      },
    },
  },
  { en: () => import('./recommendations.messages.en.ts'), ar: () => import('./recommendations.messages.ar.ts') },
);

export type RecommendationsMessage = keyof typeof de;
