import type { DashboardLayout } from '@matbakh/contract';
import { ClientController, type ClientHost } from '../shared/client-controller.ts';
import { isLayoutClient, type LayoutClient, savedLayout } from './layout-client.ts';

/** The grid's layout properties this controller reads and restores. */
export type LayoutHost = ClientHost<LayoutClient> & {
  dashboardId: string | undefined;
  layout: DashboardLayout | undefined;
  defaultLayout: DashboardLayout | undefined;
};

/**
 * The grid's layout in the client's `layout` preference: restored whenever the saved one changes (before first
 * paint, another tab, the server), saved on every change the visitor or the page makes. Re-renders the host when
 * preferences change (through its `ClientController`, the reactive part; this class only decides).
 */
export class LayoutPersistence {
  private readonly host: LayoutHost;
  private readonly connection: ClientController<LayoutClient>;
  /** The saved layout last seen (JSON), so an unchanged one never overrides what is on screen. */
  private lastSaved = '';

  constructor(host: LayoutHost) {
    this.host = host;
    this.connection = new ClientController<LayoutClient>(host, {
      accept: isLayoutClient,
      stores: (client) => [client.preferences.$preferences],
    });
  }

  /** The client in use, if any (the grid's own, else the page's). */
  get client(): LayoutClient | undefined {
    return this.connection.client;
  }

  /**
   * Before a render at rest. The saved layout wins whenever it changes and over a default that arrives later (a
   * tenant's config loads after the first render). Without one, `layout` follows `defaultLayout` for as long as it
   * is the default (nothing arranged on this page yet): `defaultChanged`, with the default it replaced.
   */
  restore(defaultChanged: boolean, defaultBefore: unknown): void {
    const host = this.host;
    const saved = savedLayout(this.connection.client, host.dashboardId ?? null);
    const key = JSON.stringify(saved ?? null);
    if (key !== this.lastSaved) {
      this.lastSaved = key;
      if (saved) host.layout = saved;
    }
    if (saved || !defaultChanged) return;
    if (host.layout === undefined || host.layout === defaultBefore) host.layout = host.defaultLayout;
  }

  /** Saves `layout` as the host's dashboard's (nothing without `dashboard-id`); a failing client only warns. */
  save(layout: DashboardLayout): void {
    const { dashboardId } = this.host;
    try {
      if (dashboardId) this.connection.client?.preferences.setLayout(dashboardId, layout);
    } catch (error) {
      console.warn('[matbakh] <mb-widget-grid> could not save the layout:', error);
    }
  }
}
