/**
 * The dashboard's widget registry: which widgets exist, for which role, and how each is drawn.
 *
 * Built-ins are registered by `<mb-dashboard>` itself; a host page adds its own with
 * `matbakh.widgets.register(id, { title, tag | render })` (the script-tag bundle forwards to
 * {@link registerWidget}). Registrations live in a nanostores atom, so a dashboard that is already on the
 * page shows a widget registered later. Nothing here throws into the page: bad input returns an error naming
 * the field (and warns once on the console), the registry is left as it was.
 */
import { DASHBOARD_LIMITS, DASHBOARD_ROLES, type DashboardRole, WIDGET_ID_PATTERN } from '@matbakh/contract';
import { atom, type ReadableAtom } from 'nanostores';
import { DEFAULT_LOCALE, isLocale, type Locale } from './i18n.ts';

export type WidgetRole = DashboardRole;

/** Attributes set on a `tag` widget's element; a function gets the dashboard's role. */
export type WidgetAttributes =
  | Readonly<Record<string, string>>
  | ((role: WidgetRole) => Readonly<Record<string, string>>);

/** What a page passes to `registerWidget(id, definition)`. Either `tag` or `render` (not both). */
export interface WidgetDefinition {
  /** Shown in the widget's header, the customize list and screen-reader announcements. */
  title: string | Partial<Record<Locale, string>>;
  /** A custom element's tag name: the dashboard creates it (and waits until the tag is defined). */
  tag?: string;
  /** Draws the widget into `container` (your own markup, your own framework); may return a clean-up function. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a render function usually returns nothing
  render?: (container: HTMLElement) => void | (() => void);
  /** Dashboards the widget appears on; default both. */
  roles?: readonly WidgetRole[];
  /** Columns the widget spans on wide dashboards; default 1. */
  span?: 1 | 2;
  /** Loads the widget's code (e.g. `() => import('./orders-widget.js')`), called on its first render only. */
  load?: () => Promise<unknown>;
  /** With `tag`: attributes for the created element (e.g. `{ placement: 'dashboard' }`). */
  attributes?: WidgetAttributes;
  /**
   * The widget shows its own heading (and is a labelled region of its own): the dashboard draws no title over
   * it, and its cell is no landmark, so nothing is said twice. Default false: the dashboard titles the cell.
   */
  ownHeading?: boolean;
}

/** A registered widget, as the dashboard reads it. */
export interface WidgetRegistration extends Readonly<Omit<WidgetDefinition, 'roles'>> {
  readonly id: string;
  readonly roles: readonly WidgetRole[];
  readonly span: 1 | 2;
  /** Registered by matbakh itself (cannot be replaced by a page). */
  readonly builtIn: boolean;
}

export type RegisterResult = { ok: true } | { ok: false; error: { field: string; message: string } };

const TITLE_MAX = 80;
/** A valid custom element name: lower case, starts with a letter, contains a dash. */
const TAG_PATTERN = /^[a-z][a-z0-9._]*-[a-z0-9._-]*$/;

const $registry = atom<readonly WidgetRegistration[]>([]);

/** Every registration, in registration order. Listen to it to follow later registrations. */
export const $widgets: ReadableAtom<readonly WidgetRegistration[]> = $registry;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a definition; returns the registration or the first problem, naming the field. */
export function validateWidget(
  id: unknown,
  definition: unknown,
  builtIn = false,
): { ok: true; value: WidgetRegistration } | { ok: false; error: { field: string; message: string } } {
  const fail = (field: string, message: string) => ({ ok: false as const, error: { field, message } });
  if (typeof id !== 'string' || !WIDGET_ID_PATTERN.test(id) || id.length > DASHBOARD_LIMITS.idLength) {
    return fail('id', `id must be lower-case letters, digits and dashes, starting with a letter (got ${describe(id)})`);
  }
  if (!isRecord(definition)) return fail('definition', `the definition of "${id}" must be an object`);
  const { title, tag, render, roles, span, load, attributes, ownHeading } = definition;

  if (typeof title === 'string') {
    if (!title.trim() || title.length > TITLE_MAX) return fail('title', `title must be 1–${TITLE_MAX} characters`);
  } else if (isRecord(title)) {
    const entries = Object.entries(title);
    if (entries.length === 0) return fail('title', 'title needs at least one locale (de, en, ar)');
    for (const [locale, text] of entries) {
      if (!isLocale(locale)) return fail(`title.${locale}`, `unknown locale "${locale}": use de, en or ar`);
      if (typeof text !== 'string' || !text.trim() || text.length > TITLE_MAX) {
        return fail(`title.${locale}`, `title.${locale} must be 1–${TITLE_MAX} characters`);
      }
    }
  } else {
    return fail('title', 'title must be a string or { de, en, ar } texts');
  }

  if (tag !== undefined && render !== undefined) return fail('tag', 'give either tag or render, not both');
  if (tag === undefined && render === undefined) return fail('tag', 'give a tag (custom element) or a render function');
  if (tag !== undefined && (typeof tag !== 'string' || !TAG_PATTERN.test(tag))) {
    return fail('tag', `tag must be a custom element name with a dash, e.g. "my-orders" (got ${describe(tag)})`);
  }
  if (render !== undefined && typeof render !== 'function') return fail('render', 'render must be a function');
  if (load !== undefined && typeof load !== 'function')
    return fail('load', 'load must be a function returning a promise');
  if (span !== undefined && span !== 1 && span !== 2) return fail('span', 'span must be 1 or 2');
  if (roles !== undefined) {
    if (!Array.isArray(roles) || roles.length === 0) return fail('roles', 'roles must be a non-empty array');
    for (const role of roles) {
      if (!(DASHBOARD_ROLES as readonly unknown[]).includes(role)) {
        return fail('roles', `unknown role ${describe(role)}: use ${DASHBOARD_ROLES.join(' or ')}`);
      }
    }
  }
  if (ownHeading !== undefined && typeof ownHeading !== 'boolean')
    return fail('ownHeading', 'ownHeading must be true or false');
  if (attributes !== undefined && typeof attributes !== 'function') {
    if (!isRecord(attributes) || Object.values(attributes).some((value) => typeof value !== 'string')) {
      return fail('attributes', 'attributes must map attribute names to strings');
    }
  }

  return {
    ok: true,
    value: {
      id,
      title: typeof title === 'string' ? title : { ...(title as Partial<Record<Locale, string>>) },
      ...(tag !== undefined && { tag: tag as string }),
      ...(render !== undefined && { render: render as WidgetDefinition['render'] }),
      ...(load !== undefined && { load: load as WidgetDefinition['load'] }),
      ...(attributes !== undefined && { attributes: attributes as WidgetAttributes }),
      ...(ownHeading === true && { ownHeading }),
      roles: roles ? [...new Set(roles as WidgetRole[])] : [...DASHBOARD_ROLES],
      span: span === 2 ? 2 : 1,
      builtIn,
    },
  };
}

