import type { Address, RecommendationItem } from '@matbakh/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { surfaceButtonStyles } from '../shared/controls.styles.ts';
import { DisplayController } from '../shared/display.ts';
import { deepActiveElement } from '../shared/focus.ts';
import { dirOf, isLocale, type Locale, type MessageParams } from '../shared/i18n.ts';
import { MbElement } from '../shared/mb-element.ts';
import { translate, widgetAddress, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { type CardMessage, messages } from './recommendation-card.messages.ts';
import { styles } from './recommendation-card.styles.ts';
import {
  type CardActionHandlers,
  type CardMedia,
  renderActions,
  renderMedia,
  renderPlaceholder,
  renderTags,
} from './recommendation-card.templates.ts';
import { formatPrice, safeUrl } from './recommendation-events.ts';
import { WhyPopover } from './why-popover.ts';

let ids = 0;

/**
 * One recommendation: image (explicit size, lazy), title (a link when the item has an http(s) URL), where it is
 * from, price, tags and the first reason. "Why this?" opens a popover (a non-modal dialog, WAI-ARIA APG) next to
 * the button — positioned with floating-ui: flipped and shifted to stay in the viewport, following scroll and
 * resize — listing every reason in plain language, with "How recommendations work" and the privacy settings.
 * Escape, a click outside or Tab past its end closes it; focus returns to the button (Escape, close button).
 *
 * Everything from the server is rendered as text; a URL that is not http(s) (`javascript:` …) renders no link.
 * The card emits events and calls nothing: `<mb-recommendations>` (or the page) sends feedback and tracks.
 *
 * @event mb-recommendation-click - The visitor followed the card's link: `{ item, requestId, position }`.
 * @event mb-feedback - "Not interested" / "More like this": `{ itemId, requestId, kind }`, once per card and kind.
 * @event mb-explanation-open - "How recommendations work" in the popover: `{ itemId }`.
 * @event mb-privacy-open - "Privacy settings" in the popover (no detail): an `<mb-privacy-center listen>` opens.
 *
 * @csspart base - The card (`article`).
 * @csspart media - The picture's box (reserves its space before the image loads): above the text (`cover`) or
 *   beside the title (`thumbnail`); the dish's initial shows on its tinted tile until the image is there.
 * @csspart image - The image.
 * @csspart placeholder - The tile with the initial of a dish without image (decorative, hidden from assistive
 *   technology), in place of the image.
 * @csspart initial - The dish's initial on its tile.
 * @csspart body - Everything below the cover (or the whole card with a thumbnail).
 * @csspart title - The heading.
 * @csspart link - The title's link (only for http(s) URLs).
 * @csspart subtitle - Where it is from (restaurant) or the item's subtitle.
 * @csspart price - The price.
 * @csspart tags - The tag list; @csspart tag - One tag.
 * @csspart reason - The first reason line.
 * @csspart actions - The row of buttons.
 * @csspart why - "Why this?".
 * @csspart feedback - Both feedback buttons; @csspart not-interested, @csspart more-like-this - each.
 * @csspart status - The confirmation after feedback (a polite live region).
 * @csspart popover - The explanation popover; @csspart arrow - its arrow; @csspart popover-title - its heading.
 * @csspart reasons - The list of reasons in the popover.
 * @csspart how - "How recommendations work"; @csspart privacy - "Privacy settings"; @csspart close - close.
 *
 * @cssproperty --mb-recommendation-card-surface - Background (default `--mb-color-surface`).
 * @cssproperty --mb-recommendation-card-border - Border colour (default `--mb-color-border`).
 * @cssproperty --mb-recommendation-card-radius - Corner radius (default `--mb-radius-m`).
 * @cssproperty --mb-recommendation-card-shadow - Shadow (default `--mb-shadow-s`).
 * @cssproperty --mb-recommendation-card-padding - Inner padding (default `--mb-space-s`).
 * @cssproperty --mb-recommendation-card-media-ratio - Image box aspect ratio with `media="cover"` (default `4 / 3`).
 * @cssproperty --mb-recommendation-card-thumbnail-size - Side of the square with `media="thumbnail"` (default `4em`).
 * @cssproperty --mb-recommendation-card-tile - Background of a dish's initial tile (default: primary tinted 14 %
 *   into the surface); its letter is `--mb-color-primary`.
 * @cssproperty --mb-recommendation-card-popover-width - Widest popover (default `20em`).
 * @cssproperty --mb-recommendation-card-z-index - Stacking level of the popover (default `1000`).
 */
export class MbRecommendationCard extends MbElement {
  static override styles = [tokens, baseStyles, surfaceButtonStyles, styles];

  static override properties = {
    item: { attribute: false },
    requestId: { type: String, attribute: 'request-id' },
    position: { type: Number },
    locale: { type: String },
    address: { attribute: false },
    placeholder: { type: String },
    media: { type: String, reflect: true },
    inactive: { type: Boolean, reflect: true },
    theme: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    open: { state: true },
    given: { state: true },
  };

  /** The recommendation (`RecommendationItem` of `@matbakh/contract`). Unset: the card renders nothing. */
  declare item: RecommendationItem | undefined;
  /** The response's request id, passed back in events for attribution. */
  declare requestId: string;
  /** 1-based position in its list, passed back in `mb-recommendation-click`. */
  declare position: number;
  /** Locale of the card's own texts and the price (`de`, `en`, `ar`); unset: `lang`, the page's, the browser's. */
  declare locale: string | undefined;
  /** Form of address of the card's texts, set by `<mb-recommendations>`; unset: the tenant's (see `widgetAddress`). */
  declare address: Address | undefined;
  /**
   * `dish` or `feature`: without an `item`, draw the card's boxes and line slots as a loading placeholder, exactly
   * as tall as a card of that kind (every text has a fixed number of lines), so nothing moves when it arrives.
   */
  declare placeholder: 'dish' | 'feature' | undefined;
  /**
   * `cover` (default): the picture in a box of fixed aspect ratio above the text. `thumbnail`: a small square beside
   * the title, no taller than its lines: a card is as tall with a picture as without (what `<mb-recommendations>`
   * uses). A dish without image shows its initial on a tinted tile in that box; a feature without image shows none.
   */
  declare media: CardMedia;
  /** Set by a carousel on the cards that are not current: their controls leave the Tab order. */
  declare inactive: boolean;
  declare theme: Theme | undefined;
  declare lang: string;
  /** The "Why this?" popover is open. */
  declare private open: boolean;
  /** Feedback the visitor gave on this card. */
  declare private given: 'not_interested' | 'more_like_this' | undefined;

  private readonly uid = `mb-rc-${++ids}`;
  /** Follows the visitor's theme and language preferences. */
  protected readonly display = new DisplayController(this);
  private readonly why = new WhyPopover(this, () => this.hide(false));

  constructor() {
    super();
    this.requestId = '';
    this.position = 0;
    this.inactive = false;
    this.open = false;
    this.media = 'cover';
  }

  /** Opens the "Why this?" popover (as the button does; no event). */
  show(): void {
    this.why.focusOnOpen = true;
    this.open = true;
  }

  /** Focuses the card's first control (its link, else "Why this?"). */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('[part~="link"], [part~="why"]')?.focus(options);
  }

  /** Closes the popover; `returnFocus`: focus goes back to the "Why this?" button. */
  hide(returnFocus = false): void {
    if (!this.open) return;
    this.open = false;
    if (returnFocus) this.whyButton?.focus();
  }

  private get whyButton(): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>('[part~="why"]');
  }

  private get currentLocale(): Locale {
    return isLocale(this.locale) ? this.locale : widgetLocale(this, this.lang);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another item in the same element: a fresh card.
    if (changed.has('item') && changed.get('item') !== undefined) {
      this.open = false;
      this.given = undefined;
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('open')) this.why.sync(this.open);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.why.release();
    this.open = false;
  }

  override render() {
    const item = this.item;
    const layout: CardMedia = this.media === 'thumbnail' ? 'thumbnail' : 'cover';
    if (!item) return this.placeholder ? renderPlaceholder(this.placeholder, layout) : nothing;
    const locale = this.currentLocale;
    const address = this.address ?? widgetAddress(this, locale);
    const say = (key: CardMessage, params?: MessageParams) =>
      translate(messages, locale, key, params, undefined, address);
    const url = safeUrl(item.url);
    const from = item.restaurantName ? say('from', { name: item.restaurantName }) : item.subtitle;
    const price = formatPrice(item.price, locale);
    // Texts as given: `<mb-recommendations>` hands its cards reasons and tags in the page's language (localize-item.ts).
    const reasons = Array.isArray(item.reasons) ? item.reasons.filter((r) => typeof r?.text === 'string') : [];
    const tags = Array.isArray(item.tags) ? item.tags.filter((t) => typeof t === 'string') : [];
    const tab = this.inactive ? '-1' : nothing;
    const title = String(item.title ?? '');
    const media = renderMedia(item, locale);
    return html`<article
      part="base"
      class="card ${layout} ${item.kind === 'feature' ? 'feature' : ''}"
      aria-labelledby="${this.uid}-title"
      lang=${locale}
      dir=${dirOf(locale)}
    >
      ${layout === 'cover' ? media : nothing}
      <div part="body" class="body">
        <div class="head">
          ${layout === 'thumbnail' ? media : nothing}
          <div class="headline">
            <h3 part="title" class="title" id="${this.uid}-title">
              ${url ? html`<a part="link" href=${url} tabindex=${tab} @click=${this.onLinkClick}>${title}</a>` : title}
            </h3>
            ${from ? html`<p part="subtitle" class="subtitle" dir="auto">${from}</p>` : html`<p class="subtitle"></p>`}
            ${price ? html`<p part="price" class="price">${price}</p>` : html`<p class="price"></p>`}
          </div>
        </div>
        ${renderTags(tags)}
        ${reasons[0] ? html`<p part="reason" class="reason">${reasons[0].text}</p>` : html`<p class="reason"></p>`}
        ${renderActions({ uid: this.uid, open: this.open, given: this.given, tab }, reasons, say, this.actions)}
        <p part="status" class="status" role="status">
          ${this.given === 'more_like_this' ? say('thanks') : this.given === 'not_interested' ? say('hidden') : ''}
        </p>
      </div>
    </article>`;
  }

  /** What the card's controls do (the card keeps whether the popover is open, and focus). */
  private readonly actions: CardActionHandlers = {
    why: () => (this.open ? this.hide(true) : this.show()),
    keydown: (event) => this.onPopoverKeydown(event),
    focusout: () => this.onPopoverFocusout(),
    close: () => this.hide(true),
    how: () => this.onHow(),
    privacy: () => this.onPrivacy(),
    feedback: (kind) => this.onFeedback(kind),
  };

  private readonly onPopoverKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.open) return;
    event.preventDefault();
    event.stopPropagation();
    this.hide(true);
  };

  private readonly onPopoverFocusout = () => {
    // Where focus went is known only after the event (relatedTarget is null for some keyboard moves).
    setTimeout(() => {
      const active = deepActiveElement();
      const popover = this.renderRoot.querySelector('[part~="popover"]');
      // Tab past the end (or Shift+Tab out): a non-modal popover closes without taking focus back.
      if (this.open && active && active !== this.whyButton && !popover?.contains(active)) this.hide(false);
    });
  };

  private onLinkClick(): void {
    const item = this.item;
    if (!item) return;
    this.emit('mb-recommendation-click', { item, requestId: this.requestId ?? '', position: this.position ?? 0 });
  }

  private onFeedback(kind: 'not_interested' | 'more_like_this'): void {
    const item = this.item;
    if (!item || this.given === kind) return;
    this.given = kind;
    this.emit('mb-feedback', { itemId: item.id, requestId: this.requestId ?? '', kind });
  }

  private readonly onHow = () => {
    const itemId = this.item?.id;
    this.hide(false);
    this.whyButton?.focus();
    this.emit('mb-explanation-open', itemId ? { itemId } : {});
  };

  private readonly onPrivacy = () => {
    this.hide(false);
    this.whyButton?.focus();
    this.emit('mb-privacy-open', null);
  };

  /** For tests and the list: whether focus is inside this card. */
  get hasFocus(): boolean {
    const active = deepActiveElement();
    return !!active && (active === this || this.renderRoot.contains(active));
  }
}
