/** German texts of <mb-inbox>: the source of the keys every locale has, and the fallback of every lookup. */
export const de = {
  bell: 'Benachrichtigungen',
  bellUnread: 'Benachrichtigungen, {count, plural, one {# ungelesen} other {# ungelesen}}',
  title: 'Benachrichtigungen',
  close: 'Schließen',
  markAll: 'Alle als gelesen markieren',
  markOne: 'Als gelesen markieren',
  unread: 'Ungelesen',
  open: 'Öffnen',
  more: 'Ältere laden',
  loading: 'Benachrichtigungen werden geladen …',
  empty: 'Keine Benachrichtigungen. Neues erscheint hier sofort.',
  error: 'Die Benachrichtigungen konnten nicht geladen werden.',
  offline: 'Sie sind offline. Neue Benachrichtigungen erscheinen, sobald die Verbindung wieder da ist.',
  consent: 'Hinweise in der App sind ausgeschaltet. Sie können sie in den Datenschutzeinstellungen einschalten.',
  retry: 'Erneut versuchen',
  arrived: 'Neu: {title}',
};
