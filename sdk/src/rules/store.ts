import { isObject, type JsonObject, type Message, RULE_EVENT_PROPERTIES } from '@matbakh/contract';
import { atom } from 'nanostores';
import type { PluginContext } from '../plugin/types.ts';
import type { CapState, Device } from './engine.ts';
import { createEventLog, type EventLog } from './event-log.ts';
import type { RulesOptions, TourProgress } from './types.ts';

interface Stored {
  v: 1;
  log?: unknown;
  caps?: CapState;
  traits?: JsonObject;
  tours?: Record<string, TourProgress>;
  session?: number;
}

export function isTourProgress(value: unknown): value is TourProgress {
  return (
    isObject(value) &&
    Number.isInteger(value.step) &&
    (value.status === 'active' || value.status === 'done' || value.status === 'dismissed')
  );
}

function isStored(value: unknown): value is Stored {
  return isObject(value) && value.v === 1;
}

/**
 * What the rules know about the visitor: their own tracked events (a bounded log), identify traits, caps, tour
 * progress, the session index and the device, fed by the `observe` middleware. Stored under `mb.rules.<writeKey>`
 * only while `personalization` is granted. `$version` is bumped on anything that may change eligibility.
 */
export function createRulesStore(ctx: PluginContext, options: RulesOptions) {
  const key = `mb.rules.${ctx.writeKey}`;
  const persistAllowed = () => ctx.consent.status('personalization') === 'granted';
  let stored: Stored | undefined;
  if (persistAllowed()) {
    try {
      const parsed: unknown = JSON.parse(ctx.store.get(key) ?? 'null');
      if (isStored(parsed)) stored = parsed;
    } catch {
      ctx.store.remove(key);
    }
  }
  const log: EventLog = createEventLog(
    { properties: options.properties ?? RULE_EVENT_PROPERTIES, maxPerName: options.maxEventsPerName },
    stored?.log,
  );
  const tours: Record<string, TourProgress> = {};
  for (const [id, progress] of Object.entries(stored?.tours ?? {})) if (isTourProgress(progress)) tours[id] = progress;
  const state = {
    log,
    caps: (isObject(stored?.caps) ? stored.caps : {}) as CapState,
    traits: (isObject(stored?.traits) ? stored.traits : {}) as JsonObject,
    tours,
    session: typeof stored?.session === 'number' ? stored.session : 0,
    device: undefined as Device | undefined,
  };
  const $version = atom(0);

  let writeScheduled = false;
  const persist = () => {
    if (writeScheduled) return;
    writeScheduled = true;
    setTimeout(() => {
      writeScheduled = false;
      if (!persistAllowed()) return;
      const { caps, traits, session } = state;
      const value: Stored = { v: 1, log: log.toJSON(), caps, traits, tours, session };
      ctx.store.set(key, JSON.stringify(value));
    }, 0);
  };
  /** Eligibility may have changed; `save`: and what is stored changed too. */
  const changed = (save = true) => {
    $version.set($version.get() + 1);
    if (save) persist();
  };

  // Observe the client's own calls: every message passes the middleware before the consent gate.
  const observe = (message: Message): Message => {
    ctx.guard('rules.observe', () => {
      const index = (message.context as { session?: { index?: number } } | undefined)?.session?.index;
      if (typeof index === 'number' && index > state.session) state.session = index;
      const type = (message.context as { device?: { type?: string } } | undefined)?.device?.type;
      if (type === 'mobile' || type === 'tablet' || type === 'desktop') state.device = type;
      if (message.type === 'track') {
        log.record(message.event, Date.parse(message.timestamp), message.properties);
        changed();
      } else if (message.type === 'identify' && isObject(message.traits)) {
        state.traits = { ...state.traits, ...(message.traits as JsonObject) };
        changed();
      }
    })();
    return message;
  };

  return { state, $version, persist, changed, observe, remove: () => ctx.store.remove(key) };
}

export type RulesStore = ReturnType<typeof createRulesStore>;
