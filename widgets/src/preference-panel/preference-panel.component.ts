import {
  ALLERGENS,
  CHANNELS,
  type ChannelId,
  DIETS,
  KPI_EVENTS,
  LOCALES,
  type Locale,
  NOTIFICATION_TOPICS,
  type NotificationPreferences,
  type NotificationTopic,
  type Preferences,
  THEME_PREFERENCES,
} from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
import type { PreferenceChangeDetail } from '../events/mb-preference-change.ts';
import {
  type ConsentClient,
  type ConsentView,
  globalConsentClient,
  isConsentClient,
} from '../shared/consent-client.ts';
import { headingStyles, outlineButtonStyles } from '../shared/controls.styles.ts';
import { bindDisplay, DisplayController } from '../shared/display.ts';
import { dirOf, type MessageParams } from '../shared/i18n.ts';
import { MbElement } from '../shared/mb-element.ts';
import { OverflowController } from '../shared/overflow.ts';
import { localized, translate, widgetAddress, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { trackUsage } from '../shared/usage.ts';
import { messages, type PanelMessage } from './preference-panel.messages.ts';
import { styles } from './preference-panel.styles.ts';
import {
  type PreferencesClient,
  PreferencesClientController,
  type PreferenceWriteResult,
} from './preferences-client.ts';

export type { PreferenceChangeDetail } from '../events/mb-preference-change.ts';

/** Language names in their own language: a visitor who cannot read the current one still finds theirs. */
const LANGUAGE_NAMES: Record<Locale, string> = { de: 'Deutsch', en: 'English', ar: 'العربية' };
const DEFAULT_QUIET_HOURS = { start: '22:00', end: '07:00' };

type Say = (key: PanelMessage, params?: MessageParams) => string;

/**
 * The visitor's preferences, edited in place: theme and language (applied to every widget on the page at
 * once), the notification matrix (channels × topics) with quiet hours and a daily cap, diet and the 14 EU
 * allergens, and favourites. Each change is written at once through `client.preferences.set()`; a refused
 * value shows its error beside the field (`aria-invalid`, `aria-describedby`) and nothing stored is lost.
 *
 * Channels need their own consent: a channel the visitor has not opted into (the consent client's view)
 * says so in its column header, with a button asking the page's privacy center to open. When preferences
 * are kept for this visit only (the `preferences` consent category is not granted), a notice says so.
 *
 * @event mb-preference-change - The visitor changed a preference: `{ key, value }` (the whole new value of
 *   that top-level key). Once per accepted change; never for programmatic or store changes.
 * @event mb-privacy-open - The visitor asked for the privacy settings (no detail).
 *
 * @csspart base - The root.
 * @csspart title - The heading.
 * @csspart session-notice - The "saved for this visit only" notice.
 * @csspart privacy-button - The buttons that open the privacy settings.
 * @csspart section - Each fieldset (display, notifications, food, favourites).
 * @csspart theme - The theme radio group.
 * @csspart language - The language select.
 * @csspart matrix - The notification table.
 * @csspart scroll-hint - "More channels: swipe or scroll sideways", shown while the table does not fit.
 * @csspart consent-needed - A channel's "needs your consent" note.
 * @csspart quiet-hours - The quiet hours group.
 * @csspart max-per-day - The daily cap input.
 * @csspart diet - The diet checkbox group.
 * @csspart allergens - The allergen checkbox group.
 * @csspart favorites - A favourites list; also `favorites-empty`.
 * @csspart remove - A favourite's remove button.
 * @csspart error - A field's error message.
 *
 * @cssproperty --mb-preference-panel-surface - Background (default `--mb-color-surface`).
 * @cssproperty --mb-preference-panel-border - Border colour (default `--mb-color-border`).
 * @cssproperty --mb-preference-panel-radius - Corner radius (default `--mb-radius-l`).
 * @cssproperty --mb-preference-panel-padding - Inner padding (default `--mb-space-l`).
 */
export class MbPreferencePanel extends MbElement {
  static override styles = [tokens, baseStyles, headingStyles, outlineButtonStyles, styles];

  static override properties = {
    client: { attribute: false },
    theme: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    errors: { state: true },
    announcement: { state: true },
  };

  /** The matbakh client with the preferences plugin (and, for channel consent, the privacy plugin). */
  declare client: PreferencesClient | undefined;
  /** Theme preset; unset: the visitor's preference, else `light`. */
  declare theme: Theme | undefined;
  /** Locale of the texts; unset: the visitor's preference, else the page's, else the browser's. */
  declare lang: string;
  /** Refused values: error message per field path (`notifications.maxPerDay`, `theme`, …). */
  declare private errors: Record<string, string>;
  declare private announcement: string;

  /** Re-renders on the visitor's theme and language preference and applies the theme. */
  protected readonly display = new DisplayController(this);
  private readonly connection = new PreferencesClientController(this, (client) => bindDisplay(client));
  private readonly consent = new ChannelConsentController(this);
  /** The channel table scrolls sideways (a phone): the panel says so above it. */
  private readonly channelsScroll = new OverflowController(this, '.table-scroll');

  constructor() {
    super();
    this.errors = {};
    this.announcement = '';
  }

  override render(): TemplateResult {
    const locale = widgetLocale(this, this.lang);
    const address = widgetAddress(this, locale);
    const say: Say = (key, params) => translate(messages, locale, key, params, undefined, address);
    const client = this.connection.client;
    const prefs = client?.preferences.get();
    const status = client?.preferences.$status.get();
    return html`<div part="base" class="base" lang=${locale} dir=${dirOf(locale)}>
      <h2 part="title" class="title">${say('title')}</h2>
      ${
        status?.persistence === 'session'
          ? html`<div part="session-notice" class="notice" role="status">
              <p id="session-notice">${say('sessionOnly')}</p>
              <button part="privacy-button" type="button" @click=${this.openPrivacy}>${say('privacySettings')}</button>
            </div>`
          : html`<div role="status" class="visually-hidden"></div>`
      }
      ${
        prefs
          ? html`${this.renderDisplay(prefs, say)} ${this.renderNotifications(prefs.notifications, locale, say)}
            ${this.renderFood(prefs, say)} ${this.renderFavorites(prefs, say)}`
          : nothing
      }
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </div>`;
  }

  // ── sections ─────────────────────────────────────────────────────────────────────────────────────

  private renderDisplay(prefs: Preferences, say: Say): TemplateResult {
    return html`<section part="section" class="section" aria-labelledby="display-title">
      <h3 id="display-title">${say('display')}</h3>
      <fieldset part="theme" class="choices" aria-describedby=${this.describedBy('theme')} aria-invalid=${this.invalid('theme')}>
        <legend>${say('theme')}</legend>
        ${THEME_PREFERENCES.map(
          (theme) => html`<label class="choice">
            <input
              type="radio"
              name="theme"
              value=${theme}
              .checked=${prefs.theme === theme}
              @change=${() => this.write('theme', theme)}
            />
            ${say(`theme.${theme}`)}
          </label>`,
        )}
        ${this.renderError('theme')}
      </fieldset>
      <div class="field">
        <label for="language">${say('language')}</label>
        <select
          id="language"
          part="language"
          aria-describedby=${this.describedBy('locale')}
          aria-invalid=${this.invalid('locale')}
          @change=${this.onLanguage}
        >
          <option value="" .selected=${prefs.locale === null}>${say('language.auto')}</option>
          ${LOCALES.map(
            (code) => html`<option value=${code} lang=${code} .selected=${prefs.locale === code}>
              ${LANGUAGE_NAMES[code]}
            </option>`,
          )}
        </select>
        ${this.renderError('locale')}
      </div>
    </section>`;
  }

  private renderNotifications(notifications: NotificationPreferences, locale: Locale, say: Say): TemplateResult {
    return html`<section part="section" class="section" aria-labelledby="notifications-title">
      <h3 id="notifications-title">${say('notifications')}</h3>
      ${this.channelsScroll.overflowing ? html`<p part="scroll-hint" class="scroll-hint">${say('scrollHint')}</p>` : nothing}
      ${this.renderChannelMatrix(notifications, locale, say)}
      ${this.renderError('notifications.channels')}
      ${this.renderQuietHours(notifications.quietHours, say)}
      ${this.renderMaxPerDay(notifications.maxPerDay, say)}
    </section>`;
  }

  /** Topics × channels, each channel asking for consent where the visitor has not given it. */
  private renderChannelMatrix(notifications: NotificationPreferences, locale: Locale, say: Say): TemplateResult {
    const view = this.consent.view;
    const policyChannels = view?.policy?.channels;
    const channelName = (id: ChannelId) => {
      const fromPolicy = policyChannels?.find((channel) => channel.id === id);
      return fromPolicy ? localized(fromPolicy.title, locale) : say(`channel.${id}`);
    };
    // Without a consent client the panel cannot know: channels are shown as available.
    const consented = (id: ChannelId) => !view || view.channels[id] === true;
    return html`<div class="table-scroll">
        <table part="matrix" class="matrix" aria-labelledby="notifications-title" aria-describedby=${this.describedBy('notifications.channels')}>
          <thead>
            <tr>
              <th scope="col">${say('topic')}</th>
              ${CHANNELS.map(
                (channel) => html`<th scope="col" id="channel-${channel}">
                  <span>${channelName(channel)}</span>
                  ${
                    consented(channel)
                      ? nothing
                      : html`<span part="consent-needed" class="consent-needed">
                          <span>${say('needsConsent')}</span>
                          <button
                            part="privacy-button"
                            type="button"
                            class="small"
                            @click=${this.openPrivacy}
                          >
                            ${say('giveConsent', { channel: channelName(channel) })}
                          </button>
                        </span>`
                  }
                </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${NOTIFICATION_TOPICS.map(
              (topic) => html`<tr>
                <th scope="row" id="topic-${topic}">${say(`topic.${topic}`)}</th>
                ${CHANNELS.map(
                  (channel) => html`<td>
                    <input
                      type="checkbox"
                      aria-labelledby="topic-${topic} channel-${channel}"
                      .checked=${notifications.channels[channel]?.[topic] === true}
                      @change=${(event: Event) => this.onMatrix(channel, topic, event)}
                    />
                  </td>`,
                )}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private renderQuietHours(quiet: NotificationPreferences['quietHours'], say: Say): TemplateResult {
    return html`<fieldset part="quiet-hours" class="quiet" aria-describedby=${this.describedBy('notifications.quietHours')}>
        <legend>${say('quietHours')}</legend>
        <label class="choice">
          <input type="checkbox" .checked=${quiet !== null} @change=${this.onQuietToggle} />
          ${say('quietHoursOn')}
        </label>
        <label class="inline">
          ${say('quietFrom')}
          <input
            type="time"
            name="start"
            .value=${quiet?.start ?? DEFAULT_QUIET_HOURS.start}
            ?disabled=${quiet === null}
            aria-invalid=${this.invalid('notifications.quietHours')}
            @change=${this.onQuietTime}
          />
        </label>
        <label class="inline">
          ${say('quietTo')}
          <input
            type="time"
            name="end"
            .value=${quiet?.end ?? DEFAULT_QUIET_HOURS.end}
            ?disabled=${quiet === null}
            aria-invalid=${this.invalid('notifications.quietHours')}
            @change=${this.onQuietTime}
          />
        </label>
        ${this.renderError('notifications.quietHours')}
      </fieldset>`;
  }

  private renderMaxPerDay(maxPerDay: number, say: Say): TemplateResult {
    return html`<div class="field">
        <label for="max-per-day">${say('maxPerDay')}</label>
        <input
          id="max-per-day"
          part="max-per-day"
          type="number"
          inputmode="numeric"
          min="0"
          max="50"
          step="1"
          .value=${String(maxPerDay)}
          aria-describedby="max-per-day-hint${this.errorOf('notifications.maxPerDay') ? ` ${this.errorId('notifications.maxPerDay')}` : ''}"
          aria-invalid=${this.invalid('notifications.maxPerDay')}
          @change=${this.onMaxPerDay}
        />
        <p id="max-per-day-hint" class="hint">${say('maxPerDayHint')}</p>
        ${this.renderError('notifications.maxPerDay')}
      </div>`;
  }

  private renderFood(prefs: Preferences, say: Say): TemplateResult {
    const group = <T extends string>(
      key: 'diet' | 'allergens',
      values: readonly T[],
      chosen: readonly T[],
      label: (value: T) => string,
    ) =>
      html`<fieldset
        part=${key}
        class="checks"
        aria-describedby=${this.describedBy(key)}
        aria-invalid=${this.invalid(key)}
      >
        <legend>${say(key)}</legend>
        ${values.map(
          (value) => html`<label class="choice">
            <input
              type="checkbox"
              .checked=${chosen.includes(value)}
              @change=${(event: Event) => this.onListToggle(key, value, event)}
            />
            ${label(value)}
          </label>`,
        )}
        ${this.renderError(key)}
      </fieldset>`;
    return html`<section part="section" class="section" aria-labelledby="food-title">
      <h3 id="food-title">${say('food')}</h3>
      ${group('diet', DIETS, prefs.diet, (value) => say(`diet.${value}`))}
      ${group('allergens', ALLERGENS, prefs.allergens, (value) => say(`allergen.${value}`))}
    </section>`;
  }

  private renderFavorites(prefs: Preferences, say: Say): TemplateResult {
    const list = (kind: 'restaurants' | 'dishes') => {
      const items = prefs.favorites[kind];
      return html`<div class="favorites">
        <h4 id="favorites-${kind}">${say(`favorites.${kind}`)}</h4>
        ${
          items.length === 0
            ? html`<p part="favorites-empty" class="hint">${say('favoritesEmpty')}</p>`
            : html`<ul part="favorites" aria-labelledby="favorites-${kind}">
                ${items.map(
                  (name) => html`<li>
                    <span>${name}</span>
                    <button
                      part="remove"
                      type="button"
                      class="small"
                      aria-label=${say('remove', { name })}
                      @click=${() => this.onRemoveFavorite(kind, name, say)}
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
      <h3 id="favorites-title" tabindex="-1">${say('favorites')}</h3>
      ${list('restaurants')} ${list('dishes')} ${this.renderError('favorites')}
    </section>`;
  }

  // ── errors ───────────────────────────────────────────────────────────────────────────────────────

  /** The error of a field, or of anything inside it (`notifications.maxPerDay` for `notifications.…`). */
  private errorOf(field: string): string | undefined {
    for (const [path, message] of Object.entries(this.errors)) {
      if (path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`)) return message;
    }
    return undefined;
  }

  private errorId(field: string): string {
    return `error-${field.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  }

  private describedBy(field: string): string | typeof nothing {
    return this.errorOf(field) ? this.errorId(field) : nothing;
  }

  private invalid(field: string): 'true' | typeof nothing {
    return this.errorOf(field) ? 'true' : nothing;
  }

  private renderError(field: string): TemplateResult | typeof nothing {
    const message = this.errorOf(field);
    return message ? html`<p id=${this.errorId(field)} part="error" class="error">${message}</p>` : nothing;
  }

  // ── writes ───────────────────────────────────────────────────────────────────────────────────────

  /**
   * Writes one top-level preference for the visitor; on success fires `mb-preference-change` once and reports
   * `Preferences Updated` (which preference, never its value) for the KPI report's adoption numbers.
   */
  private write<K extends keyof Preferences>(key: K, value: Preferences[K], field: string = key): boolean {
    const client = this.connection.client;
    if (!client) return false;
    let result: PreferenceWriteResult;
    try {
      result = client.preferences.set(key, value);
    } catch (error) {
      result = { ok: false, error: { field, message: error instanceof Error ? error.message : String(error) } };
    }
    const errors = Object.fromEntries(
      Object.entries(this.errors).filter(([path]) => path !== field && path.split(/[.[]/)[0] !== key),
    );
    if (!result.ok) {
      errors[result.error.field || field] = result.error.message;
      this.errors = errors;
      return false;
    }
    this.errors = errors;
    this.emit('mb-preference-change', { key, value } as PreferenceChangeDetail);
    trackUsage(client, KPI_EVENTS.preferencesUpdated, { keys: [key] });
    return true;
  }

  private notifications(): NotificationPreferences | undefined {
    return this.connection.client?.preferences.get().notifications;
  }

  private readonly onLanguage = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    this.write('locale', value === '' ? null : (value as Locale));
  };

  private onMatrix(channel: ChannelId, topic: NotificationTopic, event: Event): void {
    const current = this.notifications();
    if (!current) return;
    const checked = (event.target as HTMLInputElement).checked;
    const channels = structuredClone(current.channels);
    channels[channel] = { ...channels[channel], [topic]: checked };
    if (!this.write('notifications', { ...current, channels }, 'notifications.channels')) {
      (event.target as HTMLInputElement).checked = !checked;
    }
  }

  private readonly onQuietToggle = (event: Event) => {
    const current = this.notifications();
    if (!current) return;
    const on = (event.target as HTMLInputElement).checked;
    const inputs = this.renderRoot.querySelectorAll<HTMLInputElement>('.quiet input[type=time]');
    const quietHours = on
      ? { start: inputs[0]?.value || DEFAULT_QUIET_HOURS.start, end: inputs[1]?.value || DEFAULT_QUIET_HOURS.end }
      : null;
    this.write('notifications', { ...current, quietHours }, 'notifications.quietHours');
  };

  private readonly onQuietTime = () => {
    const current = this.notifications();
    if (!current) return;
    const inputs = this.renderRoot.querySelectorAll<HTMLInputElement>('.quiet input[type=time]');
    const quietHours = { start: inputs[0]?.value ?? '', end: inputs[1]?.value ?? '' };
    this.write('notifications', { ...current, quietHours }, 'notifications.quietHours');
  };

  private readonly onMaxPerDay = (event: Event) => {
    const current = this.notifications();
    if (!current) return;
    const input = event.target as HTMLInputElement;
    // An empty or non-numeric entry goes to the client as is: its error names the field.
    const maxPerDay = input.value.trim() === '' ? Number.NaN : Number(input.value);
    this.write('notifications', { ...current, maxPerDay }, 'notifications.maxPerDay');
  };

  private onListToggle(key: 'diet' | 'allergens', value: string, event: Event): void {
    const client = this.connection.client;
    if (!client) return;
    const checked = (event.target as HTMLInputElement).checked;
    const current = client.preferences.get()[key] as string[];
    const next = checked ? [...new Set([...current, value])] : current.filter((item) => item !== value);
    if (!this.write(key, next as Preferences[typeof key])) (event.target as HTMLInputElement).checked = !checked;
  }

  private onRemoveFavorite(kind: 'restaurants' | 'dishes', name: string, say: Say): void {
    const client = this.connection.client;
    if (!client) return;
    const favorites = client.preferences.get().favorites;
    const next = { ...favorites, [kind]: favorites[kind].filter((item) => item !== name) };
    if (this.write('favorites', next)) {
      this.announcement = say('removed', { name });
      // The removed button had focus: keep it in the list (the next item), else on the list's heading.
      void this.updateComplete.then(() => {
        const target =
          this.renderRoot.querySelector<HTMLElement>(`[aria-labelledby="favorites-${kind}"] button`) ??
          this.renderRoot.querySelector<HTMLElement>(`#favorites-title`);
        target?.focus();
      });
    }
  }

  private readonly openPrivacy = () => {
    this.emit('mb-privacy-open', null);
  };
}

export type { ConsentClient };

/**
 * Follows the consent view of the panel's client (or `window.matbakh.client`) when it has the privacy
 * plugin: channel opt-ins. Without one the panel shows every channel as available.
 */
class ChannelConsentController {
  private readonly host: MbPreferencePanel;
  private current: ConsentClient | undefined;
  private unlisten: (() => void) | undefined;

  constructor(host: MbPreferencePanel) {
    this.host = host;
    host.addController(this);
  }

  get view(): ConsentView | undefined {
    return this.current?.consent.$view.get();
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    this.current = undefined;
  }

  private follow(): void {
    const own: unknown = this.host.client;
    const wanted = isConsentClient(own) ? own : own ? undefined : globalConsentClient();
    if (wanted === this.current && (this.unlisten || !wanted)) return;
    this.unlisten?.();
    this.current = wanted;
    this.unlisten = wanted?.consent.$view.listen(() => this.host.requestUpdate());
  }
}
