/**
 * Every channel the dispatcher can deliver on, one line each, in the order in-app, push, e-mail, WhatsApp (the
 * dispatcher finds an adapter by its `id`). A campaign names its own order of preference; this list only says which
 * channels exist.
 */
import type { ChannelAdapter } from '../channel.ts';
import { emailChannel } from './email.ts';
import { inAppChannel } from './in-app.ts';
import { pushAdapter } from './push.ts';
import { whatsAppChannel } from './whatsapp.ts';

export const channelAdapters: ChannelAdapter[] = [inAppChannel, pushAdapter, emailChannel, whatsAppChannel];

/** Closes what each adapter keeps open (`close`); one that fails does not keep the others open. */
export async function closeChannels(adapters: readonly ChannelAdapter[] = channelAdapters): Promise<void> {
  await Promise.allSettled(adapters.map(async (adapter) => adapter.close?.()));
}
