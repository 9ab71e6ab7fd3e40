import { EXPERIMENT_VIEWED, type Message } from '@matbakh/contract';
import { SESSION_TIMEOUT_MS } from '../tracking/session.ts';
import type { KeyValueStore } from '../util/storage.ts';
import { readJson } from '../util/storage.ts';

interface Exposures {
  /** Session id. */
  s: string;
  /** `experiment:variant` sent in that session. */
  k: string[];
}
const isExposures = (v: unknown): v is Exposures =>
  typeof (v as Exposures)?.s === 'string' && Array.isArray((v as Exposures).k);

export const exposureKey = (experiment: string, variant: string) => `${experiment}:${variant}`;

/**
 * Once per session per experiment and variant. The authority is a middleware, which sees each message with the
 * client's own session; the list of the current session is stored only while `analytics` is granted.
 */
export function createExposures(store: KeyValueStore, storeKey: string, analytics: () => boolean) {
  // Exposures of the current session: read back only if analytics was granted when they were stored.
  let exposures: Exposures | undefined = readJson(store, storeKey, isExposures);
  /** The session of the newest message seen, and when: lets `expose` skip a track it knows would be dropped. */
  let lastSeen: { id: string; at: number } | undefined;

  const persist = () => {
    if (exposures && analytics()) store.set(storeKey, JSON.stringify(exposures));
  };

  const middleware = (message: Message): Message | null => {
    const session = (message.context as { session?: { id?: unknown } }).session;
    const sessionId = typeof session?.id === 'string' ? session.id : undefined;
    if (sessionId === undefined) return message;
    lastSeen = { id: sessionId, at: Date.parse(message.timestamp) };
    if (message.type !== 'track' || message.event !== EXPERIMENT_VIEWED) return message;
    const { experiment_id, variant_id } = message.properties ?? {};
    if (typeof experiment_id !== 'string' || typeof variant_id !== 'string') return message;
    if (exposures?.s !== sessionId) exposures = { s: sessionId, k: [] };
    const key = exposureKey(experiment_id, variant_id);
    if (exposures.k.includes(key)) return null;
    exposures.k.push(key);
    persist();
    return message;
  };

  /** True when the newest session we saw is still running and already had this exposure. */
  const alreadyExposed = (key: string) => {
    if (!lastSeen || !exposures || exposures.s !== lastSeen.id || !exposures.k.includes(key)) return false;
    const at = Date.now();
    return (
      at - lastSeen.at < SESSION_TIMEOUT_MS && new Date(at).toDateString() === new Date(lastSeen.at).toDateString()
    );
  };

  return { middleware, alreadyExposed, persist };
}
