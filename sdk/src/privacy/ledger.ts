import type { ConsentRecordRequest } from '@matbakh/contract';
import type { ApiError } from '../plugin/http.ts';
import type { KeyValueStore } from '../util/storage.ts';
import { readJson } from '../util/storage.ts';
import type { LedgerStatus } from './types.ts';

/** A proof waiting for the server; the policy version is filled in once the config is known. */
export type PendingProof = Omit<ConsentRecordRequest, 'policyVersion'> & { policyVersion?: number };

const MAX_PENDING = 20;
const isList = (value: unknown): value is PendingProof[] => Array.isArray(value);
const idOf = (proof: PendingProof) => `${proof.consentId} ${proof.timestamp} ${proof.action}`;
/** Proofs some client on this page took charge of: another one (same write key) does not send them again. */
const claimed = new Set<string>();

export interface LedgerOptions {
  /** `POST /v1/consent` with the proof; rejects with an `ApiError`. */
  post(proof: ConsentRecordRequest): Promise<unknown>;
  store: KeyValueStore;
  /** Storage key of the proofs not yet acknowledged (a necessary write: it exists only after a decision). */
  key: string;
  /** Settles when the policy is known (or could not be loaded). */
  ready(): Promise<unknown>;
  policyVersion(): number | undefined;
  status(status: LedgerStatus): void;
  report(error: unknown): void;
}

/**
 * Sends each decision to `POST /v1/consent` as proof (GDPR Art. 7(1)). Until the server has it, the proof is
 * also in storage: one that could not be delivered (offline, 5xx, 429, policy unknown) is sent again on the
 * next `online` event or by the next page. One the server refuses (other 4xx) is dropped: it cannot succeed.
 */
// Long because: one closure of small named functions sharing the pending proofs and their retry.
export function createLedger(o: LedgerOptions) {
  const read = () => readJson(o.store, o.key, isList) ?? [];
  const write = (list: PendingProof[]) =>
    list.length ? o.store.set(o.key, JSON.stringify(list.slice(-MAX_PENDING))) : o.store.remove(o.key);
  const forget = (proof: PendingProof) => {
    claimed.delete(idOf(proof));
    write(read().filter((stored) => idOf(stored) !== idOf(proof)));
  };
  /** This client's proofs to send, oldest first. */
  let mine: PendingProof[] = [];
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  /** Sends what is waiting; true when nothing failed (a failure waits for `online` or the next page). */
  const sendAll = async (): Promise<boolean> => {
    await o.ready();
    if (!mine.length || stopped) return true;
    o.status('saving');
    let status: LedgerStatus = 'saved';
    while (mine.length && !stopped) {
      const proof = mine[0]!;
      const policyVersion = proof.policyVersion ?? o.policyVersion();
      if (policyVersion === undefined) {
        status = 'error';
        break;
      }
      try {
        await o.post({ ...proof, policyVersion });
      } catch (error) {
        const code = (error as ApiError).status;
        o.report(error);
        status = code === 0 ? 'offline' : 'error';
        if (code === 0 || code >= 500 || code === 408 || code === 429) break;
      }
      mine.shift();
      forget(proof);
    }
    if (!stopped) o.status(status);
    return status === 'saved';
  };

  const flush = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      // A proof recorded meanwhile is sent in the same go — unless sending just failed: no hammering a server
      // that answered 5xx; it waits like the others.
      let sent: boolean;
      do {
        again = false;
        sent = await sendAll();
      } while (again && sent);
    })()
      .catch(o.report)
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  // What an earlier page could not deliver: this client takes charge of it.
  mine = read().filter((proof) => !claimed.has(idOf(proof)));
  for (const proof of mine) claimed.add(idOf(proof));

  return {
    record(proof: PendingProof) {
      claimed.add(idOf(proof));
      mine.push(proof);
      write([...read(), proof]);
      o.status('saving');
      return flush();
    },
    flush,
    /** Proofs of this client not yet delivered. */
    pending: () => mine.length > 0 && !stopped,
    /** Settles when no proof is being sent (delivered, refused, or waiting for `online` / the next page). */
    settled: (): Promise<void> => running ?? Promise.resolve(),
    /** Forgets undelivered proofs (erasure). */
    clear() {
      for (const proof of mine) claimed.delete(idOf(proof));
      mine = [];
      o.store.remove(o.key);
    },
    /** The client is destroyed: nothing more is sent (what is stored waits for the next page). */
    stop() {
      stopped = true;
      for (const proof of mine) claimed.delete(idOf(proof));
    },
  };
}
