/** German texts of consent-banner: the source of the keys every locale has, and the fallback of every lookup. */
export const de = {
  label: 'Datenschutz-Einstellungen',
  title: 'Ihre Datenschutz-Einstellungen',
  'reason.first_visit': 'Willkommen! Bevor es losgeht, entscheiden Sie bitte, welche Daten wir verwenden dürfen.',
  'reason.policy_changed':
    'Unsere Datenschutzhinweise haben sich seit Ihrem letzten Besuch geändert, deshalb fragen wir Sie erneut.',
  'reason.new_category':
    'Seit Ihrer letzten Entscheidung ist eine neue Art der Datennutzung hinzugekommen, deshalb fragen wir Sie erneut.',
  'reason.expired': 'Ihre letzte Entscheidung liegt eine Weile zurück, deshalb fragen wir Sie erneut.',
  text: 'Notwendige Speicherung hält die Seite am Laufen. Mit Ihrer Einwilligung merken wir uns außerdem Ihre Einstellungen, personalisieren Empfehlungen, messen die Nutzung und zeigen passende Angebote. Sie können Ihre Entscheidung jederzeit ändern.',
  accept: 'Alle akzeptieren',
  reject: 'Alle ablehnen',
  customize: 'Anpassen',
  save: 'Auswahl speichern',
  categories: 'Kategorien',
  alwaysOn: 'Immer aktiv',
  services: 'Genutzt von',
  policyLink: 'Datenschutzerklärung',
  newTab: '(öffnet in einem neuen Tab)',
  details: 'Datenschutz-Center',
  gpc: 'Ihr Browser sendet das Signal „Global Privacy Control“. Wir respektieren es: Statistik und Marketing bleiben aus, solange Sie sie nicht selbst einschalten.',
  offline: 'Ihre Entscheidung ist auf diesem Gerät gespeichert und wird erfasst, sobald Sie wieder online sind.',
  dismiss: 'Verstanden',
  configError:
    'Die Details unserer Datenschutz-Einstellungen konnten nicht geladen werden. Sie können trotzdem ablehnen oder akzeptieren – nur notwendige Speicherung funktioniert auch offline.',
  retry: 'Erneut versuchen',
};
