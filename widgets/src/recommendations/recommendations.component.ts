// Long because: the coordinator of seven controllers (client, display, impressions, explanation, carousel, scroll
// region, loader) and the attributes partners set, with their docs (the manifest reads them); each job is its own module.
import { html, nothing, type PropertyValues } from 'lit';
import '../recommendation-card/recommendation-card.ts';
import type { CardMedia } from '../recommendation-card/recommendation-card.templates.ts';
import type { FeedbackDetail, RecommendationClickDetail } from '../recommendation-card/recommendation-events.ts';
import { ClientController } from '../shared/client-controller.ts';
import { surfaceButtonStyles } from '../shared/controls.styles.ts';
import { DisplayController } from '../shared/display.ts';
import { isFocusWithin } from '../shared/focus.ts';
import { dirOf, type Locale } from '../shared/i18n.ts';
import { MbElement } from '../shared/mb-element.ts';
import { translate, widgetAddress, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { focusAfterRemoval, removeWithGlide } from './card-removal.ts';
import { CarouselNav, reducedMotion } from './carousel.ts';
import { ExplanationDialog } from './explanation-dialog.ts';
import { Impressions } from './impressions.ts';
import { type ListActions, type ListState, renderContent, renderSkeletons, renderTop, type Say } from './list-view.ts';
import { RecommendationsLoader } from './loader.ts';
import { messages } from './recommendations.messages.ts';
import { styles } from './recommendations.styles.ts';
import {
  isRecommendationsClient,
  type RecommendationItem,
  type RecommendationsClientLike,
  type RecommendationsResult,
  sendCardFeedback,
  trackCardClick,
} from './recommendations-client.ts';
import { ScrollRegion } from './scroll-region.ts';

export type RecommendationsLayout = 'list' | 'carousel';

let ids = 0;

/**
 * Recommendations for a placement (`slot-id`), as a list or a carousel of `<mb-recommendation-card>`s, from
 * `client.recommendations.get({ slot, limit, context: { audience, region }, locale })`.
 *
 * States: skeleton cards while loading (same size as cards: nothing jumps when they arrive), empty, error (with
 * "Try again"), offline / fallback (the SDK's on-device ranking, with a notice). A line says whether the list is
 * personalized and why not (with the privacy settings), and "How recommendations work" opens a dialog with the
 * server's statement (`client.recommendations.explanation(locale)`).
 *
 * Narrower than 29em (a container query: a phone, a dashboard column) the list is one row that scrolls sideways, the
 * next card peeking in; still a list named by the heading, a tab stop while it scrolls (scroll-region.ts).
 *
 * The carousel is a WAI-ARIA APG carousel: slides are a roving tab stop (←/→, Home/End; the controls of other
 * slides leave the Tab order), plus previous/next buttons. "Not interested" sends the feedback and removes the card:
 * it fades, then the others glide into place (no jump; instant with reduced motion) and focus moves to the next card.
 *
 * Attribution: an item counts as seen when ≥ 50 % of it is visible for `impression-delay` ms (default 1,000,
 * IntersectionObserver); `Product List Viewed` is sent once per response with the items seen (when all were seen,
 * `impressionWindow` ms after the first, or when the list goes away). `Product Clicked` on a card's link.
 * Both go through `client.track` (the consent gate applies) with the response's request id.
 *
 * @slot heading - Replaces the heading text ("Recommended for you").
 *
 * @event mb-feedback - From a card (bubbles through): `{ itemId, requestId, kind }`; the list sends it to the client.
 * @event mb-recommendation-click - From a card (bubbles through): `{ item, requestId, position }`.
 * @event mb-explanation-open - "How recommendations work" (here or in a card): `{ itemId? }`; the list opens its dialog.
 * @event mb-privacy-open - "Privacy settings" (no detail): an `<mb-privacy-center listen>` opens.
 *
 * @csspart base - The section.
 * @csspart header - Heading row (with the carousel buttons); @csspart heading - the heading.
 * @csspart basis - "Personalized / not personalized" line; @csspart privacy - its privacy settings button;
 *   @csspart how - "How recommendations work".
 * @csspart notice - Offline / fallback notice.
 * @csspart list - The cards' container (grid or scroller); @csspart item - one slot (list item or slide).
 * @csspart card - Each `<mb-recommendation-card>` (its own parts are reachable through it with `::part` on the card).
 * @csspart skeleton - A loading placeholder.
 * @csspart state - Empty / error message; @csspart retry - "Try again".
 * @csspart previous, @csspart next - Carousel buttons.
 * @csspart dialog - "How recommendations work" dialog; @csspart dialog-title, @csspart close - its heading and close.
 *
 * @cssproperty --mb-recommendations-gap - Space between cards (default `--mb-space-m`).
 * @cssproperty --mb-recommendations-card-min-width - Narrowest card in the list layout (default `14em`).
 * @cssproperty --mb-recommendations-slide-width - Card width in a row that scrolls (the carousel; the list in a narrow container), default `min(18em, 85%)`.
 * @cssproperty --mb-recommendations-item-min-height - Height reserved per card and skeleton (default `0`).
 * @cssproperty --mb-recommendations-heading-size - Heading font size (default `--mb-font-size-l`).
 */
export class MbRecommendations extends MbElement {
  static override styles = [tokens, baseStyles, surfaceButtonStyles, styles];

  static override properties = {
    client: { attribute: false },
    slotId: { type: String, attribute: 'slot-id', reflect: true },
    limit: { type: Number, reflect: true },
    layout: { type: String, reflect: true },
    cardMedia: { type: String, attribute: 'card-media', reflect: true },
    audience: { type: String, reflect: true },
    region: { type: String },
    impressionDelay: { type: Number, attribute: 'impression-delay' },
    impressionWindow: { attribute: false },
    theme: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    result: { state: true },
    items: { state: true },
    loading: { state: true },
    active: { state: true },
    announcement: { state: true },
  };

  /** The matbakh client with the recommendations plugin. Unset: `window.matbakh.client`. */
  declare client: RecommendationsClientLike | undefined;
  /** Placement name sent as `slot` (default `home`). */
  declare slotId: string;
  /** How many cards (1–50, default 6). */
  declare limit: number;
  /** `list` (default, a responsive grid) or `carousel`. */
  declare layout: RecommendationsLayout;
  /** The cards' `media`: `thumbnail` (default: a card as tall as its skeleton, with or without image) or `cover`. */
  declare cardMedia: CardMedia;
  /** `guest` (dishes, restaurants; default) or `owner` (features and services). */
  declare audience: 'guest' | 'owner';
  /** The visitor's region, sent as context. */
  declare region: string | undefined;
  /** Milliseconds an item must be ≥ 50 % visible to count as seen (default 1,000). */
  declare impressionDelay: number;
  /** Milliseconds after the first seen item until `Product List Viewed` is sent (default 5,000). */
  declare impressionWindow: number;
  declare theme: Theme | undefined;
  declare lang: string;

  declare private result: RecommendationsResult | undefined;
  /** What is shown: the result's items minus the ones removed here. */
  declare private items: RecommendationItem[];
  declare private loading: boolean;
  /** Carousel: index of the slide that is the tab stop. */
  declare private active: number;
  declare private announcement: string;

  private readonly uid = `mb-recs-${++ids}`;
  /** Follows the visitor's theme and language preferences. */
  protected readonly display = new DisplayController(this);
  private readonly connection = new ClientController<RecommendationsClientLike>(this, {
    accept: isRecommendationsClient,
    // A consent decision can change what the server may use: the list then asks again (see willUpdate).
    stores: (client) => {
      const consent = client.consent;
      return typeof consent?.onChange === 'function' ? [{ listen: (cb: () => void) => consent.onChange(cb) }] : [];
    },
    onClient: () => void this.load(),
  });
  private readonly impressions = new Impressions(this, {
    delay: () => this.impressionDelay,
    window: () => this.impressionWindow,
    items: () => this.items,
    send: (seen) => {
      const result = this.result;
      if (!result) return;
      const items = result.items.filter((item) => seen.has(item.id));
      this.connection.client?.recommendations.trackListViewed(result, items);
    },
  });
  private readonly explanation = new ExplanationDialog(this, {
    available: () => this.connection.client !== undefined,
    load: () => (this.connection.client as RecommendationsClientLike).recommendations.explanation(this.locale),
    privacy: () => this.onPrivacy(),
  });
  private readonly carousel = new CarouselNav({
    root: () => this.renderRoot,
    count: () => this.items.length,
    active: () => this.active,
    setActive: (index) => {
      this.active = index;
    },
  });
  protected readonly scrollRegion = new ScrollRegion(this, () =>
    this.renderRoot.querySelector<HTMLElement>('ul[part~="list"]'),
  );
  private readonly loader = new RecommendationsLoader(this, {
    client: () => this.connection.client,
    query: () => ({
      slotId: this.slotId,
      limit: this.limit,
      audience: this.audience,
      region: this.region,
      locale: this.locale,
    }),
    loading: (on) => {
      if (on) this.impressions.flush();
      this.loading = on;
    },
    show: (result) => {
      this.impressions.restart();
      this.result = result;
      this.items = [...(result.items ?? [])];
      this.active = 0;
    },
    shown: () => ({ requestId: this.result?.requestId, items: this.items, loading: this.loading }),
  });

  constructor() {
    super();
    this.slotId = 'home';
    this.limit = 6;
    this.layout = 'list';
    this.cardMedia = 'thumbnail';
    this.audience = 'guest';
    this.impressionDelay = 1000;
    this.impressionWindow = 5000;
    this.items = [];
    this.loading = true;
    this.active = 0;
    this.announcement = '';
  }

  /** Asks the client again (what "Try again" does). Resolves when the answer is shown. */
  load(): Promise<void> {
    return this.loader.load();
  }

  private get locale(): Locale {
    return widgetLocale(this, this.lang);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const reload = ['slotId', 'limit', 'audience', 'region', 'lang'] as const;
    // Also when the locale changed (reasons are server texts in it) or the profiling consent flipped.
    if (this.hasUpdated && (this.loader.stale(this.locale) || reload.some((key) => changed.has(key)))) void this.load();
    if (this.active >= this.items.length) this.active = Math.max(0, this.items.length - 1);
  }

  // ---- rendering ---------------------------------------------------------------------------------------------

  override render() {
    const locale = this.locale;
    const state: ListState = {
      uid: this.uid,
      layout: this.layout === 'carousel' ? 'carousel' : 'list',
      audience: this.audience,
      limit: this.limit,
      cardMedia: this.cardMedia === 'cover' ? 'cover' : 'thumbnail',
      theme: this.theme,
      locale,
      address: widgetAddress(this, locale),
      items: this.items,
      active: this.active,
    };
    const say: Say = (key, params) => translate(messages, locale, key, params, undefined, state.address);
    const carousel = this.layout === 'carousel';
    const result = this.result;
    // Skeletons only before the first answer: a reload (consent given, language changed) keeps what is shown
    // until the next answer replaces it, so nothing collapses and grows again in between.
    const skeleton = this.loading && !result?.items.length;
    return html`<section
      part="base"
      class="base ${carousel ? 'carousel' : 'list'}"
      aria-labelledby="${this.uid}-heading"
      aria-roledescription=${carousel ? 'carousel' : nothing}
      lang=${locale}
      dir=${dirOf(locale)}
      @mb-feedback=${this.onCardFeedback}
      @mb-recommendation-click=${this.onCardClick}
      @mb-explanation-open=${this.onCardExplanation}
    >
      ${renderTop(state, result, skeleton, say, this.actions)}
      ${skeleton ? renderSkeletons(state) : renderContent(state, result, say, this.actions)}
      <p class="visually-hidden" role="status">${this.loading ? say('loading') : this.announcement}</p>
      ${this.explanation.render(this.uid, say)}
    </section>`;
  }

  // ---- interaction -------------------------------------------------------------------------------------------

  private readonly actions: ListActions = {
    privacy: () => this.onPrivacy(),
    how: () => {
      this.emit('mb-explanation-open', {});
      this.explanation.open();
    },
    retry: () => void this.load(),
    activate: (index) => this.carousel.activate(index, false),
    carouselKeydown: (event) => this.carousel.onKeydown(event),
  };

  /** The cards' events (they bubble on to the page): feedback goes to the client, a click is tracked. */
  private readonly onCardFeedback = (event: CustomEvent<FeedbackDetail>) => void this.onFeedback(event);
  private readonly onCardClick = (event: CustomEvent<RecommendationClickDetail>) =>
    trackCardClick(this.connection.client, this.result, event.detail.item);
  /** A card's "why this?": the card's event goes on to the page; the list answers it with its dialog. */
  private readonly onCardExplanation = () => this.explanation.open();

  private async onFeedback({ detail }: CustomEvent<FeedbackDetail>): Promise<void> {
    sendCardFeedback(this.connection.client, detail);
    if (detail.kind === 'not_interested') await this.removeItem(detail.itemId);
  }

  /** Fades the card out, then lets the others glide into place (FLIP), and keeps focus in the list. */
  private async removeItem(itemId: string): Promise<void> {
    const index = this.items.findIndex((item) => item.id === itemId);
    if (index < 0) return;
    const element = this.renderRoot.querySelector<HTMLElement>(`[data-item="${CSS.escape(itemId)}"]`);
    const hadFocus = isFocusWithin(element);
    await removeWithGlide(this.renderRoot, element, !reducedMotion(), async () => {
      const removed = this.items[index]!;
      this.items = this.items.filter((item) => item.id !== itemId);
      const locale = this.locale;
      const address = widgetAddress(this, locale);
      this.announcement = translate(messages, locale, 'removed', { title: removed.title }, undefined, address);
      if (this.active > index) this.active--;
      await this.updateComplete;
    });
    if (hadFocus) {
      focusAfterRemoval(this.renderRoot, Math.min(index, this.items.length - 1), this.layout === 'carousel', (at) =>
        this.carousel.activate(at, true),
      );
    }
  }

  private readonly onPrivacy = () => this.emit('mb-privacy-open', null);
}
