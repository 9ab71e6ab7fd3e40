import type {
  ChannelId,
  ConsentAction,
  ConsentCategoryId,
  ConsentLedgerEntry,
  ConsentLedgerResponse,
  ConsentPolicy,
  ConsentSource,
  EraseResponse,
  JsonObject,
  JsonValue,
  PrivacyExport,
  SubjectEvent,
} from '@matbakh/contract';
import { safeUrl } from '@matbakh/contract';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ConsentChangeDetail } from '../events/mb-consent-change.ts';
import type { PrivacyCloseDetail } from '../events/mb-privacy-close.ts';
import {
  type ConsentClient,
  ConsentClientController,
  type ConsentView,
  FEATURES,
  type PersonalizationFeature,
} from '../shared/consent-client.ts';
import { headingStyles } from '../shared/controls.styles.ts';
import { deepActiveElement, restoreFocus, trapTab } from '../shared/focus.ts';
import { dirOf, type Locale, type MessageParams } from '../shared/i18n.ts';
import { MbElement } from '../shared/mb-element.ts';
import { switchStyles } from '../shared/switch.styles.ts';
import { formatDateTime, formatNumber, localized, translate, widgetAddress, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { type CenterMessage, messages } from './privacy-center.messages.ts';
import { styles } from './privacy-center.styles.ts';

export type PrivacyCenterMode = 'embedded' | 'dialog';

/** How many of the newest events "What we know about you" lists. */
export const EVENTS_SHOWN = 50;

type DataState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'ready'; export: PrivacyExport; history: ConsentLedgerEntry[] };
type EraseState = 'idle' | 'confirm' | 'working' | 'done' | 'error';
type Say = (key: CenterMessage, params?: MessageParams) => string;

