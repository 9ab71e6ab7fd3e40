import type { ProfilingStatus } from '@matbakh/contract';
import type { ReactiveControllerHost } from 'lit';
import type { ConsentClient } from '../shared/consent-client.ts';

export type ProfilingState =
  | { status: 'idle' | 'loading' | 'error' }
  | { status: 'ready'; value: ProfilingStatus; working: boolean; failed: boolean };

/**
 * "Whether you will order again" in the privacy center (issue 21): whether restaurants may hold a churn score about
 * the guest, and the objection to that profiling (GDPR Art. 21) with its withdrawal. The server decides; this only
 * asks and shows the answer.
 */
export class ProfilingControl {
  state: ProfilingState = { status: 'idle' };
  private token = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => ConsentClient | undefined,
  ) {}

  async reload(): Promise<void> {
    const client = this.client();
    if (!client) return;
    const token = ++this.token;
    this.set({ status: 'loading' });
    try {
      const value = await client.privacy.profiling();
      if (token === this.token) this.set({ status: 'ready', value, working: false, failed: false });
    } catch {
      if (token === this.token) this.set({ status: 'error' });
    }
  }

  /** Objects (`true`) or withdraws the objection (`false`); the button waits for the server's answer. */
  async object(objected: boolean): Promise<void> {
    const client = this.client();
    if (!client || this.state.status !== 'ready' || this.state.working) return;
    const before = this.state.value;
    const token = ++this.token;
    this.set({ status: 'ready', value: before, working: true, failed: false });
    try {
      const value = await client.privacy.objectToProfiling(objected);
      if (token === this.token) this.set({ status: 'ready', value, working: false, failed: false });
    } catch {
      if (token === this.token) this.set({ status: 'ready', value: before, working: false, failed: true });
    }
  }

  private set(state: ProfilingState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
