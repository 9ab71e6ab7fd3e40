import { lazyCatalog } from '../shared/lazy-texts.ts';
import { de } from './preference-panel.messages.de.ts';

/** Texts of `<mb-preference-panel>`. Option names of the enums are keyed `<group>.<value>`. */

export const messages = lazyCatalog(
  {
    de,
    informal: {
      de: {
        title: 'Deine Einstellungen',
        sessionOnly:
          'Nur für diesen Besuch gespeichert – erlaube „Einstellungen“ in den Datenschutz-Einstellungen, damit sie erhalten bleiben.',
        needsConsent: 'braucht deine Einwilligung',
        allergens: 'Allergene, die du meidest',
      },
    },
  },
  { en: () => import('./preference-panel.messages.en.ts'), ar: () => import('./preference-panel.messages.ar.ts') },
);

export type PanelMessage = keyof typeof de;
