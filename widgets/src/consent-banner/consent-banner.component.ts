import { type ConsentCategoryId, safeUrl } from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { type ConsentClient, ConsentClientController, type ConsentView } from '../shared/consent-client.ts';
import { DisplayController } from '../shared/display.ts';
import { deepActiveElement, trapTab } from '../shared/focus.ts';
import { dirOf, type Locale, t } from '../shared/i18n.ts';
import { MbElement } from '../shared/mb-element.ts';
import { ModalFocus } from '../shared/modal-focus.ts';
import { switchStyles } from '../shared/switch.styles.ts';
import { widgetAddress, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import {
  type Choices,
  decisionChoices,
  isAsking,
  isOffline,
  keepFocus,
  renderCategories,
  type Say,
} from './banner-views.ts';
import { type BannerMessage, messages } from './consent-banner.messages.ts';
import { styles } from './consent-banner.styles.ts';

export type BannerLayout = 'bar' | 'dialog';

/**
 * The consent banner: asks the visitor once, equally, and remembers through the SDK.
 *
 * It shows itself while the client's consent view says `needsDecision` (first visit, changed policy, new
 * category, expired decision — the first sentence says which) and hides otherwise, or when the tenant's
 * policy sets `banner.hidden`. "Accept all" and "Reject all" are the same element with the same styles
 * in the same layer; "Customize" opens a switch per category (none pre-ticked, `necessary` shown on and
 * disabled) with its description and services, and "Save choices".
 *
 * Two layouts: `bar` (default) is a non-modal bar fixed to the bottom of the viewport — it does not trap
 * focus and takes no space in the page, so nothing shifts. `dialog` is a modal dialog (WAI-ARIA dialog
 * pattern): focus moves in, Tab cycles inside, and focus returns where it was. Escape turns the dialog
 * into the bar only when an earlier decision exists; on a first visit it does nothing.
 *
 * The client is the `client` property, else `window.matbakh.client` (the script-tag bundle with the
 * privacy plugin). Texts: de, en, ar (right-to-left) built in, each overridable per locale from
 * `policy.texts` (keys `banner.*`); the locale comes from `lang` on the element, an ancestor or the
 * document, else the browser.
 *
 * @event mb-consent-change - The visitor decided: `{ choices, channels, action, source: 'banner' }`. Only
 *   for the visitor's own clicks and keys, never for programmatic or store changes.
 * @event mb-privacy-open - The visitor asked for the privacy center (no detail, like the SDK's
 *   `client.privacy.open()`). An `<mb-privacy-center listen>` on the page opens.
 *
 * @csspart base - The banner panel (the bar, or the dialog box).
 * @csspart backdrop - The dialog layout's backdrop.
 * @csspart title - The heading.
 * @csspart text - The explanation, starting with the reason sentence.
 * @csspart reason - The first sentence: why the visitor is asked.
 * @csspart gpc - The note that the browser's Global Privacy Control signal is honoured.
 * @csspart notice - The note that the choice is saved on this device and recorded once back online.
 * @csspart error - The note shown when the policy could not be loaded.
 * @csspart links - The row with the privacy policy link and the privacy center button.
 * @csspart link - The link to the tenant's privacy policy.
 * @csspart details - The button that opens the privacy center.
 * @csspart actions - The row of buttons.
 * @csspart choice - Accept all and Reject all (both).
 * @csspart accept - Accept all.
 * @csspart reject - Reject all.
 * @csspart customize - Customize (opens the category view).
 * @csspart retry - Try again (after the policy failed to load).
 * @csspart categories - The category view.
 * @csspart category - One category.
 * @csspart switch - A category's switch (`input[type=checkbox][role=switch]`).
 * @csspart category-description - A category's description.
 * @csspart services - A category's list of services.
 * @csspart save - Save choices.
 * @csspart toast - The quiet notice shown after a decision made offline.
 *
 * @cssproperty --mb-consent-banner-surface - Background (default `--mb-color-surface`).
 * @cssproperty --mb-consent-banner-text - Text colour (default `--mb-color-text`).
 * @cssproperty --mb-consent-banner-border - Border colour (default `--mb-color-border`).
 * @cssproperty --mb-consent-banner-radius - Corner radius (default `--mb-radius-l`).
 * @cssproperty --mb-consent-banner-shadow - Shadow (default `--mb-shadow-l`).
 * @cssproperty --mb-consent-banner-padding - Inner padding (default `--mb-space-l`).
 * @cssproperty --mb-consent-banner-inset - Distance of the bar from the viewport edges (default `--mb-space-m`).
 * @cssproperty --mb-consent-banner-max-width - Widest bar (default `64em`).
 * @cssproperty --mb-consent-banner-dialog-width - Widest dialog (default `38em`).
 * @cssproperty --mb-consent-banner-z-index - Stacking level (default `2147483000`).
 * @cssproperty --mb-consent-banner-backdrop - Dialog backdrop colour.
 * @cssproperty --mb-consent-banner-title-size - Heading font size (default `--mb-font-size-l`).
 * @cssproperty --mb-consent-banner-choice-surface - Background of Accept all *and* Reject all (default `--mb-color-primary`).
 * @cssproperty --mb-consent-banner-choice-text - Text of Accept all *and* Reject all (default `--mb-color-on-primary`).
 * @cssproperty --mb-consent-banner-button-radius - Button corner radius (default `--mb-radius-m`).
 * @cssproperty --mb-consent-banner-link - Link colour (default `--mb-color-text`).
 * @cssproperty --mb-switch-track-on - Track of a switch that is on (default `--mb-color-primary`).
 */
export class MbConsentBanner extends MbElement {
  static override styles = [tokens, baseStyles, switchStyles, styles];

  static override properties = {
    client: { attribute: false },
    layout: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    customizing: { state: true },
    collapsed: { state: true },
    draft: { state: true },
    decidedHere: { state: true },
    noticeDismissed: { state: true },
  };

  /** The matbakh client (with the privacy plugin). Unset: `window.matbakh.client`. */
  declare client: ConsentClient | undefined;
  /** `bar` (default) or `dialog`. Unset: the policy's `banner.layout`, else `bar`. */
  declare layout: BannerLayout | undefined;
  /** Theme preset: `light` (default), `dark`, `high-contrast`, `system`. */
  declare theme: Theme | undefined;
  /** Locale of the texts (`de`, `en`, `ar`); unset: the page's, else the browser's. */
  declare lang: string;

  declare private customizing: boolean;
  /** The dialog was dismissed with Escape (only possible with an earlier decision): render the bar. */
  declare private collapsed: boolean;
  /** The switches of the category view, before "Save choices". */
  declare private draft: Choices;
  /** The visitor decided in this banner during this page view (shows the offline notice afterwards). */
  declare private decidedHere: boolean;
  declare private noticeDismissed: boolean;

  private readonly connection = new ConsentClientController(this);
  /** Follows the visitor's language and theme chosen in the preference panel, live (shared/display.ts). */
  protected readonly display = new DisplayController(this);

  constructor() {
    super();
    this.customizing = false;
    this.collapsed = false;
    this.draft = {};
    this.decidedHere = false;
    this.noticeDismissed = false;
    new ModalFocus(this, {
      modal: () => this.modal,
      restore: () => {
        const active = deepActiveElement();
        // Give focus back unless the visitor already moved it elsewhere (e.g. into the collapsed bar).
        return !active || active === document.body || !this.visible;
      },
    });
  }

  /** Whether the banner is showing (asking the visitor) right now. */
  get visible(): boolean {
    const view = this.connection.view;
    return !!view && isAsking(view);
  }

  private get effectiveLayout(): BannerLayout {
    const layout = this.layout ?? this.connection.view?.policy?.banner?.layout;
    return layout === 'dialog' ? 'dialog' : 'bar';
  }

  private get modal(): boolean {
    return this.visible && this.effectiveLayout === 'dialog' && !this.collapsed;
  }

  protected override willUpdate(): void {
    // Hidden again (decided, elsewhere too): the next time it asks, it starts closed and modal again.
    if (!this.visible) {
      this.customizing = false;
      this.collapsed = false;
    }
  }

  override render() {
    const view = this.connection.view;
    const locale = widgetLocale(this, this.lang);
    const address = widgetAddress(this, locale);
    const texts = view?.policy?.texts?.[locale];
    // The tenant's text (`policy.texts[locale]['banner.<key>']`, if a non-empty string), else the built-in one.
    const say: Say = (key) => {
      const text = texts?.[`banner.${key}`];
      return typeof text === 'string' && text ? text : t(messages, locale, key, undefined, address);
    };
    if (!view || !isAsking(view)) return this.renderToast(view, locale, say);

    const modal = this.effectiveLayout === 'dialog' && !this.collapsed;
    const panel = html`<div part="base" class="panel ${modal ? 'dialog' : 'bar'}" role=${modal ? 'dialog' : 'region'} aria-modal=${modal || nothing} tabindex=${modal ? -1 : nothing} aria-labelledby="title" aria-describedby="text" lang=${locale} dir=${dirOf(locale)} @keydown=${this.onKeydown}>${this.renderBody(view, locale, say)}</div>`;
    return modal ? html`<div part="backdrop" class="backdrop" @mousedown=${keepFocus}>${panel}</div>` : panel;
  }

  private renderBody(view: ConsentView, locale: Locale, say: Say): TemplateResult {
    const policy = view.policy;
    const failed = view.config === 'error' || !policy;
    const reason = view.reason === 'none' ? 'first_visit' : view.reason;
    const note = (part: string, key: BannerMessage, alert?: boolean) =>
      html`<p part=${part} class="note ${part}" role=${alert ? 'alert' : nothing}>${say(key)}</p>`;
    // From the tenant's config: a `javascript:` link there must never become a live link.
    const url = safeUrl(policy?.privacyPolicyUrl);
    return html`<h2 id="title" part="title" tabindex="-1">${say('title')}</h2>
<p id="text" part="text"><span id="reason" part="reason" class="reason">${say(`reason.${reason}`)}</span> ${say('text')}</p>
${failed ? note('error', 'configError', true) : nothing}${view.gpc ? note('gpc', 'gpc') : nothing}${isOffline(view) ? note('notice', 'offline') : nothing}
<div part="links" class="links">${url ? html`<a part="link" href=${url} target="_blank" rel="noopener">${say('policyLink')}<span class="visually-hidden"> ${say('newTab')}</span></a>` : nothing}
<button part="details" class="linklike" type="button" @click=${this.onDetails}>${say('details')}</button></div>
<div part="actions" class="actions"><div class="choices">
<button part="choice reject" class="choice" type="button" @click=${this.onReject}>${say('reject')}</button>
<button part="choice accept" class="choice" type="button" @click=${this.onAccept}>${say('accept')}</button></div>
${
  failed
    ? html`<button part="retry" class="secondary" type="button" @click=${this.onRetry}>${say('retry')}</button>`
    : html`<button part="customize" class="secondary" type="button" aria-expanded=${this.customizing} aria-controls="categories" @click=${this.onCustomize}>${say('customize')}</button>`
}</div>
${this.customizing && policy ? renderCategories(policy.categories, this.draft, locale, say, this.onSwitch, this.onSave) : nothing}`;
  }

  /** While hidden: the quiet "saved on this device" notice after an offline decision, in a live region. */
  private renderToast(view: ConsentView | undefined, locale: Locale, say: Say): TemplateResult {
    const show = view && this.decidedHere && !this.noticeDismissed && isOffline(view);
    return html`<div class="toast" part="toast" role="status" lang=${locale} dir=${dirOf(locale)}>${
      show
        ? html`<div><span>${say('offline')}</span>
<button class="secondary" type="button" @click=${this.onDismissNotice}>${say('dismiss')}</button></div>`
        : nothing
    }</div>`;
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (!this.modal) return;
    const panel = event.currentTarget as HTMLElement;
    if (trapTab(event, panel)) return;
    if (event.key !== 'Escape') return;
    event.preventDefault();
    // Escape never decides anything. With an earlier decision in force, it only steps back to the bar.
    const view = this.connection.view;
    if (view && (view.decidedAt !== undefined || view.action !== undefined)) this.collapsed = true;
  };

  private readonly onAccept = () => this.decide('accept_all');
  private readonly onReject = () => this.decide('reject_all');
  private readonly onSave = () => this.decide('custom');
  private readonly onRetry = () => void this.connection.client?.consent.reload();
  private readonly onDismissNotice = () => {
    this.noticeDismissed = true;
  };

  private readonly onCustomize = () => {
    if (!this.customizing) {
      // The visitor's own earlier choices, if any; never a default "on".
      const choices = this.connection.view?.choices ?? {};
      this.draft = Object.fromEntries(Object.entries(choices).filter(([, on]) => on === true)) as Choices;
    }
    this.customizing = !this.customizing;
  };

  private readonly onSwitch = (category: ConsentCategoryId, on: boolean) => {
    this.draft = { ...this.draft, [category]: on };
  };

  private readonly onDetails = () => this.emit('mb-privacy-open', null);

  private decide(action: 'accept_all' | 'reject_all' | 'custom'): void {
    const client = this.connection.client;
    const view = this.connection.view;
    if (!client || !view) return;
    const choices = decisionChoices(view, action, this.draft);
    if (action === 'accept_all') client.consent.acceptAll('banner');
    else if (action === 'reject_all') client.consent.rejectAll('banner');
    else client.consent.save({ choices }, 'banner');
    this.decidedHere = true;
    this.noticeDismissed = false;
    this.customizing = false;
    const channels = { ...client.consent.$view.get().channels };
    this.emit('mb-consent-change', { choices, channels, action, source: 'banner' });
  }
}
