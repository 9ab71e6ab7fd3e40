import { type PreferencesDocument, validatePreferences } from '@matbakh/contract';
import { ApiError, type Http } from '../plugin/http.ts';
import type { Diagnostics } from '../util/diagnostics.ts';
import type { PreferencesState } from './state.ts';
import type { PreferencesStatus } from './types.ts';

interface Answer {
  status: number;
  body?: { preferences?: PreferencesDocument; version?: number; error?: { message?: string } };
}

const MAX_ROUNDS = 5;

export interface SyncOptions {
  http: Http;
  local: PreferencesState;
  diagnostics: Diagnostics;
  /** Whose document: a proven user's (cross-device), else this browser's anonymous one. */
  subject(): Record<string, string>;
  granted(): boolean;
  /** After each answer that changed the document: store it. */
  persist(): void;
  /** The sync status changed. */
  refresh(): void;
}

/**
 * Sync with `/v1/preferences`: `PUT` of the whole document with `If-Match: "<version>"` of the base; on 412 the
 * server's current document is merged in and sent again. Without local changes a `GET` adopts the server's.
 * One exchange at a time; a write during one runs another round after it.
 */
export function createSync(options: SyncOptions) {
  const { http, local } = options;
  let sync: PreferencesStatus['sync'] = 'idle';
  let error: string | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const exchange = async (method: 'GET' | 'PUT', body?: PreferencesDocument): Promise<Answer> => {
    const headers = { 'If-Match': `"${local.state.version}"` };
    try {
      return {
        status: 200,
        body: await http.request(method, '/v1/preferences', { query: options.subject(), body, headers }),
      };
    } catch (failure) {
      return failure instanceof ApiError
        ? { status: failure.status, body: failure.body as Answer['body'] }
        : { status: 0 };
    }
  };

  /** One round: false when there is nothing more to do (or nothing more we can do now). */
  const round = async (): Promise<boolean> => {
    again = false;
    if (navigator.onLine === false) {
      sync = 'offline';
      return false;
    }
    sync = 'syncing';
    options.refresh();
    const asked = local.state.owner;
    const pending = local.state.pending;
    const answer = await exchange(pending ? 'PUT' : 'GET', pending ? local.doc() : undefined);
    if (!options.granted()) return false;
    const { preferences, version } = answer.body ?? {};
    if (asked !== local.state.owner) return true;
    if ((answer.status === 200 || answer.status === 412) && preferences && typeof version === 'number') {
      const theirs = validatePreferences(preferences);
      if (theirs.ok) local.adopt(theirs.value, version);
      options.persist();
      error = undefined;
      sync = 'idle';
      return !!local.state.pending || again;
    }
    sync = answer.status === 0 ? 'offline' : 'error';
    error = answer.status === 0 ? 'network error' : `${answer.status} ${answer.body?.error?.message ?? ''}`;
    return false;
  };

  const now = (): Promise<void> => {
    if (!options.granted()) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    const rounds = async () => {
      for (let n = 0; n < MAX_ROUNDS && (await round()); n++);
    };
    running = rounds()
      .catch((e) => options.diagnostics.report('preferences sync', e))
      .finally(() => {
        running = undefined;
        options.refresh();
      });
    return running;
  };

  return { now, status: () => sync, error: () => error };
}
