import { html, nothing, type PropertyValues } from 'lit';
import type { PushOptinOutcome } from '../events/mb-push-change.ts';
import { ClientController } from '../shared/client-controller.ts';
import { dirOf, t } from '../shared/i18n.ts';
import { MbElement } from '../shared/mb-element.ts';
import { widgetAddress, widgetLocale } from '../shared/texts.ts';
import type { Theme } from '../shared/tokens.ts';
import { baseStyles, tokens } from '../shared/tokens.ts';
import { isPushClient, type PushClientLike } from './push-client.ts';
import { messages, type PushOptinMessage } from './push-optin.messages.ts';
import { styles } from './push-optin.styles.ts';

/** What the card shows; `hidden`: nothing (not offered, not possible, refused, or answered and closed). */
type View = 'hidden' | 'consent' | 'ask' | 'working' | 'done' | 'denied' | 'failed';

/**
 * Asks for Web Push notifications — only when the page offers it after something the visitor did (an order, a
 * saved favourite): `el.offer()` or the `offered` attribute, never on its own on load. It explains first (a card:
 * "Allow notifications?", why, Allow / Not now); only the Allow click calls the browser's permission prompt and
 * subscribes (the SDK's push plugin). A permission the visitor denied is respected: the card says how to change it
 * in the browser and never asks again. The push channel's consent comes first: refused, the element stays hidden;
 * not asked yet, it offers the privacy center (`mb-privacy-open`) instead of the prompt.
 *
 * @event mb-push-change - The visitor answered: `{ outcome }` (`subscribed`, `denied`, `dismissed`, `not-now`, `failed`).
 * @event mb-privacy-open - The visitor asked for the privacy center to grant the push channel.
 *
 * @csspart base - The card.
 * @csspart title - Its heading.
 * @csspart why - The explanation.
 * @csspart actions - The buttons.
 * @csspart allow - Allow (asks the browser).
 * @csspart later - Not now.
 * @csspart privacy - Opens the privacy center.
 * @csspart message - The answer (on, blocked, failed); takes focus when it replaces the buttons.
 * @csspart close - Closes the answer.
 *
 * @cssproperty --mb-push-surface - Card background (default `--mb-color-surface`).
 * @cssproperty --mb-push-text - Text colour (default `--mb-color-text`).
 * @cssproperty --mb-push-border - Border colour (default `--mb-color-border`).
 * @cssproperty --mb-push-radius - Corner radius (default `--mb-radius-m`).
 * @cssproperty --mb-push-allow-surface - Allow button background (default `--mb-color-primary`).
 * @cssproperty --mb-push-allow-text - Allow button text (default `--mb-color-on-primary`).
 */
export class MbPushOptin extends MbElement {
  static override styles = [tokens, baseStyles, styles];

  static override properties = {
    client: { attribute: false },
    theme: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    offered: { type: Boolean, reflect: true },
    serviceWorker: { type: String, attribute: 'service-worker' },
    result: { state: true },
    closed: { state: true },
    known: { state: true },
  };

  /** The matbakh client with the push plugin. Unset: `window.matbakh.client`. */
  declare client: PushClientLike | undefined;
  declare theme: Theme | undefined;
  declare lang: string;
  /** Set by the page after a meaningful action (or call `offer()`): the card appears. */
  declare offered: boolean;
  /** Where the page serves `matbakh-sw.js` (same origin); default `/matbakh-sw.js`. */
  declare serviceWorker: string | undefined;
  declare private result: 'working' | 'done' | 'denied' | 'failed' | undefined;
  declare private closed: boolean;
  /** This browser is subscribed already: nothing to offer. */
  declare private known: boolean;

  private focusMessage = false;
  private readonly connection = new ClientController<PushClientLike>(this, {
    accept: isPushClient,
    stores: (client) => (client.consent?.$view ? [client.consent.$view] : []),
  });

  constructor() {
    super();
    this.offered = false;
    this.closed = false;
    this.known = false;
  }

