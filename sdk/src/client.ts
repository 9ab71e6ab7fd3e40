// Long because: the core client (see createClient below): one closure with the few helpers it calls; a split costs
// bytes of the 6 KB core.
import {
  type JsonObject,
  MAX_BEACON_BYTES,
  MAX_MESSAGE_BYTES,
  type Message,
  type MessageContext,
} from '@matbakh/contract';
import { createConsentGate } from './consent/index.ts';
import { type ClientOptions, DEFAULT_API } from './options.ts';
import type { CoreSeam } from './plugin/types.ts';
import { createContextSource } from './tracking/context.ts';
import { type Middleware, scrubPersonalData } from './tracking/middleware.ts';
import { advanceSession, isSession, type Session } from './tracking/session.ts';
import { createDelivery } from './transport/delivery.ts';
import { createQueue } from './transport/queue.ts';
import { createStats } from './transport/stats.ts';
import type { CallOptions, Client, ClientStats, GroupOptions, IdentifyOptions } from './types.ts';
import { createDiagnostics, guard } from './util/diagnostics.ts';
import { type KeyValueStore, localStore, memoryStore, readJson } from './util/storage.ts';
import { uuid } from './util/uuid.ts';
import { VERSION } from './version.ts';

export type { CallOptions, Client, ClientStats, GroupOptions, IdentifyOptions } from './types.ts';

interface StoredIdentity {
  a: string;
  u?: string;
  h?: string;
  s?: Session;
}
const isIdentity = (v: unknown): v is StoredIdentity =>
  typeof (v as StoredIdentity)?.a === 'string' &&
  ((v as StoredIdentity).s === undefined || isSession((v as StoredIdentity).s));

type Draft = { type: Message['type'] } & Record<string, unknown>;

/**
 * The core client. Features beyond it are plugins (plugin/).
 * Long because: one closure on purpose: its state (identity, queue, gate, session) stays private without an object
 * to pass around, and every module split costs bytes of the 6 KB core every partner page pays for.
 */
