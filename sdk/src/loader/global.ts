import { type Client, createClient } from '../client.ts';
import type { ClientOptions } from '../options.ts';
import { createDiagnostics, type Diagnostics } from '../util/diagnostics.ts';
import { VERSION } from '../version.ts';

/** A call recorded by the copy-paste stub before the bundle loaded: method, arguments, time. */
export type QueuedCall = [method: string, args: unknown[], at: number];

type ForwardedMethod = 'track' | 'page' | 'identify' | 'group' | 'alias' | 'reset';
const FORWARDED: readonly ForwardedMethod[] = ['track', 'page', 'identify', 'group', 'alias', 'reset'];

/** `window.matbakh`: the client's methods, plus `init` for configuring it from script. */
export type MatbakhGlobal = Pick<Client, ForwardedMethod | 'version'> & {
  init(options: ClientOptions): void;
  consent: Pick<Client['consent'], 'get' | 'set' | 'status' | 'onChange'>;
  /** The client behind the global, once initialised: stats, flush, middleware. */
  client?: Client;
  q?: QueuedCall[];
};

/**
 * Makes `target` (the stub the snippet created, so references partners kept stay valid) the live
 * global. Calls made before `init` wait, with their time, and replay in order once it runs.
 */
export function installGlobal(
  target: Partial<MatbakhGlobal>,
  debug: boolean,
): { global: MatbakhGlobal; replay(calls: readonly QueuedCall[]): void } {
  const diagnostics: Diagnostics = createDiagnostics(debug);
  let client: Client | undefined;
  let early: QueuedCall[] = [];

  const call = (method: string, args: unknown[], at: number) => {
    if (method === 'init') return init(args[0] as ClientOptions);
    if (!client) {
      early.push([method, args, at]);
      return;
    }
    if (method === 'consent.set') return client.consent.set(args[0] as Parameters<Client['consent']['set']>[0]);
    if ((FORWARDED as readonly string[]).includes(method)) {
      (client[method as ForwardedMethod] as (...a: unknown[]) => void)(...withTimestamp(method, args, at));
    } else diagnostics.report('unknown method', method);
  };

  const init = (options: ClientOptions) => {
    if (client) return diagnostics.log('init ignored: already initialised');
    try {
      client = createClient({ ...options, debug: options?.debug || debug });
    } catch (error) {
      return diagnostics.report('init', error);
    }
    global.client = client;
    const waiting = early;
    early = [];
    for (const [method, args, at] of waiting) call(method, args, at);
  };

  const global = target as MatbakhGlobal;
  (global as { version: string }).version = VERSION;
  global.init = (options) => init(options);
  for (const method of FORWARDED) {
    global[method] = ((...args: unknown[]) => call(method, args, Date.now())) as never;
  }
  global.consent = {
    get: () => (client ? client.consent.get() : { choices: {}, gpc: false }),
    set: (choices) => call('consent.set', [choices], Date.now()),
    status: (category) => (client ? client.consent.status(category) : category === 'necessary' ? 'granted' : 'pending'),
    onChange: (listener) => (client ? client.consent.onChange(listener) : () => {}),
  };
  const replay = (calls: readonly QueuedCall[]) => {
    for (const entry of calls) {
      try {
        call(...entry);
      } catch (error) {
        diagnostics.report('replay', error);
      }
    }
  };
  return { global, replay };
}

/** Replayed calls keep the time they were made: append it as the call's options argument. */
function withTimestamp(method: string, args: unknown[], at: number): unknown[] {
  if (method === 'reset') return args;
  if (method === 'page') {
    const strings = args.filter((a) => typeof a === 'string');
    const objects = args.filter((a) => typeof a === 'object' && a !== null);
    return [...strings, objects[0] ?? {}, { ...(objects[1] as object), timestamp: at }];
  }
  const padded = args.slice(0, 2);
  while (padded.length < 2) padded.push(undefined);
  return [...padded, { ...(args[2] as object), timestamp: at }];
}
