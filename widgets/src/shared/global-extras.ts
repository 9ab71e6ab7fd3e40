/**
 * What the script-tag bundle adds to `window.matbakh` besides the client: theming and more clients.
 *
 * ```js
 * matbakh.theme.set('dark');                                   // or a preset from data-theme on the script tag
 * matbakh.theme.set({ '--mb-color-primary': '#17703c' });      // false + console.error on bad input
 * const other = matbakh.create({ writeKey: 'pk_other', api }); // a second, independent client
 * otherWidget.client = other;                                  // widgets take it through their `client` property
 * ```
 *
 * Installed by `matbakh.js` after the client starts (`installGlobalExtras(window.matbakh, { script })`).
 * Idempotent: a second copy of the bundle finds them there and does nothing. Never throws into the page.
 */
import { type Client, type ClientOptions, createClient, extensible, type Plugin } from '@matbakh/sdk';
import { privacyPlugin } from '@matbakh/sdk/privacy';
import { currentTheme, parseThemeAttribute, setTheme, type ThemeState, type ThemeTokens } from './theme.ts';
import { THEMES, type Theme } from './tokens.ts';

export interface MatbakhTheme {
  /**
   * Themes every `mb-*` widget on the page (see `setTheme` in theme.ts). Returns false, and explains why on
   * the console, when the input is bad; the theme in place is kept then.
   */
  set(theme: Theme | ThemeTokens | null): boolean;
  /** What `set` applied last. */
  get(): ThemeState;
  /** The preset names `set` accepts. */
  readonly presets: readonly Theme[];
}

export interface MatbakhExtras {
  theme: MatbakhTheme;
  /**
   * A second, independent client: its own write key (it must differ from every other client's), queue,
   * identity and delivery; its storage keys carry its write key. It does not replace `matbakh.client`:
   * hand it to widgets through their `client` property. Returns undefined, and explains why on the
   * console, for bad options.
   */
  create(options: ClientOptions): Client | undefined;
}

export interface GlobalExtrasOptions {
  /** The bundle's own script tag: its `data-theme` (a preset name or a JSON object of tokens) is applied. */
  script?: HTMLScriptElement | null;
  /**
   * Plugins of every client `create` makes. Default: what `matbakh.js` gives its own client (privacy layer,
   * extensible), except that the page-wide side effects (Google Consent Mode signals, releasing blocked
   * scripts) stay with the page's main client: two clients must not fight over them.
   */
  plugins?: () => Plugin[];
}

const defaultPlugins = (): Plugin[] => [privacyPlugin({ consentMode: false, scriptBlocking: false }), extensible];

/** A developer's mistake: said always (not only in debug mode), never thrown. */
const explain = (what: string, error: unknown) =>
  console.error(`[matbakh] ${what}:`, error instanceof Error ? error.message : error);

/** Adds `theme` and `create` to the global (once) and applies the script tag's `data-theme`. */
export function installGlobalExtras(global: object, options: GlobalExtrasOptions = {}): void {
  try {
    const target = global as Partial<MatbakhExtras> & { client?: Client; init?: (options: ClientOptions) => void };
    target.theme ??= {
      set(theme) {
        try {
          setTheme(theme);
          return true;
        } catch (error) {
          explain('theme.set', error);
          return false;
        }
      },
      get: currentTheme,
      presets: THEMES,
    };
    if (!target.create) {
      const taken = new Set<string>();
      // The main client's write key is taken too, however it was set up (script tag or matbakh.init).
      const init = target.init;
      if (init) {
        target.init = (initOptions) => {
          if (typeof initOptions?.writeKey === 'string' && !target.client) taken.add(initOptions.writeKey);
          init(initOptions);
        };
      }
      target.create = creator(taken, options.plugins ?? defaultPlugins);
    }
    applyScriptTheme(options.script);
  } catch (error) {
    explain('extras', error);
  }
}

/** Applies `data-theme` of our script tag, if any; bad values are explained, never thrown. */
export function applyScriptTheme(script: HTMLScriptElement | null | undefined): void {
  const value = script?.dataset.theme;
  if (!value) return;
  try {
    setTheme(parseThemeAttribute(value));
  } catch (error) {
    explain('data-theme', error);
  }
}

function creator(writeKeys: Set<string>, plugins: () => Plugin[]): MatbakhExtras['create'] {
  return (options) => {
    try {
      const writeKey = options?.writeKey;
      // Same write key = same storage keys (queue, identity): the two clients would eat each other's queue.
      // The page's script tag carries the main client's write key, if it was set up that way.
      const main = document.querySelector<HTMLScriptElement>('script[data-write-key]')?.dataset.writeKey;
      if (typeof writeKey === 'string' && (writeKeys.has(writeKey) || writeKey === main)) {
        throw new TypeError(`writeKey "${writeKey}" already has a client on this page; matbakh.create needs another`);
      }
      const client = createClient({ ...options, plugins: [...plugins(), ...(options?.plugins ?? [])] });
      writeKeys.add(writeKey);
      return client;
    } catch (error) {
      explain('create', error);
      return undefined;
    }
  };
}
