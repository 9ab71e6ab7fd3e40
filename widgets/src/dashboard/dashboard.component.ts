import {
  type DashboardDefaults,
  type DashboardLayout,
  type DashboardRole,
  isDashboardRole,
  KPI_EVENTS,
} from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { ClientController } from '../shared/client-controller.ts';
import { outlineButtonStyles } from '../shared/controls.styles.ts';
import { bindDisplay, DisplayController, type DisplayPreferencesClient, isDisplayClient } from '../shared/display.ts';
import { dirOf, type Locale, type MessageParams } from '../shared/i18n.ts';
import { MbElement } from '../shared/mb-element.ts';
import { StoreController } from '../shared/store-controller.ts';
import { translate, widgetAddress, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { trackUsage } from '../shared/usage.ts';
import { $widgets, type WidgetRegistration, widgetsFor, widgetTitle } from '../shared/widget-registry.ts';
import { registerBuiltInWidgets } from './built-in-widgets.ts';
import { renderCell, type Say } from './cell-view.ts';
import { type DashboardMessage, messages } from './dashboard.messages.ts';
import { styles } from './dashboard.styles.ts';
import { defaultLayoutOf, inDefaultOrder } from './default-layout.ts';
import { ViewTracking } from './view-tracking.ts';
import { WidgetMounts } from './widget-mounts.ts';

/** How long a widget's tag may take to be defined (its code to load) before the widget shows its error. */
const DEFAULT_WIDGET_TIMEOUT_MS = 10_000;

export { pendingTagWaits } from './tag-waits.ts';

/** A client property is whatever the page gives; the dashboard only reads what it recognises. */
type DashboardClient = DisplayPreferencesClient & { config?: { get?(): unknown }; track?: unknown };

/**
 * A personal dashboard: the registered widgets for an `audience` (`guest` or `owner`) in an `<mb-widget-grid>`
 * that the visitor rearranges, hides and brings back; the arrangement is saved per `dashboard-id`.
 *
 * Widgets come from the registry (`shared/widget-registry.ts`): the built-ins (recommendations, next best
 * action, insights for owners, and `orders`, which shows the page's `slot="orders"` content) and the page's
 * own (`matbakh.widgets.register(id, { title, tag | render })`), also when registered after the dashboard
 * rendered. The dashboard never imports a widget's code: it creates the element by tag name and shows a
 * skeleton of reserved size until the tag is defined (calling the widget's `load()` once). A widget whose
 * tag is not defined within `widget-timeout` ms, whose `load()` rejects or whose `render` throws shows an
 * error with a retry button; the others are unaffected. A widget element that sets `hidden` on itself (nothing to
 * show, like a next step when no action is eligible) takes no cell until it removes it. Offline, a notice says so and widgets keep what they
 * showed.
 *
 * Order: the visitor's saved layout (restored by the grid), else the tenant's default for the role
 * (`defaults`, else the client's config `dashboards`), else registration order.
 *
 * Theme and language follow the visitor's preferences live (see shared/display.ts) unless the page sets
 * `theme` / `lang`; the dashboard passes its theme down to the grid and the widgets it creates.
 *
 * @slot orders - The page's orders (shown in the built-in `orders` widget).
 * @slot header-actions - Extra controls in the header, after the Customize button.
 * @slot logo - The brand, before the heading.
 *
 * @csspart base - The root.
 * @csspart header - The row with logo, heading and actions.
 * @csspart heading - The heading.
 * @csspart customize - The Customize toggle button (`aria-pressed`).
 * @csspart offline - The offline notice.
 * @csspart grid - The `<mb-widget-grid>`.
 * @csspart widget - A widget's cell content (also `widget-loading`, `widget-error`, `widget-ready`).
 * @csspart widget-title - A widget's title (none over a widget registered with `ownHeading`).
 * @csspart skeleton - The loading placeholder.
 * @csspart error - A widget's error message.
 * @csspart retry - A widget's retry button.
 * @csspart empty - The orders widget's text when the page gave no orders.
 *
 * @cssproperty --mb-dashboard-widget-min-height - Space reserved per widget while it loads (default `12em`).
 * @cssproperty --mb-dashboard-skeleton - Skeleton colour (default a tint of `--mb-color-text`).
 * @cssproperty --mb-dashboard-heading-size - Heading font size (default `--mb-font-size-xl`).
 * @cssproperty --mb-dashboard-surface - Background the dashboard paints under its texts (default `--mb-color-surface`:
 *   the theme's text is readable on it on any page).
 * @cssproperty --mb-dashboard-padding - Space inside that background (default `--mb-space-m`).
 * @cssproperty --mb-dashboard-radius - Its corner radius (default `--mb-radius-l`).
 * @cssproperty --mb-dashboard-cell-border - Edge of each widget's cell (default a light tint of `--mb-color-border`).
 * @cssproperty --mb-dashboard-cell-padding - Space between a cell's edge and its widget (default `--mb-space-s`).
 */
export class MbDashboard extends MbElement {
  static override styles = [tokens, baseStyles, outlineButtonStyles, styles];

  static override properties = {
    audience: { type: String, reflect: true },
    dashboardId: { type: String, attribute: 'dashboard-id' },
    client: { attribute: false },
    defaults: { attribute: false },
    customizing: { type: Boolean, reflect: true },
    widgetTimeout: { type: Number, attribute: 'widget-timeout' },
    theme: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    offline: { state: true },
  };

  /**
   * `guest` (default) or `owner`: which widgets show and which default layout applies. (Not `role`: that
   * attribute is ARIA's, and `role="guest"` would be an invalid ARIA role.)
   */
  declare audience: DashboardRole;
  /** Key of the saved layout in the `layout` preference; default: the audience. */
  declare dashboardId: string | undefined;
  /** The matbakh client (with the preferences plugin). Unset: `window.matbakh.client`. */
  declare client: DashboardClient | undefined;
  /** Default layout per role; unset: the client's config `dashboards`, else registration order. */
  declare defaults: DashboardDefaults | undefined;
  /** Customize mode of the grid (hidden widgets, reset); the Customize button toggles it. */
  declare customizing: boolean;
  /** Milliseconds a widget's tag may take to be defined before its error shows (default 10 000). */
  declare widgetTimeout: number;
  /** Theme preset; unset: the visitor's preference, else `light`. */
  declare theme: Theme | undefined;
  /** Locale of the texts; unset: the visitor's preference, else the page's, else the browser's. */
  declare lang: string;

  declare private offline: boolean;

  private readonly display = new DisplayController(this);
  private readonly connection = new ClientController<DashboardClient>(this, {
    accept: isDisplayClient,
    stores: () => [],
    onClient: (client) => bindDisplay(client),
  });
  private readonly registrations = new StoreController(this, $widgets);
  private readonly mounts = new WidgetMounts({
    container: (id) => this.container(id),
    requestUpdate: () => this.requestUpdate(),
    updated: () => this.updateComplete,
    timeout: () => this.widgetTimeout,
    role: () => this.effectiveRole,
    client: () => this.client,
    theme: () => this.display.theme,
    observe: (element) => this.emptiness.observe(element, { attributes: true, attributeFilter: ['hidden'] }),
  });
  /** Watches the `hidden` attribute of the widgets it created: a widget with nothing to show collapses its cell. */
  private readonly emptiness = new MutationObserver(() => this.requestUpdate());
  private defaultKey = '';
  private defaultLayout: DashboardLayout | undefined;

  constructor() {
    super();
    this.audience = 'guest';
    this.customizing = false;
    this.widgetTimeout = DEFAULT_WIDGET_TIMEOUT_MS;
    this.offline = false;
    // `Dashboard Viewed` for the KPI report, once this dashboard is first on screen and a client can tell.
    new ViewTracking(this, () => {
      const client = this.connection.client;
      if (!client) return false;
      const role = this.effectiveRole;
      trackUsage(client, KPI_EVENTS.dashboardViewed, { dashboard_id: this.dashboardId || role, audience: role });
      return true;
    });
  }

  override connectedCallback(): void {
    registerBuiltInWidgets();
    super.connectedCallback();
    this.offline = globalThis.navigator?.onLine === false;
    window.addEventListener('online', this.onNetwork);
    window.addEventListener('offline', this.onNetwork);
    // Attached again after a removal: the widgets were torn down and are built again on this render.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onNetwork);
    window.removeEventListener('offline', this.onNetwork);
    // Widgets are torn down with the dashboard (listeners, timers, a page's clean-up) and built again if it
    // is attached again: nothing of a removed dashboard stays referenced.
    this.mounts.clear();
    this.emptiness.disconnect();
  }

  /** The audience in effect (`guest` for anything unknown). */
  get effectiveRole(): DashboardRole {
    return isDashboardRole(this.audience) ? this.audience : 'guest';
  }

  /** Puts every widget in its error state back to loading and tries again. */
  retryFailed(): void {
    this.mounts.retryFailed();
  }

  private readonly onNetwork = () => {
    this.offline = globalThis.navigator?.onLine === false;
  };

  /** The widgets of this role, in the default order (the grid's DOM order = what "reset" returns to). */
  private widgets(): WidgetRegistration[] {
    const role = this.effectiveRole;
    return inDefaultOrder(widgetsFor(role, this.registrations.value), this.defaultsFor(role));
  }

  private defaultsFor(role: DashboardRole): DashboardLayout | undefined {
    let source: unknown = this.defaults;
    if (!source) {
      try {
        source = (this.connection.client?.config?.get?.() as { dashboards?: unknown } | undefined)?.dashboards;
      } catch {
        source = undefined;
      }
    }
    const next = defaultLayoutOf(source, role);
    if (!next) return undefined;
    // One object per distinct default: the grid takes a new `layout` as a new arrangement.
    const key = JSON.stringify(next);
    if (key !== this.defaultKey) {
      this.defaultKey = key;
      this.defaultLayout = next;
    }
    return this.defaultLayout;
  }

  override render(): TemplateResult {
    const locale = widgetLocale(this, this.lang);
    const address = widgetAddress(this, locale);
    const say = (key: DashboardMessage, params?: MessageParams) =>
      translate(messages, locale, key, params, undefined, address);
    const role = this.effectiveRole;
    const widgets = this.widgets();
    const defaults = this.defaultsFor(role);
    const theme = this.display.theme;
    return html`<div part="base" class="base" lang=${locale} dir=${dirOf(locale)}>
      <div part="header" class="header">
        <slot name="logo"></slot>
        <h2 part="heading" class="heading">${say(`heading.${role}`)}</h2>
        <div class="actions">
          <button
            part="customize"
            class="customize"
            type="button"
            aria-pressed=${this.customizing ? 'true' : 'false'}
            @click=${this.onCustomize}
          >
            ${say('customize')}
          </button>
          <slot name="header-actions"></slot>
        </div>
      </div>
      <div class="status" role="status">
        ${this.offline ? html`<p part="offline" class="offline">${say('offline')}</p>` : nothing}
      </div>
      ${widgets.length === 0 ? html`<p class="empty">${say('empty')}</p>` : nothing}
      <mb-widget-grid
        part="grid"
        dashboard-id=${this.dashboardId || role}
        theme=${ifDefined(theme)}
        lang=${locale}
        .defaultLayout=${defaults}
        .customizing=${this.customizing}
        .client=${this.connection.client}
      >
        ${repeat(
          widgets,
          (registration) => registration.id,
          (registration) => this.cell(registration, locale, say),
        )}
      </mb-widget-grid>
    </div>`;
  }

  protected override updated(): void {
    this.mounts.sync(new Map(this.widgets().map((registration) => [registration.id, registration])));
  }

  private cell(registration: WidgetRegistration, locale: Locale, say: Say): TemplateResult {
    const builtInTitle = `widget.${registration.id}`;
    // A built-in's title from this catalog (in the tenant's form of address); a partner's widget's as registered.
    const title =
      registration.builtIn && Object.hasOwn(messages.de, builtInTitle)
        ? say(builtInTitle as DashboardMessage)
        : widgetTitle(registration, locale);
    const state = this.mounts.stateOf(registration.id);
    // A ready widget that hides itself (e.g. no eligible next step) has nothing to show: no titled empty card.
    const empty = state === 'ready' && this.container(registration.id)?.firstElementChild?.hasAttribute('hidden');
    return renderCell(registration, title, say, state, empty === true, (id) => this.mounts.retry(id));
  }

  private container(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`.content[data-widget="${CSS.escape(id)}"]`);
  }

  private readonly onCustomize = () => {
    this.customizing = !this.customizing;
  };
}
