import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Anything a widget can listen to: a nanostores store, or a partner's look-alike. */
export interface Listenable {
  listen(listener: () => void): () => void;
}

/** A host element with a `client` property (possibly unset). */
export type ClientHost<C> = ReactiveControllerHost & HTMLElement & { client?: C | undefined };

export interface ClientControllerOptions<C> {
  /** Duck-typed check: does this value offer what the widget needs (e.g. the preferences plugin's API)? */
  accept(value: unknown): value is C;
  /** The stores whose changes re-render the host. */
  stores(client: C): Listenable[];
  /** Runs whenever a (new) client is connected, e.g. to load data that depends on it. */
  onClient?(client: C): void;
}

/** Delays between looks for `window.matbakh.client` while none is there yet (the script loads async). */
const GLOBAL_RETRY_MS = [50, 100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000];

/** `window.matbakh.client`, when it offers what `accept` asks for. */
export function globalClient<C>(accept: (value: unknown) => value is C): C | undefined {
  const client = (globalThis as { matbakh?: { client?: unknown } }).matbakh?.client;
  return accept(client) ? client : undefined;
}

/**
 * Connects a widget to a matbakh client: its own `client` property, else `window.matbakh.client` (looked for
 * again a few times over ~20 s while the async script tag is still loading). Re-renders the host whenever one
 * of the client's stores changes; listens only while the host is connected. Widgets depend on a narrow client
 * interface only, so a partner's own implementation, or a test fake, works too.
 */
export class ClientController<C> implements ReactiveController {
  private readonly host: ClientHost<C>;
  private readonly options: ClientControllerOptions<C>;
  private current: C | undefined;
  private unlisten: (() => void)[] = [];
  private retry: ReturnType<typeof setTimeout> | undefined;
  private attempts = 0;

  constructor(host: ClientHost<C>, options: ClientControllerOptions<C>) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** The client in use, if any. */
  get client(): C | undefined {
    return this.current;
  }

  hostConnected(): void {
    this.attempts = 0;
    this.connect();
  }

  hostUpdate(): void {
    // The `client` property changed (set, replaced or cleared): follow it before this render.
    if (!this.host.isConnected) return;
    if (this.wanted() !== this.current) {
      this.connect(false);
      // This update's willUpdate ran before we switched: one more update lets the host see the new client there.
      queueMicrotask(() => this.host.requestUpdate());
    }
  }

  hostDisconnected(): void {
    this.disconnect();
  }

  /** The host's own client if it offers what we need (a dashboard hands its client to every widget), else the page's. */
  private wanted(): C | undefined {
    const own = this.host.client;
    return own !== undefined && this.options.accept(own) ? own : globalClient(this.options.accept);
  }

  private connect(render = true): void {
    this.disconnect();
    const client = this.wanted();
    const changed = client !== this.current;
    this.current = client;
    if (client) {
      if (changed) this.options.onClient?.(client);
      const update = () => this.host.requestUpdate();
      this.unlisten = this.options.stores(client).map((store) => store.listen(update));
      if (render) this.host.requestUpdate();
      return;
    }
    const delay = GLOBAL_RETRY_MS[this.attempts++];
    if (delay !== undefined) this.retry = setTimeout(() => this.host.isConnected && this.connect(), delay);
  }

  private disconnect(): void {
    for (const stop of this.unlisten) stop();
    this.unlisten = [];
    if (this.retry !== undefined) clearTimeout(this.retry);
    this.retry = undefined;
  }
}
