import { createClient } from '../client.ts';
import type { ClientOptions } from '../options.ts';
import type { Plugin } from '../plugin/types.ts';
import type { Client } from '../types.ts';
import { createDiagnostics } from '../util/diagnostics.ts';
import { VERSION } from '../version.ts';

/** A call recorded by the copy-paste stub before the bundle loaded: method, arguments, time. */
export type QueuedCall = [method: string, args: unknown[], at: number];

/** `window.matbakh`: the client's methods once initialised, plus `init` for configuring it from script. */
export type MatbakhGlobal = Omit<Client, 'version'> & {
  version: string;
  init(options: ClientOptions): void;
  /** The client behind the global, once initialised. */
  client?: Client;
  q?: QueuedCall[];
};

const QUEUEABLE = ['track', 'page', 'identify', 'group', 'alias', 'reset', 'consent.set'];

/**
 * Makes `target` (the stub the snippet created: partners may hold references to it) the live global.
 * Until `init` runs, calls are recorded with their time; `init` replays them in order, and from then
 * on the global's methods are the client's own.
 */
export function installGlobal(target: Partial<MatbakhGlobal>, debug: boolean, plugins: Plugin[] = []) {
  const diagnostics = createDiagnostics(debug);
  const global = target as MatbakhGlobal;
  const early: QueuedCall[] = [];

  const replay = (calls: readonly QueuedCall[]) => {
    for (const [method, args, at] of calls) {
      const client = global.client;
      if (method === 'init') global.init(args[0] as ClientOptions);
      else if (!client) early.push([method, args, at]);
      else if (method === 'consent.set') client.consent.set(args[0] as never);
      else if (QUEUEABLE.includes(method))
        (client[method as 'track'] as (...a: unknown[]) => void)(...withTime(method, args, at));
      else diagnostics.report('unknown method', method);
    }
  };

  global.version = VERSION;
  global.init = (options) => {
    if (global.client) return diagnostics.report('init', 'already initialised; ignored');
    try {
      global.client = createClient({
        ...options,
        debug: options?.debug || debug,
        plugins: [...plugins, ...(options?.plugins ?? [])],
      });
    } catch (error) {
      return diagnostics.report('init', error);
    }
    const { client } = global;
    Object.assign(global, client, { version: VERSION });
    global.consent = client.consent;
    replay(early.splice(0));
  };
  const record =
    (method: string) =>
    (...args: unknown[]) =>
      void early.push([method, args, Date.now()]);
  // The stub's methods only record; `init` replaces them with the client's.
  const slots: Record<string, unknown> = global;
  for (const method of QUEUEABLE.slice(0, 6)) slots[method] = record(method);
  slots.consent = { set: record('consent.set') };
  return { global, replay };
}

/** Replayed calls keep the time they were made: it goes into the call's options argument. */
function withTime(method: string, args: unknown[], at: number): unknown[] {
  if (method === 'reset') return args;
  const objects = args.filter((a) => typeof a === 'object' && a !== null);
  if (method === 'page')
    return [...args.filter((a) => typeof a === 'string'), objects[0] ?? {}, { ...objects[1], timestamp: at }];
  return [args[0], args[1], { ...(args[2] as object), timestamp: at }];
}
