import {
  type ChannelId,
  KPI_EVENTS,
  type Locale,
  type NotificationPreferences,
  type NotificationTopic,
  type Preferences,
} from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
import type { PreferenceChangeDetail } from '../events/mb-preference-change.ts';
import type { ConsentClient } from '../shared/consent-client.ts';
import { headingStyles, outlineButtonStyles } from '../shared/controls.styles.ts';
import { bindDisplay, DisplayController } from '../shared/display.ts';
import { dirOf } from '../shared/i18n.ts';
import { MbElement } from '../shared/mb-element.ts';
import { OverflowController } from '../shared/overflow.ts';
import { translate, widgetAddress, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { trackUsage } from '../shared/usage.ts';
import { ChannelConsentController } from './channel-consent.ts';
import { withoutKey } from './field-errors.ts';
import { DEFAULT_QUIET_HOURS, renderNotifications } from './notification-sections.ts';
import { messages } from './preference-panel.messages.ts';
import { styles } from './preference-panel.styles.ts';
import {
  type PreferencesClient,
  PreferencesClientController,
  type PreferenceWriteResult,
} from './preferences-client.ts';
import {
  type PanelActions,
  type PanelContext,
  renderDisplay,
  renderFavorites,
  renderFood,
  type Say,
} from './sections.ts';

export type { PreferenceChangeDetail } from '../events/mb-preference-change.ts';

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
    const ctx: PanelContext = {
      locale,
      say,
      errors: this.errors,
      act: this.actions,
      consentView: this.consent.view,
      overflowing: this.channelsScroll.overflowing,
    };
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
          ? html`${renderDisplay(ctx, prefs)} ${renderNotifications(ctx, prefs.notifications)}
            ${renderFood(ctx, prefs)} ${renderFavorites(ctx, prefs)}`
          : nothing
      }
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </div>`;
  }

  // ── sections ─────────────────────────────────────────────────────────────────────────────────────

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
    const errors = withoutKey(this.errors, key, field);
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

  private readonly actions: PanelActions = {
    theme: (theme) => this.write('theme', theme),
    language: (event) => this.onLanguage(event),
    matrix: (channel, topic, event) => this.onMatrix(channel, topic, event),
    quietToggle: (event) => this.onQuietToggle(event),
    quietTime: () => this.onQuietTime(),
    maxPerDay: (event) => this.onMaxPerDay(event),
    listToggle: (key, value, event) => this.onListToggle(key, value, event),
    removeFavorite: (kind, name) => this.onRemoveFavorite(kind, name),
    privacy: () => this.openPrivacy(),
  };

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

  private onRemoveFavorite(kind: 'restaurants' | 'dishes', name: string): void {
    const client = this.connection.client;
    if (!client) return;
    const favorites = client.preferences.get().favorites;
    const next = { ...favorites, [kind]: favorites[kind].filter((item) => item !== name) };
    if (this.write('favorites', next)) {
      const locale = widgetLocale(this, this.lang);
      this.announcement = translate(messages, locale, 'removed', { name }, undefined, widgetAddress(this, locale));
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
