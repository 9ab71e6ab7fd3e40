/**
 * Memory-leak checks for the `mb-*` elements (like Spectrum's `*-memory.test.ts`): an element is created, attached,
 * rendered and removed many times, and afterwards nothing it did may have grown: listeners on `window` and
 * `document`, subscriptions to the client's stores, and instances (with their shadow trees) still reachable after
 * a forced garbage collection. Needs Chromium started with `--js-flags=--expose-gc` (web-test-runner.config.mjs);
 * without `gc()` the check fails rather than passing unmeasured.
 */
import { expect } from '@open-wc/testing';

type Listen = (listener: (...args: never[]) => void, ...rest: unknown[]) => () => void;

/** Counts the listeners added to and removed from `window` and `document` while installed. */
export class ListenerProbe {
  private readonly active = new Map<EventTarget, Set<string>>();
  private readonly ids = new WeakMap<object, number>();
  private next = 0;
  private restore: (() => void) | undefined;

  install(): void {
    const proto = EventTarget.prototype;
    const { addEventListener: add, removeEventListener: remove } = proto;
    const probe = this;
    proto.addEventListener = function (this: EventTarget, type, listener, options) {
      if (listener) probe.key(this, type, listener, options, 'add');
      return add.call(this, type, listener, options);
    };
    proto.removeEventListener = function (this: EventTarget, type, listener, options) {
      if (listener) probe.key(this, type, listener, options, 'remove');
      return remove.call(this, type, listener, options);
    };
    this.restore = () => {
      proto.addEventListener = add;
      proto.removeEventListener = remove;
    };
  }

  uninstall(): void {
    this.restore?.();
  }

  /** Listeners now on `window` and `document` that were added while installed. */
  get count(): number {
    return (this.active.get(window)?.size ?? 0) + (this.active.get(document)?.size ?? 0);
  }

  private key(
    target: EventTarget,
    type: string,
    listener: EventListenerOrEventListenerObject,
    options: boolean | EventListenerOptions | undefined,
    what: 'add' | 'remove',
  ): void {
    if (target !== window && target !== document) return;
    const capture = typeof options === 'boolean' ? options : !!options?.capture;
    const id = this.ids.get(listener) ?? ++this.next;
    this.ids.set(listener, id);
    const key = `${type}/${id}/${capture}`;
    const set = this.active.get(target) ?? new Set<string>();
    this.active.set(target, set);
    set[what === 'add' ? 'add' : 'delete'](key);
  }
}

/**
 * Counts the live subscriptions (`listen`/`subscribe`) to every store of `client` (a property with those methods,
 * up to three levels down, and the stores returned by `$`-named factories such as `actions.$next(placement)`).
 */
export class StoreProbe {
  count = 0;
  private readonly undo: (() => void)[] = [];
  private readonly seen = new WeakSet<object>();

  watch(client: object, depth = 3): void {
    if (depth < 0 || this.seen.has(client)) return;
    this.seen.add(client);
    const record = client as Record<string, unknown>;
    for (const method of ['listen', 'subscribe'])
      if (typeof record[method] === 'function') this.wrapStore(record, method);
    for (const [name, value] of Object.entries(record)) {
      if (typeof value === 'function' && name.startsWith('$')) this.wrapFactory(record, name);
      else if (value && typeof value === 'object') this.watch(value, depth - 1);
    }
  }

  unwatch(): void {
    for (const undo of this.undo.splice(0).reverse()) undo();
  }

  private wrapStore(store: Record<string, unknown>, method: string): void {
    const original = store[method] as Listen;
    const own = Object.hasOwn(store, method);
    const probe = this;
    store[method] = function (this: unknown, ...args: Parameters<Listen>) {
      const stop = original.apply(this, args);
      probe.count++;
      let stopped = false;
      return () => {
        if (!stopped) probe.count--;
        stopped = true;
        stop();
      };
    };
    this.undo.push(() => {
      if (own) store[method] = original;
      else delete store[method];
    });
  }

  private wrapFactory(owner: Record<string, unknown>, name: string): void {
    const factory = owner[name] as (...args: unknown[]) => unknown;
    const probe = this;
    owner[name] = function (this: unknown, ...args: unknown[]) {
      const store = factory.apply(this, args);
      if (store && typeof store === 'object') probe.watch(store, 0);
      return store;
    };
    this.undo.push(() => {
      owner[name] = factory;
    });
  }
}

const task = () => new Promise((resolve) => setTimeout(resolve, 0));
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** V8's `gc()` (with `--expose-gc`); `execution: 'async'` collects in a task of its own and resolves after it. */
type Gc = (options?: { type: 'major' | 'minor'; execution: 'sync' | 'async' }) => Promise<void> | undefined;

