// The stylesheet every console page adopts (on top of the widgets' tokens and base styles).
import { baseStyles, tokens } from '@matbakh/widgets/shared/tokens.ts';
import { css } from 'lit';

export const pageStyles = [
  ...tokens,
  baseStyles,
  css`
    :host {
      display: block;
    }
    h1 {
      font-size: var(--mb-font-size-2xl);
      line-height: var(--mb-line-height-tight);
      margin: 0 0 var(--mb-space-s);
    }
    /*
     * The heading takes focus after a navigation so screen readers announce the page; it is no control, so no box
     * around it. A keyboard user still sees where focus is: the heading underlined in the focus colour.
     */
    h1[tabindex='-1']:focus {
      outline: none;
    }
    h1[tabindex='-1']:focus-visible {
      text-decoration-line: underline;
      text-decoration-color: var(--mb-color-focus);
      text-decoration-thickness: var(--mb-focus-ring-width, 2px);
      text-underline-offset: 0.2em;
    }
    figure.chart {
      margin: 0 0 var(--mb-space-m);
    }
    /* the drawing runs in the reading direction, like its axis labels: right to left in Arabic */
    :host(:dir(rtl)) figure.chart svg {
      transform: scaleX(-1);
    }
    figure.chart .scale {
      margin: 0;
      max-inline-size: none;
      font-size: var(--mb-font-size-s);
      color: var(--mb-color-muted);
      border-block-end: var(--mb-border-width) dashed var(--mb-color-border);
    }
    /* one equal column per bar (no style attribute: the console's CSP allows no inline styles) */
    figure.chart .axis {
      display: flex;
      font-size: var(--mb-font-size-s);
      color: var(--mb-color-muted);
      text-align: center;
      overflow-wrap: anywhere;
    }
    figure.chart .axis > span {
      flex: 1 1 0;
      min-inline-size: 0;
    }
    figure.chart .axis.spread {
      justify-content: space-between;
    }
    figure.chart .axis.spread > span {
      flex: none;
    }
    .no-data {
      display: flex;
      align-items: center;
      justify-content: center;
      min-block-size: 4rem;
      margin: 0;
      max-inline-size: none;
      border: var(--mb-border-width) dashed var(--mb-color-border);
      border-radius: var(--mb-radius-m);
      color: var(--mb-color-muted);
    }
    /* the lift, its interval and their drawing stay on one line; a phone scrolls the table sideways */
    td.lift {
      white-space: nowrap;
    }
    svg.ci {
      display: inline-block;
      vertical-align: middle;
      inline-size: 8rem;
      block-size: 1.25rem;
    }
    svg.ci .zero {
      stroke: var(--mb-color-muted);
      stroke-dasharray: 2 2;
    }
    svg.ci .range {
      stroke: var(--mb-color-primary);
      stroke-width: 3;
    }
    svg.ci .point {
      fill: var(--mb-color-primary);
    }
    h2 {
      font-size: var(--mb-font-size-l);
      font-weight: var(--mb-font-weight-strong);
      margin: var(--mb-space-l) 0 var(--mb-space-s);
    }
    p {
      margin: 0 0 var(--mb-space-m);
      max-inline-size: 70ch;
    }
    button,
    .button {
      min-block-size: 44px;
      padding: var(--mb-space-xs) var(--mb-space-m);
      border: var(--mb-border-width) solid var(--mb-color-primary);
      border-radius: var(--mb-radius-m);
      background: var(--mb-color-primary);
      color: var(--mb-color-on-primary);
      cursor: pointer;
      font-weight: var(--mb-font-weight-strong);
    }
    button.secondary,
    .button.secondary {
      background: transparent;
      color: var(--mb-color-primary);
    }
    button.danger {
      background: transparent;
      color: var(--mb-color-danger);
      border-color: var(--mb-color-danger);
    }
    button:disabled {
      opacity: 0.6;
      cursor: not-allowed;
    }
    input,
    select {
      min-block-size: 44px;
      padding: var(--mb-space-xs) var(--mb-space-s);
      border: var(--mb-border-width) solid var(--mb-color-border);
      border-radius: var(--mb-radius-s);
      background: var(--mb-color-surface);
      max-inline-size: 100%;
    }
    label {
      display: block;
      font-weight: var(--mb-font-weight-strong);
      margin-block-end: var(--mb-space-2xs);
    }
    label.inline {
      display: inline;
      margin-inline-start: var(--mb-space-xs);
    }
    .field {
      margin-block-end: var(--mb-space-m);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mb-space-s);
      align-items: end;
    }
    .table-wrap {
      overflow-x: auto;
      max-inline-size: 100%;
      margin-block: var(--mb-space-m);
    }
    table {
      border-collapse: collapse;
      inline-size: 100%;
      font-size: var(--mb-font-size-s);
    }
    th,
    td {
      text-align: start;
      padding: var(--mb-space-xs) var(--mb-space-s);
      border-block-end: var(--mb-border-width) solid var(--mb-color-border);
      vertical-align: top;
    }
    th {
      font-weight: var(--mb-font-weight-strong);
    }
    /* columns a phone can do without, so the ones with actions stay on screen */
    @media (max-width: 40rem) {
      .wide-only {
        display: none;
      }
    }
    code,
    .mono {
      font-family: var(--mb-font-family-mono, monospace);
      overflow-wrap: anywhere;
      /* keys, URLs and ids read left to right on an Arabic page too */
      direction: ltr;
      unicode-bidi: isolate;
    }
    .notice {
      padding: var(--mb-space-s) var(--mb-space-m);
      border-radius: var(--mb-radius-m);
      border: var(--mb-border-width) solid var(--mb-color-border);
      background: var(--mb-color-surface);
      margin-block-end: var(--mb-space-m);
    }
    .notice.error {
      border-color: var(--mb-color-danger);
    }
    .muted {
      color: var(--mb-color-muted);
    }
  `,
];
