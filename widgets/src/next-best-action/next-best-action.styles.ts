import { css } from 'lit';

/** Component tier of `<mb-next-best-action>`: `var(--mb-nba-*, var(--mb-…system…))`. */
export const styles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .card {
    box-sizing: border-box;
    padding: var(--mb-nba-padding, var(--mb-space-m));
    background: var(--mb-nba-surface, var(--mb-color-surface));
    color: var(--mb-nba-text, var(--mb-color-text));
    border: var(--mb-border-width) solid var(--mb-nba-border, var(--mb-color-border));
    border-radius: var(--mb-nba-radius, var(--mb-radius-m));
    font-family: var(--mb-font-family);
    font-size: var(--mb-font-size-m);
  }
  .popover {
    z-index: var(--mb-nba-z-index, 2147482000);
    inline-size: max-content;
    max-inline-size: min(var(--mb-nba-popover-width, 22em), calc(100vw - 16px));
    box-shadow: var(--mb-nba-shadow, var(--mb-shadow-l));
  }
  .arrow {
    position: absolute;
    inline-size: 0.75em;
    block-size: 0.75em;
    background: inherit;
    border: inherit;
    transform: rotate(45deg);
    pointer-events: none;
  }
  .title {
    margin: 0 0 var(--mb-space-2xs);
    font-size: var(--mb-font-size-m);
    font-weight: 600;
  }
  .body {
    margin: 0;
  }
  .reason {
    margin: var(--mb-space-xs) 0 0;
    color: var(--mb-nba-muted, var(--mb-color-muted));
    font-size: var(--mb-font-size-s);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--mb-space-xs);
    margin-block-start: var(--mb-space-s);
  }
  button,
  .cta {
    font: inherit;
    padding: var(--mb-space-2xs) var(--mb-space-s);
    border-radius: var(--mb-nba-button-radius, var(--mb-radius-s));
    border: var(--mb-border-width) solid var(--mb-color-border);
    background: transparent;
    color: inherit;
    cursor: pointer;
    text-decoration: none;
  }
  .cta {
    background: var(--mb-nba-cta-surface, var(--mb-color-primary));
    color: var(--mb-nba-cta-text, var(--mb-color-on-primary));
    border-color: transparent;
  }
  button:focus-visible,
  .cta:focus-visible {
    outline: var(--mb-focus-ring-width) solid var(--mb-color-focus);
    outline-offset: var(--mb-focus-ring-offset);
  }
`;

export const visuallyHidden = css`
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
