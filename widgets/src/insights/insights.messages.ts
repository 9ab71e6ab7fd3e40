import { lazyCatalog } from '../shared/lazy-texts.ts';

const de = {
  title: 'Hinweise für Ihr Restaurant',
  loading: 'Hinweise werden geladen …',
  loaded: '{count, plural, one {# Hinweis} other {# Hinweise}} geladen.',
  empty: 'Gerade gibt es keine Hinweise. Wir melden uns, sobald es etwas Neues gibt.',
  error: 'Die Hinweise konnten nicht geladen werden.',
  offline: 'Sie sind offline. Die Hinweise werden geladen, sobald die Verbindung wieder da ist.',
  retry: 'Erneut versuchen',
  noGroup: 'Kein Restaurant gewählt (Attribut group-id).',
  'severity.info': 'Info',
  'severity.success': 'Gut',
  'severity.warning': 'Warnung',
  'severity.critical': 'Kritisch',
  reason: 'Warum: {reason}',
  'summary.label': 'Letzte 7 Tage',
  'summary.revenue': 'Umsatz',
  'summary.orders': 'Bestellungen',
  'summary.trend': 'Trend',
  'trend.up': 'gestiegen um {percent} gegenüber den 7 Tagen davor',
  'trend.down': 'gesunken um {percent} gegenüber den 7 Tagen davor',
  'trend.flat': 'unverändert gegenüber den 7 Tagen davor',
  'trend.none': 'kein Vergleich möglich (keine Bestellungen in den 7 Tagen davor)',
};

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
