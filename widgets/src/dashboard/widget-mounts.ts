import type { DashboardRole } from '@matbakh/contract';
import { type WidgetRegistration, widgetAttributes } from '../shared/widget-registry.ts';
import { ORDERS_WIDGET } from './built-in-widgets.ts';
import { onDefined } from './tag-waits.ts';

export type CellState = 'loading' | 'ready' | 'error';

/** One widget's life in this dashboard: its state, and what to undo when it goes. */
interface Mount {
  registration: WidgetRegistration;
  state: CellState;
  /** Bumped on every (re)try: late answers of an earlier try are ignored. */
  attempt: number;
  cancel: (() => void)[];
  cleanup?: () => void;
}

/** What the mounts need of their dashboard. */
export interface MountHost {
  /** The cell content element of widget `id`, once rendered. */
  container(id: string): HTMLElement | null;
  requestUpdate(): void;
  updated(): Promise<boolean>;
  /** Milliseconds a widget's tag may take to be defined before its error shows. */
  timeout(): number;
  role(): DashboardRole;
  /** The dashboard's theme, passed down to the widgets it creates; none: they follow the page-wide theme. */
  theme(): string | undefined;
  /** The dashboard's own client, handed to every widget element it creates. */
  client(): unknown;
  /** Watches a created widget's `hidden` attribute (a widget with nothing to show collapses its cell). */
  observe(element: Element): void;
}

/** The `load()` promise per registration: a widget's code is fetched once, however many dashboards show it. */
const loading = new WeakMap<WidgetRegistration, Promise<unknown>>();

/**
 * The widgets a dashboard shows, each from loading to ready or error: created by tag name (the dashboard never
 * imports a widget's code), its `load()` called once, ready when the tag is defined or `render` drew; an error
 * after `widgetTimeout` ms, a rejected `load()` or a throwing `render`, with a retry. Torn down with the dashboard.
 */
export class WidgetMounts {
  private readonly host: MountHost;
  private readonly mounts = new Map<string, Mount>();

  constructor(host: MountHost) {
    this.host = host;
  }

  stateOf(id: string): CellState {
    return this.mounts.get(id)?.state ?? 'loading';
  }

  /** After a render: mounts what is new, unmounts what went, passes the theme down. */
  sync(wanted: Map<string, WidgetRegistration>): void {
    for (const [id, mount] of this.mounts) {
      // Unregistered, replaced by a new registration, or not for this role any more.
      if (wanted.get(id) !== mount.registration) this.unmount(id);
    }
    const theme = this.host.theme();
    for (const [id, registration] of wanted) {
      if (registration.builtIn && id === ORDERS_WIDGET) continue;
      if (!this.mounts.has(id)) this.mount(registration);
      // The dashboard's theme goes down to the widgets it created.
      const element = this.mounts.get(id)?.registration.tag ? this.host.container(id)?.firstElementChild : undefined;
      if (element && element.getAttribute('theme') !== (theme ?? null)) setTheme(element, theme);
    }
  }

  /** Puts every widget in its error state back to loading and tries again. */
  retryFailed(): void {
    for (const [id, mount] of this.mounts) if (mount.state === 'error') this.retry(id);
  }

  retry(id: string): void {
    const mount = this.mounts.get(id);
    if (!mount) return;
    mount.state = 'loading';
    this.host.requestUpdate();
    void this.host.updated().then(() => {
      if (this.mounts.get(id) === mount) this.start(mount);
    });
  }

  /** Tears every widget down (listeners, timers, a page's clean-up): nothing of a removed dashboard stays referenced. */
  clear(): void {
    for (const id of [...this.mounts.keys()]) this.unmount(id);
  }

  private mount(registration: WidgetRegistration): void {
    const mount: Mount = { registration, state: 'loading', attempt: 0, cancel: [] };
    this.mounts.set(registration.id, mount);
    this.start(mount);
  }

