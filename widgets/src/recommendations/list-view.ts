import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CardMedia } from '../recommendation-card/recommendation-card.templates.ts';
import type { Address, Locale, MessageParams } from '../shared/i18n.ts';
import type { Theme } from '../shared/tokens.ts';
import { localizeItem } from './localize-item.ts';
import type { RecommendationsMessage } from './recommendations.messages.ts';
import type { RecommendationItem, RecommendationsResult } from './recommendations-client.ts';

export type Say = (key: RecommendationsMessage, params?: MessageParams) => string;

/** What the list's views read: the element's settings and what it shows. */
export interface ListState {
  uid: string;
  layout: 'list' | 'carousel';
  audience: 'guest' | 'owner';
  limit: number;
  /** How the cards show their pictures (a thumbnail by default: a card's height never depends on its image). */
  cardMedia: CardMedia;
  theme: Theme | undefined;
  locale: Locale;
  address: Address;
  /** What is shown: the result's items minus the ones removed here. */
  items: readonly RecommendationItem[];
  /** Carousel: index of the slide that is the tab stop. */
  active: number;
}

/** What the views' controls do (bound once by the element; the cards' events are the element's to handle). */
export interface ListActions {
  privacy(): void;
  how(): void;
  retry(): void;
  activate(index: number): void;
  carouselKeydown(event: KeyboardEvent): void;
}

/**
 * The heading (its `heading` slot), the carousel's buttons and the basis line; while the first answer loads
 * (`skeleton`), an empty basis line keeps its place.
 */
export function renderTop(
  state: ListState,
  result: RecommendationsResult | undefined,
  skeleton: boolean,
  say: Say,
  act: ListActions,
): TemplateResult {
  const carousel = state.layout === 'carousel';
  return html`<div part="header" class="header">
        <h2 part="heading" class="heading" id="${state.uid}-heading">
          <slot name="heading">${say(state.audience === 'owner' ? 'heading.owner' : 'heading.guest')}</slot>
        </h2>
        ${carousel && !skeleton && state.items.length > 1 ? renderCarouselButtons(state, say, act) : nothing}
      </div>
      ${
        skeleton
          ? html`<div part="basis" class="basis" aria-hidden="true"><span class="basis-text"></span><span class="links"></span></div>`
          : renderBasis(state, result, say, act)
      }`;
}

/** "Personalized / not personalized, and why", with the privacy settings and "How recommendations work". */
export function renderBasis(
  state: ListState,
  result: RecommendationsResult | undefined,
  say: Say,
  act: ListActions,
): TemplateResult | typeof nothing {
  if (!result || (!result.items.length && result.error)) return nothing;
  const reason = result.basis?.reason ?? 'not_identified';
  // An owner's list is personalized from their business (setup, feature use), never from a guest's orders.
  const personalized = state.audience === 'owner' ? 'personalized.owner' : 'personalized';
  const text = result.personalized ? say(personalized) : say(`basis.${reason}` as RecommendationsMessage);
  return html`<div part="basis" class="basis">
      <span class="basis-text">${text}</span>
      <span class="links">
        ${
          !result.personalized && reason === 'no_consent'
            ? html`<button part="privacy" class="link" type="button" @click=${act.privacy}>${say('privacy')}</button>`
            : nothing
        }
        <button part="how" class="link" type="button" @click=${act.how}>${say('howItWorks')}</button>
      </span>
    </div>`;
}

/** Placeholders before the first answer: the card itself in its placeholder form, so nothing jumps. */
export function renderSkeletons(state: ListState): TemplateResult {
  const count = Math.max(1, Math.min(Number(state.limit) || 6, state.layout === 'carousel' ? 4 : 6));
  const owner = state.audience === 'owner';
  return html`<div part="list" class="track" aria-busy="true">
      ${Array.from(
        { length: count },
        // The card itself in its placeholder form: the same boxes and line slots, so it is exactly as tall.
        () => html`<div part="item skeleton" class="item skeleton" aria-hidden="true">
          <mb-recommendation-card
            placeholder=${owner ? 'feature' : 'dish'}
            media=${state.cardMedia}
            theme=${state.theme ?? nothing}
          ></mb-recommendation-card>
        </div>`,
      )}
    </div>`;
}

