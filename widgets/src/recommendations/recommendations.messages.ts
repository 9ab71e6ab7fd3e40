import { lazyCatalog } from '../shared/lazy-texts.ts';

/** Texts of `<mb-recommendations>` (its cards have their own: recommendation-card.messages.ts). */
const de = {
  'heading.guest': 'Empfohlen für Sie',
  'heading.owner': 'Empfehlungen für Ihren Betrieb',
  loading: 'Empfehlungen werden geladen …',
  empty: 'Gerade haben wir keine Empfehlungen für Sie.',
  error: 'Die Empfehlungen konnten nicht geladen werden.',
  errorOffline: 'Sie sind offline. Empfehlungen erscheinen, sobald Sie wieder verbunden sind.',
  retry: 'Erneut versuchen',
  offline: 'Sie sind offline: Diese Vorschläge hat Ihr Gerät ausgewählt.',
  fallback: 'Diese Vorschläge hat Ihr Gerät ausgewählt, weil unser Server gerade nicht antwortet.',
  personalized: 'Personalisiert anhand Ihrer Bestellungen.',
  'personalized.owner': 'Passend zur Ausstattung und Nutzung Ihres Betriebs.',
  'basis.no_consent': 'Nicht personalisiert: Sie haben die Personalisierung nicht erlaubt.',
  'basis.cold_start': 'Noch nicht personalisiert: Beliebtes, bis wir Ihren Geschmack kennen.',
  'basis.not_identified': 'Nicht personalisiert.',
  privacy: 'Datenschutz-Einstellungen',
  howItWorks: 'So funktionieren Empfehlungen',
  previous: 'Vorherige Empfehlung',
  next: 'Nächste Empfehlung',
  slide: '{index} von {count}',
  removed: '„{title}“ ausgeblendet.',
  close: 'Schließen',
  explanationLoading: 'Wird geladen …',
  explanationError: 'Die Erklärung konnte nicht geladen werden.',
  parameters: 'Worauf es ankommt',
  controls: 'Was Sie ändern können',
  nonProfiled: 'Ohne Profil',
};

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
