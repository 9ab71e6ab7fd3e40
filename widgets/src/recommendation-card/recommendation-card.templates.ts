import type { RecommendationItem } from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
import type { CardMessage } from './recommendation-card.messages.ts';
import { safeUrl } from './recommendation-events.ts';

/**
 * How a card shows its picture: `cover`, a box of fixed aspect ratio above the text; `thumbnail`, a small square
 * beside the title, as tall as the title's lines or less, so a card is as tall with a picture as without one.
 */
export type CardMedia = 'cover' | 'thumbnail';

/** The first letter of `title` in `locale`'s capitals (a whole code point: never half an emoji). */
export const initialOf = (title: string, locale: string) =>
  (Array.from(title.trim())[0] ?? '').toLocaleUpperCase(locale);

/**
 * The image, with the dish's initial on a tinted tile beneath it (seen while it loads and if it fails); the tile
 * alone for a dish without image (`placeholder`); nothing for a feature without image. Decoration only.
 */
export function renderMedia(item: RecommendationItem, locale: string): TemplateResult | typeof nothing {
  const image = item.image && safeUrl(item.image.url) ? item.image : undefined;
  if (!image && item.kind === 'feature') return nothing;
  const initial = html`<span part="initial" class="initial" aria-hidden="true">${initialOf(String(item.title ?? ''), locale)}</span>`;
  return image
    ? html`<div part="media" class="media">
          ${initial}
          <img
            part="image"
            src=${safeUrl(image.url)!}
            width=${Number(image.width) || nothing}
            height=${Number(image.height) || nothing}
            alt=${String(image.alt ?? '')}
            loading="lazy"
            decoding="async"
            @load=${onImageLoad}
          />
        </div>`
    : html`<div part="media placeholder" class="media tile" aria-hidden="true">${initial}</div>`;
}

/** A loaded image covers its tile: the initial goes (a cut-out photo's transparent parts show the tint only). */
function onImageLoad(event: Event): void {
  (event.target as HTMLElement).parentElement?.classList.add('loaded');
}

/** The card's slots with bars in place of text (hidden from assistive technology: the list says it is loading). */
export function renderPlaceholder(kind: 'dish' | 'feature', media: CardMedia): TemplateResult {
  const bar = (width: string) => html`<span class="bone" style="inline-size:${width}"></span>`;
  // A dish always has its picture's box; a feature's thumbnail never adds height, so its placeholder has none.
  const box = kind === 'feature' ? nothing : html`<div part="media placeholder" class="media bone"></div>`;
  return html`<article part="base" class="card placeholder ${media} ${kind === 'feature' ? 'feature' : ''}" aria-hidden="true">
    ${media === 'cover' ? box : nothing}
    <div part="body" class="body">
      <div class="head">
        ${media === 'thumbnail' ? box : nothing}
        <div class="headline">
          <div class="title">${bar('80%')}</div>
          <p class="subtitle">${bar('60%')}</p>
          <p class="price">${bar('30%')}</p>
        </div>
      </div>
      <div class="tags"><span class="bone tag-bone"></span></div>
      <p class="reason">${bar('90%')}</p>
      <div class="actions">
        <span class="bone why-bone"></span><span class="bone feedback-bone"></span><span class="bone feedback-bone"></span>
      </div>
      <p class="status"> </p>
    </div>
  </article>`;
}

/** The tags as a list; an empty row when there are none, so cards in a row keep their lines aligned. */
export function renderTags(tags: string[]): TemplateResult {
  return tags.length
    ? html`<ul part="tags" class="tags">
        ${tags.map((tag) => html`<li part="tag" class="tag">${tag}</li>`)}
      </ul>`
    : html`<div class="tags"></div>`;
}

/** What the card's controls do (the card owns open/close, feedback and focus). */
export interface CardActionHandlers {
  why: () => void;
  keydown: (event: KeyboardEvent) => void;
  focusout: () => void;
  close: () => void;
  how: () => void;
  privacy: () => void;
  feedback: (kind: 'not_interested' | 'more_like_this') => void;
}

/** The card's state its controls show. */
interface ActionState {
  uid: string;
  open: boolean;
  given: 'not_interested' | 'more_like_this' | undefined;
  /** `-1` on a carousel's cards that are not current. */
  tab: '-1' | typeof nothing;
}

/** "Why this?" with its popover, and the two feedback buttons. */
export function renderActions(
  { uid, open, given, tab }: ActionState,
  reasons: RecommendationItem['reasons'],
  say: (key: CardMessage) => string,
  on: CardActionHandlers,
): TemplateResult {
  return html`<div part="actions" class="actions">
          <button
            part="why"
            class="why"
            type="button"
            tabindex=${tab}
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls="${uid}-why"
            aria-describedby="${uid}-title"
            @click=${on.why}
            @keydown=${on.keydown}
          >
            ${say('why')}
          </button>
          ${renderWhyPopover(uid, open, reasons, say, on)}
          <span class="spacer"></span>
          <button
            part="feedback not-interested"
            class="feedback"
            type="button"
            tabindex=${tab}
            aria-describedby="${uid}-title"
            ?disabled=${given === 'not_interested'}
            @click=${() => on.feedback('not_interested')}
          >
            ${say('notInterested')}
          </button>
          <button
            part="feedback more-like-this"
            class="feedback"
            type="button"
            tabindex=${tab}
            aria-describedby="${uid}-title"
            aria-pressed=${given === 'more_like_this' ? 'true' : 'false'}
            @click=${() => on.feedback('more_like_this')}
          >
            ${say('moreLikeThis')}
          </button>
        </div>`;
}

/** The "Why this?" popover: the reasons, "How recommendations work" and the privacy link. */
function renderWhyPopover(
  uid: string,
  open: boolean,
  reasons: RecommendationItem['reasons'],
  say: (key: CardMessage) => string,
  on: CardActionHandlers,
): TemplateResult {
  return html`<div
      part="popover"
      class="popover"
      id="${uid}-why"
      role="dialog"
      aria-labelledby="${uid}-why-title"
      tabindex="-1"
      ?hidden=${!open}
      @keydown=${on.keydown}
      @focusout=${on.focusout}
    >
      <span part="arrow" class="arrow" aria-hidden="true"></span>
      <div class="popover-head">
        <h4 part="popover-title" class="popover-title" id="${uid}-why-title">${say('popoverTitle')}</h4>
        <button part="close" class="close" type="button" aria-label=${say('close')} @click=${on.close}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <ul part="reasons" class="reasons">
        ${reasons.map((reason) => html`<li>${reason.text}</li>`)}
      </ul>
      <p class="links">
        <button part="how" class="link" type="button" @click=${on.how}>${say('howItWorks')}</button>
        <button part="privacy" class="link" type="button" @click=${on.privacy}>${say('privacy')}</button>
      </p>
    </div>`;
}
