import type { de } from './insights.messages.de.ts';

/** English texts of <mb-insights>, fetched when a page shows English (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  title: 'Insights for your restaurant',
  loading: 'Loading insights…',
  loaded: '{count, plural, one {# insight} other {# insights}} loaded.',
  empty: "No insights right now. We'll let you know when there is something new.",
  error: 'The insights could not be loaded.',
  offline: "You're offline. The insights load as soon as you're back online.",
  retry: 'Try again',
  noGroup: 'No restaurant chosen (attribute group-id).',
  'severity.info': 'Info',
  'severity.success': 'Good',
  'severity.warning': 'Warning',
  'severity.critical': 'Critical',
  reason: 'Why: {reason}',
  'summary.label': 'Last 7 days',
  'summary.revenue': 'Revenue',
  'summary.orders': 'Orders',
  'summary.trend': 'Trend',
  'trend.up': 'up {percent} on the 7 days before',
  'trend.down': 'down {percent} on the 7 days before',
  'trend.flat': 'level with the 7 days before',
  'trend.none': 'no comparison (no orders in the 7 days before)',
};
export default texts;
