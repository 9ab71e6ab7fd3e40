import { safeUrl } from '@matbakh/contract';
import { html, nothing, type PropertyValues } from 'lit';
import type { PrivacyCloseDetail } from '../events/mb-privacy-close.ts';
import { type ConsentClient, ConsentClientController } from '../shared/consent-client.ts';
import { headingStyles } from '../shared/controls.styles.ts';
import { DisplayController } from '../shared/display.ts';
import { trapTab } from '../shared/focus.ts';
import { dirOf } from '../shared/i18n.ts';
import { listenWhileConnected } from '../shared/listen.ts';
import { MbElement } from '../shared/mb-element.ts';
import { ModalFocus } from '../shared/modal-focus.ts';
import { switchStyles } from '../shared/switch.styles.ts';
import { translate, widgetAddress, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { renderHeader } from './center-header.ts';
import { type DataActions, keepFocus, renderConfirm, renderData } from './data-view.ts';
import type { Say } from './plain-language.ts';
import type { CenterMessage } from './privacy-center.messages.ts';
import { messages } from './privacy-center.messages.ts';
import { styles } from './privacy-center.styles.ts';
import { PrivacyData } from './privacy-data.ts';
import { ProfilingControl } from './profiling.ts';
import { renderProfiling } from './profiling-view.ts';
import { type ChangeSetting, changeCategory, changeChannel, changeFeature, withdrawAll } from './settings-changes.ts';
import { renderSettings, type SettingsActions } from './settings-view.ts';

export { EVENTS_SHOWN } from './data-view.ts';
export { exportFilename } from './privacy-data.ts';

export type PrivacyCenterMode = 'embedded' | 'dialog';

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
 * @csspart profiling - "Whether you will order again": the churn score that may exist about the guest.
 * @csspart profiling-text - What such a score is.
 * @csspart profiling-status - Whether one exists now, or when the guest objected.
 * @csspart profiling-object - Object to profiling / withdraw the objection (GDPR Art. 21).
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

  /** Announced in the live region after the visitor's own changes. */
  declare private status: CenterMessage | '';

  private readonly connection = new ConsentClientController(this, () => this.onClientConnected());
  /** Follows the visitor's language and theme chosen in the preference panel, live (shared/display.ts). */
  protected readonly display = new DisplayController(this);
  private readonly profiling = new ProfilingControl(this, () => this.connection.client);
  private readonly rights = new PrivacyData(this, {
    client: () => this.connection.client,
    exported: (detail) => this.emit('mb-privacy-export', detail),
    erased: (result) => {
      this.emit('mb-privacy-erase', result);
      void this.profiling.reload();
    },
  });

  constructor() {
    super();
    this.mode = 'embedded';
    this.open = false;
    this.listen = false;
    this.status = '';
    new ModalFocus(this, { modal: () => this.isDialog && this.open });
    listenWhileConnected(this, document, 'mb-privacy-open', this.onOpenRequest);
  }

  private get isDialog(): boolean {
    return this.mode === 'dialog';
  }

  /** Whether the center is on screen: always when embedded, while `open` as a dialog. */
  get shown(): boolean {
    return !this.isDialog || this.open;
  }

  /** Loads "What we know about you" again (export and consent history). */
  reload(): Promise<void> {
    return Promise.all([this.rights.reload(), this.profiling.reload()]).then(() => undefined);
  }

  private onClientConnected(): void {
    if (this.shown && this.isConnected) void this.reload();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Shown for the first time (embedded, or a dialog opening): load "What we know about you".
    const first = this.rights.data.status === 'idle';
    if ((changed.has('open') || changed.has('mode')) && this.shown && first) void this.reload();
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
      ${renderHeader(dialog, policyUrl, say, this.onCloseButton)}
      <p part="status" class="status" role="status">${this.status ? say(this.status) : nothing}</p>
      ${renderSettings(view, locale, say, this.settingsActions)}
      ${renderProfiling(this.profiling.state, locale, say, this.profilingActions)} ${renderData(this.rights, view?.policy, locale, say, this.dataActions)}
      ${this.rights.erase === 'confirm' ? renderConfirm(say, this.dataActions) : nothing}
    </div>`;
    return dialog
      ? html`<div part="backdrop" class="backdrop" @mousedown=${keepFocus} @click=${this.onBackdrop}>${panel}</div>`
      : panel;
  }

  // ——— visitor actions ———

  private readonly settingsActions: SettingsActions = {
    category: (id, on) => this.change(changeCategory(id, on)),
    channel: (id, on) => this.change(changeChannel(id, on)),
    feature: (id, on) => this.change(changeFeature(id, on)),
    withdraw: () => this.change(withdrawAll),
    retry: () => void this.connection.client?.consent.reload(),
  };

  private readonly profilingActions = {
    object: (objected: boolean) => void this.profiling.object(objected),
    retry: () => void this.profiling.reload(),
  };

  private readonly dataActions: DataActions = {
    refresh: () => void this.reload(),
    download: () => void this.rights.download(),
    requestErase: this.rights.requestErase,
    cancelErase: this.rights.cancelErase,
    confirmErase: () => void this.rights.confirmErase(),
    confirmKeydown: (event) => {
      // The confirmation is modal inside the (possibly modal) center: its keys stop here.
      event.stopPropagation();
      if (trapTab(event, event.currentTarget as HTMLElement)) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        this.rights.cancelErase();
      }
    },
  };

  /** Saves a settings change with the client, shows its status and announces it. */
  private change(apply: ChangeSetting): void {
    const client = this.connection.client;
    const view = this.connection.view;
    if (!client || !view) return;
    const { action, detail, status } = apply(client, view);
    this.status = status;
    this.emit('mb-consent-change', { ...detail, action, source: 'center' });
  }

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
