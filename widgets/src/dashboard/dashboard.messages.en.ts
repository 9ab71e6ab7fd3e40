import type { de } from './dashboard.messages.de.ts';

/** English texts of <mb-dashboard>, fetched when a page shows English (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  'heading.guest': 'Your dashboard',
  'heading.owner': 'Your restaurant at a glance',
  customize: 'Customize dashboard',
  done: 'Done',
  loading: 'Loading {title} …',
  error: '{title} could not be loaded.',
  retry: 'Try again',
  offline: 'You are offline. The widgets show what was loaded last.',
  ordersEmpty: 'Your orders will appear here.',
  empty: 'No widgets for this dashboard yet.',
  'widget.next-best-action': 'Your next step',
  'widget.insights': 'Insights',
  'widget.recommendations': 'Recommended for you',
  'widget.orders': 'Orders',
};
export default texts;
