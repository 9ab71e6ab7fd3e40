import { css } from 'lit';

/**
 * Component tier of `<mb-recommendation-card>`: `var(--mb-recommendation-card-*, var(--mb-…system…))`.
 * Logical properties only (RTL); sizes in tokens or `em` (never `rem`: a host's root font size must not shrink us).
 */
export const styles = css`
  :host {
    display: block;
    min-inline-size: 0;
  }
  .card {
    display: flex;
    flex-direction: column;
    block-size: 100%;
    overflow: hidden;
    background: var(--mb-recommendation-card-surface, var(--mb-color-surface));
    border: var(--mb-border-width) solid var(--mb-recommendation-card-border, var(--mb-color-border));
    border-radius: var(--mb-recommendation-card-radius, var(--mb-radius-m));
    box-shadow: var(--mb-recommendation-card-shadow, var(--mb-shadow-s));
  }
  /*
   * The picture's box: a tinted tile with the dish's initial (its look without an image, while one loads, and if
   * it fails), the image on top. Never a grey box that reads as broken.
   */
  .media {
    position: relative;
    display: grid;
    place-items: center;
    overflow: hidden;
    aspect-ratio: var(--mb-recommendation-card-media-ratio, 4 / 3);
    background: var(
      --mb-recommendation-card-tile,
      color-mix(in srgb, var(--mb-color-primary) 14%, var(--mb-color-surface))
    );
  }
  .initial {
    color: var(--mb-color-primary);
    font-size: 3em;
    font-weight: var(--mb-font-weight-strong);
    line-height: 1;
    user-select: none;
  }
  .loaded > .initial {
    visibility: hidden;
  }
  img {
    position: absolute;
    inset: 0;
    display: block;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  /* Title, origin and price; with a thumbnail, beside it (the square is shorter than their lines). */
  .head {
    display: flex;
    align-items: flex-start;
    gap: var(--mb-space-s);
  }
  .headline {
    display: flex;
    flex: 1;
    flex-direction: column;
    gap: var(--mb-space-2xs);
    min-inline-size: 0;
  }
  .thumbnail .media {
    flex: none;
    inline-size: var(--mb-recommendation-card-thumbnail-size, 4em);
    aspect-ratio: 1;
    border-radius: var(--mb-radius-s);
  }
  .thumbnail .initial {
    font-size: 1.5em;
  }
  .body {
    display: flex;
    flex: 1;
    flex-direction: column;
    gap: var(--mb-space-2xs);
    padding: var(--mb-recommendation-card-padding, var(--mb-space-s));
  }
  /*
   * Every text has a fixed number of lines (title 2, reason 2, the others 1; tags one row), reserved even when
   * empty: every card of a kind is as tall as every other, and as its placeholder, in any language. Nothing
   * moves when the answer replaces the placeholders or a personalized answer replaces a popular one.
   */
  .title,
  .reason {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    min-block-size: 2lh;
    overflow: hidden;
  }
  /*
   * The subtitle is the tenant's data (or holds its restaurant's name), in whatever language it wrote it: its
   * direction is its own (dir="auto"), so German in an Arabic card is cut at its end, not its start; it stays
   * aligned as the card. (The title wraps instead of being cut.)
   */
  .subtitle {
    text-align: match-parent;
  }
  .subtitle,
  .price {
    min-block-size: 1lh;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .title {
    margin: 0;
    font-size: var(--mb-font-size-m);
    font-weight: var(--mb-font-weight-strong);
    line-height: var(--mb-line-height-tight);
  }
  .title a {
    color: inherit;
    text-decoration: none;
  }
  .title a:hover {
    text-decoration: underline;
  }
  .subtitle,
  .reason,
  .status {
    margin: 0;
    color: var(--mb-color-muted);
    font-size: var(--mb-font-size-s);
  }
  .status:empty {
    display: none;
  }
  .price {
    margin: 0;
    font-weight: var(--mb-font-weight-strong);
  }
  .tags {
    display: flex;
    flex-wrap: nowrap;
    gap: var(--mb-space-2xs);
    margin: 0;
    padding: 0;
    overflow: hidden;
    list-style: none;
    font-size: var(--mb-font-size-xs);
    /* One row of tags: a line and the tag's two borders. */
    min-block-size: calc(1lh + 2 * var(--mb-border-width));
  }
  .tag {
    flex: none;
    padding: 0 var(--mb-space-xs);
    border: var(--mb-border-width) solid var(--mb-color-border);
    border-radius: var(--mb-radius-l);
    white-space: nowrap;
  }
  /*
   * Always two rows, in any language and width: "Why this?", then the two feedback buttons side by side. A label
   * that does not fit its half is shortened with an ellipsis as a last resort (its accessible name stays whole).
   */
  .actions {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    align-items: center;
    gap: var(--mb-space-2xs);
    margin-block-start: auto;
    padding-block-start: var(--mb-space-xs);
  }
  .spacer {
    display: none;
  }
  .why,
  .placeholder .why-bone {
    grid-column: 1 / -1;
    justify-self: start;
  }
  .actions > button {
    min-inline-size: 0;
    max-inline-size: 100%;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  button {
    padding: 0 var(--mb-space-xs);
    font-size: var(--mb-font-size-s);
  }
  .why {
    border-color: var(--mb-color-primary);
    color: var(--mb-color-primary);
  }
  button[aria-pressed='true'] {
    background: var(--mb-color-primary);
    color: var(--mb-color-on-primary);
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .popover {
    z-index: var(--mb-recommendation-card-z-index, 1000);
    inline-size: max-content;
    max-inline-size: min(var(--mb-recommendation-card-popover-width, 20em), calc(100vw - 16px));
    padding: var(--mb-space-s);
    background: var(--mb-color-surface);
    color: var(--mb-color-text);
    border: var(--mb-border-width) solid var(--mb-color-border);
    border-radius: var(--mb-radius-m);
    box-shadow: var(--mb-shadow-l);
  }
  .popover:focus {
    outline: none;
  }
  .popover:focus-visible {
    outline: var(--mb-focus-ring-width) solid var(--mb-color-focus);
  }
  .arrow {
    position: absolute;
    inline-size: 10px;
    block-size: 10px;
    background: inherit;
    border: inherit;
    border-block-start-color: transparent;
    border-inline-start-color: transparent;
    transform: rotate(45deg);
  }
  .popover[data-placement^='bottom'] .arrow {
    transform: rotate(225deg);
  }
  .popover-head {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: var(--mb-space-xs);
  }
  .popover-title {
    margin: 0;
    font-size: var(--mb-font-size-m);
  }
  .close {
    min-inline-size: 2.75em;
    border-color: transparent;
    font-size: var(--mb-font-size-l);
    line-height: 1;
  }
  .reasons {
    margin: var(--mb-space-xs) 0;
    padding-inline-start: 1.25em;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: var(--mb-space-xs);
    margin: 0;
  }
  .placeholder .bone {
    display: inline-block;
    vertical-align: middle;
    block-size: 0.8lh;
    border-radius: var(--mb-radius-s);
    background: color-mix(in srgb, var(--mb-color-muted) 18%, var(--mb-color-surface));
    animation: mb-pulse 1.2s ease-in-out infinite alternate;
  }
  .placeholder .media.bone {
    display: block;
    block-size: auto;
    border-radius: 0;
  }
  .placeholder.thumbnail .media.bone {
    border-radius: var(--mb-radius-s);
  }
  .placeholder .tag-bone {
    inline-size: 35%;
    block-size: calc(1lh + 2 * var(--mb-border-width));
  }
  .placeholder .why-bone,
  .placeholder .feedback-bone {
    font-size: var(--mb-font-size-s);
    block-size: 2.75em;
  }
  .placeholder .why-bone {
    inline-size: 40%;
  }
  @keyframes mb-pulse {
    to {
      opacity: 0.55;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .placeholder .bone {
      animation: none;
    }
  }
`;
