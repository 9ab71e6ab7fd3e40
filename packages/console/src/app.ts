/**
 * The console shell: a skip link, a header (language, who is signed in, sign out), the section nav (a disclosure
 * button on narrow screens, APG disclosure navigation), one `<main>` with the current page, and the document's
 * title, `lang` and `dir`. Pages are URLs under `/console/` (History API); without a session every page is Sign in.
 * Long because: the console shell's one element: routing, nav and header share the session and the current page; the
 * pages are their own modules.
 */
import { LOCALES, type Locale } from '@matbakh/contract';
import { dirOf, resolveLocale, t } from '@matbakh/widgets/shared/i18n.ts';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { Api, type SessionInfo } from './api.ts';
import { type MessageKey, messages } from './messages.ts';
import { isolate, pageStyles } from './page-base.ts';
import './pages/sign-in.ts';
import './pages/overview.ts';
import './pages/keys.ts';
import './pages/audit.ts';
import './pages/catalogue.ts';
import './pages/events.ts';
import './pages/consent.ts';
import './pages/personalization.ts';
import './pages/experiments.ts';
import './pages/campaigns.ts';

export const PAGES = [
  'overview',
  'consent',
  'personalization',
  'experiments',
  'campaigns',
  'catalogue',
  'events',
  'keys',
  'audit',
] as const;
export type PageName = (typeof PAGES)[number] | 'sign-in';

const BASE = '/console/';
const LOCALE_STORE = 'mb-console-locale';
const NATIVE_NAMES: Record<Locale, string> = { de: 'Deutsch', en: 'English', ar: 'العربية' };

export function pageFromPath(path: string): PageName {
  const name = path.startsWith(BASE) ? path.slice(BASE.length).replace(/\/$/, '') : '';
  if (name === '') return 'overview';
  return (PAGES as readonly string[]).includes(name) || name === 'sign-in' ? (name as PageName) : 'overview';
}

function storedLocale(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORE);
  } catch {
    return null;
  }
}

