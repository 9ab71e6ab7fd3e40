import { css } from 'lit';
import { spreadRow } from '../shared/controls.styles.ts';

/** Component tier of `<mb-privacy-center>`: every value is `var(--mb-privacy-center-*, var(--mb-…system…))`. */
export const styles = css`
  :host {
    display: block;
  }
  /* As a dialog the element itself takes no space: the dialog is fixed over the page. */
  :host([mode='dialog']) {
    display: contents;
  }

  .center {
    max-inline-size: var(--mb-privacy-center-max-width, 48em);
    padding: var(--mb-privacy-center-padding, var(--mb-space-l));
    background: var(--mb-privacy-center-surface, var(--mb-color-surface));
    color: var(--mb-privacy-center-text, var(--mb-color-text));
    border: var(--mb-border-width) solid var(--mb-privacy-center-border, var(--mb-color-border));
    border-radius: var(--mb-privacy-center-radius, var(--mb-radius-l));
    box-shadow: var(--mb-privacy-center-shadow, var(--mb-shadow-s));
  }

  .backdrop {
    position: fixed;
    inset: 0;
    z-index: var(--mb-privacy-center-z-index, 2147483100);
    display: grid;
    place-items: center;
    padding: var(--mb-space-m);
    background: var(--mb-privacy-center-backdrop, rgb(23 21 19 / 0.6));
  }
  .center.dialog {
    inline-size: 100%;
    max-inline-size: var(--mb-privacy-center-dialog-width, 44em);
    max-block-size: calc(100vh - 2 * var(--mb-space-m));
    overflow: auto;
    overscroll-behavior: contain;
    box-shadow: var(--mb-privacy-center-shadow, var(--mb-shadow-l));
    animation: enter var(--mb-motion-duration-l) var(--mb-motion-easing);
  }
  @keyframes enter {
    from {
      opacity: 0;
      transform: scale(0.98);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .center.dialog {
      animation: none;
    }
  }

  .header {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: var(--mb-space-m);
  }
  h2 {
    font-size: var(--mb-privacy-center-title-size, var(--mb-font-size-xl));
  }
  h2:focus,
  .center:focus,
  .confirm:focus,
  [tabindex='-1']:focus {
    outline: none;
  }
  h3 {
    font-size: var(--mb-font-size-l);
  }
  h4 {
    font-size: var(--mb-font-size-m);
    margin-block: var(--mb-space-m) var(--mb-space-xs);
  }
  p {
    margin: var(--mb-space-xs) 0;
  }
  .muted,
  .hint {
    color: var(--mb-color-muted);
    font-size: var(--mb-font-size-s);
  }

  section {
    margin-block-start: var(--mb-space-l);
    padding-block-start: var(--mb-space-l);
    border-block-start: var(--mb-border-width) solid var(--mb-color-border);
  }
  .section-head {
    ${spreadRow}
    align-items: center;
    gap: var(--mb-space-s);
  }

  ul,
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .row {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: var(--mb-space-s);
    align-items: center;
    padding-block: var(--mb-space-xs);
  }
  .row label {
    font-weight: var(--mb-font-weight-strong);
    cursor: pointer;
  }
  .row .description {
    grid-column: 2;
    margin: 0;
    font-size: var(--mb-font-size-s);
    color: var(--mb-color-muted);
  }
  .always {
    font-weight: var(--mb-font-weight-regular);
    font-size: var(--mb-font-size-xs);
    color: var(--mb-color-muted);
    margin-inline-start: var(--mb-space-xs);
  }

  .note {
    font-size: var(--mb-font-size-s);
    color: var(--mb-color-muted);
    padding-inline-start: var(--mb-space-s);
    border-inline-start: 3px solid var(--mb-color-border);
  }
  .error {
    color: var(--mb-color-text);
    border-inline-start-color: var(--mb-privacy-center-danger, var(--mb-color-danger));
  }
  .status:empty {
    display: block;
    margin: 0;
  }

  a {
    color: var(--mb-privacy-center-link, var(--mb-color-text));
    text-underline-offset: 0.15em;
  }
  button {
    cursor: pointer;
    min-block-size: 2.5em;
    padding: var(--mb-space-xs) var(--mb-space-m);
    border-radius: var(--mb-privacy-center-button-radius, var(--mb-radius-m));
    border: var(--mb-border-width) solid var(--mb-color-border);
    background: transparent;
    font-weight: var(--mb-font-weight-strong);
  }
  button:hover:not(:disabled) {
    background: color-mix(in srgb, var(--mb-color-text) 6%, transparent);
  }
  button:disabled {
    cursor: progress;
    opacity: 0.7;
  }
  .primary {
    background: var(--mb-color-primary);
    border-color: var(--mb-color-primary);
    color: var(--mb-color-on-primary);
  }
  .primary:hover:not(:disabled) {
    background: var(--mb-color-primary);
    filter: brightness(1.08);
  }
  .danger {
    color: var(--mb-privacy-center-danger, var(--mb-color-danger));
    border-color: currentColor;
  }
  .danger.solid {
    background: var(--mb-privacy-center-danger, var(--mb-color-danger));
    border-color: var(--mb-privacy-center-danger, var(--mb-color-danger));
    color: var(--mb-color-surface);
  }
  .danger.solid:hover:not(:disabled) {
    background: var(--mb-privacy-center-danger, var(--mb-color-danger));
    filter: brightness(1.08);
  }
  .close {
    flex: none;
    min-inline-size: 2.5em;
    padding-inline: var(--mb-space-s);
    font-size: var(--mb-font-size-l);
    line-height: 1;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--mb-space-s);
    margin-block-start: var(--mb-space-m);
  }

  dl {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9em, 1fr));
    gap: var(--mb-space-s);
    margin: var(--mb-space-s) 0;
  }
  dl > div {
    padding: var(--mb-space-s);
    border: var(--mb-border-width) solid var(--mb-color-border);
    border-radius: var(--mb-radius-m);
  }
  dt {
    overflow-wrap: anywhere;
    hyphens: auto;
    font-size: var(--mb-font-size-s);
    color: var(--mb-color-muted);
  }
  dd {
    margin: 0;
    font-size: var(--mb-font-size-l);
    font-weight: var(--mb-font-weight-strong);
  }
  .events,
  .history {
    max-block-size: var(--mb-privacy-center-list-height, 18em);
    overflow: auto;
    border: var(--mb-border-width) solid var(--mb-color-border);
    border-radius: var(--mb-radius-m);
  }
  .events li,
  .history li {
    padding: var(--mb-space-xs) var(--mb-space-s);
    font-size: var(--mb-font-size-s);
  }
  .events li + li,
  .history li + li {
    border-block-start: var(--mb-border-width) solid color-mix(in srgb, var(--mb-color-border) 50%, transparent);
  }
  .what {
    font-weight: var(--mb-font-weight-strong);
    overflow-wrap: anywhere;
  }
  .when,
  .where {
    color: var(--mb-color-muted);
    overflow-wrap: anywhere;
  }

  .confirm {
    inline-size: 100%;
    max-inline-size: 30em;
    padding: var(--mb-space-l);
    background: var(--mb-privacy-center-surface, var(--mb-color-surface));
    color: var(--mb-privacy-center-text, var(--mb-color-text));
    border: var(--mb-border-width) solid var(--mb-color-border);
    border-radius: var(--mb-privacy-center-radius, var(--mb-radius-l));
    box-shadow: var(--mb-shadow-l);
  }
  .confirm .actions {
    justify-content: flex-end;
  }

`;
