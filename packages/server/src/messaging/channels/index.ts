/**
 * Every channel the dispatcher can deliver on, one line each, in the order in-app, push, e-mail, WhatsApp.
 * A campaign names its own order of preference; this list only says which channels exist.
 */
import type { ChannelAdapter } from '../channel.ts';
import { emailChannel } from './email.ts';
import { inAppChannel } from './in-app.ts';
import { whatsAppChannel } from './whatsapp.ts';

export const channelAdapters: ChannelAdapter[] = [inAppChannel, emailChannel, whatsAppChannel];
