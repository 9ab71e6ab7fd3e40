import type { ReactiveControllerHost } from 'lit';
import {
  type ConsentClient,
  type ConsentView,
  globalConsentClient,
  isConsentClient,
} from '../shared/consent-client.ts';

type Host = ReactiveControllerHost & { client?: unknown; readonly isConnected: boolean };

/**
 * Follows the consent view of the panel's client (or `window.matbakh.client`) when it has the privacy
 * plugin: channel opt-ins. Without one the panel shows every channel as available.
 */
export class ChannelConsentController {
  private readonly host: Host;
  private current: ConsentClient | undefined;
  private unlisten: (() => void) | undefined;

  constructor(host: Host) {
    this.host = host;
    host.addController(this);
  }

  get view(): ConsentView | undefined {
    return this.current?.consent.$view.get();
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdate(): void {
    // A removed panel still renders when something changes it (the page sets a property): listening then would
    // keep it alive through the client's store with nothing left to stop it. hostConnected follows again.
    if (this.host.isConnected) this.follow();
  }

  hostDisconnected(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    this.current = undefined;
  }

  private follow(): void {
    const own: unknown = this.host.client;
    const wanted = isConsentClient(own) ? own : own ? undefined : globalConsentClient();
    if (wanted === this.current && (this.unlisten || !wanted)) return;
    this.unlisten?.();
    this.current = wanted;
    this.unlisten = wanted?.consent.$view.listen(() => this.host.requestUpdate());
  }
}