/** `matbakh-export-YYYY-MM-DD.json`, with the visitor's local date. */
export function exportFilename(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `matbakh-export-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}

/**
 * The visitor's privacy control room: consent per category, message channels, personalization features,
 * "What we know about you" (counts, the latest 50 events and the consent history in plain language), a
 * JSON download of everything, erasure after a clear confirmation, and "Withdraw all".
 *
 * Every switch takes effect at once through `client.consent.save(…, 'center')`. Server data is always
 * rendered as text, never as HTML.
 *
 * `mode="embedded"` (default) renders in the page's flow. `mode="dialog"` renders a modal dialog while
 * `open` is set (WAI-ARIA dialog pattern: focus moves in, Tab cycles inside, Escape or the close button
 * closes, focus returns). With `listen`, the element answers the document's `mb-privacy-open` event (from
 * `<mb-consent-banner>` or `client.privacy.open()`): a dialog opens, an embedded center scrolls into view
 * and takes focus.
 *
 * The client is the `client` property, else `window.matbakh.client`. Texts: de, en, ar (right-to-left)
 * built in, each overridable per locale from `policy.texts` (keys `center.*`).
 *
 * @event mb-consent-change - The visitor changed consent here: `{ choices, channels, features, action, source: 'center' }`.
 * @event mb-privacy-close - The visitor closes the dialog (`{ reason }`); cancelable: `preventDefault()` keeps it open.
 * @event mb-privacy-export - The visitor's data was handed to the browser as a download: `{ filename, events }`.
 * @event mb-privacy-erase - The visitor confirmed erasure and the server erased: the `EraseResponse`.
 *
 * @csspart base - The center's panel (in dialog mode: the dialog box).
 * @csspart backdrop - The dialog's backdrop (dialog mode).
 * @csspart confirm-backdrop - The erase confirmation's backdrop.
 * @csspart header - Title row.
 * @csspart title - The heading.
 * @csspart close - The close button (dialog mode).
 * @csspart intro - The introduction.
 * @csspart link - The link to the tenant's privacy policy.
 * @csspart status - Live region announcing "Saved." and similar.
 * @csspart loading - A loading message.
 * @csspart error - An error message.
 * @csspart retry - A retry button.
 * @csspart section - Each section (also `consent`, `channels`, `features`, `data`).
 * @csspart gpc - The note that the Global Privacy Control signal is honoured.
 * @csspart notice - The note that the choice is saved on this device until back online.
 * @csspart category - A consent category row.
 * @csspart channel - A channel row.
 * @csspart feature - A personalization feature row.
 * @csspart switch - Every switch (`input[type=checkbox][role=switch]`).
 * @csspart description - A row's description.
 * @csspart withdraw - Withdraw all consent.
 * @csspart refresh - Reloads "What we know about you".
 * @csspart counts - The counts of stored data.
 * @csspart events - The list of the latest events.
 * @csspart event - One event.
 * @csspart history - The consent history.
 * @csspart history-entry - One consent decision.
 * @csspart empty - An empty-state message.
 * @csspart export - Download my data.
 * @csspart erase - Erase my data.
 * @csspart result - The result of an export or erasure.
 * @csspart confirm - The erase confirmation (`role=alertdialog`).
 * @csspart confirm-cancel - Its Cancel button (focused when it opens).
 * @csspart confirm-erase - Its confirm button.
 *
 * @cssproperty --mb-privacy-center-surface - Background (default `--mb-color-surface`).
 * @cssproperty --mb-privacy-center-text - Text colour (default `--mb-color-text`).
 * @cssproperty --mb-privacy-center-border - Border colour (default `--mb-color-border`).
 * @cssproperty --mb-privacy-center-radius - Corner radius (default `--mb-radius-l`).
 * @cssproperty --mb-privacy-center-shadow - Shadow (default `--mb-shadow-s`, dialog `--mb-shadow-l`).
 * @cssproperty --mb-privacy-center-padding - Inner padding (default `--mb-space-l`).
 * @cssproperty --mb-privacy-center-max-width - Widest embedded center (default `48em`).
 * @cssproperty --mb-privacy-center-dialog-width - Widest dialog (default `44em`).
 * @cssproperty --mb-privacy-center-z-index - Stacking level of the dialog (default `2147483100`, above the banner).
 * @cssproperty --mb-privacy-center-backdrop - Backdrop colour.
 * @cssproperty --mb-privacy-center-danger - Colour of Erase (default `--mb-color-danger`).
 * @cssproperty --mb-privacy-center-button-radius - Button corner radius (default `--mb-radius-m`).
 * @cssproperty --mb-privacy-center-title-size - Heading size (default `--mb-font-size-xl`).
 * @cssproperty --mb-privacy-center-list-height - Height of the event and history lists before they scroll (default `18em`).
 * @cssproperty --mb-privacy-center-link - Link colour (default `--mb-color-text`).
 * @cssproperty --mb-switch-track-on - Track of a switch that is on (default `--mb-color-primary`).
 */
export class MbPrivacyCenter extends MbElement {
  static override styles = [tokens, baseStyles, switchStyles, headingStyles, styles];

  static override properties = {
    client: { attribute: false },
    mode: { type: String, reflect: true },
    open: { type: Boolean, reflect: true },
    listen: { type: Boolean, reflect: true },
    theme: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    data: { state: true },
    erase: { state: true },
    eraseResult: { state: true },
    exportState: { state: true },
    exportedAs: { state: true },
    status: { state: true },
  };

  /** The matbakh client (with the privacy plugin). Unset: `window.matbakh.client`. */
  declare client: ConsentClient | undefined;
  /** `embedded` (default): in the page's flow. `dialog`: a modal dialog while `open`. */
  declare mode: PrivacyCenterMode;
  /** Dialog mode: whether the dialog shows. */
  declare open: boolean;
  /** Open (dialog) or scroll into view (embedded) on the document's `mb-privacy-open` event. */
  declare listen: boolean;
  /** Theme preset: `light` (default), `dark`, `high-contrast`, `system`. */
  declare theme: Theme | undefined;
  /** Locale of the texts (`de`, `en`, `ar`); unset: the page's, else the browser's. */
  declare lang: string;

  declare private data: DataState;
  declare private erase: EraseState;
  declare private eraseResult: EraseResponse | undefined;
  declare private exportState: 'idle' | 'working' | 'done' | 'error';
  declare private exportedAs: string;
  /** Announced in the live region after the visitor's own changes. */
  declare private status: CenterMessage | '';

  private readonly connection = new ConsentClientController(this, () => this.onClientConnected());
  private returnFocus: HTMLElement | null = null;
  private modalShown = false;
  private confirmShown = false;
  private loadToken = 0;
  /** Focus target after the erase confirmation closes. */
  private afterConfirm: 'erase' | 'result' = 'erase';

  constructor() {
    super();
    this.mode = 'embedded';
    this.open = false;
    this.listen = false;
    this.data = { status: 'idle' };
    this.erase = 'idle';
    this.eraseResult = undefined;
    this.exportState = 'idle';
    this.exportedAs = '';
    this.status = '';
  }

  private get isDialog(): boolean {
    return this.mode === 'dialog';
  }

  /** Whether the center is on screen: always when embedded, while `open` as a dialog. */
  get shown(): boolean {
    return !this.isDialog || this.open;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('mb-privacy-open', this.onOpenRequest);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('mb-privacy-open', this.onOpenRequest);
    if (this.modalShown) restoreFocus(this.returnFocus);
    this.modalShown = false;
  }

  /** Loads "What we know about you" again (export and consent history). */
  async reload(): Promise<void> {
    const client = this.connection.client;
    if (!client) return;
    const token = ++this.loadToken;
    this.data = { status: 'loading' };
    const [exported, ledger] = await Promise.allSettled([client.privacy.export(), client.privacy.ledger()]);
    if (token !== this.loadToken) return;
    if (exported.status === 'rejected') {
      this.data = { status: 'error' };
      return;
    }
    const history = ledger.status === 'fulfilled' ? historyOf(ledger.value) : newestFirst(exported.value.consent);
    this.data = { status: 'ready', export: exported.value, history };
  }

  private onClientConnected(): void {
    if (this.shown && this.isConnected) void this.reload();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Shown for the first time (embedded, or a dialog opening): load "What we know about you".
    if ((changed.has('open') || changed.has('mode')) && this.shown && this.data.status === 'idle') void this.reload();
  }

  protected override updated(): void {
    const modal = this.isDialog && this.open;
    if (modal && !this.modalShown) {
      this.modalShown = true;
      this.returnFocus = deepActiveElement();
      this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
    } else if (!modal && this.modalShown) {
      this.modalShown = false;
      restoreFocus(this.returnFocus);
      this.returnFocus = null;
    }

    const confirming = this.erase === 'confirm';
    if (confirming && !this.confirmShown) {
      this.confirmShown = true;
      this.renderRoot.querySelector<HTMLElement>('[part~="confirm-cancel"]')?.focus();
    } else if (!confirming && this.confirmShown) {
      this.confirmShown = false;
      const target = this.afterConfirm === 'result' ? '[part~="result"]' : '[part~="erase"]';
      this.renderRoot.querySelector<HTMLElement>(target)?.focus();
    }
  }

  override render() {
    if (!this.shown) return nothing;
    const view = this.connection.view;
    const locale = widgetLocale(this, this.lang);
    const address = widgetAddress(this, locale);
    const say: Say = (key, params) => translate(messages, locale, key, params, view?.policy?.texts, address);
    const dialog = this.isDialog;
    // From the tenant's config: a `javascript:` link there must never become a live link.
    const policyUrl = safeUrl(view?.policy?.privacyPolicyUrl);
    const panel = html`<div
      part="base"
      class="center ${dialog ? 'dialog' : ''}"
      role=${dialog ? 'dialog' : 'region'}
      aria-modal=${dialog ? 'true' : nothing}
      tabindex=${dialog ? '-1' : nothing}
      aria-labelledby="title"
      lang=${locale}
      dir=${dirOf(locale)}
      @keydown=${this.onKeydown}
    >
      <div part="header" class="header">
        <h2 id="title" part="title" tabindex="-1">${say('center.title')}</h2>
        ${
          dialog
            ? html`<button part="close" class="close" type="button" aria-label=${say('center.close')} @click=${this.onCloseButton}>
                <span aria-hidden="true">×</span>
              </button>`
            : nothing
        }
      </div>
      <p part="intro" class="muted">
        ${say('center.intro')}
        ${
          policyUrl
            ? html`<a part="link" href=${policyUrl} target="_blank" rel="noopener"
                >${say('center.policyLink')}<span class="visually-hidden"> ${say('center.newTab')}</span></a
              >`
            : nothing
        }
      </p>
      <p part="status" class="status" role="status">${this.status ? say(this.status) : nothing}</p>
      ${this.renderSettings(view, locale, say)} ${this.renderData(view?.policy, locale, say)}
      ${this.erase === 'confirm' ? this.renderConfirm(say) : nothing}
    </div>`;
    return dialog
      ? html`<div part="backdrop" class="backdrop" @mousedown=${keepFocus} @click=${this.onBackdrop}>${panel}</div>`
      : panel;
  }

  private renderSettings(view: ConsentView | undefined, locale: Locale, say: Say): TemplateResult {
    if (!view || view.config === 'loading') {
      return html`<p part="loading" class="muted" aria-busy="true">${say('center.loading')}</p>`;
    }
    const policy = view.policy;
    if (view.config === 'error' || !policy) {
      return html`<p part="error" class="note error">${say('center.configError')}</p>
        <div class="actions">
          <button part="retry" type="button" @click=${this.onRetryConfig}>${say('center.retry')}</button>
          <button part="withdraw" class="danger" type="button" @click=${this.onWithdraw}>${say('center.withdraw')}</button>
        </div>`;
    }
    const offline = view.ledger === 'offline' || view.ledger === 'error';
    const personalization = view.choices.personalization === true;
    return html`
      <section part="section consent" aria-labelledby="consent-title">
        <h3 id="consent-title">${say('center.consentHeading')}</h3>
        <p class="hint">${say('center.consentHint')}</p>
        ${view.gpc ? html`<p part="gpc" class="note">${say('center.gpc')}</p>` : nothing}
        ${offline ? html`<p part="notice" class="note">${say('center.offline')}</p>` : nothing}
        <ul>
          ${policy.categories.map((category) =>
            this.renderSwitch({
              kind: 'category',
              id: category.id,
              title: localized(category.title, locale),
              description: localized(category.description, locale),
              on: category.required || view.choices[category.id] === true,
              disabled: category.required,
              badge: category.required ? say('center.alwaysOn') : '',
              change: (on) => this.changeCategory(category.id, on),
            }),
          )}
        </ul>
        <div class="actions">
          <button part="withdraw" class="danger" type="button" @click=${this.onWithdraw}>${say('center.withdraw')}</button>
        </div>
      </section>
      ${
        policy.channels.length
          ? html`<section part="section channels" aria-labelledby="channels-title">
              <h3 id="channels-title">${say('center.channelsHeading')}</h3>
              <p class="hint">${say('center.channelsHint')}</p>
              <ul>
                ${policy.channels.map((channel) =>
                  this.renderSwitch({
                    kind: 'channel',
                    id: channel.id,
                    title: localized(channel.title, locale),
                    description: localized(channel.description, locale),
                    on: view.channels[channel.id] === true,
                    change: (on) => this.changeChannel(channel.id, on),
                  }),
                )}
              </ul>
            </section>`
          : nothing
      }
      <section part="section features" aria-labelledby="features-title">
        <h3 id="features-title">${say('center.featuresHeading')}</h3>
        ${personalization ? nothing : html`<p class="hint">${say('center.featuresHint')}</p>`}
        <ul>
          ${FEATURES.map((feature) =>
            this.renderSwitch({
              kind: 'feature',
              id: feature,
              title: say(`center.feature.${feature}`),
              description: say(`center.feature.${feature}.description`),
              on: view.features[feature] !== false,
              change: (on) => this.changeFeature(feature, on),
            }),
          )}
        </ul>
      </section>
    `;
  }

  private renderSwitch(row: {
    kind: 'category' | 'channel' | 'feature';
    id: string;
    title: string;
    description: string;
    on: boolean;
    disabled?: boolean;
    badge?: string;
    change: (on: boolean) => void;
  }): TemplateResult {
    const id = `${row.kind}-${row.id}`;
    return html`<li part=${row.kind} class="row">
      <input
        id=${id}
        part="switch"
        class="switch"
        type="checkbox"
        role="switch"
        .checked=${live(row.on)}
        ?disabled=${row.disabled === true}
        aria-describedby="${id}-description"
        @change=${(event: Event) => row.change((event.target as HTMLInputElement).checked)}
      />
      <label for=${id}>${row.title}${row.badge ? html`<span class="always">${row.badge}</span>` : nothing}</label>
      <p id="${id}-description" part="description" class="description">${row.description}</p>
    </li>`;
  }

  private renderData(policy: ConsentPolicy | undefined, locale: Locale, say: Say): TemplateResult {
    const data = this.data;
    const busy = data.status === 'loading' || this.erase === 'working';
    return html`<section part="section data" aria-labelledby="data-title" aria-busy=${busy ? 'true' : 'false'}>
      <div class="section-head">
        <h3 id="data-title">${say('center.dataHeading')}</h3>
        <button part="refresh" type="button" ?disabled=${data.status === 'loading'} @click=${this.onRefresh}>
          ${say('center.refresh')}
        </button>
      </div>
      ${
        data.status === 'loading' || data.status === 'idle'
          ? html`<p part="loading" class="muted">${say('center.dataLoading')}</p>`
          : data.status === 'error'
            ? html`<p part="error" class="note error">${say('center.dataError')}</p>
                <button part="retry" type="button" @click=${this.onRefresh}>${say('center.retry')}</button>`
            : this.renderExport(data.export, data.history, policy, locale, say)
      }
      <div class="actions">
        <button
          part="export"
          class="primary"
          type="button"
          ?disabled=${this.exportState === 'working'}
          @click=${this.onExport}
        >
          ${say('center.export')}
        </button>
        <button
          part="erase"
          class="danger"
          type="button"
          aria-haspopup="dialog"
          ?disabled=${this.erase === 'working'}
          @click=${this.onEraseRequest}
        >
          ${say('center.erase')}
        </button>
      </div>
      ${this.renderResult(locale, say)}
    </section>`;
  }

  private renderExport(
    data: PrivacyExport,
    history: readonly ConsentLedgerEntry[],
    policy: ConsentPolicy | undefined,
    locale: Locale,
    say: Say,
  ): TemplateResult {
    const events = newestFirst(Array.isArray(data.events) ? data.events : []).slice(0, EVENTS_SHOWN);
    const count = (n: number) => formatNumber(n, locale);
    const hasPreferences = data.preferences !== null && typeof data.preferences === 'object';
    return html`
      <dl part="counts">
        <div>
          <dt>${say('center.count.events')}</dt>
          <dd>${count(data.events?.length ?? 0)}</dd>
        </div>
        <div>
          <dt>${say('center.count.consent')}</dt>
          <dd>${count(data.consent?.length ?? 0)}</dd>
        </div>
        <div>
          <dt>${say('center.count.preferences')}</dt>
          <dd>${say(hasPreferences ? 'center.yes' : 'center.no')}</dd>
        </div>
        <div>
          <dt>${say('center.count.feedback')}</dt>
          <dd>${count(data.feedback?.length ?? 0)}</dd>
        </div>
      </dl>
      <h4 id="events-title">${say('center.eventsHeading')}</h4>
      ${
        events.length
          ? html`<ol part="events" class="events" aria-labelledby="events-title" tabindex="0">
              ${events.map((event) => this.renderEvent(event, locale, say))}
            </ol>`
          : html`<p part="empty" class="muted">${say('center.dataEmpty')}</p>`
      }
      <h4 id="history-title">${say('center.historyHeading')}</h4>
      ${
        history.length
          ? html`<ol part="history" class="history" aria-labelledby="history-title" tabindex="0">
              ${history.map(
                (entry) => html`<li part="history-entry">${describeDecision(entry, policy, locale, say)}</li>`,
              )}
            </ol>`
          : html`<p part="empty" class="muted">${say('center.historyEmpty')}</p>`
      }
    `;
  }

  private renderEvent(event: SubjectEvent, locale: Locale, say: Say): TemplateResult {
    const page = pageOf(event);
    return html`<li part="event">
      <span class="what">${describeEvent(event, say)}</span>
      <span class="when">${say('center.event.at', { time: formatDateTime(String(event.timestamp), locale) })}</span>
      ${page ? html`<span class="where">${say('center.event.on', { page })}</span>` : nothing}
    </li>`;
  }

  private renderResult(_locale: Locale, say: Say): TemplateResult | typeof nothing {
    if (this.erase === 'working') {
      return html`<p part="result" class="muted" role="status" tabindex="-1">${say('center.erasing')}</p>`;
    }
    if (this.erase === 'done' && this.eraseResult) {
      const { erased, consentAnonymized } = this.eraseResult;
      return html`<p part="result" class="note" role="status" tabindex="-1">
        ${say('center.erased', {
          events: erased.events,
          preferences: erased.preferences,
          feedback: erased.feedback,
          anonymized: consentAnonymized,
        })}
      </p>`;
    }
    if (this.erase === 'error') {
      return html`<p part="result" class="note error" role="alert" tabindex="-1">${say('center.eraseError')}</p>`;
    }
    if (this.exportState === 'error') {
      return html`<p part="result" class="note error" role="alert">${say('center.exportError')}</p>`;
    }
    if (this.exportState === 'done') {
      return html`<p part="result" class="note" role="status">${say('center.exported', { filename: this.exportedAs })}</p>`;
    }
    return nothing;
  }

  private renderConfirm(say: Say): TemplateResult {
    return html`<div part="confirm-backdrop" class="backdrop" @mousedown=${keepFocus}>
      <div
        part="confirm"
        class="confirm"
        role="alertdialog"
        aria-modal="true"
        tabindex="-1"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-text"
        @keydown=${this.onConfirmKeydown}
      >
        <h3 id="confirm-title">${say('center.eraseTitle')}</h3>
        <p id="confirm-text">${say('center.eraseText')}</p>
        <div class="actions">
          <button part="confirm-cancel" type="button" @click=${this.onEraseCancel}>${say('center.eraseCancel')}</button>
          <button part="confirm-erase" class="danger solid" type="button" @click=${this.onEraseConfirm}>
            ${say('center.eraseConfirm')}
          </button>
        </div>
      </div>
    </div>`;
  }

  // ——— visitor actions ———

  private changeCategory(id: ConsentCategoryId, on: boolean): void {
    const client = this.connection.client;
    const view = this.connection.view;
    if (!client || !view) return;
    client.consent.save({ choices: { [id]: on } }, 'center');
    const choices = allChoices(view, { [id]: on });
    this.changed('custom', { choices, channels: { ...view.channels } });
  }

  private changeChannel(id: ChannelId, on: boolean): void {
    const client = this.connection.client;
    const view = this.connection.view;
    if (!client || !view) return;
    client.consent.save({ channels: { [id]: on } }, 'center');
    this.changed('custom', { choices: allChoices(view), channels: { ...view.channels, [id]: on } });
  }

  private changeFeature(id: PersonalizationFeature, on: boolean): void {
    const client = this.connection.client;
    const view = this.connection.view;
    if (!client || !view) return;
    client.consent.save({ features: { [id]: on } }, 'center');
    this.changed('custom', {
      choices: allChoices(view),
      channels: { ...view.channels },
      features: { ...view.features, [id]: on },
    });
  }

  private readonly onWithdraw = () => {
    const client = this.connection.client;
    const view = this.connection.view;
    if (!client || !view) return;
    client.consent.withdraw('center');
    const choices = allChoices(view, {}, false);
    const channels = Object.fromEntries(
      (view.policy?.channels.map((c) => c.id) ?? Object.keys(view.channels)).map((id) => [id, false]),
    ) as Partial<Record<ChannelId, boolean>>;
    this.changed('withdraw', { choices, channels }, 'center.withdrawn');
  };

  private changed(
    action: ConsentAction,
    detail: Omit<ConsentChangeDetail, 'action' | 'source'>,
    status: CenterMessage = 'center.saved',
  ): void {
    this.status = status;
    this.emit('mb-consent-change', { ...detail, action, source: 'center' });
  }

  private readonly onRetryConfig = () => void this.connection.client?.consent.reload();
  private readonly onRefresh = () => void this.reload();

  private readonly onExport = async () => {
    const client = this.connection.client;
    if (!client) return;
    this.exportState = 'working';
    try {
      const data = await client.privacy.export();
      const filename = exportFilename();
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.hidden = true;
      this.renderRoot.append(link);
      link.click();
      link.remove();
      // Revoked later, not at once: the browser reads the URL after click() returns.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.exportState = 'done';
      this.exportedAs = filename;
      if (this.data.status === 'ready') this.data = { ...this.data, export: data };
      this.emit('mb-privacy-export', { filename, events: Array.isArray(data.events) ? data.events.length : 0 });
    } catch {
      this.exportState = 'error';
    }
  };

  private readonly onEraseRequest = () => {
    this.afterConfirm = 'erase';
    this.erase = 'confirm';
  };

  private readonly onEraseCancel = () => {
    this.afterConfirm = 'erase';
    this.erase = this.eraseResult ? 'done' : 'idle';
  };

  private readonly onEraseConfirm = async () => {
    const client = this.connection.client;
    if (!client) return;
    this.afterConfirm = 'result';
    this.erase = 'working';
    this.exportState = 'idle';
    try {
      const result = await client.privacy.erase();
      this.eraseResult = result;
      this.erase = 'done';
      this.emit('mb-privacy-erase', result);
      void this.reload();
    } catch {
      this.erase = 'error';
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="result"]')?.focus();
  };

  private readonly onConfirmKeydown = (event: KeyboardEvent) => {
    // The confirmation is modal inside the (possibly modal) center: its keys stop here.
    event.stopPropagation();
    if (trapTab(event, event.currentTarget as HTMLElement)) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.onEraseCancel();
    }
  };

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (!this.isDialog || !this.open) return;
    if (trapTab(event, event.currentTarget as HTMLElement)) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.requestClose('escape');
    }
  };

  private readonly onCloseButton = () => this.requestClose('close-button');

  private readonly onBackdrop = (event: MouseEvent) => {
    if (event.target === event.currentTarget) this.requestClose('backdrop');
  };

  private requestClose(reason: PrivacyCloseDetail['reason']): void {
    if (this.emit('mb-privacy-close', { reason }, { cancelable: true })) this.open = false;
  }

  private readonly onOpenRequest = () => {
    if (!this.listen) return;
    if (this.isDialog) {
      this.open = true;
      return;
    }
    this.scrollIntoView({ behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    this.renderRoot.querySelector<HTMLElement>('#title')?.focus({ preventScroll: true });
  };
}

/** A press on a backdrop must not move focus out of the modal (to the page's body). */
const keepFocus = (event: MouseEvent) => {
  if (event.target === event.currentTarget) event.preventDefault();
};

// ——— plain-language helpers (server data in, text out) ———

const SOURCES: readonly ConsentSource[] = ['banner', 'center', 'api'];
const ACTIONS: readonly ConsentAction[] = ['accept_all', 'reject_all', 'custom', 'gpc', 'withdraw'];

function time(value: unknown): number {
  const ms = new Date(String(value)).getTime();
  return Number.isNaN(ms) ? 0 : ms;
}

function newestFirst<T extends { timestamp: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => time(b.timestamp) - time(a.timestamp));
}

function historyOf(ledger: ConsentLedgerResponse): ConsentLedgerEntry[] {
  const history = Array.isArray(ledger.history) ? ledger.history : [];
  return newestFirst(history.length || !ledger.current ? history : [ledger.current]);
}

/** Every category of the policy, `true` or `false` (necessary always `true`), after `change`. */
function allChoices(
  view: ConsentView,
  change: Partial<Record<ConsentCategoryId, boolean>> = {},
  fallback?: boolean,
): Partial<Record<ConsentCategoryId, boolean>> {
  const out: Partial<Record<ConsentCategoryId, boolean>> = {};
  for (const category of view.policy?.categories ?? []) {
    out[category.id] = category.required
      ? true
      : (change[category.id] ?? fallback ?? view.choices[category.id] === true);
  }
  out.necessary = true;
  return out;
}

const text = (value: JsonValue | undefined): string | undefined =>
  typeof value === 'string' && value.trim() ? value : undefined;

function pageOf(event: SubjectEvent): string | undefined {
  const context = (event.context ?? {}) as JsonObject;
  const page = context.page && typeof context.page === 'object' && !Array.isArray(context.page) ? context.page : {};
  const properties = (event.properties ?? {}) as JsonObject;
  return text(page.path) ?? text(properties.path) ?? text(page.url) ?? text(properties.url);
}

function describeEvent(event: SubjectEvent, say: Say): string {
  switch (event.type) {
    case 'track': {
      const name = text(event.event);
      if (!name) return 'track';
      // Spec events ("Order Completed") in the visitor's language; a partner's own event names as they are.
      const key = `center.track.${name.trim().toLowerCase().replace(/\s+/g, '_')}`;
      return Object.hasOwn(messages.de, key) ? say(key as CenterMessage) : name;
    }
    case 'page':
      return say('center.event.page', { name: text(event.name) ?? pageOf(event) ?? '/' });
    case 'identify':
    case 'group':
    case 'alias':
      return say(`center.event.${event.type}`);
    default:
      return String(event.event ?? event.name ?? event.type);
  }
}

function describeDecision(
  entry: ConsentLedgerEntry,
  policy: ConsentPolicy | undefined,
  locale: Locale,
  say: Say,
): string {
  const source = SOURCES.includes(entry.source) ? entry.source : 'api';
  const action = ACTIONS.includes(entry.action) ? entry.action : 'custom';
  const details = say('center.history.details', {
    version: String(entry.policyVersion),
    source: say(`center.source.${source}`),
  });
  const date = formatDateTime(String(entry.timestamp), locale);
  if (action !== 'custom') return say(`center.history.${action}`, { date, details });
  // In the policy's order, with the policy's titles; ids the policy no longer has are shown as they are.
  const choices = entry.choices ?? {};
  const order = [...(policy?.categories.map((c) => c.id) ?? []), ...Object.keys(choices)];
  const granted = [...new Set(order)]
    .filter((id) => choices[id as ConsentCategoryId] === true && id !== 'necessary')
    .map((id) => {
      const category = policy?.categories.find((c) => c.id === id);
      return category ? localized(category.title, locale) : id;
    });
  const categories = granted.length
    ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(granted)
    : say('center.onlyNecessary');
  return say('center.history.custom', { date, details, categories });
}
