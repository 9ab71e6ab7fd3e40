/**
 * Tells the other tabs (and other clients of the same write key on this page) that the decision changed, so
 * their gate and views follow at once. One channel per write key, `matbakh-consent.<writeKey>`, like the
 * decision itself: another tenant on the page never hears it. Without BroadcastChannel the core's `storage`
 * listener does the same for other tabs.
 */
export type TabMessage = 'consent' | 'erase';

export const crossTabChannel = (writeKey: string) => `matbakh-consent.${writeKey}`;

export function createCrossTab(writeKey: string, receive: (message: TabMessage) => void) {
  if (typeof BroadcastChannel !== 'function') return { post() {}, close() {} };
  const channel = new BroadcastChannel(crossTabChannel(writeKey));
  channel.onmessage = (event: MessageEvent) => {
    if (event.data === 'consent' || event.data === 'erase') receive(event.data);
  };
  return {
    post: (message: TabMessage) => channel.postMessage(message),
    close: () => channel.close(),
  };
}
