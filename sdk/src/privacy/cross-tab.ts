/**
 * Tells the other tabs (and other clients on this page) that the decision changed, so their gate and views
 * follow at once. Without BroadcastChannel the core's `storage` listener does the same for other tabs.
 */
export type TabMessage = 'consent' | 'erase';
const NAME = 'matbakh-consent';

export function createCrossTab(receive: (message: TabMessage) => void) {
  if (typeof BroadcastChannel !== 'function') return { post() {}, close() {} };
  const channel = new BroadcastChannel(NAME);
  channel.onmessage = (event: MessageEvent) => {
    if (event.data === 'consent' || event.data === 'erase') receive(event.data);
  };
  return {
    post: (message: TabMessage) => channel.postMessage(message),
    close: () => channel.close(),
  };
}
