import type { de } from './inbox.messages.de.ts';

/** English texts of <mb-inbox>, fetched when a page shows English (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  bell: 'Notifications',
  bellUnread: 'Notifications, {count, plural, one {# unread} other {# unread}}',
  title: 'Notifications',
  close: 'Close',
  markAll: 'Mark all as read',
  markOne: 'Mark as read',
  unread: 'Unread',
  open: 'Open',
  more: 'Load older',
  loading: 'Loading notifications…',
  empty: 'No notifications. New ones appear here right away.',
  error: 'The notifications could not be loaded.',
  offline: "You're offline. New notifications appear as soon as you're back online.",
  consent: 'In-app notices are turned off. You can turn them on in the privacy settings.',
  retry: 'Try again',
  arrived: 'New: {title}',
};
export default texts;
