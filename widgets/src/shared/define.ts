/**
 * Guarded custom-element registration.
 *
 * Partner sites load us twice as a matter of course (a tag manager plus a hard-coded script tag, an old
 * cached bundle next to a new one). `customElements.define` throws on a second registration, and an
 * exception thrown into a partner's page is the one thing we must never do. So registration goes through
 * `defineElement`, which is a no-op when the same version already owns the tag, and keeps the first
 * registration when a different version (or somebody else's class) owns it — with one console warning in
 * debug mode (`?matbakh_debug=1`, or `data-debug` on our script tag), silently otherwise: a partner's
 * visitors' consoles are not ours to fill.
 */

/** Debug mode, as the loader decides it: `?matbakh_debug=1` or `data-debug` on our script tag. */
export function debugRequested(): boolean {
  if (typeof location === 'undefined' || typeof document === 'undefined') return false;
  if (/[?&]matbakh_debug=1(&|$)/.test(location.search)) return true;
  return document.querySelector('script[data-debug][data-write-key], script[data-debug][src*="matbakh"]') !== null;
}

export interface DefineOptions {
  /** Warn about another version owning the tag (default: {@link debugRequested}). */
  debug?: boolean;
}

/**
 * Where the registering version is recorded on a constructor. `Symbol.for` (the global symbol registry)
 * on purpose: two copies of this module — two bundles of different versions — must agree on the key,
 * which a module-local `Symbol()` would not.
 */
export const ELEMENT_VERSION: unique symbol = Symbol.for('matbakh.element.version');

/**
 * Versions we already warned about, kept on the constructor that owns the tag, so the warning stays
 * once per (tag, version) even across several copies of this module — without writing a global on
 * the host page.
 */
const WARNED: unique symbol = Symbol.for('matbakh.element.warned');

interface Marked {
  [ELEMENT_VERSION]?: string;
  [WARNED]?: Set<string>;
}

/** The version recorded by `defineElement`, or `undefined` for a class we did not register. */
export function elementVersion(ctor: CustomElementConstructor): string | undefined {
  return (ctor as Marked)[ELEMENT_VERSION];
}

/**
 * Registers `ctor` as `tag`, safely.
 *
 * - tag free: registers it, records `version` on `ctor` (see {@link elementVersion}) and returns `true`;
 * - tag owned by the same version (or the very same class): no-op, returns `false`;
 * - tag owned by another version or by a foreign class: keeps the existing registration (elements already
 *   on the page are upgraded with it), returns `false`; in debug mode warns once per version;
 * - registration throws (invalid name, class already used under another tag): warns, returns `false`.
 *
 * Never throws.
 */
export function defineElement(
  tag: string,
  ctor: CustomElementConstructor,
  version: string,
  options: DefineOptions = {},
): boolean {
  const registry = globalThis.customElements;
  // No registry: server-side rendering, a very old browser, or a sandbox without custom elements.
  if (!registry) return false;

  const existing = registry.get(tag) as (CustomElementConstructor & Marked) | undefined;
  if (existing) {
    const existingVersion = existing[ELEMENT_VERSION];
    if (existing === ctor || existingVersion === version) return false;
    if (!(options.debug ?? debugRequested())) return false;
    const warned = existing[WARNED] ?? new Set<string>();
    if (!warned.has(version)) {
      warned.add(version);
      // A non-writable, non-enumerable own property: invisible to the element's own code.
      if (!existing[WARNED]) Object.defineProperty(existing, WARNED, { value: warned });
      console.warn(
        `[matbakh] <${tag}> is already defined by ${existingVersion ? `version ${existingVersion}` : 'another script'}; ` +
          `version ${version} is not registered. Load matbakh once per page to get one version.`,
      );
    }
    return false;
  }

  try {
    // Recorded before `define`, which upgrades elements already in the page synchronously.
    Object.defineProperty(ctor, ELEMENT_VERSION, { value: version, configurable: true });
    registry.define(tag, ctor);
    return true;
  } catch (error) {
    console.warn(`[matbakh] <${tag}> could not be defined:`, error);
    return false;
  }
}
