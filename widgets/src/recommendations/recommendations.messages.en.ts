import type { de } from './recommendations.messages.de.ts';

/** English texts of <mb-recommendations>, fetched when a page shows English (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  'heading.guest': 'Recommended for you',
  'heading.owner': 'Recommended for your business',
  loading: 'Loading recommendations …',
  empty: 'We have no recommendations for you right now.',
  error: 'Recommendations could not be loaded.',
  errorOffline: 'You are offline. Recommendations will appear once you are connected again.',
  retry: 'Try again',
  offline: 'You are offline: your device picked these suggestions.',
  fallback: 'Your device picked these suggestions because our server is not answering right now.',
  personalized: 'Personalized from your orders.',
  'personalized.owner': "Based on your business's setup and use.",
  'basis.no_consent': 'Not personalized: you have not allowed personalization.',
  'basis.cold_start': 'Not personalized yet: popular picks until we know your taste.',
  'basis.not_identified': 'Not personalized.',
  privacy: 'Privacy settings',
  howItWorks: 'How recommendations work',
  previous: 'Previous recommendation',
  next: 'Next recommendation',
  slide: '{index} of {count}',
  removed: '“{title}” hidden.',
  close: 'Close',
  explanationLoading: 'Loading …',
  explanationError: 'The explanation could not be loaded.',
  parameters: 'What matters',
  controls: 'What you can change',
  nonProfiled: 'Without a profile',
};
export default texts;
