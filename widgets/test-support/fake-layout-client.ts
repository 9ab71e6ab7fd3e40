/**
 * An in-memory {@link LayoutClient} for tests and stories: preferences in a nanostores atom, every
 * `setLayout` recorded. Not part of any bundle.
 *
 * ```ts
 * const client = createFakeLayoutClient({ 'guest-home': { order: ['b', 'a'], hidden: [] } });
 * html`<mb-widget-grid dashboard-id="guest-home" .client=${client}>…</mb-widget-grid>`;
 * client.saved; // [['guest-home', { order, hidden }]]
 * ```
 */
import type { DashboardLayout } from '@matbakh/contract';
import { atom } from 'nanostores';
import type { LayoutClient } from '../src/widget-grid/layout-client.ts';

export interface FakeLayoutClient extends LayoutClient {
  /** Every `setLayout` call, in order. */
  readonly saved: [string, DashboardLayout][];
  /** Replace a dashboard's layout as if another tab saved it. */
  external(dashboardId: string, layout: DashboardLayout): void;
  /** How many listeners the preferences store has right now (leak checks). */
  listeners(): number;
}

export function createFakeLayoutClient(layouts: Record<string, DashboardLayout> = {}): FakeLayoutClient {
  const $preferences = atom({ layout: structuredClone(layouts) });
  const saved: [string, DashboardLayout][] = [];
  let count = 0;
  const write = (dashboardId: string, layout: DashboardLayout) =>
    $preferences.set({ layout: { ...$preferences.get().layout, [dashboardId]: structuredClone(layout) } });
  return {
    saved,
    external: write,
    listeners: () => count,
    preferences: {
      $preferences: {
        get: () => $preferences.get(),
        listen(listener) {
          count++;
          const stop = $preferences.listen(listener);
          return () => {
            count--;
            stop();
          };
        },
      },
      get: () => $preferences.get(),
      setLayout(dashboardId, layout) {
        saved.push([dashboardId, structuredClone(layout)]);
        write(dashboardId, layout);
        return { ok: true };
      },
    },
  };
}
