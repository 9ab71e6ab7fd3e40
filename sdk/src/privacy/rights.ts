import type { ConsentLedgerResponse, EraseResponse, PrivacyExport, ProfilingStatus } from '@matbakh/contract';
import type { PluginContext } from '../plugin/types.ts';
import type { PrivacyControls } from './types.ts';

declare global {
  interface GlobalEventHandlersEventMap {
    /** Asks the page's privacy center to open (from `client.privacy.open()`); bubbles from `document`. */
    'mb-privacy-open': CustomEvent<null>;
  }
}

/**
 * The visitor's data rights against the API, for the current subject (a userId only with its userHash).
 * Every method returns a promise: failures reject with an Error naming the request, status and server message;
 * nothing is thrown synchronously into the page.
 */
export function createRights(context: PluginContext, wipe: () => void): PrivacyControls {
  const { http } = context;
  const subject = () => {
    const { anonymousId, userId, userHash } = context.subject();
    return { anonymousId, ...(userId && { userId }), ...(userHash && { userHash }) };
  };
  const later = <T>(run: () => Promise<T>): Promise<T> => Promise.resolve().then(run);

  return {
    ledger: () => later(() => http.request<ConsentLedgerResponse>('GET', '/v1/consent', { query: subject() })),
    export: () => later(() => http.request<PrivacyExport>('POST', '/v1/privacy/export', { body: subject() })),
    erase: () =>
      later(async () => {
        const who = subject();
        // What waits in the queue belongs to the subject too: sent first, so the erasure covers it.
        await context.flush().catch(() => undefined);
        const result = await http.request<EraseResponse>('POST', '/v1/privacy/erase', { body: who });
        wipe();
        return result;
      }),
    profiling: () => later(() => http.request<ProfilingStatus>('GET', '/v1/privacy/profiling', { query: subject() })),
    objectToProfiling: (objected: boolean) =>
      later(() =>
        http.request<ProfilingStatus>('POST', '/v1/privacy/profiling-objection', { body: { ...subject(), objected } }),
      ),
    open() {
      document.dispatchEvent(new CustomEvent('mb-privacy-open', { bubbles: true, composed: true }));
    },
  };
}
