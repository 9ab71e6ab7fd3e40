/**
 * The in-app channel: the message becomes an item of the recipient's inbox (`GET /v1/inbox`, `<mb-inbox>`), pushed
 * at once to an open stream. Every subject has an inbox, so everyone is reachable here; consent and preferences
 * were checked by the dispatcher.
 */
import type { ChannelAdapter } from '../channel.ts';
import { appendInboxItem } from '../inbox-store.ts';

export const inAppChannel: ChannelAdapter = {
  id: 'in_app',
  reachable: async () => true,
  async send(db, message) {
    // A retry of a send whose instance died before recording it: the item is there already, once is enough.
    const earlier = await db.get<{ id: number }>('SELECT id FROM inbox_items WHERE tenant_id = ? AND delivery_id = ?', [
      message.tenant.id,
      message.deliveryId,
    ]);
    if (earlier) return { ok: true, providerId: `inbox:${earlier.id}` };
    const item = await appendInboxItem(db, {
      tenantId: message.tenant.id,
      recipient: message.recipient,
      deliveryId: message.deliveryId,
      topic: message.topic,
      title: message.title,
      body: message.body,
      ...(message.url ? { url: message.url } : {}),
      createdAt: message.sentAt ?? new Date().toISOString(),
    });
    return { ok: true, providerId: `inbox:${item.id}` };
  },
};