/** The answer: error (with "Try again"), empty, or the cards with an offline / fallback notice. */
export function renderContent(
  state: ListState,
  result: RecommendationsResult | undefined,
  say: Say,
  act: ListActions,
): TemplateResult {
  // The API refused this page or answered nonsense: its setup is wrong, not the visitor's connection, and a retry
  // cannot help. The quiet empty state, never "offline" (debug mode tells the developer the cause).
  if (result?.error && !result.items.length && misconfigured(result.error.code)) {
    return html`<p part="state" class="state empty">${say('empty')}</p>`;
  }
  if (!result || (!result.items.length && result.error)) {
    const offline = result?.error?.code === 'offline';
    return html`<div part="state" class="state error">
        <p>${say(offline ? 'errorOffline' : 'error')}</p>
        <button part="retry" class="retry" type="button" @click=${act.retry}>${say('retry')}</button>
      </div>`;
  }
  if (!state.items.length) return html`<p part="state" class="state empty">${say('empty')}</p>`;
  const notice =
    result.source === 'device' && result.error
      ? html`<p part="notice" class="notice">${say(result.error.code === 'offline' ? 'offline' : 'fallback')}</p>`
      : nothing;
  return html`${notice}${state.layout === 'carousel' ? renderCarousel(state, result, say, act) : renderList(state, result)}`;
}

function renderCard(state: ListState, result: RecommendationsResult, item: RecommendationItem, inactive = false) {
  return html`<mb-recommendation-card
      part="card"
      .item=${localizeItem(item, state.locale, state.address)}
      .requestId=${result.requestId}
      .position=${result.items.indexOf(item) + 1}
      .locale=${state.locale}
      .address=${state.address}
      .inactive=${inactive}
      media=${state.cardMedia}
      theme=${state.theme ?? nothing}
    ></mb-recommendation-card>`;
}

/**
 * A list stays a list, also as the sideways row of a narrow container: named by the heading, and a tab stop while
 * it scrolls (see ScrollRegion).
 */
function renderList(state: ListState, result: RecommendationsResult) {
  return html`<ul part="list" class="track" aria-labelledby="${state.uid}-heading">
      ${repeat(
        state.items,
        (item) => item.id,
        (item) => html`<li part="item" class="item" data-item=${item.id}>${renderCard(state, result, item)}</li>`,
      )}
    </ul>`;
}

function renderCarousel(state: ListState, result: RecommendationsResult, say: Say, act: ListActions) {
  const count = state.items.length;
  return html`<div
      part="list"
      class="track"
      role="group"
      aria-labelledby="${state.uid}-heading"
      @keydown=${act.carouselKeydown}
    >
      ${repeat(
        state.items,
        (item) => item.id,
        (item, index) => html`<div
          part="item"
          class="item slide"
          role="group"
          aria-roledescription="slide"
          aria-label=${`${say('slide', { index: index + 1, count })}: ${item.title}`}
          tabindex=${index === state.active ? '0' : '-1'}
          data-item=${item.id}
          data-index=${index}
          @focusin=${() => act.activate(index)}
        >
          ${renderCard(state, result, item, index !== state.active)}
        </div>`,
      )}
    </div>`;
}

/** Previous and next slide (disabled, not removed, at the ends: focus stays). */
export function renderCarouselButtons(state: ListState, say: Say, act: ListActions): TemplateResult {
  const last = state.items.length - 1;
  const button = (part: 'previous' | 'next', step: -1 | 1, atEnd: boolean, chevron: string) =>
    html`<button
        part=${part}
        type="button"
        aria-label=${say(part)}
        aria-disabled=${atEnd ? 'true' : 'false'}
        @click=${() => act.activate(state.active + step)}
      >
        <span aria-hidden="true" class="chevron">${chevron}</span>
      </button>`;
  return html`<div class="controls">
      ${button('previous', -1, state.active <= 0, '‹')}
      ${button('next', 1, state.active >= last, '›')}
    </div>`;
}

/** An answer came and it was a refusal (write key, origin) or unusable: a setup error, not a network one. */
const misconfigured = (code: string) => code === 'rejected' || code === 'invalid';
