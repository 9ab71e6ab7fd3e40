import { css, unsafeCSS } from 'lit';
import { SYSTEM_TOKENS } from '../shared/tokens.ts';

/**
 * A widget inside another widget's shadow root: the outer `* { --mb-x: var(--mb-host-x) }` rule also matches
 * the inner host, whose own `:host { --mb-host-x: var(--mb-x, …) }` then forms a cycle and every token turns
 * invalid. Inheriting the public names on the inner host breaks the cycle and keeps the page's overrides.
 */
const nestedTokens = unsafeCSS(SYSTEM_TOKENS.map((token) => `--mb-${token}: inherit;`).join(' '));

/**
 * One row that scrolls sideways and snaps to each card; the next card peeks in at the edge (the hint that more
 * follow). Right-to-left, the row starts at the right. The carousel's track, and the list's in a narrow container.
 */
const row = css`
  grid-template-columns: none;
  grid-auto-flow: column;
  grid-auto-columns: var(--mb-recommendations-slide-width, min(18em, 85%));
  overflow-x: auto;
  overscroll-behavior-inline: contain;
  scroll-snap-type: inline mandatory;
  scroll-padding-inline: var(--mb-space-2xs);
  scrollbar-width: thin;
  padding: var(--mb-space-2xs);
`;

/**
 * Component tier of `<mb-recommendations>`: `var(--mb-recommendations-*, var(--mb-…system…))`. Skeletons and cards
 * share one box (`.item`), so the space a skeleton reserves is the space the card takes. Logical properties, no rem.
 */
export const styles = css`
  :host {
    display: block;
  }
  /*
   * The element's own width decides (not the viewport's): a narrow column on a desktop page gets the row too. A
   * container is as wide as its place, never its content: in a shrink-to-fit place (a flex row) it keeps one card's
   * width, as the grid's narrowest column did.
   */
  .base {
    container: mb-recommendations / inline-size;
    min-inline-size: var(--mb-recommendations-card-min-width, 14em);
    display: flex;
    flex-direction: column;
    gap: var(--mb-space-s);
    padding: var(--mb-recommendations-padding, 0);
    background: var(--mb-recommendations-surface, var(--mb-color-surface));
    color: var(--mb-color-text);
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--mb-space-s);
  }
  .heading {
    margin: 0;
    font-size: var(--mb-recommendations-heading-size, var(--mb-font-size-l));
    font-weight: var(--mb-font-weight-strong);
  }
  .basis,
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--mb-space-2xs) var(--mb-space-s);
    margin: 0;
    color: var(--mb-color-muted);
    font-size: var(--mb-font-size-s);
  }
  .notice {
    padding: var(--mb-space-xs) var(--mb-space-s);
    border-inline-start: 4px solid var(--mb-color-primary);
    background: color-mix(in srgb, var(--mb-color-primary) 8%, var(--mb-color-surface));
    color: var(--mb-color-text);
  }
  /*
   * The same room for every basis, also while loading: two lines of text (clamped), then one row of links
   * (a label that does not fit is shortened with an ellipsis; its name stays whole).
   */
  .basis {
    flex-direction: column;
    flex-wrap: nowrap;
    align-items: stretch;
    gap: 0;
  }
  .basis-text {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    min-block-size: 2lh;
    overflow: hidden;
  }
  .links {
    display: flex;
    gap: var(--mb-space-s);
    min-block-size: 2.75em;
  }
  .links > .link {
    flex: 0 1 auto;
    min-inline-size: 0;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .track {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--mb-recommendations-card-min-width, 14em), 1fr));
    gap: var(--mb-recommendations-gap, var(--mb-space-m));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .carousel .track {
    ${row}
  }
  /*
   * Where the grid would hold one column (narrower than two 14em cards and a gap), the list becomes the row: one
   * card's height instead of a screen per card on a phone. Still a list (ul/li); it is a tab stop while it scrolls.
   */
  @container mb-recommendations (max-width: 29em) {
    .list .track {
      ${row}
    }
    .list .item {
      scroll-snap-align: start;
    }
  }
  .item {
    min-inline-size: 0;
    min-block-size: var(--mb-recommendations-item-min-height, 0);
    border-radius: var(--mb-radius-m);
  }
  .slide {
    scroll-snap-align: start;
  }
  .item > mb-recommendation-card {
    block-size: 100%;
    ${nestedTokens}
  }
  @media (prefers-reduced-motion: reduce) {
    .track {
      scroll-behavior: auto;
    }
  }
  .state {
    margin: 0;
    padding: var(--mb-space-m);
    border: var(--mb-border-width) dashed var(--mb-color-border);
    border-radius: var(--mb-radius-m);
    color: var(--mb-color-muted);
  }
  .state p {
    margin: 0 0 var(--mb-space-xs);
  }
  button {
    padding: 0 var(--mb-space-s);
  }
  .retry {
    border-color: var(--mb-color-primary);
    background: var(--mb-color-primary);
    color: var(--mb-color-on-primary);
  }
  .controls {
    display: flex;
    gap: var(--mb-space-2xs);
  }
  .controls button {
    min-inline-size: 2.75em;
    font-size: var(--mb-font-size-l);
    line-height: 1;
  }
  .controls button[aria-disabled='true'] {
    opacity: 0.5;
    cursor: default;
  }
  :host(:dir(rtl)) .chevron,
  [dir='rtl'] .chevron {
    display: inline-block;
    transform: scaleX(-1);
  }
  .dialog {
    max-inline-size: min(36em, calc(100vw - 2 * var(--mb-space-m)));
    max-block-size: calc(100vh - 2 * var(--mb-space-m));
    padding: var(--mb-space-l);
    border: var(--mb-border-width) solid var(--mb-color-border);
    border-radius: var(--mb-radius-l);
    background: var(--mb-color-surface);
    color: var(--mb-color-text);
    box-shadow: var(--mb-shadow-l);
  }
  .dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  .dialog-head {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: var(--mb-space-s);
  }
  .dialog h2 {
    margin: 0;
    font-size: var(--mb-font-size-l);
  }
  .dialog h3 {
    margin: var(--mb-space-m) 0 var(--mb-space-2xs);
    font-size: var(--mb-font-size-m);
  }
  .dialog dt {
    font-weight: var(--mb-font-weight-strong);
  }
  .dialog dd {
    margin: 0 0 var(--mb-space-xs);
  }
  .close {
    min-inline-size: 2.75em;
    border-color: transparent;
    font-size: var(--mb-font-size-l);
    line-height: 1;
  }
`;