/**
 * Collects garbage for real, precisely (twice, a task apart: WeakRefs read in a task keep their target until it
 * ends). Precisely: a plain `gc()` runs inside this call, with JavaScript and Blink frames on the native stack,
 * and V8 then scans that stack conservatively — any stale word in it that looks like the address of a DOM node
 * can keep the node, and with it the element, alive. Which words are left there depends on what ran before, so a
 * removed element can stay "reachable" at random. `execution: 'async'` collects in a task of its own, with
 * nothing on the stack: what stays is what the page still references.
 */
export async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: Gc }).gc;
  expect(gc, 'gc() is exposed (Chromium with --js-flags=--expose-gc)').to.be.a('function');
  for (let i = 0; i < 2; i++) {
    await task();
    await gc?.({ type: 'major', execution: 'async' });
  }
  await task();
}

export interface LeakCase {
  /** A new element, ready to attach (client and properties set). */
  create(): HTMLElement;
  /** The clients whose store subscriptions are counted. */
  clients?: object[];
  /** Waits, after attaching, until the element shows what it shows (default: its first update). */
  settle?(element: HTMLElement): Promise<unknown>;
  /** What may still happen to it after its removal (an answer arriving, the page setting a property). */
  removed?(element: HTMLElement): Promise<unknown>;
  /** Where to attach it (default: a fresh container in `<body>`). */
  parent?(): HTMLElement;
  rounds?: number;
}

/** One round: attach, render, remove. Only WeakRefs leave this function (a local would keep the last one). */
async function round(leak: LeakCase, parent: HTMLElement): Promise<WeakRef<object>[]> {
  const element = leak.create();
  parent.append(element);
  await (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  await leak.settle?.(element);
  const refs: WeakRef<object>[] = [new WeakRef(element)];
  const base = element.shadowRoot?.querySelector('[part~="base"]');
  if (base) refs.push(new WeakRef(base));
  element.remove();
  await leak.removed?.(element);
  return refs;
}

/** Rounds that may set up what a page keeps once (a lazy loader's listener, a cached template or formatter). */
const WARM_UP = 10;

/**
 * Creates, attaches and removes the element `rounds` times (default 100). After the warm-up rounds, the listeners
 * on `window` and `document` and the store subscriptions must not grow, and after a forced GC none of the
 * elements removed since (nor their shadow trees) may still be reachable. (The very first `<mb-dashboard>` of a
 * page stays reachable for a while, once: a one-time cost, not growth, which is why the warm-up rounds are not
 * counted.)
 */
export async function expectNoLeaks(leak: LeakCase): Promise<void> {
  const rounds = leak.rounds ?? 100;
  const listeners = new ListenerProbe();
  const stores = new StoreProbe();
  for (const client of leak.clients ?? []) stores.watch(client);
  const parent = leak.parent?.() ?? document.body.appendChild(document.createElement('div'));
  listeners.install();
  const refs: WeakRef<object>[] = [];
  let warm = { listeners: 0, stores: 0 };
  try {
    for (let i = 0; i < rounds; i++) {
      const made = await round(leak, parent);
      if (i >= WARM_UP) refs.push(...made);
      if (i === WARM_UP - 1) warm = { listeners: listeners.count, stores: stores.count };
    }
    // What a removed element scheduled (a frame, an idle callback, a fake's answer) runs out first.
    await frame();
    await frame();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(listeners.count, 'listeners left on window/document').to.be.at.most(warm.listeners);
    expect(stores.count, 'store subscriptions left').to.be.at.most(warm.stores);
  } finally {
    listeners.uninstall();
    stores.unwatch();
    if (!leak.parent) parent.remove();
  }
  const alive = await stillReachable(refs);
  expect(alive, `removed elements and shadow trees still reachable (of ${refs.length})`).to.equal(0);
}

/** How long work a removed element scheduled (a timer, an animation, a fake's answer) may hold it on a busy machine. */
const DRAIN_MS = 2_000;

/**
 * The removed elements still reachable after garbage collection. Work the last ones scheduled may hold them a
 * little longer on a loaded machine (a timer or an animation that has not run yet): collected again until none is
 * left or DRAIN_MS has passed. A real leak — a reference nothing ever lets go — is still reachable then.
 */
async function stillReachable(refs: readonly WeakRef<object>[]): Promise<number> {
  const deadline = performance.now() + DRAIN_MS;
  for (;;) {
    await collectGarbage();
    const alive = refs.filter((ref) => ref.deref() !== undefined).length;
    if (alive === 0 || performance.now() >= deadline) return alive;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
