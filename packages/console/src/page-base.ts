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
    h2 {
      font-size: var(--mb-font-size-l);
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

  /** A failed request as one sentence for the page (the server's message names the field). */
  problem(error: unknown): string {
    if (error instanceof ApiError && error.notAvailable) return this.msg('notAvailable', { path: error.path });
    return this.msg('error', { message: error instanceof Error ? error.message : String(error) });
  }

  date(iso: string): string {
    const time = Date.parse(iso);
    return Number.isNaN(time)
      ? iso
      : new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
  }

  /** Focus the page heading after a navigation, so a screen reader announces the new page. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }
}
