import { type InboxItem, safeUrl } from '@matbakh/contract';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ClientController } from '../shared/client-controller.ts';
import { deepActiveElement, restoreFocus } from '../shared/focus.ts';
import { dirOf, type Locale, type MessageParams, t } from '../shared/i18n.ts';
import { MbElement } from '../shared/mb-element.ts';
import { anchorFloating } from '../shared/popover.ts';
import { widgetAddress, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { type InboxMessage, messages } from './inbox.messages.ts';
import { styles } from './inbox.styles.ts';
import { type InboxClient, type InboxView, isInboxClient } from './inbox-client.ts';

const INTL: Record<Locale, string> = { de: 'de-DE', en: 'en-GB', ar: 'ar' };
const IDLE: InboxView = { status: 'idle', items: [], unread: 0, live: 'off', hasMore: false };

/**
 * The in-app inbox: a bell button whose accessible name carries the unread count ("Notifications, 3 unread"),
 * opening a non-modal dialog anchored to it (APG disclosure dialog: `aria-haspopup="dialog"`, `aria-expanded`;
 * focus moves in on open, Escape or the close button closes and returns focus to the bell, a click outside
 * closes). The list shows each item's title, text and time as text only; an item's link passes the contract's
 * `safeUrl` (http/https only) and marks the item read when followed. "Mark as read" per item and "Mark all as
 * read". States: loading, empty, offline, error (with retry) and the in-app channel switched off in the consent.
 * A new item is announced in a polite live region.
 *
 * The client is the `client` property, else `window.matbakh.client`, with `inbox` (`inboxPlugin()` of
 * `@matbakh/sdk/inbox`); the element listens to its `$inbox` only while connected, which is what keeps the
 * stream open.
 *
 * @event mb-inbox-read - The visitor marked items read: `{ ids, all }`.
 * @event mb-inbox-item-open - The visitor followed an item's link: `{ itemId, url }` (the link still navigates).
 *
 * @csspart base - The root.
 * @csspart bell - The bell button (its name, with the unread count, is visually hidden text inside).
 * @csspart badge - The unread count on the bell (decoration: the count is in the button's name).
 * @csspart panel - The popover dialog.
 * @csspart title - The dialog's heading.
 * @csspart close - The close button.
 * @csspart mark-all - "Mark all as read".
 * @csspart list - The list of items.
 * @csspart item - One item (also `item-unread`).
 * @csspart item-title - An item's title.
 * @csspart item-body - An item's text.
 * @csspart item-time - When it arrived.
 * @csspart item-link - An item's link.
 * @csspart mark-one - An item's "Mark as read".
 * @csspart more - "Load older".
 * @csspart notice - Loading, empty, offline, error or consent message.
 * @csspart retry - Retry button.
 * @csspart status - Visually hidden live region.
 *
 * @cssproperty --mb-inbox-surface - Panel background (default `--mb-color-surface`).
 * @cssproperty --mb-inbox-text - Text colour (default `--mb-color-text`).
 * @cssproperty --mb-inbox-muted - Times and secondary text (default `--mb-color-muted`).
 * @cssproperty --mb-inbox-border - Panel and item borders (default `--mb-color-border`).
 * @cssproperty --mb-inbox-radius - Panel radius (default `--mb-radius-l`).
 * @cssproperty --mb-inbox-shadow - Panel shadow (default `--mb-shadow-m`).
 * @cssproperty --mb-inbox-badge - Badge background (default `--mb-color-danger`).
 * @cssproperty --mb-inbox-badge-text - Badge text (default `#fff`).
 * @cssproperty --mb-inbox-width - Panel width (default `22rem`).
 */
export class MbInbox extends MbElement {
  static override styles = [tokens, baseStyles, styles];

  static override properties = {
    client: { attribute: false },
    theme: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    open: { type: Boolean, reflect: true },
    announcement: { state: true },
  };

  /** The matbakh client (with `inboxPlugin()`). Unset: `window.matbakh.client`. */
  declare client: InboxClient | undefined;
  /** Theme preset: `light` (default), `dark`, `high-contrast`, `system`. */
  declare theme: Theme | undefined;
  /** Locale of the texts (`de`, `en`, `ar`); unset: the page's, else the browser's. */
  declare lang: string;
  /** Whether the list is shown. */
  declare open: boolean;
  declare private announcement: string;

  private readonly connection = new ClientController<InboxClient>(this, {
    accept: isInboxClient,
    stores: (client) => [client.inbox.$inbox],
  });
  private stopFloating: (() => void) | undefined;
  /** Where focus was before the list opened (given back if the element goes while open). */
  private returnFocus: HTMLElement | null = null;
  private newestSeen: number | undefined;

  constructor() {
    super();
    this.open = false;
    this.announcement = '';
  }

  private get view(): InboxView {
    return this.connection.client?.inbox.$inbox.get() ?? IDLE;
  }

  private get locale(): Locale {
    return widgetLocale(this, this.lang);
  }

  private say(key: InboxMessage, params?: MessageParams): string {
    const locale = this.locale;
    return t(messages, locale, key, params, widgetAddress(this, locale));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removed while open: focus goes back where it was instead of staying on a detached title.
    if (this.open) restoreFocus(this.returnFocus);
    this.returnFocus = null;
    this.unfloat();
    document.removeEventListener('pointerdown', this.onOutside, true);
  }

  protected override willUpdate(): void {
    // A new item after the first load: said once in the live region (its title, as text).
    const newest = this.view.items[0];
    if (this.view.status === 'ready' && newest) {
      if (this.newestSeen !== undefined && newest.id > this.newestSeen && newest.readAt === null) {
        this.announcement = this.say('arrived', { title: newest.title });
      }
      this.newestSeen = newest.id;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    const panel = this.renderRoot.querySelector<HTMLElement>('[part~="panel"]');
    const bell = this.renderRoot.querySelector<HTMLElement>('[part~="bell"]');
    if (this.open && panel && bell) {
      this.stopFloating = anchorFloating(panel, bell, { placement: 'bottom-end', strategy: 'fixed' });
      this.returnFocus = deepActiveElement();
      panel.querySelector<HTMLElement>('[part~="title"]')?.focus();
      document.addEventListener('pointerdown', this.onOutside, true);
    } else {
      this.unfloat();
      document.removeEventListener('pointerdown', this.onOutside, true);
    }
  }

  private unfloat(): void {
    this.stopFloating?.();
    this.stopFloating = undefined;
  }

  private readonly onOutside = (event: PointerEvent) => {
    if (!event.composedPath().includes(this)) this.open = false;
  };

  private toggle(): void {
    this.open = !this.open;
  }

  /** Closes and gives focus back to the bell (Escape, the close button). */
  private close(): void {
    this.open = false;
    restoreFocus(this.renderRoot.querySelector<HTMLElement>('[part~="bell"]'));
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open) return;
    event.stopPropagation();
    this.close();
  }

  private markOne(item: InboxItem): void {
    if (item.readAt !== null) return;
    void this.connection.client?.inbox.markRead([item.id]);
    this.emit('mb-inbox-read', { ids: [item.id], all: false });
  }

  /** "Mark as read" disappears once pressed: focus moves on (the next one, else the heading), never to the page. */
  private async markOneByButton(item: InboxItem): Promise<void> {
    this.markOne(item);
    await this.updateComplete;
    const next = this.renderRoot.querySelector<HTMLElement>('[part~="mark-one"]');
    (next ?? this.renderRoot.querySelector<HTMLElement>('[part~="title"]'))?.focus();
  }

  private markAll(): void {
    const ids = this.view.items.filter((item) => item.readAt === null).map((item) => item.id);
    void this.connection.client?.inbox.markAllRead();
    this.emit('mb-inbox-read', { ids, all: true });
    this.renderRoot.querySelector<HTMLElement>('[part~="title"]')?.focus();
  }

  private follow(item: InboxItem, url: string): void {
    this.emit('mb-inbox-item-open', { itemId: item.id, url });
    if (item.readAt === null) this.markOne(item);
  }

  protected override render(): TemplateResult {
    const locale = this.locale;
    const { unread } = this.view;
    const name = unread > 0 ? this.say('bellUnread', { count: unread }) : this.say('bell');
    const count = new Intl.NumberFormat(INTL[locale]).format(Math.min(unread, 99));
    return html`<div part="base" class="base" dir=${dirOf(locale)} lang=${locale} @keydown=${this.onKeydown}>
      <button part="bell" class="bell" type="button" aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'} aria-controls="panel" @click=${this.toggle}>
        <span class="visually-hidden name">${name}</span>
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/>
        </svg>
        ${unread > 0 ? html`<span part="badge" class="badge" aria-hidden="true">${count}${unread > 99 ? '+' : ''}</span>` : nothing}
      </button>
      <div part="status" class="visually-hidden" role="status">${this.announcement}</div>
      <div part="panel" id="panel" class="panel" role="dialog" aria-labelledby="title" ?hidden=${!this.open}>
        ${this.open ? this.panel() : nothing}
      </div>
    </div>`;
  }

  private panel(): TemplateResult {
    const { items, unread } = this.view;
    return html`<div class="head">
        <h2 id="title" part="title" tabindex="-1">${this.say('title')}</h2>
        ${unread > 0 ? html`<button part="mark-all" class="link" type="button" @click=${this.markAll}>${this.say('markAll')}</button>` : nothing}
        <button part="close" class="close" type="button" aria-label=${this.say('close')} @click=${this.close}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      ${items.length > 0 ? this.list() : this.notice()}`;
  }

  private notice(): TemplateResult {
    const { status } = this.view;
    switch (status) {
      case 'consent':
        return html`<p part="notice" class="notice">${this.say('consent')}</p>`;
      case 'idle':
      case 'loading':
        return html`<p part="notice" class="notice" aria-busy="true">${this.say('loading')}</p>`;
      case 'error':
      case 'offline':
        return html`<div part="notice" class="notice" role="alert">
          <p>${this.say(status)}</p>
          <button part="retry" class="link" type="button" @click=${() => this.connection.client?.inbox.refresh()}>
            ${this.say('retry')}
          </button>
        </div>`;
      case 'ready':
        return html`<p part="notice" class="notice">${this.say('empty')}</p>`;
    }
  }

  private list(): TemplateResult {
    const { items, hasMore, status } = this.view;
    return html`${status === 'offline' ? html`<p part="notice" class="notice small">${this.say('offline')}</p>` : nothing}
      <ul part="list" aria-labelledby="title">${items.map((item) => this.item(item))}</ul>
      ${hasMore ? html`<button part="more" class="link" type="button" @click=${() => this.connection.client?.inbox.more()}>${this.say('more')}</button>` : nothing}`;
  }

  private item(item: InboxItem): TemplateResult {
    const unread = item.readAt === null;
    const url = safeUrl(item.url);
    const when = new Date(item.createdAt);
    const time = Number.isNaN(when.getTime())
      ? ''
      : new Intl.DateTimeFormat(INTL[this.locale], { dateStyle: 'medium', timeStyle: 'short' }).format(when);
    return html`<li part="item${unread ? ' item-unread' : ''}" class="item" data-unread=${unread ? 'true' : 'false'}>
      <h3 part="item-title" class="item-title" id="item-${item.id}">
        ${unread ? html`<span class="visually-hidden">${this.say('unread')}: </span><span class="dot" aria-hidden="true"></span>` : nothing}
        ${
          url
            ? html`<a part="item-link" href=${url} @click=${() => this.follow(item, url)}>${item.title}</a>`
            : item.title
        }
      </h3>
      <p part="item-body" class="item-body">${item.body}</p>
      <div class="item-foot">
        ${time ? html`<time part="item-time" datetime=${item.createdAt}>${time}</time>` : nothing}
        ${
          unread
            ? html`<button part="mark-one" class="link" type="button" aria-describedby="item-${item.id}"
                @click=${() => this.markOneByButton(item)}>${this.say('markOne')}</button>`
            : nothing
        }
      </div>
    </li>`;
  }
}