  private start(mount: Mount): void {
    const attempt = ++mount.attempt;
    const { registration } = mount;
    const container = this.host.container(registration.id);
    if (!container) return;
    const settle = (state: CellState, error?: unknown) => {
      if (mount.attempt !== attempt || this.mounts.get(registration.id) !== mount) return;
      for (const cancel of mount.cancel) cancel();
      mount.cancel = [];
      if (error !== undefined) console.warn(`[matbakh] dashboard widget "${registration.id}" failed:`, error);
      if (mount.state !== state) {
        mount.state = state;
        this.host.requestUpdate();
      }
    };

    const code = registration.load ? loadOnce(registration) : Promise.resolve();
    code.catch((error: unknown) => settle('error', error));
    if (registration.tag) {
      if (this.create(registration.tag, registration, container, code, settle, mount)) return;
    } else {
      this.draw(mount, attempt, container, code, settle);
    }
    const timer = setTimeout(
      () => settle('error', new Error(`not ready after ${this.host.timeout()} ms`)),
      this.host.timeout(),
    );
    mount.cancel.push(() => clearTimeout(timer));
  }

  /** A tag widget: its element created once; ready when the tag is defined. True when it already is. */
  private create(
    tag: string,
    registration: WidgetRegistration,
    container: HTMLElement,
    code: Promise<unknown>,
    settle: (state: CellState) => void,
    mount: Mount,
  ): boolean {
    let element = container.firstElementChild;
    if (!element) {
      element = document.createElement(tag);
      for (const [name, value] of Object.entries(widgetAttributes(registration, this.host.role()))) {
        element.setAttribute(name, value);
      }
      setTheme(element, this.host.theme());
      this.host.observe(element);
      const client = this.host.client();
      if (client) (element as Element & { client?: unknown }).client = client;
      container.append(element);
    }
    if (customElements.get(tag)) {
      code.then(() => settle('ready'), ignore);
      return true;
    }
    mount.cancel.push(onDefined(tag, () => settle('ready')));
    return false;
  }

  /** A `render` widget: drawn into its container once its code loaded; a throwing render is its error. */
  private draw(
    mount: Mount,
    attempt: number,
    container: HTMLElement,
    code: Promise<unknown>,
    settle: (state: CellState, error?: unknown) => void,
  ): void {
    const draw = mount.registration.render;
    code.then(() => {
      if (mount.attempt !== attempt || !draw) return;
      try {
        mount.cleanup?.();
        mount.cleanup = undefined;
        container.replaceChildren();
        const cleanup = draw(container);
        if (typeof cleanup === 'function') mount.cleanup = cleanup;
        settle('ready');
      } catch (error) {
        container.replaceChildren();
        settle('error', error);
      }
    }, ignore);
  }

  private unmount(id: string): void {
    const mount = this.mounts.get(id);
    if (!mount) return;
    this.mounts.delete(id);
    for (const cancel of mount.cancel) cancel();
    try {
      mount.cleanup?.();
    } catch (error) {
      console.warn(`[matbakh] dashboard widget "${id}" clean-up failed:`, error);
    }
    this.host.container(id)?.replaceChildren();
  }
}

function loadOnce(registration: WidgetRegistration): Promise<unknown> {
  let promise = loading.get(registration);
  if (!promise) {
    try {
      promise = Promise.resolve(registration.load?.());
    } catch (error) {
      promise = Promise.reject(error);
    }
    // A failed load is tried again on the next retry.
    promise.catch(() => loading.delete(registration));
    loading.set(registration, promise);
  }
  return promise;
}

/** The rejection is handled where the promise is made (the widget's error state). */
const ignore = () => {};

/** The dashboard's theme on a widget it created; none: the widget follows the page-wide theme. */
function setTheme(element: Element, theme: string | undefined): void {
  if (theme === undefined) element.removeAttribute('theme');
  else element.setAttribute('theme', theme);
}