@customElement('mb-console-app')
export class ConsoleApp extends LitElement {
  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-block-size: 100vh;
        background: var(--mb-color-surface);
        color: var(--mb-color-text);
      }
      .skip {
        position: absolute;
        inset-inline-start: var(--mb-space-s);
        inset-block-start: -100px;
        background: var(--mb-color-surface);
        padding: var(--mb-space-s);
        z-index: 10;
      }
      .skip:focus {
        inset-block-start: var(--mb-space-s);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: var(--mb-space-s) var(--mb-space-m);
        align-items: center;
        justify-content: space-between;
        padding: var(--mb-space-s) var(--mb-space-m);
        border-block-end: var(--mb-border-width) solid var(--mb-color-border);
      }
      .brand {
        font-weight: var(--mb-font-weight-strong);
        font-size: var(--mb-font-size-l);
      }
      .who {
        font-size: var(--mb-font-size-s);
        color: var(--mb-color-muted);
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        gap: var(--mb-space-s);
        align-items: center;
      }
      .tools label {
        display: inline;
        margin-inline-end: var(--mb-space-2xs);
      }
      .layout {
        flex: 1;
        display: grid;
        grid-template-columns: minmax(12rem, 16rem) minmax(0, 1fr);
      }
      .layout.single {
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: 1fr;
      }
      nav {
        padding: var(--mb-space-m);
        border-inline-end: var(--mb-border-width) solid var(--mb-color-border);
      }
      nav ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav a {
        display: block;
        padding: var(--mb-space-xs) var(--mb-space-s);
        border-radius: var(--mb-radius-s);
        color: var(--mb-color-text);
        text-decoration: none;
        min-block-size: 44px;
        line-height: 28px;
      }
      nav a:hover {
        text-decoration: underline;
      }
      nav a[aria-current='page'] {
        background: var(--mb-color-primary);
        color: var(--mb-color-on-primary);
        font-weight: var(--mb-font-weight-strong);
      }
      .menu-button {
        display: none;
      }
      main {
        padding: var(--mb-space-l) var(--mb-space-m);
        min-inline-size: 0;
      }
      main:focus {
        outline: none;
      }
      @media (max-width: 48rem) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
          /* the nav only as tall as its button, the page below takes the rest */
          grid-template-rows: auto 1fr;
        }
        nav {
          border-inline-end: none;
          border-block-end: var(--mb-border-width) solid var(--mb-color-border);
          padding: var(--mb-space-s) var(--mb-space-m);
        }
        .menu-button {
          display: inline-block;
        }
        nav ul[data-open='false'] {
          display: none;
        }
      }
    `,
  ];

  readonly api = new Api();
  @state() private locale: Locale = resolveLocale(storedLocale());
  @state() private page: PageName = pageFromPath(location.pathname);
  @state() private session: SessionInfo | undefined;
  @state() private checked = false;
  @state() private notice = '';
  @state() private menuOpen = false;
  @query('main') private main!: HTMLElement;

  private readonly onPop = () => this.show(pageFromPath(location.pathname), false);

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPop);
    this.api.onSessionEnd = () => this.ended('sessionEnded');
    void this.api.session().then(
      (session) => {
        this.session = session;
        this.checked = true;
      },
      () => {
        this.checked = true;
      },
    );
  }

  override disconnectedCallback(): void {
    window.removeEventListener('popstate', this.onPop);
    super.disconnectedCallback();
  }

  private msg(key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
    return t(messages, this.locale, key, params && isolate(params));
  }

  private ended(reason: MessageKey) {
    if (!this.session) return;
    this.session = undefined;
    this.api.csrfToken = '';
    this.notice = this.msg(reason);
    void this.focusPage();
  }

  /** Shows a page: pushes its URL (unless going back/forward), closes the phone menu, moves focus to its heading. */
  show(page: PageName, push = true) {
    if (push && page !== this.page) history.pushState(null, '', page === 'overview' ? BASE : `${BASE}${page}`);
    this.page = page;
    this.menuOpen = false;
    void this.focusPage();
  }

  private async focusPage() {
    await this.updateComplete;
    const page = this.main?.firstElementChild as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    await page?.updateComplete;
    const heading = page?.shadowRoot?.querySelector<HTMLElement>('h1');
    (heading ?? this.main)?.focus();
  }

  private navigate(event: MouseEvent, page: PageName) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.show(page);
  }

  private setLocale(locale: Locale) {
    this.locale = locale;
    try {
      localStorage.setItem(LOCALE_STORE, locale);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }

  private async signOut() {
    await this.api.signOut().catch(() => undefined);
    this.session = undefined;
    this.notice = this.msg('signedOut');
    void this.focusPage();
  }

  private skip(event: Event) {
    event.preventDefault();
    void this.focusPage();
  }

  override updated(): void {
    const shown = this.session ? this.page : 'sign-in';
    document.title = `${this.msg(`page.${shown}`)} – ${this.msg('appName')}`;
    document.documentElement.lang = this.locale;
    document.documentElement.dir = dirOf(this.locale);
  }

  private renderPage() {
    if (!this.checked) return html`<p>${this.msg('loading')}</p>`;
    const common = { api: this.api, session: this.session, locale: this.locale };
    if (!this.session) {
      return html`<mb-console-sign-in
        .api=${common.api}
        .locale=${this.locale}
        .notice=${this.notice}
        @mb-console-signed-in=${(event: CustomEvent<SessionInfo>) => {
          this.session = event.detail;
          this.notice = '';
          if (this.page === 'sign-in') this.page = 'overview';
          void this.focusPage();
        }}
      ></mb-console-sign-in>`;
    }
    switch (this.page) {
      case 'keys':
        return html`<mb-console-keys .api=${common.api} .session=${this.session} .locale=${this.locale}></mb-console-keys>`;
      case 'audit':
        return html`<mb-console-audit .api=${common.api} .session=${this.session} .locale=${this.locale}></mb-console-audit>`;
      case 'catalogue':
        return html`<mb-console-catalogue
          .api=${common.api}
          .session=${this.session}
          .locale=${this.locale}
        ></mb-console-catalogue>`;
      case 'consent':
        return html`<mb-console-consent .api=${common.api} .session=${this.session} .locale=${this.locale}></mb-console-consent>`;
      case 'personalization':
        return html`<mb-console-personalization
          .api=${common.api}
          .session=${this.session}
          .locale=${this.locale}
        ></mb-console-personalization>`;
      case 'experiments':
        return html`<mb-console-experiments
          .api=${common.api}
          .session=${this.session}
          .locale=${this.locale}
        ></mb-console-experiments>`;
      case 'campaigns':
        return html`<mb-console-campaigns
          .api=${common.api}
          .session=${this.session}
          .locale=${this.locale}
        ></mb-console-campaigns>`;
      case 'events':
        return html`<mb-console-events .api=${common.api} .session=${this.session} .locale=${this.locale}></mb-console-events>`;
      default:
        return html`<mb-console-overview
          .api=${common.api}
          .session=${this.session}
          .locale=${this.locale}
        ></mb-console-overview>`;
    }
  }

  private renderNav() {
    if (!this.session) return nothing;
    return html`<nav aria-label=${this.msg('nav')}>
      <button
        type="button"
        class="menu-button secondary"
        aria-expanded=${this.menuOpen ? 'true' : 'false'}
        aria-controls="nav-list"
        @click=${() => {
          this.menuOpen = !this.menuOpen;
        }}
      >
        ${this.msg('menu')}
      </button>
      <ul id="nav-list" data-open=${this.menuOpen ? 'true' : 'false'}>
        ${PAGES.map(
          (page) => html`<li>
            <a
              href=${page === 'overview' ? BASE : `${BASE}${page}`}
              aria-current=${page === this.page ? 'page' : nothing}
              @click=${(event: MouseEvent) => this.navigate(event, page)}
              >${this.msg(`page.${page}`)}</a
            >
          </li>`,
        )}
      </ul>
    </nav>`;
  }

  override render() {
    return html`
      <a class="skip" href="#main" @click=${this.skip}>${this.msg('skip')}</a>
      <header>
        <span class="brand">${this.msg('appName')}</span>
        <div class="tools">
          ${
            this.session
              ? html`<span class="who"
                >${this.msg('signedInAs', { tenant: this.session.tenant.name, key: this.session.keyHint })}</span
              >`
              : nothing
          }
          <span>
            <label for="locale">${this.msg('language')}</label>
            <select
              id="locale"
              @change=${(event: Event) => this.setLocale((event.target as HTMLSelectElement).value as Locale)}
            >
              ${LOCALES.map(
                (locale) => html`<option value=${locale} lang=${locale} ?selected=${locale === this.locale}>
                  ${NATIVE_NAMES[locale]}
                </option>`,
              )}
            </select>
          </span>
          ${
            this.session
              ? html`<button type="button" class="secondary" @click=${this.signOut}>${this.msg('signOut')}</button>`
              : nothing
          }
        </div>
      </header>
      <div class="layout ${this.session ? '' : 'single'}">
        ${this.renderNav()}
        <main id="main" tabindex="-1">${this.renderPage()}</main>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mb-console-app': ConsoleApp;
  }
}
