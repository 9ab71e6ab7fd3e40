import { css } from 'lit';

/**
 * The forecast and at-risk sections of `<mb-insights>`. The chart's colours repeat what the legend says in words
 * (solid = observed, dashed = expected); the bands are the forecast colour at two strengths.
 */
export const predictiveStyles = css`
  .panel {
    display: grid;
    gap: var(--mb-space-s);
    min-inline-size: 0;
    padding: var(--mb-insights-padding, var(--mb-space-m));
    background: var(--mb-insights-surface, var(--mb-color-surface));
    border: var(--mb-border-width) solid var(--mb-insights-border, var(--mb-color-border));
    border-radius: var(--mb-insights-radius, var(--mb-radius-m));
    box-shadow: var(--mb-insights-shadow, var(--mb-shadow-s));
  }
  /* Grid items default to their content's width: the table and the chart would push the panel wider than the
     page at 390 px or 200 % zoom. Their own boxes scroll or redraw instead. */
  .panel > * {
    min-inline-size: 0;
  }
  .panel-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--mb-space-s);
  }
  h4 {
    margin: 0;
    font-size: var(--mb-font-size-m);
    line-height: var(--mb-line-height-tight);
  }
  .subhead {
    margin-block-start: var(--mb-space-xs);
  }
  .muted {
    color: var(--mb-insights-muted, var(--mb-color-muted));
    font-size: var(--mb-font-size-s);
  }
  .horizon {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: 1fr;
    margin: 0;
    padding: 0;
    border: var(--mb-border-width) solid var(--mb-insights-border, var(--mb-color-border));
    border-radius: var(--mb-insights-button-radius, var(--mb-radius-m));
    overflow: hidden;
  }
  .segment {
    position: relative;
    display: grid;
    cursor: pointer;
  }
  .segment input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
    cursor: pointer;
  }
  .segment span {
    display: grid;
    place-items: center;
    text-align: center;
    min-block-size: 2.75em;
    padding-inline: var(--mb-space-s);
    font-weight: var(--mb-font-weight-strong);
  }
  .segment input:checked + span {
    background: var(--mb-insights-cta-surface, var(--mb-color-primary));
    color: var(--mb-insights-cta-text, var(--mb-color-on-primary));
  }
  .segment input:focus-visible + span {
    outline: var(--mb-focus-ring-width, 3px) solid var(--mb-color-focus);
    outline-offset: -4px;
  }
  .trend {
    font-size: var(--mb-font-size-m);
  }
  .figure {
    display: grid;
    gap: var(--mb-space-xs);
    margin: 0;
    min-inline-size: 0;
  }
  .chart-box {
    inline-size: 100%;
    min-inline-size: 0;
    overflow: hidden;
  }
  .chart {
    display: block;
    --forecast: var(--mb-insights-forecast, var(--mb-color-focus));
    --holiday: var(--mb-insights-holiday, var(--mb-insights-warning, #b07000));
  }
  .chart .grid {
    stroke: var(--mb-insights-border, var(--mb-color-border));
    stroke-width: 1;
  }
  .chart .baseline {
    stroke: var(--mb-insights-muted, var(--mb-color-muted));
  }
  .chart .axis {
    fill: var(--mb-insights-muted, var(--mb-color-muted));
    font-size: var(--mb-font-size-s);
  }
  .chart .start {
    font-weight: var(--mb-font-weight-strong);
  }
  .chart .split {
    stroke: var(--mb-insights-muted, var(--mb-color-muted));
    stroke-dasharray: 2 3;
  }
  .band-95 {
    fill: var(--forecast);
    opacity: 0.16;
  }
  .band-80 {
    fill: var(--forecast);
    opacity: 0.3;
  }
  .chart .history,
  .chart .forecast {
    fill: none;
    stroke-width: 2.5;
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  .chart .history {
    stroke: var(--mb-insights-text, var(--mb-color-text));
  }
  .chart .forecast {
    stroke: var(--forecast);
    stroke-dasharray: 7 5;
  }
  .chart .holiday line {
    stroke: var(--holiday);
    stroke-width: 1.5;
    stroke-dasharray: 3 3;
  }
  .chart .holiday path {
    fill: var(--holiday);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--mb-space-2xs) var(--mb-space-m);
    font-size: var(--mb-font-size-s);
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: var(--mb-space-2xs);
  }
  .key {
    display: inline-block;
    inline-size: 1.5em;
    block-size: 0.75em;
    border-radius: 2px;
  }
  .key-history {
    block-size: 0;
    border-block-start: 3px solid var(--mb-insights-text, var(--mb-color-text));
  }
  .key-mean {
    block-size: 0;
    border-block-start: 3px dashed var(--mb-insights-forecast, var(--mb-color-focus));
  }
  .key-band-80,
  .key-band-95 {
    background: var(--mb-insights-forecast, var(--mb-color-focus));
    opacity: 0.3;
  }
  .key-band-95 {
    opacity: 0.16;
  }
  .key-holiday {
    inline-size: 0.6em;
    block-size: 0.6em;
    background: var(--mb-insights-holiday, var(--mb-insights-warning, #b07000));
    transform: rotate(45deg);
  }
  .disclosure summary {
    cursor: pointer;
    font-weight: var(--mb-font-weight-strong);
    min-block-size: 2.75em;
    display: list-item;
    line-height: 2.75em;
  }
  .table-scroll {
    max-inline-size: 100%;
    overflow-x: auto;
  }
  .table-scroll:focus-visible {
    outline: var(--mb-focus-ring-width, 3px) solid var(--mb-color-focus);
  }
  table {
    border-collapse: collapse;
    font-size: var(--mb-font-size-s);
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    padding-block-end: var(--mb-space-2xs);
    color: var(--mb-insights-muted, var(--mb-color-muted));
  }
  th,
  td {
    padding: var(--mb-space-2xs) var(--mb-space-s);
    border-block-end: var(--mb-border-width) solid var(--mb-insights-border, var(--mb-color-border));
    text-align: start;
    white-space: nowrap;
  }
  tr[data-kind='expected'] th {
    font-weight: var(--mb-font-weight-strong);
  }
  tr[data-kind='observed'] th {
    font-weight: normal;
  }
  .alerts,
  .risks,
  .reasons {
    display: grid;
    gap: var(--mb-space-xs);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .alert {
    display: grid;
    gap: var(--mb-space-2xs);
    padding: var(--mb-space-s);
    border-inline-start: 0.35em solid var(--mb-insights-forecast, var(--mb-color-focus));
    background: color-mix(in srgb, var(--mb-insights-forecast, var(--mb-color-focus)) 7%, transparent);
    border-radius: var(--mb-radius-s, 4px);
  }
  .risk {
    display: grid;
    gap: var(--mb-space-xs);
    padding: var(--mb-space-s);
    border: var(--mb-border-width) solid var(--mb-insights-border, var(--mb-color-border));
    border-radius: var(--mb-insights-radius, var(--mb-radius-m));
  }
  .risk-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--mb-space-xs);
  }
  .probability {
    font-weight: var(--mb-font-weight-strong);
    color: var(--mb-insights-critical, var(--mb-color-danger));
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(11em, 45%), 1fr));
    align-items: start;
  }
  .facts dd {
    font-size: var(--mb-font-size-m);
  }
  .reasons {
    gap: var(--mb-space-2xs);
    padding-inline-start: 1.2em;
    list-style: disc;
    font-size: var(--mb-font-size-s);
  }
  .more > summary {
    inline-size: fit-content;
    padding-block: var(--mb-space-xs);
    color: var(--mb-color-primary);
    font-weight: var(--mb-font-weight-strong);
    cursor: pointer;
  }
  .more[open] > summary {
    margin-block-end: var(--mb-space-xs);
  }
  .win-back {
    display: grid;
    gap: var(--mb-space-xs);
  }
  .win-back-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--mb-space-s);
  }
  /* Inert, yet readable: a faded primary button had too little contrast for its own label. */
  .win-back .cta[aria-disabled='true'] {
    background: transparent;
    color: var(--mb-insights-text, var(--mb-color-text));
    border-style: dashed;
    cursor: not-allowed;
  }
  .outcome:empty {
    display: none;
  }
  .outcome[data-failed='true'] {
    color: var(--mb-insights-critical, var(--mb-color-danger));
    font-weight: var(--mb-font-weight-strong);
  }
  .chart-skeleton {
    block-size: 240px;
  }
`;
