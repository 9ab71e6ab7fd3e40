/**
 * Intl formatting for the predictive sections of `<mb-insights>`: calendar days (`YYYY-MM-DD`, shown as the
 * calendar day they name, whatever the viewer's time zone), counts, money and percentages in the widget locale.
 */
import type { Locale } from '../shared/i18n.ts';

const TAG: Record<Locale, string> = { de: 'de-DE', en: 'en-GB', ar: 'ar' };

/** Noon UTC of a calendar day: formatted in UTC it is that day everywhere. */
export const dayTime = (date: string) => Date.parse(`${date}T12:00:00Z`);

export interface Formats {
  /** "21 Dec" / "21. Dez." for axis labels. */
  shortDay(date: string): string;
  /** "Monday 21 December" for the chart's description. */
  longDay(date: string): string;
  /** "Mon 21 Dec" / "Mo., 21. Dez." for the table's rows (narrow screens). */
  mediumDay(date: string): string;
  /** A count rounded to whole numbers ("34"). */
  count(value: number): string;
  /** A money amount in the response's currency ("€1,240.50"); the plain number for an unknown currency. */
  money(value: number): string;
  /** 0.86 → "86%" / "86 %". */
  percent(value: number): string;
}

export function formatsFor(locale: Locale, currency: string): Formats {
  const tag = TAG[locale];
  const short = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  const medium = new Intl.DateTimeFormat(tag, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  const count = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  let money: Intl.NumberFormat;
  try {
    money = new Intl.NumberFormat(tag, { style: 'currency', currency });
  } catch {
    money = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  }
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  return {
    shortDay: (date) => short.format(dayTime(date)),
    longDay: (date) => long.format(dayTime(date)),
    mediumDay: (date) => medium.format(dayTime(date)),
    count: (value) => count.format(value),
    money: (value) => money.format(value),
    percent: (value) => percent.format(value),
  };
}
