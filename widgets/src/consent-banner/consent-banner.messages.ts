import { lazyCatalog } from '../shared/lazy-texts.ts';
import { de } from './consent-banner.messages.de.ts';

/**
 * Texts of `<mb-consent-banner>`. A tenant overrides them in `policy.texts[locale]['banner.<key>']` (a map
 * shared with the privacy center, hence the namespace); the catalog itself leaves the `banner.` prefix out.
 */

export const messages = lazyCatalog(
  {
    de,
    informal: {
      de: {
        title: 'Deine Datenschutz-Einstellungen',
        'reason.first_visit': 'Willkommen! Bevor es losgeht, entscheide bitte, welche Daten wir verwenden dürfen.',
        'reason.policy_changed':
          'Unsere Datenschutzhinweise haben sich seit deinem letzten Besuch geändert, deshalb fragen wir dich erneut.',
        'reason.new_category':
          'Seit deiner letzten Entscheidung ist eine neue Art der Datennutzung hinzugekommen, deshalb fragen wir dich erneut.',
        'reason.expired': 'Deine letzte Entscheidung liegt eine Weile zurück, deshalb fragen wir dich erneut.',
        text: 'Notwendige Speicherung hält die Seite am Laufen. Mit deiner Einwilligung merken wir uns außerdem deine Einstellungen, personalisieren Empfehlungen, messen die Nutzung und zeigen passende Angebote. Du kannst deine Entscheidung jederzeit ändern.',
        gpc: 'Dein Browser sendet das Signal „Global Privacy Control“. Wir respektieren es: Statistik und Marketing bleiben aus, solange du sie nicht selbst einschaltest.',
        offline: 'Deine Entscheidung ist auf diesem Gerät gespeichert und wird erfasst, sobald du wieder online bist.',
        configError:
          'Die Details unserer Datenschutz-Einstellungen konnten nicht geladen werden. Du kannst trotzdem ablehnen oder akzeptieren – nur notwendige Speicherung funktioniert auch offline.',
      },
    },
  },
  { en: () => import('./consent-banner.messages.en.ts'), ar: () => import('./consent-banner.messages.ar.ts') },
);

export type BannerMessage = keyof typeof de;
