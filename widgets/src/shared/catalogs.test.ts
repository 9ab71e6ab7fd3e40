import {
  explanationStatement,
  INFORMAL_REASON_TEXTS,
  LOCALES,
  OWNER_SETUP_TEXTS,
  REASON_TEXTS,
} from '@matbakh/contract';
import { expect } from '@open-wc/testing';
import { messages as banner } from '../consent-banner/consent-banner.messages.ts';
import { messages as dashboard } from '../dashboard/dashboard.messages.ts';
import { messages as inbox } from '../inbox/inbox.messages.ts';
import { messages as insights } from '../insights/insights.messages.ts';
import { predictiveMessages } from '../insights/predictive.messages.ts';
import { messages as nextBestAction } from '../next-best-action/next-best-action.messages.ts';
import { messages as panel } from '../preference-panel/preference-panel.messages.ts';
import { messages as center } from '../privacy-center/privacy-center.messages.ts';
import { messages as card } from '../recommendation-card/recommendation-card.messages.ts';
import { tagMessages } from '../recommendation-card/recommendation-card.tags.ts';
import { messages as recommendations } from '../recommendations/recommendations.messages.ts';
import { messages as search } from '../search/search.messages.ts';
import { messages as tour } from '../tour/tour.messages.ts';
import { messages as grid } from '../widget-grid/widget-grid.messages.ts';
import { type Catalog, format } from './i18n.ts';
import { loadTexts } from './lazy-texts.ts';

/** Every element's catalog: a new element's catalog belongs in this list. */
const CATALOGS: Record<string, Catalog<string>> = {
  'mb-consent-banner': banner,
  'mb-dashboard': dashboard,
  'mb-inbox': inbox,
  'mb-insights': insights,
  'mb-insights forecast and regulars': predictiveMessages,
  'mb-next-best-action': nextBestAction,
  'mb-preference-panel': panel,
  'mb-privacy-center': center,
  'mb-recommendation-card': card,
  'mb-recommendation-card tags': tagMessages,
  'mb-recommendations': recommendations,
  'mb-search': search,
  'mb-tour': tour,
  'mb-widget-grid': grid,
};

/** Informal German: "du", "dich", "dir", "dein…" (and the plural "euch", "euer…"). */
const INFORMAL = /\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines|euch|euer|eure|euren|eurem|eurer)\b/i;
/** Formal German: "Sie", "Ihnen", "Ihr…" written with a capital (lower-case "sie"/"ihr" are third person). */
const FORMAL = /\b(Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres)\b/;

/** Every German text the widgets can show, formal (the locale's catalog) and informal (its `informal` part). */
function germanTexts(): { where: string; formal: Record<string, string>; informal: Record<string, string> }[] {
  const texts = Object.entries(CATALOGS).map(([where, catalog]) => ({
    where,
    formal: catalog.de,
    informal: (catalog.informal?.de ?? {}) as Record<string, string>,
  }));
  const statement = (address: 'formal' | 'informal') => {
    const s = explanationStatement('de', address);
    const list = [
      s.title,
      s.intro,
      s.nonProfiled,
      ...s.controls,
      ...s.parameters.flatMap((p) => [p.name, p.description]),
    ];
    return Object.fromEntries(list.map((text, i) => [String(i), text]));
  };
  texts.push({
    where: 'reasons (contract)',
    formal: { ...REASON_TEXTS.de, ...OWNER_SETUP_TEXTS.de },
    informal: (INFORMAL_REASON_TEXTS.de ?? {}) as Record<string, string>,
  });
  texts.push({ where: 'explanation (contract)', formal: statement('formal'), informal: statement('informal') });
  return texts;
}

describe('message catalogs', () => {
  // Locales other than German are fetched on first use: every one of them, for the checks below.
  before(async () => {
    for (const locale of LOCALES) await loadTexts(locale);
  });

  it('formal German (the default) never says "du"', () => {
    const found = germanTexts().flatMap(({ where, formal }) =>
      Object.entries(formal)
        .filter(([, text]) => INFORMAL.test(text))
        .map(([key, text]) => `${where} ${key}: ${text}`),
    );
    expect(found, found.join('\n')).to.deep.equal([]);
  });

  it('informal German never says "Sie"', () => {
    const found = germanTexts().flatMap(({ where, informal }) =>
      Object.entries(informal)
        .filter(([, text]) => FORMAL.test(text))
        .map(([key, text]) => `${where} ${key}: ${text}`),
    );
    expect(found, found.join('\n')).to.deep.equal([]);
  });

  it('carries the informal form of every formal text that addresses the visitor', () => {
    const missing = germanTexts().flatMap(({ where, formal, informal }) =>
      Object.entries(formal)
        .filter(([key, text]) => FORMAL.test(text) && !(key in informal))
        .map(([key, text]) => `${where} ${key}: ${text}`),
    );
    expect(missing, missing.join('\n')).to.deep.equal([]);
  });

  it('has no informal text without a formal one, and every locale has every key', () => {
    for (const [where, catalog] of Object.entries(CATALOGS)) {
      const keys = Object.keys(catalog.de).sort();
      for (const key of Object.keys(catalog.informal?.de ?? {}))
        expect(keys, `${where} informal ${key}`).to.include(key);
      for (const locale of LOCALES)
        expect(Object.keys(catalog[locale]).sort(), `${where} ${locale}`).to.deep.equal(keys);
    }
  });

  it('keeps the same placeholders in every locale and form, and every plural has an `other` branch', () => {
    const placeholders = (text: string) =>
      [...new Set([...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]))].sort().join(',');
    for (const [where, catalog] of Object.entries(CATALOGS)) {
      for (const [key, german] of Object.entries(catalog.de)) {
        const variants = [...LOCALES.map((l) => catalog[l][key] ?? ''), catalog.informal?.de?.[key] ?? german];
        for (const text of variants) {
          expect(placeholders(text), `${where} ${key}: ${text}`).to.equal(placeholders(german));
          if (/, ?plural,/.test(text)) expect(text, `${where} ${key}`).to.match(/other \{/);
        }
      }
    }
  });

  it('chooses plural forms with Intl.PluralRules, digits in the locale', () => {
    const message = '{n, plural, one {# Einstellung} other {# Einstellungen}}';
    expect(format(message, 'de', { n: 1 })).to.equal('1 Einstellung');
    expect(format(message, 'de', { n: 3 })).to.equal('3 Einstellungen');
    expect(format(message, 'de', { n: 1234 })).to.equal('1.234 Einstellungen');
    const arabic = '{n, plural, zero {لا شيء} one {واحد} two {اثنان} few {# قليلة} many {# كثيرة} other {# أخرى}}';
    expect(format(arabic, 'ar', { n: 0 })).to.equal('لا شيء');
    expect(format(arabic, 'ar', { n: 2 })).to.equal('اثنان');
    const digits = new Intl.NumberFormat('ar'); // the locale's digits, as every other number in the widgets
    expect(format(arabic, 'ar', { n: 3 })).to.equal(`${digits.format(3)} قليلة`);
    expect(format(arabic, 'ar', { n: 11 })).to.equal(`${digits.format(11)} كثيرة`);
    expect(format('{n, plural, =0 {none} one {# item} other {# items}}', 'en', { n: 0 })).to.equal('none');
    // A count that is not a number leaves the message visibly unfilled rather than guessing a form.
    expect(format(message, 'de', { n: '1' })).to.equal(message);
  });
});
