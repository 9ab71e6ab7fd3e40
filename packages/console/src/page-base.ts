/**
 * What every console page shares: the API client, the locale, the session, a `msg()` lookup and the page styles.
 * Pages render data only through Lit text bindings (never as HTML) and links only through `safeUrl`.
 */
import type { Locale } from '@matbakh/contract';
import { t } from '@matbakh/widgets/shared/i18n.ts';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { type Api, ApiError, type SessionInfo } from './api.ts';

import { pageStyles } from './page.styles.ts';

export { pageStyles };

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
