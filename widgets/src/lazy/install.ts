/**
 * Adds SDK plugins to the page's live client (`client.extend`: installed names are skipped, so every lazily
 * loaded file asks for what it needs and a plugin still starts once). Every element file takes the preferences
 * plugin: the visitor's theme and language preferences drive every widget (shared/display.ts).
 */
import type { Plugin } from '@matbakh/sdk';
import { preferencesPlugin } from '@matbakh/sdk/preferences';
import { bindDisplay, isDisplayClient } from '../shared/display.ts';

type Extensible = { extend(...plugins: Plugin[]): void };

/**
 * The plugins' APIs copied onto `window.matbakh` (personalization.ts copies them all): the element files' own ones
 * too (`<mb-inbox>` brings `inbox`, `<mb-push-optin>` `push`, `<mb-search>` `search`), so a script-tag page can call
 * `matbakh.push.subscribe()` as an ESM page calls `client.push.subscribe()`.
 */
export const FEATURES = [
  'preferences',
  'recommendations',
  'actions',
  'experiments',
  'insights',
  'inbox',
  'push',
  'search',
] as const;

/** The page's client, when it can take plugins. */
export function pageClient(): (Extensible & Record<string, unknown>) | undefined {
  const client = (window as unknown as { matbakh?: { client?: Partial<Extensible> } }).matbakh?.client;
  return client && typeof client.extend === 'function' ? (client as Extensible & Record<string, unknown>) : undefined;
}

export function install(...plugins: Plugin[]): void {
  try {
    const client = pageClient();
    if (!client) return;
    client.extend(preferencesPlugin(), ...plugins);
    if (isDisplayClient(client)) bindDisplay(client);
    // As soon as a page shows an element, the APIs it installed are on `window.matbakh` too (`matbakh.ready()`
    // waits for all of them).
    const global = (window as unknown as { matbakh: Record<string, unknown> }).matbakh;
    for (const name of FEATURES) if (client[name] !== undefined) global[name] = client[name];
  } catch (error) {
    // Never into the host page.
    if (/[?&]matbakh_debug=1(&|$)/.test(location.search)) console.warn('[matbakh] plugins failed', error);
  }
}
