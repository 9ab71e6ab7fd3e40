import { css } from 'lit';

/** Component tier of `<mb-dashboard>`: `var(--mb-dashboard-*, var(--mb-…system…))`. */
export const styles = css`
  :host {
    display: block;
  }
  /* Our own surface: the theme's text colours are only readable on it, whatever the page's background (a dark
     dashboard on a cream page). The cells, surface too, get an edge so they stay apart from it. */
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--mb-space-m);
    padding: var(--mb-dashboard-padding, var(--mb-space-m));
    border-radius: var(--mb-dashboard-radius, var(--mb-radius-l));
    background: var(--mb-dashboard-surface, var(--mb-color-surface));
    color: var(--mb-color-text);
  }
  [part~='grid']::part(cell) {
    box-shadow: inset 0 0 0 var(--mb-border-width)
      var(--mb-dashboard-cell-border, color-mix(in srgb, var(--mb-color-border) 40%, var(--mb-color-surface)));
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--mb-space-s) var(--mb-space-m);
  }
  .heading {
    flex: 1 1 12em;
    margin: 0;
    font-size: var(--mb-dashboard-heading-size, var(--mb-font-size-xl));
    line-height: var(--mb-line-height-tight);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--mb-space-xs);
  }
  button[aria-pressed='true'] {
    background: var(--mb-color-primary);
    border-color: var(--mb-color-primary);
    color: var(--mb-color-on-primary);
  }
  .status:empty {
    display: none;
  }
  .offline,
  .empty {
    margin: 0;
    padding: var(--mb-space-xs) var(--mb-space-s);
    border-inline-start: 3px solid var(--mb-color-border);
    font-size: var(--mb-font-size-s);
    color: var(--mb-color-text);
  }
  .offline {
    border-inline-start-color: var(--mb-color-danger);
  }

  /* A cell reserves its space from the start: skeleton, error and content share the same minimum. */
  .cell {
    display: flex;
    flex-direction: column;
    gap: var(--mb-space-xs);
    min-block-size: var(--mb-dashboard-widget-min-height, 12em);
    block-size: 100%;
    /* Inside the cell's edge (the grid's handles sit in its top padding). */
    padding: 0 var(--mb-dashboard-cell-padding, var(--mb-space-s)) var(--mb-dashboard-cell-padding, var(--mb-space-s));
  }
  .widget-title {
    margin: 0;
    font-size: var(--mb-font-size-m);
    line-height: var(--mb-line-height-tight);
  }
  .content {
    flex: 1;
    min-inline-size: 0;
  }
  .muted {
    margin: 0;
    color: var(--mb-color-muted);
    font-size: var(--mb-font-size-s);
  }
  .skeleton {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: var(--mb-space-xs);
  }
  .skeleton span {
    display: block;
    block-size: 1em;
    border-radius: var(--mb-radius-s);
    background: var(--mb-dashboard-skeleton, color-mix(in srgb, var(--mb-color-text) 10%, transparent));
    animation: pulse 1.2s ease-in-out infinite alternate;
  }
  .skeleton span:nth-child(1) {
    inline-size: 80%;
  }
  .skeleton span:nth-child(2) {
    inline-size: 60%;
  }
  .skeleton span:nth-child(3) {
    flex: 1;
  }
  @keyframes pulse {
    to {
      opacity: 0.5;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton span {
      animation: none;
    }
  }
  .failure {
    flex: 1;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    justify-content: center;
    gap: var(--mb-space-xs);
  }
  .error {
    margin: 0;
    padding-inline-start: var(--mb-space-s);
    border-inline-start: 3px solid var(--mb-color-danger);
  }
`;