/**
 * Registers (or, for a page's own widget, replaces) the widget `id`. Never throws: returns `{ ok: false,
 * error: { field, message } }` for bad input and leaves the registry unchanged.
 */
export function registerWidget(id: string, definition: WidgetDefinition): RegisterResult {
  return add(id, definition, false);
}

/** Used by the dashboard for its own widgets: a page cannot replace these. */
export function registerBuiltInWidget(id: string, definition: WidgetDefinition): RegisterResult {
  return add(id, definition, true);
}

function add(id: unknown, definition: unknown, builtIn: boolean): RegisterResult {
  const checked = validateWidget(id, definition, builtIn);
  if (!checked.ok) return report(checked.error, id);
  const current = $registry.get();
  const index = current.findIndex((registration) => registration.id === checked.value.id);
  if (index === -1) {
    $registry.set([...current, checked.value]);
    return { ok: true };
  }
  const existing = current[index] as WidgetRegistration;
  if (existing.builtIn) {
    // The same built-in again (a second dashboard, a second bundle): nothing to do.
    if (builtIn) return { ok: true };
    return report({ field: 'id', message: `"${existing.id}" is a built-in widget: choose another id` }, id);
  }
  // Replacing keeps the place in registration order (hot reload, a page re-registering on navigation).
  const next = [...current];
  next[index] = checked.value;
  $registry.set(next);
  return { ok: true };
}

/** Removes a page's widget; built-ins stay. Returns whether something was removed. */
export function unregisterWidget(id: string): boolean {
  const current = $registry.get();
  const next = current.filter((registration) => registration.id !== id || registration.builtIn);
  if (next.length === current.length) return false;
  $registry.set(next);
  return true;
}

/** Registrations shown on a dashboard of `role`, in registration order. */
export function widgetsFor(role: WidgetRole, registrations = $registry.get()): WidgetRegistration[] {
  return registrations.filter((registration) => registration.roles.includes(role));
}

/** A widget's title in `locale` (else German, else any text there is). */
export function widgetTitle(registration: Pick<WidgetRegistration, 'title'>, locale: Locale): string {
  const { title } = registration;
  if (typeof title === 'string') return title;
  return title[locale] ?? title[DEFAULT_LOCALE] ?? Object.values(title).find((text) => !!text) ?? '';
}

/** Attributes for a `tag` widget's element on a dashboard of `role`. */
export function widgetAttributes(registration: WidgetRegistration, role: WidgetRole): Readonly<Record<string, string>> {
  const { attributes } = registration;
  if (!attributes) return {};
  try {
    return typeof attributes === 'function' ? attributes(role) : attributes;
  } catch {
    return {};
  }
}

/** For tests: forget every registration (built-ins included; the dashboard registers them again). */
export function resetWidgetRegistry(): void {
  $registry.set([]);
}

function report(error: { field: string; message: string }, id: unknown): RegisterResult {
  console.warn(`[matbakh] widget ${describe(id)} not registered: ${error.field}: ${error.message}`);
  return { ok: false, error };
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 60);
  } catch {
    return typeof value;
  }
}
