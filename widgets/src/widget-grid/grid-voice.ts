import type { Locale, MessageParams } from '../shared/i18n.ts';
import { formatNumber, translate, widgetLocale } from '../shared/texts.ts';
import { type GridMessage, messages } from './widget-grid.messages.ts';

/** What the grid's voice reads of the grid. */
export interface VoiceHost extends HTMLElement {
  lang: string;
  renderRoot: HTMLElement | DocumentFragment;
}

/**
 * The grid's words: its texts in the widget's locale, the widgets' titles and positions in the locale's digits,
 * and the live region's announcements (written directly: an announcement renders nothing).
 */
export class GridVoice {
  locale: Locale = 'de';
  private readonly host: VoiceHost;
  private readonly items: () => Map<string, HTMLElement>;
  /** The live region's sentence. */
  private said = '';

  constructor(host: VoiceHost, items: () => Map<string, HTMLElement>) {
    this.host = host;
    this.items = items;
  }

  /** Follows the widget's locale (its `lang`, else the page's, else the browser's). */
  refresh(): Locale {
    this.locale = widgetLocale(this.host, this.host.lang);
    return this.locale;
  }

  say(key: GridMessage, params?: MessageParams): string {
    return translate(messages, this.locale, key, params);
  }

  /** The widget's title: `widget-title`, `aria-label`, its first heading, else "Widget N" (never the id). */
  titleOf(id: string): string {
    const items = this.items();
    const el = items.get(id);
    return (
      el?.getAttribute('widget-title') ||
      el?.getAttribute('aria-label') ||
      el?.querySelector('h1,h2,h3,h4,h5,h6,[role=heading]')?.textContent?.trim() ||
      this.say('widget', { n: [...items.keys()].indexOf(id) + 1 })
    );
  }

  /** A position in the locale's digits. */
  number(n: number): string {
    return formatNumber(n, this.locale);
  }

  /**
   * Announces `key` (with `id` at its place in `visible`) in the live region, written directly: no render.
   * A no-break space toggles, so the same sentence twice (bumping into an edge) is announced again.
   */
  announce(key: GridMessage, id: string | undefined, visible: string[]): void {
    this.refresh();
    const text = this.say(key, {
      title: this.titleOf(id ?? ''),
      at: this.say('at', { pos: this.number(visible.indexOf(id ?? '') + 1), count: this.number(visible.length) }),
    });
    this.said = text === this.said.trim() ? `${text}\u00a0` : text;
    const live = this.host.renderRoot.querySelector('[part="live"]');
    if (live) live.textContent = this.said;
  }
}
