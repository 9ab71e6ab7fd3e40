import { expect } from '@open-wc/testing';
import { type Catalog, DEFAULT_LOCALE, dirOf, LOCALES, resolveLocale, supportedLocale, t } from './i18n.ts';

const de = { hello: 'Hallo {name}!', items: '{count} Gerichte für {name}', plain: 'Einstellungen' };
const messages = {
  de,
  en: { hello: 'Hello {name}!', items: '{count} dishes for {name}', plain: 'Settings' },
  ar: { hello: 'مرحبًا {name}!', items: '{count} أطباق لـ {name}', plain: 'الإعدادات' },
} satisfies Catalog<keyof typeof de>;

// Type-level checks: tsc fails if any of these stops being an error.
export const missingKey = {
  de,
  // @ts-expect-error `items` and `plain` are missing in en
  en: { hello: 'Hello {name}!' },
  ar: messages.ar,
} satisfies Catalog<keyof typeof de>;
export const extraKey = {
  de,
  en: { ...messages.en },
  // @ts-expect-error `typo` is not a key of the German source catalog
  ar: { ...messages.ar, typo: 'x' },
} satisfies Catalog<keyof typeof de>;
// @ts-expect-error unknown message key
export const unknownKey = () => t(messages, 'en', 'nope');

describe('i18n', () => {
  describe('supportedLocale', () => {
    it('answers the first tag whose language we ship, or nothing', () => {
      expect(supportedLocale(['fr-CA', 'EN_gb', 'ar'])).to.equal('en');
      expect(supportedLocale(['fr', 'tr', ''])).to.equal(undefined);
    });
  });

  describe('resolveLocale', () => {
    it('prefers an explicit supported locale, ignoring region and case', () => {
      expect(resolveLocale('en', ['ar'])).to.equal('en');
      expect(resolveLocale('ar-EG', ['de'])).to.equal('ar');
      expect(resolveLocale('EN_gb', [])).to.equal('en');
    });

    it("falls back to the browser's first supported language", () => {
      expect(resolveLocale(undefined, ['fr-FR', 'ar-SA', 'en'])).to.equal('ar');
      expect(resolveLocale('fr', ['en-US'])).to.equal('en');
      expect(resolveLocale(null, ['tr', 'en-GB'])).to.equal('en');
      expect(resolveLocale('', ['de-AT'])).to.equal('de');
    });

    it('falls back to German when nothing matches', () => {
      expect(resolveLocale('fr', ['it', 'es'])).to.equal('de');
      expect(resolveLocale(undefined, [])).to.equal(DEFAULT_LOCALE);
      expect(DEFAULT_LOCALE).to.equal('de');
    });

    it('reads navigator.languages by default', () => {
      expect(LOCALES).to.include(resolveLocale());
    });
  });

  describe('dirOf', () => {
    it('is rtl for Arabic (and other RTL scripts), ltr otherwise', () => {
      expect(dirOf('ar')).to.equal('rtl');
      expect(dirOf('ar-EG')).to.equal('rtl');
      expect(dirOf('he')).to.equal('rtl');
      expect(dirOf('de')).to.equal('ltr');
      expect(dirOf('en')).to.equal('ltr');
    });
  });

  describe('t', () => {
    it('looks up the message in the given locale', () => {
      expect(t(messages, 'de', 'plain')).to.equal('Einstellungen');
      expect(t(messages, 'en', 'plain')).to.equal('Settings');
      expect(t(messages, 'ar', 'plain')).to.equal('الإعدادات');
    });

    it('fills every {placeholder}, numbers too', () => {
      expect(t(messages, 'de', 'hello', { name: 'Lina' })).to.equal('Hallo Lina!');
      expect(t(messages, 'en', 'items', { count: 3, name: 'Omar' })).to.equal('3 dishes for Omar');
      expect(t(messages, 'ar', 'hello', { name: 'ليلى' })).to.equal('مرحبًا ليلى!');
    });

    it('leaves placeholders without a value visible and ignores inherited properties', () => {
      expect(t(messages, 'en', 'items', { count: 2 })).to.equal('2 dishes for {name}');
      expect(t(messages, 'en', 'hello', Object.create({ name: 'inherited' }))).to.equal('Hello {name}!');
      expect(t(messages, 'en', 'hello')).to.equal('Hello {name}!');
    });

    it('falls back to German, then to the key, for messages missing at runtime', () => {
      const partial = { de, en: {}, ar: {} } as unknown as typeof messages;
      expect(t(partial, 'en', 'hello', { name: 'Sam' })).to.equal('Hallo Sam!');
      const broken = { de: {}, en: {}, ar: {} } as unknown as typeof messages;
      expect(t(broken, 'ar', 'plain')).to.equal('plain');
      expect(t(messages, 'fr' as never, 'plain')).to.equal('Einstellungen');
    });
  });
});