  /** Shows the card (after an order, say). Asks nothing by itself: the visitor's Allow does. */
  offer(): void {
    this.closed = false;
    this.offered = true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('offered') && this.offered) void this.checkSubscribed();
  }

  protected override updated(): void {
    if (!this.focusMessage) return;
    this.focusMessage = false;
    this.renderRoot.querySelector<HTMLElement>('[part=message]')?.focus();
  }

  private async checkSubscribed(): Promise<void> {
    const push = this.connection.client?.push;
    if (!push?.subscribed || push.permission() !== 'granted') return;
    this.known = await push.subscribed().catch(() => false);
  }

  private view(): View {
    if (!this.offered || this.closed) return 'hidden';
    if (this.result) return this.result;
    const push = this.connection.client?.push;
    if (!push || this.known) return 'hidden';
    const permission = push.permission();
    const consent = push.consent();
    if (permission === 'unsupported' || consent === 'refused') return 'hidden';
    if (permission === 'denied') return 'denied';
    return consent === 'granted' ? 'ask' : 'consent';
  }

  private finish(outcome: PushOptinOutcome): void {
    this.emit('mb-push-change', { outcome });
  }

  private async allow(): Promise<void> {
    const push = this.connection.client?.push;
    if (!push || this.result === 'working') return;
    this.result = 'working';
    const outcome = await push.subscribe(this.serviceWorker ? { serviceWorker: this.serviceWorker } : {});
    const shown = outcome === 'subscribed' ? 'done' : outcome === 'denied' ? 'denied' : 'failed';
    if (outcome === 'dismissed') {
      // The browser's prompt was closed without an answer: back to the card, the visitor may still decide.
      this.result = undefined;
      this.finish('dismissed');
      return;
    }
    this.result = shown;
    this.focusMessage = true;
    this.finish(outcome === 'subscribed' || outcome === 'denied' ? outcome : 'failed');
  }

  private notNow(): void {
    this.closed = true;
    this.finish('not-now');
  }

  override render() {
    const view = this.view();
    if (view === 'hidden') return nothing;
    const locale = widgetLocale(this, this.lang);
    const address = widgetAddress(this, locale);
    const text = (key: PushOptinMessage) => t(messages, locale, key, undefined, address);
    const title = view === 'consent' ? 'consentTitle' : view === 'denied' ? 'deniedTitle' : 'title';
    return html`<section class="card" part="base" role="region" aria-labelledby="title" lang=${locale} dir=${dirOf(locale)}>
      <h2 part="title" id="title">${text(title)}</h2>
      ${this.renderBody(view, text)}
    </section>`;
  }

  private renderBody(view: View, text: (key: PushOptinMessage) => string) {
    const close = html`<div class="actions" part="actions"><button type="button" part="close" @click=${() => {
      this.closed = true;
    }}>${text('close')}</button></div>`;
    switch (view) {
      case 'consent':
        return html`<p part="why">${text('consent')}</p>
          <div class="actions" part="actions">
            <button type="button" class="primary" part="privacy" @click=${() => this.emit('mb-privacy-open', null)}>${text('privacy')}</button>
            <button type="button" part="later" @click=${this.notNow}>${text('later')}</button>
          </div>`;
      case 'ask':
      case 'working':
        return html`<p part="why">${text('why')}</p>
          <div class="actions" part="actions">
            <button type="button" class="primary" part="allow" aria-disabled=${view === 'working' ? 'true' : 'false'}
              @click=${this.allow}>${text('allow')}</button>
            <button type="button" part="later" ?disabled=${view === 'working'} @click=${this.notNow}>${text('later')}</button>
          </div>
          <p class="visually-hidden" role="status">${view === 'working' ? text('working') : ''}</p>`;
      case 'denied':
        return html`<p part="message" tabindex="-1">${text('denied')}</p>${close}`;
      default:
        return html`<p part="message" tabindex="-1" role="status">${text(view === 'done' ? 'done' : 'failed')}</p>${close}`;
    }
  }
}
