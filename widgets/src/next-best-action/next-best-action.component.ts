import { html, nothing, type PropertyValues } from 'lit';
import { ClientController } from '../shared/client-controller.ts';
import { restoreFocus } from '../shared/focus.ts';
import { t } from '../shared/i18n.ts';
import { MbElement } from '../shared/mb-element.ts';
import { Anchoring, card, cardProperties } from '../shared/popover-card.ts';
import { localized, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { type ActionsClientLike, type ActionView, isActionsClient, safeUrl } from './actions-client.ts';
import { messages } from './next-best-action.messages.ts';
import { styles } from './next-best-action.styles.ts';

const EVENTS = { accepted: 'mb-action-accept', dismissed: 'mb-action-dismiss', snoozed: 'mb-action-snooze' } as const;

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
export class MbNextBestAction extends MbElement {
  static override styles = [tokens, baseStyles, styles];

  static override properties = {
    ...cardProperties,
    placement: { type: String, reflect: true },
    anchor: { type: String, reflect: true },
    snoozeHours: { type: Number, attribute: 'snooze-hours' },
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

  private shown: string | undefined;
  private readonly anchoring = new Anchoring(this);
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

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.get('placement') !== undefined) this.current = null;
    // Keep what is on screen until the visitor answers: caps may change right after it was shown.
    this.current ??= this.connection.client?.actions.$next(this.placement).get() ?? null;
  }

  protected override updated(): void {
    const id = this.current?.id;
    if (id && this.shown !== id) {
      this.shown = id;
      this.connection.client?.actions.record(id, 'shown');
    }
    this.anchoring.follow(this.renderRoot.querySelector('.popover'), this.target());
  }

  /** The anchor element, when `anchor` names one (in our root, else the document); else inline. */
  private target(): Element | null {
    try {
      return this.anchor
        ? ((this.getRootNode() as ParentNode).querySelector(this.anchor) ?? document.querySelector(this.anchor))
        : null;
    } catch {
      return null; // an invalid selector: inline
    }
  }

  private answer(outcome: keyof typeof EVENTS): void {
    const action = this.current;
    if (!action) return;
    const focusInside = this.shadowRoot?.activeElement;
    const anchor = this.target();
    this.connection.client?.actions.record(
      action.id,
      outcome,
      outcome === 'snoozed' ? { snoozeHours: this.snoozeHours } : undefined,
    );
    this.emit(EVENTS[outcome], { actionId: action.id, placement: this.placement });
    this.current = null;
    // Focus stays with the widget (its next action) or goes back to the anchor; never lost on the page.
    if (focusInside && outcome !== 'accepted') {
      void this.updateComplete.then(() =>
        restoreFocus(this.renderRoot.querySelector<HTMLElement>('.primary, button') ?? (anchor as HTMLElement | null)),
      );
    }
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.anchoring.active) {
      event.stopPropagation();
      this.answer('snoozed');
    }
  }

  override render() {
    const action = this.current;
    this.toggleAttribute('hidden', !action);
    if (!action) return nothing;
    const locale = widgetLocale(this, this.lang);
    const text = (key: keyof typeof messages.de) => t(messages, locale, key);
    const url = safeUrl(action.cta?.url);
    const label = action.cta && localized(action.cta.label, locale);
    const on = (outcome: keyof typeof EVENTS) => () => this.answer(outcome);
    return card(
      this.target() !== null,
      locale,
      'body reason',
      this.onKeydown,
      html`<h2 part="title" id="title">${localized(action.title, locale)}</h2><p part="body" id="body">${localized(action.body, locale)}</p><p class="muted" part="reason" id="reason">${text('why')} ${localized(action.reason, locale)}</p><div class="actions" part="actions">${
        !action.cta
          ? nothing
          : url
            ? html`<a class="primary" part="cta" href=${url} target="_blank" rel="noopener noreferrer" @click=${on('accepted')}>${label}<span class="visually-hidden"> ${text('tab')}</span></a>`
            : html`<button class="primary" part="cta" @click=${on('accepted')}>${label}</button>`
      }<button part="snooze" @click=${on('snoozed')}>${text('later')}</button><button part="dismiss" @click=${on('dismissed')}>${text('never')}</button></div>`,
      action.kind,
    );
  }
}
