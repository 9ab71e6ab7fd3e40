import { CHANNELS, type ChannelId } from './config.ts';
import {
  NOTIFICATION_TOPICS,
  type NotificationTopic,
  PREFERENCES_SCHEMA,
  type PreferencesDocument,
} from './preferences.ts';

/**
 * What a visitor has before choosing anything: the system theme, the browser's language, only order status in
 * the app (nothing else reaches anyone before they opt in), at most 5 notifications a day, empty lists.
 * A fresh object on every call: callers may keep and change it.
 */
export function defaultPreferences(): PreferencesDocument {
  const channels = {} as Record<ChannelId, Record<NotificationTopic, boolean>>;
  for (const channel of CHANNELS) {
    channels[channel] = {} as Record<NotificationTopic, boolean>;
    for (const topic of NOTIFICATION_TOPICS)
      channels[channel][topic] = channel === 'in_app' && topic === 'order_status';
  }
  return {
    schema: PREFERENCES_SCHEMA,
    theme: 'system',
    locale: null,
    layout: {},
    notifications: { channels, quietHours: null, maxPerDay: 5 },
    diet: [],
    allergens: [],
    favorites: { restaurants: [], dishes: [] },
  };
}
