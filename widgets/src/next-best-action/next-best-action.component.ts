import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { ClientController } from '../shared/client-controller.ts';
import { deepActiveElement, restoreFocus } from '../shared/focus.ts';
import { dirOf, t } from '../shared/i18n.ts';
import { anchorFloating } from '../shared/popover.ts';
import { localized, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import {
  type ActionEventDetail,
  type ActionsClientLike,
  type ActionView,
  isActionsClient,
  safeUrl,
} from './actions-client.ts';
import { messages } from './next-best-action.messages.ts';
import { styles, visuallyHidden } from './next-best-action.styles.ts';

let ids = 0;

/**
 * The best next step for the visitor at one place of the page: a tip, an upsell or a prompt from the tenant's
 * rules (the SDK's `rulesPlugin`), with the reason it appears. Renders nothing while no action is eligible.
 *
 * Inline by default; with `anchor` (a CSS selector of a host-page element) it floats as a non-modal popover
 * beside that element and follows it on scroll and resize (floating-ui), hiding while the anchor is scrolled
 * away. A popover does not take focus when it appears (an unrequested tip must not move the visitor);
 * it is reached with Tab like inline content. Escape inside the popover means "remind me later" (a snooze,
 * never a permanent dismissal); after any answer from inside it, focus returns to the anchor when focusable.
 * A missing anchor falls back to inline.
 *
 * The action stays on screen until the visitor answers, even if caps changed meanwhile; it is recorded as
 * shown once (`Action Shown`, feeding the caps). Accept, dismiss and snooze are recorded through the client
 * (`Action Accepted/Dismissed/Snoozed`).
 *
 * @event mb-action-accept - The visitor chose the call to action: `{ actionId, placement }`.
 * @event mb-action-dismiss - The visitor chose "Don't show again": `{ actionId, placement }`.
 * @event mb-action-snooze - The visitor chose "Remind me later" (or Escape in the popover): `{ actionId, placement }`.
 *
 * @csspart base - The card (inline) or the popover.
 * @csspart arrow - The popover's arrow.
 * @csspart title - The action's title.
 * @csspart body - The action's text.
 * @csspart reason - Why it appears.
 * @csspart actions - The row of buttons.
 * @csspart cta - The call to action (a link when the action has a URL, else a button).
 * @csspart snooze - Remind me later.
 * @csspart dismiss - Don't show again.
 *
 * @cssproperty --mb-nba-surface - Background (default `--mb-color-surface`).
 * @cssproperty --mb-nba-text - Text colour (default `--mb-color-text`).
 * @cssproperty --mb-nba-muted - The reason's colour (default `--mb-color-muted`).
 * @cssproperty --mb-nba-border - Border colour (default `--mb-color-border`).
 * @cssproperty --mb-nba-radius - Corner radius (default `--mb-radius-m`).
 * @cssproperty --mb-nba-padding - Inner padding (default `--mb-space-m`).
 * @cssproperty --mb-nba-shadow - Popover shadow (default `--mb-shadow-l`).
 * @cssproperty --mb-nba-popover-width - Widest popover (default `22em`).
 * @cssproperty --mb-nba-z-index - Popover stacking level.
 * @cssproperty --mb-nba-cta-surface - CTA background (default `--mb-color-primary`).
 * @cssproperty --mb-nba-cta-text - CTA text (default `--mb-color-on-primary`).
 * @cssproperty --mb-nba-button-radius - Button corner radius (default `--mb-radius-s`).
 */
export class MbNextBestAction extends LitElement {
  static override styles = [tokens, baseStyles, styles, visuallyHidden];

  static override properties = {
    client: { attribute: false },
    placement: { type: String, reflect: true },
    anchor: { type: String, reflect: true },
    snoozeHours: { type: Number, attribute: 'snooze-hours' },
    theme: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    current: { state: true },
  };

  /** The matbakh client with the rules plugin. Unset: `window.matbakh.client`. */
  declare client: ActionsClientLike | undefined;
  /** The placement whose best action is shown, e.g. `home`. */
  declare placement: string;
  /** CSS selector of the host element to anchor a popover to; unset: inline. */
  declare anchor: string | undefined;
  /** Hours "Remind me later" waits (default 24). */
  declare snoozeHours: number;
  declare theme: Theme | undefined;
  declare lang: string;
  declare private current: ActionView | null;

  private readonly uid = `mb-nba-${++ids}`;
  private recordedShown: string | undefined;
  private stopFloating: (() => void) | undefined;
  private anchored: Element | undefined;

  private readonly connection = new ClientController<ActionsClientLike>(this, {
    accept: isActionsClient,
    stores: (client) => [client.actions.$next(this.placement)],
  });

  constructor() {
    super();
    this.placement = 'home';
    this.snoozeHours = 24;
    this.current = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unfloat();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('placement') && changed.get('placement') !== undefined) this.current = null;
    // Keep what is on screen until the visitor answers: caps may change right after it was shown.
    if (!this.current) this.current = this.connection.client?.actions.$next(this.placement).get() ?? null;
  }

  protected override updated(): void {
    const action = this.current;
    if (action && this.recordedShown !== action.id) {
      this.recordedShown = action.id;
      this.connection.client?.actions.record(action.id, 'shown');
    }
    const popover = this.renderRoot.querySelector<HTMLElement>('.popover');
    const anchor = this.anchorElement();
    if (!popover || !anchor) {
      this.unfloat();
      return;
    }
    if (this.anchored === anchor && this.stopFloating) return;
    this.unfloat();
    this.anchored = anchor;
    const arrow = popover.querySelector<HTMLElement>('.arrow') ?? undefined;
    this.stopFloating = anchorFloating(popover, anchor, { placement: 'bottom', strategy: 'fixed', arrow });
  }

  private unfloat(): void {
    this.stopFloating?.();
    this.stopFloating = undefined;
    this.anchored = undefined;
  }

  private anchorElement(): Element | undefined {
    if (!this.anchor) return undefined;
    try {
      return (
        (this.getRootNode() as ParentNode).querySelector(this.anchor) ??
        document.querySelector(this.anchor) ??
        undefined
      );
    } catch {
      return undefined; // an invalid selector: inline
    }
  }

  private answer(outcome: 'accepted' | 'dismissed' | 'snoozed'): void {
    const action = this.current;
    if (!action) return;
    const focusInside = this.renderRoot.contains(deepActiveElement(this.shadowRoot ?? document));
    const anchor = this.anchorElement();
    this.connection.client?.actions.record(
      action.id,
      outcome,
      outcome === 'snoozed' ? { snoozeHours: this.snoozeHours } : undefined,
    );
    const name =
      outcome === 'accepted' ? 'mb-action-accept' : outcome === 'dismissed' ? 'mb-action-dismiss' : 'mb-action-snooze';
    const detail: ActionEventDetail = { actionId: action.id, placement: this.placement };
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
    this.current = null;
    if (focusInside && outcome !== 'accepted') {
      void this.updateComplete.then(() => {
        const next = this.renderRoot.querySelector<HTMLElement>('.cta, button');
        if (next) next.focus();
        else if (anchor instanceof HTMLElement) restoreFocus(anchor);
      });
    }
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.stopFloating) return;
    event.stopPropagation();
    this.answer('snoozed');
  }

  override render() {
    const action = this.current;
    this.toggleAttribute('hidden', !action);
    if (!action) return nothing;
    const locale = widgetLocale(this, this.lang);
    const floating = this.anchorElement() !== undefined;
    const url = safeUrl(action.cta?.url);
    const label = action.cta ? localized(action.cta.label, locale) : '';
    const cta = !action.cta
      ? nothing
      : url
        ? html`<a class="cta" part="cta" href=${url} target="_blank" rel="noopener noreferrer" @click=${() => this.answer('accepted')}
            >${label}<span class="visually-hidden"> ${t(messages, locale, 'nba.newTab')}</span></a
          >`
        : html`<button type="button" class="cta" part="cta" @click=${() => this.answer('accepted')}>${label}</button>`;
    return html`<section
      class="card ${floating ? 'popover' : 'inline'}"
      part="base"
      role=${floating ? 'dialog' : 'region'}
      aria-modal=${floating ? 'false' : nothing}
      aria-labelledby="${this.uid}-title"
      aria-describedby="${this.uid}-body ${this.uid}-reason"
      data-kind=${action.kind}
      lang=${locale}
      dir=${dirOf(locale)}
      @keydown=${this.onKeydown}
    >
      ${floating ? html`<div class="arrow" part="arrow"></div>` : nothing}
      <h2 class="title" part="title" id="${this.uid}-title">${localized(action.title, locale)}</h2>
      <p class="body" part="body" id="${this.uid}-body">${localized(action.body, locale)}</p>
      <p class="reason" part="reason" id="${this.uid}-reason">
        ${t(messages, locale, 'nba.why')} ${localized(action.reason, locale)}
      </p>
      <div class="actions" part="actions">
        ${cta}
        <button type="button" part="snooze" @click=${() => this.answer('snoozed')}>${t(messages, locale, 'nba.snooze')}</button>
        <button type="button" part="dismiss" @click=${() => this.answer('dismissed')}>${t(messages, locale, 'nba.dismiss')}</button>
      </div>
    </section>`;
  }
}
