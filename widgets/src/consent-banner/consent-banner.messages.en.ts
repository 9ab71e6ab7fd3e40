import type { de } from './consent-banner.messages.de.ts';

/** English texts of <mb-consent-banner>, fetched when a page shows English (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  label: 'Privacy settings',
  title: 'Your privacy choices',
  'reason.first_visit': 'Welcome! Before you start, please choose which data we may use.',
  'reason.policy_changed': 'Our privacy policy has changed since your last visit, so we are asking you again.',
  'reason.new_category': 'We have added a new way of using data since you last decided, so we are asking you again.',
  'reason.expired': 'It has been a while since you decided, so we are asking you again.',
  text: 'Necessary storage keeps the site working. With your consent we also remember your settings, personalise recommendations, measure how the site is used and show offers that suit you. You can change your mind at any time.',
  accept: 'Accept all',
  reject: 'Reject all',
  customize: 'Customize',
  save: 'Save choices',
  categories: 'Categories',
  alwaysOn: 'Always on',
  services: 'Used by',
  policyLink: 'Privacy policy',
  newTab: '(opens in a new tab)',
  details: 'Privacy center',
  gpc: 'Your browser sends the Global Privacy Control signal. We honour it: analytics and marketing stay off unless you switch them on yourself.',
  offline: 'Your choice is saved on this device and will be recorded as soon as you are back online.',
  dismiss: 'OK',
  configError:
    'We could not load the details of our privacy settings. You can still reject or accept – choosing only necessary storage works offline too.',
  retry: 'Try again',
};
export default texts;