export function createClient(options: ClientOptions): Client {
  if (typeof options?.writeKey !== 'string' || !options.writeKey) {
    throw new TypeError('matbakh: createClient needs { writeKey: "pk_…" }');
  }
  const diagnostics = createDiagnostics(!!options.debug);
  const store: KeyValueStore = options.storage === 'memory' ? memoryStore() : localStore();
  const stats = createStats();
  const maxItems = options.maxQueueItems ?? 1000;
  const api = (options.api ?? DEFAULT_API).replace(/\/+$/, '');
  const identityKey = `mb.user.${options.writeKey}`;
  /** Per write key like everything stored: a second tenant on the page (`matbakh.create`) decides for itself. */
  const decisionKey = `mb.consent.${options.writeKey}`;
  const gpc = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  const consent = createConsentGate(store, gpc, decisionKey);
  const queuePrefix = `mb.q.${options.writeKey}`;
  const queue = createQueue({
    store,
    prefix: queuePrefix,
    maxItems,
    maxBytes: options.maxQueueBytes ?? 1024 * 1024,
    stats,
  });
  const delivery = createDelivery({
    consent,
    url: `${api}/v1/batch`,
    writeKey: options.writeKey,
    queue,
    stats,
    diagnostics,
    flushAt: options.flushAt ?? 20,
    flushIntervalMs: options.flushInterval ?? 5000,
    maxBatchBytes: options.maxBatchBytes ?? 32 * 1024,
    maxBeaconBytes: MAX_BEACON_BYTES,
    retryBaseMs: options.retry?.baseMs ?? 1000,
    retryMaxMs: options.retry?.maxMs ?? 60_000,
  });
  const middleware: Middleware[] = [
    ...(options.scrubPersonalData === false ? [] : [scrubPersonalData]),
    ...(options.middleware ?? []),
  ];
  const context = createContextSource();
  /** Messages made before the visitor decided: memory only, never stored, never sent. */
  let awaiting: { message: Message; size: number }[] = [];
  let destroyed = false;

  const granted = () => consent.status('analytics') === 'granted';
  /** The anonymous id is stored for analytics, and for preferences (they sync under it across page loads). */
  const keepsIdentity = () => granted() || consent.status('preferences') === 'granted';
  let identity: StoredIdentity = readJson(store, identityKey, isIdentity) ?? { a: uuid() };

  let identityWriteScheduled = false;
  const persistIdentity = () => {
    if (identityWriteScheduled || !keepsIdentity() || options.storage === 'memory') return;
    identityWriteScheduled = true;
    queueMicrotask(() => {
      identityWriteScheduled = false;
      if (keepsIdentity()) store.set(identityKey, JSON.stringify(identity));
    });
  };

  const dispatch = (message: Message | null) => {
    for (const step of middleware) {
      if (!message) return;
      try {
        message = step(message);
      } catch (error) {
        // A failing middleware may have been the one scrubbing data: drop rather than leak.
        diagnostics.report('middleware', error);
        return;
      }
    }
    if (!message) return;
    const size = JSON.stringify(message).length;
    if (size > MAX_MESSAGE_BYTES) {
      stats.dropped++;
      diagnostics.report('message too large', `${message.type} ${size} bytes > ${MAX_MESSAGE_BYTES}`);
      return;
    }
    const status = consent.status('analytics');
    if (status === 'granted') {
      queue.push(message, size);
      delivery.schedule();
    } else if (status === 'pending') {
      awaiting.push({ message, size });
      if (awaiting.length > maxItems) {
        awaiting.shift();
        stats.dropped++;
      }
    } else {
      stats.discarded++;
    }
  };

  const build = (draft: Draft, at: number, session: Session): Message => {
    const ctx: MessageContext = {
      ...context(),
      session: { id: session.id, index: session.index, start: new Date(session.start).toISOString() },
    };
    if (identity.h) ctx.userHash = identity.h;
    const message = {
      ...draft,
      messageId: uuid(),
      timestamp: new Date(at).toISOString(),
      anonymousId: identity.a,
      context: ctx,
    } as Message;
    if (identity.u) message.userId = identity.u;
    return message;
  };

  const record = (draft: Draft, callOptions?: CallOptions) => {
    if (destroyed) return;
    const at = timeOf(callOptions?.timestamp);
    const step = advanceSession(identity.s, at, uuid);
    identity.s = step.session;
    if (step.ended) {
      const { session, reason } = step.ended;
      const properties = { duration: Math.round((session.last - session.start) / 1000), reason, index: session.index };
      dispatch(build({ type: 'track', event: 'Session Ended', properties }, session.last, session));
    }
    if (step.started) {
      dispatch(
        build({ type: 'track', event: 'Session Started', properties: { index: step.session.index } }, at, step.session),
      );
    }
    dispatch(build(draft, at, step.session));
    persistIdentity();
  };

  /** Applies the analytics (and identity) decision: at start (a stored one) and whenever it changes. */
  const onConsent = guard(diagnostics, 'consent', () => {
    if (granted()) {
      for (const { message, size } of awaiting) queue.push(message, size);
      awaiting = [];
      queue.adoptOrphans(guard(diagnostics, 'consent', delivery.schedule));
    } else if (consent.status('analytics') === 'denied') {
      // Refused or withdrawn: nothing collected before is sent, no identifier stays behind.
      stats.discarded += awaiting.length + queue.items.length;
      awaiting = [];
      queue.clear();
      for (const key of store.keys(`${queuePrefix}.`)) store.remove(key);
    }
    if (keepsIdentity()) persistIdentity();
    // Neither purpose allows it (any more): no identifier stays behind.
    else store.remove(identityKey);
  });
  const unlistenConsent = consent.onChange(onConsent);
  onConsent();

  // The page is going away (or may be: a hidden tab can be killed without another event): beacon now.
  const onLeave = guard(diagnostics, 'pagehide', (event: Event) => {
    if (granted() && (event.type === 'pagehide' || document.visibilityState === 'hidden')) delivery.beacon();
  });
  const pageListeners: [EventTarget, string, (event: Event) => void][] = [
    [window, 'pagehide', onLeave],
    [document, 'visibilitychange', onLeave],
    [window, 'online', guard(diagnostics, 'online', () => delivery.online())],
    // Another tab decided: follow it.
    [window, 'storage', (event) => (event as StorageEvent).key === decisionKey && consent.reload()],
  ];
  for (const [target, type, listener] of pageListeners) target.addEventListener(type, listener);

  const api$ = {
    track(event: string, properties?: JsonObject, callOptions?: CallOptions) {
      need(event, 'track(event)');
      record({ type: 'track', event, properties: objectOr(properties, 'properties') }, callOptions);
    },
    page(...args: (string | JsonObject | CallOptions | undefined)[]) {
      const names = args.filter((a): a is string => typeof a === 'string');
      const objects = args.filter((a): a is JsonObject => typeof a === 'object' && a !== null);
      const [category, name] = names.length > 1 ? names : [undefined, names[0]];
      const named = { ...(category && { category }), ...(name && { name }) };
      const properties: JsonObject = { ...context().page, ...named, ...objectOr(objects[0], 'properties') };
      record({ type: 'page', ...named, properties }, objects[1] as CallOptions);
    },
    identify(userId: string | null, traits?: JsonObject, callOptions?: IdentifyOptions) {
      if (userId !== null && userId !== undefined) {
        need(userId, 'identify(userId)');
        if (userId !== identity.u) identity.h = undefined;
        identity.u = userId;
      }
      if (callOptions?.userHash) identity.h = callOptions.userHash;
      record({ type: 'identify', traits: objectOr(traits, 'traits') }, callOptions);
    },
    group(groupId: string, traits?: JsonObject, callOptions?: GroupOptions) {
      need(groupId, 'group(groupId)');
      // Only the time of the options goes into the message: a groupHash is for the plugins (insights).
      record({ type: 'group', groupId, traits: objectOr(traits, 'traits') }, callOptions);
    },
    alias(userId: string, previousId?: string, callOptions?: CallOptions) {
      need(userId, 'alias(userId)');
      const previous = previousId ?? identity.u ?? identity.a;
      identity.u = userId;
      record({ type: 'alias', previousId: previous }, callOptions);
    },
    reset() {
      identity = { a: uuid() };
      store.remove(identityKey);
      persistIdentity();
    },
    use(step: Middleware) {
      if (typeof step !== 'function') throw new TypeError('use(middleware): middleware must be a function');
      middleware.push(step);
    },
    user: () => ({ anonymousId: identity.a, userId: identity.u }),
    stats: (): ClientStats => ({
      ...stats,
      queued: queue.items.length,
      awaitingConsent: awaiting.length,
      errors: diagnostics.errors,
    }),
    destroy() {
      destroyed = true;
      queue.persistNow();
      queue.release();
      delivery.stop();
      unlistenConsent();
      for (const [target, type, listener] of pageListeners) target.removeEventListener(type, listener);
    },
  };

  // Every public method is guarded: a bad call is reported and counted, never thrown into the page. Once it
  // ran, the plugins' hook of the same name runs (identify, group, reset, destroy; other names have none).
  const client = {
    version: VERSION,
    // Async: it never throws into the page, and a caller awaiting it sees a failure as a rejection.
    flush: delivery.flush,
    consent: {
      get: consent.get,
      status: consent.status,
      set: guard(diagnostics, 'consent.set', consent.set),
      onChange: (listener) => consent.onChange(guard(diagnostics, 'consent.onChange', listener)),
    },
  } as Client;
  for (const name in api$) {
    const method = api$[name as keyof typeof api$] as (...args: unknown[]) => unknown;
    Reflect.set(
      client,
      name,
      guard(diagnostics, name, (...args: unknown[]) => {
        const result = method(...args);
        seam.emit?.(name, args);
        return result;
      }),
    );
  }
  const seam: CoreSeam = {
    client,
    api,
    writeKey: options.writeKey,
    store,
    consent,
    diagnostics,
    middleware,
    subject: () => ({ anonymousId: identity.a, userId: identity.u, userHash: identity.h }),
  };
  // The host comes with the plugins (a client without plugins never pays for it); it reports its errors itself.
  options.plugins?.[0]?.host(seam, options.plugins);
  return client;
}

/** Names (events, ids) are non-empty strings; anything else is a bug in the calling page. */
function need(value: unknown, what: string) {
  if (typeof value !== 'string' || !value.trim()) throw new TypeError(`${what} must be a non-empty string`);
}

function timeOf(value: CallOptions['timestamp']): number {
  const ms = value === undefined ? Date.now() : new Date(value).getTime();
  if (Number.isNaN(ms)) throw new TypeError('options.timestamp is not a date');
  return ms;
}

function objectOr(value: unknown, name: string): JsonObject {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${name} must be a plain object`);
  return value as JsonObject;
}
