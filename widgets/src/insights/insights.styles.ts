import { css } from 'lit';

/**
 * Component tier of `<mb-insights>`: `var(--mb-insights-*, var(--mb-…system…))`. Severity is shown by an icon
 * AND a text label; its colour (on the icon and the card's start edge) only repeats what the text says.
 */
export const styles = css`
  :host {
    display: block;
  }
  .base {
    display: grid;
    gap: var(--mb-space-m);
    padding: var(--mb-insights-frame-padding, var(--mb-space-m));
    /* Our own surface: the theme's text colours are only readable on it, whatever the page's background. */
    background: var(--mb-insights-background, var(--mb-color-surface));
    color: var(--mb-insights-text, var(--mb-color-text));
    border-radius: var(--mb-insights-frame-radius, var(--mb-radius-l));
  }
  h2 {
    margin: 0;
    font-size: var(--mb-insights-title-size, var(--mb-font-size-l));
    font-weight: var(--mb-font-weight-strong);
    line-height: var(--mb-line-height-tight);
  }
  ul {
    display: grid;
    gap: var(--mb-insights-gap, var(--mb-space-s));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .card {
    /* Info in the theme's cool accent (the focus blue, ≥ 3:1 on the surface in every preset): the brand primary
       is warm, next to the danger red, and made an "Info" read like an error. */
    --severity: var(--mb-insights-info, var(--mb-color-focus));
    display: grid;
    gap: var(--mb-space-xs);
    padding: var(--mb-insights-padding, var(--mb-space-m));
    background: var(--mb-insights-surface, var(--mb-color-surface));
    border: var(--mb-border-width) solid var(--mb-insights-border, var(--mb-color-border));
    border-inline-start: 0.35em solid var(--severity);
    border-radius: var(--mb-insights-radius, var(--mb-radius-m));
    box-shadow: var(--mb-insights-shadow, var(--mb-shadow-s));
  }
  .card[data-severity='success'] {
    --severity: var(--mb-insights-success, var(--mb-color-success));
  }
  .card[data-severity='warning'] {
    --severity: var(--mb-insights-warning, #b07000);
  }
  .card[data-severity='critical'] {
    --severity: var(--mb-insights-critical, var(--mb-color-danger));
  }
  .severity {
    display: inline-flex;
    align-items: center;
    gap: var(--mb-space-2xs);
    font-size: var(--mb-font-size-s);
    font-weight: var(--mb-font-weight-strong);
  }
  .severity svg {
    inline-size: 1.25em;
    block-size: 1.25em;
    flex: none;
    fill: var(--severity);
  }
  h3 {
    margin: 0;
    font-size: var(--mb-font-size-m);
    font-weight: var(--mb-font-weight-strong);
    line-height: var(--mb-line-height-tight);
  }
  p {
    margin: 0;
  }
  .reason {
    color: var(--mb-insights-muted, var(--mb-color-muted));
    font-size: var(--mb-font-size-s);
  }
  dl {
    display: flex;
    flex-wrap: wrap;
    gap: var(--mb-space-xs) var(--mb-space-l);
    margin: 0;
  }
  dt {
    color: var(--mb-insights-muted, var(--mb-color-muted));
    font-size: var(--mb-font-size-s);
  }
  dd {
    margin: 0;
    font-size: var(--mb-font-size-l);
    font-weight: var(--mb-font-weight-strong);
  }
  dd.trend {
    font-size: var(--mb-font-size-m);
  }
  .cta,
  .retry {
    justify-self: start;
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75em;
    padding-block: var(--mb-space-2xs);
    padding-inline: var(--mb-space-m);
    border: var(--mb-border-width) solid var(--mb-insights-cta-border, var(--mb-color-primary));
    border-radius: var(--mb-insights-button-radius, var(--mb-radius-m));
    background: var(--mb-insights-cta-surface, var(--mb-color-primary));
    color: var(--mb-insights-cta-text, var(--mb-color-on-primary));
    font-weight: var(--mb-font-weight-strong);
    text-decoration: none;
    cursor: pointer;
  }
  .retry {
    background: transparent;
    color: inherit;
  }
  .notice {
    display: grid;
    gap: var(--mb-space-xs);
    padding: var(--mb-space-m);
    border: var(--mb-border-width) dashed var(--mb-color-border);
    border-radius: var(--mb-radius-m);
  }
  .skeleton {
    block-size: 7em;
    border-radius: var(--mb-insights-radius, var(--mb-radius-m));
    background: linear-gradient(
      90deg,
      var(--mb-insights-skeleton, var(--mb-color-border)) 0%,
      transparent 50%,
      var(--mb-insights-skeleton, var(--mb-color-border)) 100%
    );
    background-size: 200% 100%;
    opacity: 0.35;
    animation: shimmer 1.2s linear infinite;
  }
  @keyframes shimmer {
    to {
      background-position: -200% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
`;
