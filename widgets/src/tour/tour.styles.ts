import { css } from 'lit';

/** Component tier of `<mb-tour>`: `var(--mb-tour-*, var(--mb-…system…))`. Durations are zero under reduced motion. */
export const styles = css`
  :host([hidden]) {
    display: none;
  }
  .popover,
  .ring {
    z-index: var(--mb-tour-z-index, 2147482000);
  }
  .popover {
    inline-size: max-content;
    max-inline-size: min(var(--mb-tour-width, 22em), calc(100vw - 16px));
    padding: var(--mb-tour-padding, var(--mb-space-m));
    background: var(--mb-tour-surface, var(--mb-color-surface));
    color: var(--mb-tour-text, var(--mb-color-text));
    border: var(--mb-border-width) solid var(--mb-tour-border, var(--mb-color-border));
    border-radius: var(--mb-tour-radius, var(--mb-radius-m));
    box-shadow: var(--mb-tour-shadow, var(--mb-shadow-l));
    animation: in var(--mb-motion-duration-m) var(--mb-motion-easing);
  }
  @keyframes in {
    from {
      opacity: 0;
    }
  }
  .arrow {
    position: absolute;
    inline-size: 0.75em;
    block-size: 0.75em;
    background: inherit;
    border: inherit;
    transform: rotate(45deg);
  }
  .ring {
    position: fixed;
    pointer-events: none;
    border-radius: var(--mb-radius-s);
    outline: var(--mb-tour-highlight-width, 3px) solid var(--mb-tour-highlight, var(--mb-color-focus));
    outline-offset: var(--mb-tour-highlight-offset, 4px);
    box-shadow: var(--mb-tour-highlight-shadow, none);
  }
  .progress {
    margin: 0;
    color: var(--mb-tour-muted, var(--mb-color-muted));
    font-size: var(--mb-font-size-s);
  }
  h2 {
    margin: var(--mb-space-2xs) 0;
    font-size: var(--mb-font-size-m);
    font-weight: var(--mb-font-weight-strong);
  }
  p {
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--mb-space-xs);
    margin-block-start: var(--mb-space-s);
  }
  button {
    font: inherit;
    padding: var(--mb-space-2xs) var(--mb-space-s);
    border-radius: var(--mb-tour-button-radius, var(--mb-radius-s));
    border: var(--mb-border-width) solid var(--mb-color-border);
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  [part~='skip'] {
    margin-inline-end: auto;
  }
  [part~='next'] {
    background: var(--mb-tour-next-surface, var(--mb-color-primary));
    color: var(--mb-tour-next-text, var(--mb-color-on-primary));
    border-color: transparent;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  :focus-visible {
    outline: var(--mb-focus-ring-width) solid var(--mb-color-focus);
    outline-offset: var(--mb-focus-ring-offset);
  }
`;
