import { KPI_EVENTS, type KpiEventName } from '@matbakh/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { afterNextPaint } from '../shared/after-next-paint.ts';
import { ClientController } from '../shared/client-controller.ts';
import { deepActiveElement, restoreFocus } from '../shared/focus.ts';
import { type MessageParams, t } from '../shared/i18n.ts';
import { MbElement } from '../shared/mb-element.ts';
import { autoUpdateLater } from '../shared/popover.ts';
import { Anchoring, card, cardProperties } from '../shared/popover-card.ts';
import { localized, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { trackUsage } from '../shared/usage.ts';
import { keepInView } from './keep-in-view.ts';
import { messages, type TourMessage } from './tour.messages.ts';
import { styles } from './tour.styles.ts';
import { isTourClient, type TourClientLike, type TourStepView, type TourView } from './tour-client.ts';

/**
 * An onboarding tour: the steps of the tenant's tour `tour-id` (from the SDK's `rulesPlugin`, chosen for the
 * visitor's segment: guest or owner, new or returning), one at a time, each a non-modal dialog anchored
 * beside the host element its `anchor` selector names (floating-ui; follows scroll and resize), with a
 * highlight ring drawn around that element by an overlay (the host's element is never restyled). Steps whose
 * anchor is not on the page are skipped and not counted; an anchor outside the viewport is scrolled into view
 * (nearest edge, no smooth scrolling) when its step opens, and kept in view while content above it is still
 * loading, until the visitor scrolls on their own; the popover stays inside the viewport (it may cover part of
 * an anchor taller than the viewport).
 *
 * Focus moves to the step's heading whenever a step opens and returns to where it was when the tour ends.
 * Keyboard: Tab reaches Back / Next / End tour; Enter or Space press them; Escape (focus inside the step)
 * ends the tour like "End tour".
 *
 * Progress is saved through the client on every step change, so a tour resumes where it was left (also on
 * another page); once finished or ended it never shows again. Nothing shows while `featureEnabled('tour')`
 * is false (no `personalization` consent, or tours switched off in the privacy center).
 *
 * @event mb-tour-step - The visitor moved to another step: `{ tourId, stepId, index }` (`index` in the tour's steps).
 * @event mb-tour-complete - The visitor finished the last step: `{ tourId }`.
 * @event mb-tour-dismiss - The visitor ended the tour early (button or Escape): `{ tourId, stepId }`.
 *
 * @csspart base - The step's popover (role=dialog).
 * @csspart arrow - The popover's arrow.
 * @csspart highlight - The ring around the anchor.
 * @csspart progress - "Step 2 of 5".
 * @csspart title - The step's heading.
 * @csspart body - The step's text.
 * @csspart back - Back (disabled on the first step).
 * @csspart next - Next (Done on the last step).
 * @csspart skip - End tour.
 *
 * @cssproperty --mb-tour-surface - Background (default `--mb-color-surface`).
 * @cssproperty --mb-tour-text - Text colour (default `--mb-color-text`).
 * @cssproperty --mb-tour-muted - Progress colour (default `--mb-color-muted`).
 * @cssproperty --mb-tour-border - Border colour (default `--mb-color-border`).
 * @cssproperty --mb-tour-radius - Corner radius (default `--mb-radius-m`).
 * @cssproperty --mb-tour-padding - Inner padding (default `--mb-space-m`).
 * @cssproperty --mb-tour-shadow - Popover shadow (default `--mb-shadow-l`).
 * @cssproperty --mb-tour-width - Widest popover (default `22em`).
 * @cssproperty --mb-tour-z-index - Stacking level of popover and ring.
 * @cssproperty --mb-tour-next-surface - Next button background (default `--mb-color-primary`).
 * @cssproperty --mb-tour-next-text - Next button text (default `--mb-color-on-primary`).
 * @cssproperty --mb-tour-button-radius - Button corner radius (default `--mb-radius-s`).
 * @cssproperty --mb-tour-highlight - Ring colour (default `--mb-color-focus`).
 * @cssproperty --mb-tour-highlight-width - Ring width (default `3px`).
 * @cssproperty --mb-tour-highlight-offset - Gap between anchor and ring (default `4px`).
 * @cssproperty --mb-tour-highlight-shadow - Extra shadow of the ring, e.g. a page dimmer (default none).
 */
export class MbTour extends MbElement {
  static override styles = [tokens, baseStyles, styles];

  static override properties = {
    ...cardProperties,
    tourId: { type: String, attribute: 'tour-id', reflect: true },
    audience: { type: String, reflect: true },
    step: { state: true },
  };

  /** The matbakh client with the rules plugin. Unset: `window.matbakh.client`. */
  declare client: TourClientLike | undefined;
  /** The tour's id in the config, e.g. `guest-welcome`. */
  declare tourId: string | undefined;
  /** Segment role to pick the tour for; unset: the plugin's (the `role` trait, else `guest`). */
  declare audience: 'guest' | 'owner' | undefined;
  declare theme: Theme | undefined;
  declare lang: string;
  /** Index in `tour.steps` of the open step; -1 while closed. */
  declare private step: number;

  private tour: TourView | null = null;
  /** Finished or ended here: not started again until `tourId` or `audience` changes. */
  private over = false;
  private origin: HTMLElement | null = null;
  private focusStep = false;
  /** The tour is about to open (after the next frame). */
  private starting: Promise<void> | undefined;
  private readonly anchoring = new Anchoring(this);
  /** The anchor kept in view while the page settles, and how to stop. */
  private kept: Element | undefined;
  private stopKeeping: (() => void) | undefined;

  private readonly connection = new ClientController<TourClientLike>(this, {
    accept: isTourClient,
    stores: (client) => [client.actions.$state, client.consent?.$view].filter((store) => store !== undefined),
  });

  constructor() {
    super();
    this.step = -1;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tourId') || changed.has('audience')) {
      this.over = false;
      this.step = -1;
    }
    const actions = this.connection.client?.actions;
    if (!actions?.featureEnabled('tour')) {
      this.step = -1; // consent withdrawn or feature off: gone, silently
      return;
    }
    if (this.step >= 0 || this.over || !this.tourId) return;
    const tour = actions.tour(this.tourId, this.audience ? { role: this.audience } : undefined);
    if (!tour) return; // not loaded yet, or not for this segment
    const saved = actions.tourProgress(tour.id);
    if (saved && saved.status !== 'active') {
      this.over = true;
      return;
    }
    this.tour = tour;
    if (this.present().every((index) => index < (saved?.step ?? 0)) || this.starting) return;
    // The tour opens in a task after the next frame: when a decision on the banner unlocked it, that click's frame
    // (the banner gone) comes first, and the tour's first render and placement are not part of answering it.
    this.starting = afterNextPaint().then(() => {
      this.starting = undefined;
      const first = this.present().find((index) => index >= (saved?.step ?? 0));
      if (first === undefined || this.tour !== tour || this.step >= 0 || this.over) return;
      if (!this.connection.client?.actions.featureEnabled('tour')) return;
      this.origin = deepActiveElement();
      this.open(first);
      // A tour resumed from saved progress was started on an earlier page: only a fresh one starts here.
      if (!saved) this.track(KPI_EVENTS.tourStarted, tour, first);
    });
  }

  /** Done once a tour about to open has opened too. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    if (!this.starting) return result;
    await this.starting;
    return this.getUpdateComplete();
  }

  /** Indexes of the steps whose anchor is on the page. */
  private present(): number[] {
    return (this.tour?.steps ?? []).flatMap((step, index) => (anchorOf(step) ? [index] : []));
  }

  private open(index: number): void {
    this.step = index;
    this.focusStep = true;
  }

  /**
   * The open step's anchor is scrolled into view after the step renders and kept there while content above it
   * still loads (else the step would open off-screen, or hidden with its anchor); nothing once the tour closes.
   */
  private keep(anchor: Element | null | undefined): void {
    if (anchor === this.kept) return;
    this.stopKeeping?.();
    this.kept = anchor ?? undefined;
    this.stopKeeping = anchor ? keepInView(anchor, this) : undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.keep(undefined);
  }

  /** `Tour Started` / `Tour Completed` for the KPI report (a dismissed tour is neither). */
  private track(event: KpiEventName, tour: TourView, index: number): void {
    const stepId = tour.steps[index]?.id ?? '';
    trackUsage(this.connection.client, event, { tour_id: tour.id, step_id: stepId, steps: tour.steps.length });
  }

  /** Next (or Done on the last step) and Back: user actions only. */
  private go(delta: 1 | -1): void {
    const tour = this.tour as TourView;
    const list = this.present();
    const target = list[list.indexOf(this.step) + delta];
    if (target === undefined) {
      if (delta > 0) this.end('done');
      return;
    }
    this.open(target);
    this.connection.client?.actions.saveTourProgress(tour.id, { step: target, status: 'active' });
    this.emit('mb-tour-step', { tourId: tour.id, stepId: tour.steps[target]?.id ?? '', index: target });
  }

  private end(status: 'done' | 'dismissed'): void {
    const tour = this.tour as TourView;
    const stepIndex = this.step;
    const stepId = tour.steps[stepIndex]?.id ?? '';
    this.connection.client?.actions.saveTourProgress(tour.id, { step: stepIndex, status });
    this.over = true;
    this.step = -1;
    if (status === 'done') {
      this.emit('mb-tour-complete', { tourId: tour.id });
      this.track(KPI_EVENTS.tourCompleted, tour, stepIndex);
    } else this.emit('mb-tour-dismiss', { tourId: tour.id, stepId });
    void this.updateComplete.then(() => restoreFocus(this.origin));
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.end('dismissed');
  }

  protected override updated(): void {
    const popover = this.renderRoot.querySelector<HTMLElement>('.popover');
    const ring = this.renderRoot.querySelector<HTMLElement>('.ring');
    if (popover && this.focusStep) {
      this.focusStep = false;
      popover.querySelector('h2')?.focus({ preventScroll: true });
    }
    const anchor = popover ? anchorOf(this.tour?.steps[this.step]) : null;
    this.keep(anchor);
    // The ring sits over the anchor: measured against its own box so a transformed containing block works too.
    this.anchoring.follow(ring && popover, anchor, (anchor) =>
      autoUpdateLater(
        anchor,
        ring as HTMLElement,
        () => {
          const a = anchor.getBoundingClientRect();
          const r = (ring as HTMLElement).getBoundingClientRect();
          const s = (ring as HTMLElement).style;
          Object.assign(s, {
            left: `${Number.parseFloat(s.left || '0') + a.left - r.left}px`,
            top: `${Number.parseFloat(s.top || '0') + a.top - r.top}px`,
            width: `${a.width}px`,
            height: `${a.height}px`,
            visibility: popover?.style.visibility,
          });
        },
        { animationFrame: false },
      ),
    );
  }

  override render() {
    const step = this.tour?.steps[this.step];
    this.toggleAttribute('hidden', !step);
    if (!step) return nothing;
    const locale = widgetLocale(this, this.lang);
    const list = this.present();
    const position = list.indexOf(this.step);
    const text = (key: TourMessage, params?: MessageParams) => t(messages, locale, key, params);
    return html`<div class="ring" part="highlight"></div>${card(
      true,
      locale,
      'progress body',
      this.onKeydown,
      html`<p class="muted" part="progress" id="progress">${text('step', { n: position + 1, total: list.length })}</p><h2 part="title" id="title" tabindex="-1">${localized(step.title, locale)}</h2><p part="body" id="body">${localized(step.body, locale)}</p><div class="actions"><button part="skip" @click=${() => this.end('dismissed')}>${text('end')}</button><button part="back" ?disabled=${position < 1} @click=${() => this.go(-1)}>${text('back')}</button><button class="primary" part="next" @click=${() => this.go(1)}>${text(position === list.length - 1 ? 'done' : 'next')}</button></div>`,
    )}`;
  }
}

/** The host element a step points at; null when missing or the selector is invalid (the step is skipped). */
function anchorOf(step: TourStepView | undefined): Element | null {
  try {
    return step ? document.querySelector(step.anchor) : null;
  } catch {
    return null;
  }
}
