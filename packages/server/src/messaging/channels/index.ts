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
