import type { ChannelId, NotificationTopic, ThemePreference } from '@matbakh/contract';
import { ALLERGENS, DIETS, LOCALES, type Locale, type Preferences, THEME_PREFERENCES } from '@matbakh/contract';
import { html, type TemplateResult } from 'lit';
import type { ConsentView } from '../shared/consent-client.ts';
import type { MessageParams } from '../shared/i18n.ts';
import { describedBy, type FieldErrors, invalid, renderError } from './field-errors.ts';
import type { PanelMessage } from './preference-panel.messages.ts';

export type Say = (key: PanelMessage, params?: MessageParams) => string;

/** What the visitor's controls do (bound once by the panel). */
export interface PanelActions {
  theme(theme: ThemePreference): void;
  language(event: Event): void;
  matrix(channel: ChannelId, topic: NotificationTopic, event: Event): void;
  quietToggle(event: Event): void;
  quietTime(): void;
  maxPerDay(event: Event): void;
  listToggle(key: 'diet' | 'allergens', value: string, event: Event): void;
  removeFavorite(kind: 'restaurants' | 'dishes', name: string): void;
  privacy(): void;
}

/** What every section reads besides the preferences. */
export interface PanelContext {
  locale: Locale;
  say: Say;
  errors: FieldErrors;
  act: PanelActions;
  /** The consent client's view (channel opt-ins); none: every channel shows as available. */
  consentView: ConsentView | undefined;
  /** The channel table scrolls sideways (a phone). */
  overflowing: boolean;
}

/** Language names in their own language: a visitor who cannot read the current one still finds theirs. */
const LANGUAGE_NAMES: Record<Locale, string> = { de: 'Deutsch', en: 'English', ar: 'العربية' };

export function renderDisplay(ctx: PanelContext, prefs: Preferences): TemplateResult {
  return html`<section part="section" class="section" aria-labelledby="display-title">
    <h3 id="display-title">${ctx.say('display')}</h3>
    <fieldset part="theme" class="choices" aria-describedby=${describedBy(ctx.errors, 'theme')} aria-invalid=${invalid(ctx.errors, 'theme')}>
      <legend>${ctx.say('theme')}</legend>
      ${THEME_PREFERENCES.map(
        (theme) => html`<label class="choice">
          <input
            type="radio"
            name="theme"
            value=${theme}
            .checked=${prefs.theme === theme}
            @change=${() => ctx.act.theme(theme)}
          />
          ${ctx.say(`theme.${theme}`)}
        </label>`,
      )}
      ${renderError(ctx.errors, 'theme')}
    </fieldset>
    <div class="field">
      <label for="language">${ctx.say('language')}</label>
      <select
        id="language"
        part="language"
        aria-describedby=${describedBy(ctx.errors, 'locale')}
        aria-invalid=${invalid(ctx.errors, 'locale')}
        @change=${ctx.act.language}
      >
        <option value="" .selected=${prefs.locale === null}>${ctx.say('language.auto')}</option>
        ${LOCALES.map(
          (code) => html`<option value=${code} lang=${code} .selected=${prefs.locale === code}>
            ${LANGUAGE_NAMES[code]}
          </option>`,
        )}
      </select>
      ${renderError(ctx.errors, 'locale')}
    </div>
  </section>`;
}

export function renderFood(ctx: PanelContext, prefs: Preferences): TemplateResult {
  const group = <T extends string>(
    key: 'diet' | 'allergens',
    values: readonly T[],
    chosen: readonly T[],
    label: (value: T) => string,
  ) =>
    html`<fieldset
      part=${key}
      class="checks"
      aria-describedby=${describedBy(ctx.errors, key)}
      aria-invalid=${invalid(ctx.errors, key)}
    >
      <legend>${ctx.say(key)}</legend>
      ${values.map(
        (value) => html`<label class="choice">
          <input
            type="checkbox"
            .checked=${chosen.includes(value)}
            @change=${(event: Event) => ctx.act.listToggle(key, value, event)}
          />
          ${label(value)}
        </label>`,
      )}
      ${renderError(ctx.errors, key)}
    </fieldset>`;
  return html`<section part="section" class="section" aria-labelledby="food-title">
    <h3 id="food-title">${ctx.say('food')}</h3>
    ${group('diet', DIETS, prefs.diet, (value) => ctx.say(`diet.${value}`))}
    ${group('allergens', ALLERGENS, prefs.allergens, (value) => ctx.say(`allergen.${value}`))}
  </section>`;
}

export function renderFavorites(ctx: PanelContext, prefs: Preferences): TemplateResult {
  const list = (kind: 'restaurants' | 'dishes') => {
    const items = prefs.favorites[kind];
    return html`<div class="favorites">
      <h4 id="favorites-${kind}">${ctx.say(`favorites.${kind}`)}</h4>
      ${
        items.length === 0
          ? html`<p part="favorites-empty" class="hint">${ctx.say('favoritesEmpty')}</p>`
          : html`<ul part="favorites" aria-labelledby="favorites-${kind}">
              ${items.map(
                (name) => html`<li>
                  <span>${name}</span>
                  <button
                    part="remove"
                    type="button"
                    class="small"
                    aria-label=${ctx.say('remove', { name })}
                    @click=${() => ctx.act.removeFavorite(kind, name)}
                  >
                    ×
                  </button>
                </li>`,
              )}
            </ul>`
      }
    </div>`;
  };
  return html`<section part="section" class="section" aria-labelledby="favorites-title">
    <h3 id="favorites-title" tabindex="-1">${ctx.say('favorites')}</h3>
    ${list('restaurants')} ${list('dishes')} ${renderError(ctx.errors, 'favorites')}
  </section>`;
}
