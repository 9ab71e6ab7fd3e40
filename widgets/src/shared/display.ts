/**
 * The live display switch: the visitor's theme and language preferences, applied to every `mb-*` widget at
 * once, without a reload.
 *
 * `bindDisplay(client)` feeds {@link $display} from `client.preferences`; each widget adds a
 * {@link DisplayController}, which re-renders it when `$display` changes and applies the theme preference to
 * it unless the page set the widget's `theme` itself. `widgetLocale()` (texts.ts) reads `$display.locale`
 * after the widget's own `lang`, so a page's explicit `lang` on a widget still wins.
 */

import type { Locale, ThemePreference } from '@matbakh/contract';
import { isObject } from '@matbakh/contract';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import type { Listenable } from './client-controller.ts';
import { isLocale } from './i18n.ts';
import { onePerPage } from './one-per-page.ts';

export interface Display {
  /** The visitor's chosen language; `null`: not chosen (the page's and the browser's languages decide). */
  locale: Locale | null;
  /** The visitor's chosen theme; `null`: no preference known. */
  theme: ThemePreference | null;
}

const NO_PREFERENCE: Display = { locale: null, theme: null };

/**
 * One display per page, shared by every copy of this module: matbakh.js carries one (the banner), and each
 * lazily loaded element file (matbakh-personalization.js, matbakh-privacy-center.js) carries its own. Each copy
 * keeping its own store left the banner and the privacy center in the old language after the visitor chose another
 * in the preference panel.
 */
interface SharedDisplay {
  store: WritableAtom<Display>;
  bound: { client: DisplayPreferencesClient; stop: () => void } | undefined;
}
const shared = onePerPage<SharedDisplay>('display/1', () => ({
  store: atom<Display>(NO_PREFERENCE),
  bound: undefined,
}));
const $store = shared.store;

/** What every widget renders with. Read-only: it follows the bound client's preferences. */
export const $display: ReadableAtom<Display> = $store;

/** The part of a preferences client the display switch reads. */
export interface DisplayPreferencesClient {
  preferences: {
    $preferences: Listenable & { get(): { theme?: unknown; locale?: unknown } | undefined };
  };
}

/** Duck-typed: a client with the preferences plugin (or anything shaped like one). */
export function isDisplayClient(value: unknown): value is DisplayPreferencesClient {
  if (!isObject(value) || !isObject(value.preferences)) return false;
  const store = value.preferences.$preferences;
  return isObject(store) && typeof store.get === 'function' && typeof store.listen === 'function';
}

const THEME_VALUES: readonly string[] = ['light', 'dark', 'system'];

function read(client: DisplayPreferencesClient): Display {
  let document: { theme?: unknown; locale?: unknown } | undefined;
  try {
    document = client.preferences.$preferences.get();
  } catch {
    return NO_PREFERENCE;
  }
  const theme = document?.theme;
  const locale = document?.locale;
  // `system` is the preference's default ("not chosen"): the page-wide theme (a partner's brand) stays in charge.
  // An explicit light or dark choice is the visitor's and wins.
  const chosen = typeof theme === 'string' && theme !== 'system' && THEME_VALUES.includes(theme);
  return {
    theme: chosen ? (theme as ThemePreference) : null,
    locale: isLocale(locale) ? locale : null,
  };
}

/**
 * Feeds {@link $display} from `client.preferences`. Idempotent: binding the bound client again does nothing;
 * binding another client replaces the first (one visitor, one display per page). Returns a function that
 * unbinds (and forgets the preference) if this client is still the bound one. Never throws.
 */
export function bindDisplay(client: DisplayPreferencesClient): () => void {
  if (shared.bound?.client !== client) {
    shared.bound?.stop();
    const update = () => {
      const next = read(client);
      const current = $store.get();
      if (next.locale !== current.locale || next.theme !== current.theme) $store.set(next);
    };
    let unlisten: () => void = () => {};
    try {
      unlisten = client.preferences.$preferences.listen(update);
    } catch {
      // A look-alike store that cannot be listened to: we still show its current value.
    }
    shared.bound = {
      client,
      stop: () => {
        unlisten();
        $store.set(NO_PREFERENCE);
      },
    };
    update();
  }
  return () => {
    if (shared.bound?.client !== client) return;
    shared.bound.stop();
    shared.bound = undefined;
  };
}

/** A widget that can be themed: `theme` is a reflected attribute on every `mb-*` element. */
type DisplayHost = ReactiveControllerHost & HTMLElement;

/**
 * Re-renders its host when the visitor's theme or language preference changes, and applies the theme
 * preference to the host — by setting its `theme` attribute — unless the page set `theme` on it. The page's
 * attribute always wins; a preference is never written over it, and removing it hands control back.
 *
 * One line per widget: `private readonly display = new DisplayController(this);`
 */
export class DisplayController implements ReactiveController {
  private readonly host: DisplayHost;
  private unsubscribe: (() => void) | undefined;
  /** The `theme` value this controller wrote last; any other value on the attribute is the page's. */
  private applied: string | null = null;

  constructor(host: DisplayHost) {
    this.host = host;
    host.addController(this);
  }

  /**
   * The theme the host shows: the page's `theme` attribute, else the visitor's preference; undefined leaves it
   * to the page-wide theme (`matbakh.theme.set`, `data-theme` on the script tag), whose default is `light`.
   */
  get theme(): string | undefined {
    return this.pageTheme ?? $store.get().theme ?? undefined;
  }

  /** The visitor's language preference, if chosen. */
  get locale(): Locale | null {
    return $store.get().locale;
  }

  /** The `theme` the page set on the host, if any. */
  get pageTheme(): string | null {
    const value = this.host.getAttribute('theme');
    return value !== null && value !== this.applied ? value : null;
  }

  hostConnected(): void {
    this.unsubscribe?.();
    // `subscribe` calls back at once: a widget attached after a change starts with the current display.
    this.unsubscribe = $store.subscribe(() => {
      this.apply();
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private apply(): void {
    if (this.pageTheme !== null) {
      this.applied = null;
      return;
    }
    const wanted = $store.get().theme;
    if (wanted === null) {
      // No preference (any more): take back what we set; the widget falls back to its default theme.
      if (this.applied !== null && this.host.getAttribute('theme') === this.applied) this.host.removeAttribute('theme');
      this.applied = null;
      return;
    }
    this.applied = wanted;
    if (this.host.getAttribute('theme') !== wanted) this.host.setAttribute('theme', wanted);
  }
}
