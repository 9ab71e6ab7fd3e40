/**
 * The channel adapters, in the order in-app, push, email, whatsapp: one line per channel (the dispatcher finds an
 * adapter by its `id`).
 */
import type { ChannelAdapter } from '../channel.ts';
import { pushAdapter } from './push.ts';

export const channelAdapters: ChannelAdapter[] = [pushAdapter];
