import { safeUrl } from '@matbakh/contract';

/** The card's event types, kept at this path for imports from here; declared one per event in `../events/`. */
export type { ExplanationOpenDetail } from '../events/mb-explanation-open.ts';
export type { FeedbackDetail } from '../events/mb-feedback.ts';
export type { RecommendationClickDetail } from '../events/mb-recommendation-click.ts';

/** The one URL sanitiser (`@matbakh/contract`): only http(s) becomes a link or an image. */
export { safeUrl };

const INTL_LOCALE: Record<string, string> = { de: 'de-DE', en: 'en-GB', ar: 'ar' };

/**
 * One formatter per locale and currency: making an `Intl.NumberFormat` costs far more than using one (it was the
 * costliest function of a dashboard's first render on a throttled phone, made again for every card and render).
 */
const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale} ${currency}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale] ?? locale, { style: 'currency', currency });
    formatters.set(key, format);
  }
  return format;
}

/** "9,50 €" / "€9.50" / "٩٫٥٠ €"; a bad currency code falls back to "9.5 XYZ" rather than failing. */
export function formatPrice(price: { amount: number; currency: string } | undefined, locale: string): string {
  if (!price || typeof price.amount !== 'number' || !Number.isFinite(price.amount)) return '';
  try {
    return currencyFormat(locale, price.currency).format(price.amount);
  } catch {
    return `${price.amount} ${String(price.currency ?? '')}`.trim();
  }
}
