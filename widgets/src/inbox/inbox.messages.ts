import { lazyCatalog } from '../shared/lazy-texts.ts';
import { de } from './inbox.messages.de.ts';

export type InboxMessage = keyof typeof de;

export const messages = lazyCatalog(
  {
    de,
    informal: {
      de: {
        consent: 'Hinweise in der App sind ausgeschaltet. Du kannst sie in den Datenschutzeinstellungen einschalten.',
        offline: 'Du bist offline. Neue Benachrichtigungen erscheinen, sobald die Verbindung wieder da ist.',
      },
    },
  },
  { en: () => import('./inbox.messages.en.ts'), ar: () => import('./inbox.messages.ar.ts') },
);
