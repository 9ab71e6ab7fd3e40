/**
 * What every console page shares: the API client, the locale, the session, a `msg()` lookup and the page styles.
 * Pages render data only through Lit text bindings (never as HTML) and links only through `safeUrl`.
 */
import type { Locale } from '@matbakh/contract';
import { t } from '@matbakh/widgets/shared/i18n.ts';
import { baseStyles, tokens } from '@matbakh/widgets/shared/tokens.ts';
import { css, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { type Api, ApiError, type SessionInfo } from './api.ts';
import { type MessageKey, messages } from './messages.ts';

export type Params = Readonly<Record<string, string | number>>;

/** Intl formatters are slow to construct (a chart formats hundreds of values per render): one per locale and style. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/**
 * Values placed into a sentence (paths, key hints, names) are wrapped in Unicode isolates (FSI … PDI), so a Latin
 * path inside an Arabic sentence keeps its own direction instead of being reordered with the sentence.
 */
export function isolate(params: Params): Params {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? `\u2068${value}\u2069` : value]),
  );
}

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

export class ConsolePage extends LitElement {
  static override styles = pageStyles;

  @property({ attribute: false }) api!: Api;
  @property({ attribute: false }) session: SessionInfo | undefined;
  @property() locale: Locale = 'de';

  msg(key: MessageKey, params?: Params): string {
    return t(messages, this.locale, key, params && isolate(params));
  }

  /** Like `msg`, for sentences made of the console's own texts only (labels): nothing to isolate. */
  label(key: MessageKey, params?: Params): string {
    return t(messages, this.locale, key, params);
  }

  /** A failed request as one sentence for the page (the server's message names the field). */
  problem(error: unknown): string {
    if (error instanceof ApiError && error.notAvailable) return this.msg('notAvailable', { path: error.path });
    return this.msg('error', { message: error instanceof Error ? error.message : String(error) });
  }

  date(iso: string): string {
    const time = Date.parse(iso);
    return Number.isNaN(time) ? iso : dateFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
  }

  percent(rate: number | null): string {
    return rate === null ? '–' : numberFormat(this.locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  }

  /** A relative change, always with its sign (+5 %, −2 %). */
  signedPercent(rate: number | null): string {
    return rate === null
      ? '–'
      : numberFormat(this.locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
          rate,
        );
  }

  number(value: number, options: Intl.NumberFormatOptions = {}): string {
    return numberFormat(this.locale, options).format(value);
  }

  /** A report day (`2026-12-07`) as "7. Dez." in the page's language. */
  day(iso: string): string {
    const time = Date.parse(`${iso}T00:00:00Z`);
    return Number.isNaN(time)
      ? iso
      : dateFormat(this.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(time);
  }

  /** Focus the page heading after a navigation, so a screen reader announces the new page. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }
}
