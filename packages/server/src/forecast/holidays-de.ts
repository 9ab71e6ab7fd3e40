/**
 * German public holidays (gesetzliche Feiertage) by state, for the forecast's holiday effect.
 *
 * The table lists every holiday once with the states that keep it; fixed dates are month-day, movable feasts are
 * days from Easter Sunday (Gauss/Meeus computus, Gregorian), Buß- und Bettag is the Wednesday before 23 November.
 * Holidays kept only in some municipalities (Fronleichnam in parts of Saxony and Thuringia, Mariä Himmelfahrt in
 * Bavaria's Catholic communities, the Augsburger Friedensfest) are left out: a restaurant there sees them as an
 * ordinary day more often than not. Checked against the Länder's Feiertagsgesetze for 2024–2030 (tests:
 * test/forecast-holidays.test.ts); one-off holidays carry their year.
 */
import type { Locale } from '@matbakh/contract';

export const GERMAN_STATES = [
  'BW',
  'BY',
  'BE',
  'BB',
  'HB',
  'HH',
  'HE',
  'MV',
  'NI',
  'NW',
  'RP',
  'SL',
  'SN',
  'ST',
  'SH',
  'TH',
] as const;
export type GermanState = (typeof GERMAN_STATES)[number];

type When = { fixed: string } | { easter: number } | { bussUndBettag: true };

interface HolidayRule {
  id: string;
  when: When;
  /** undefined: every state. */
  states?: readonly GermanState[];
  /** Kept from this year on (e.g. Frauentag in Berlin since 2019). */
  since?: number;
  /** Only in this year (one-off holidays). */
  onlyIn?: number;
  names: Record<Locale, string>;
}

export const HOLIDAY_RULES: readonly HolidayRule[] = [
  {
    id: 'new-year',
    when: { fixed: '01-01' },
    names: { de: 'Neujahr', en: "New Year's Day", ar: 'رأس السنة الميلادية' },
  },
  {
    id: 'epiphany',
    when: { fixed: '01-06' },
    states: ['BW', 'BY', 'ST'],
    names: { de: 'Heilige Drei Könige', en: 'Epiphany', ar: 'عيد الغطاس' },
  },
  {
    id: 'womens-day',
    when: { fixed: '03-08' },
    states: ['BE', 'MV'],
    since: 2019,
    names: { de: 'Internationaler Frauentag', en: "International Women's Day", ar: 'اليوم العالمي للمرأة' },
  },
  { id: 'good-friday', when: { easter: -2 }, names: { de: 'Karfreitag', en: 'Good Friday', ar: 'الجمعة العظيمة' } },
  {
    id: 'easter-sunday',
    when: { easter: 0 },
    states: ['BB'],
    names: { de: 'Ostersonntag', en: 'Easter Sunday', ar: 'أحد الفصح' },
  },
  { id: 'easter-monday', when: { easter: 1 }, names: { de: 'Ostermontag', en: 'Easter Monday', ar: 'اثنين الفصح' } },
  { id: 'labour-day', when: { fixed: '05-01' }, names: { de: 'Tag der Arbeit', en: 'Labour Day', ar: 'عيد العمال' } },
  {
    id: 'liberation-day-2025',
    when: { fixed: '05-08' },
    states: ['BE'],
    onlyIn: 2025,
    names: { de: 'Tag der Befreiung', en: 'Liberation Day', ar: 'يوم التحرير' },
  },
  {
    id: 'ascension',
    when: { easter: 39 },
    names: { de: 'Christi Himmelfahrt', en: 'Ascension Day', ar: 'عيد الصعود' },
  },
  {
    id: 'whit-sunday',
    when: { easter: 49 },
    states: ['BB'],
    names: { de: 'Pfingstsonntag', en: 'Whit Sunday', ar: 'أحد العنصرة' },
  },
  { id: 'whit-monday', when: { easter: 50 }, names: { de: 'Pfingstmontag', en: 'Whit Monday', ar: 'اثنين العنصرة' } },
  {
    id: 'corpus-christi',
    when: { easter: 60 },
    states: ['BW', 'BY', 'HE', 'NW', 'RP', 'SL'],
    names: { de: 'Fronleichnam', en: 'Corpus Christi', ar: 'عيد القربان' },
  },
  {
    id: 'assumption',
    when: { fixed: '08-15' },
    states: ['SL'],
    names: { de: 'Mariä Himmelfahrt', en: 'Assumption Day', ar: 'عيد انتقال العذراء' },
  },
  {
    id: 'childrens-day',
    when: { fixed: '09-20' },
    states: ['TH'],
    since: 2019,
    names: { de: 'Weltkindertag', en: "World Children's Day", ar: 'اليوم العالمي للطفل' },
  },
  {
    id: 'unity-day',
    when: { fixed: '10-03' },
    names: { de: 'Tag der Deutschen Einheit', en: 'German Unity Day', ar: 'يوم الوحدة الألمانية' },
  },
  {
    id: 'reformation-day',
    when: { fixed: '10-31' },
    states: ['BB', 'HB', 'HH', 'MV', 'NI', 'SN', 'ST', 'SH', 'TH'],
    names: { de: 'Reformationstag', en: 'Reformation Day', ar: 'يوم الإصلاح' },
  },
  {
    id: 'all-saints',
    when: { fixed: '11-01' },
    states: ['BW', 'BY', 'NW', 'RP', 'SL'],
    names: { de: 'Allerheiligen', en: "All Saints' Day", ar: 'عيد جميع القديسين' },
  },
  {
    id: 'repentance-day',
    when: { bussUndBettag: true },
    states: ['SN'],
    names: { de: 'Buß- und Bettag', en: 'Day of Repentance and Prayer', ar: 'يوم التوبة والصلاة' },
  },
  {
    id: 'christmas',
    when: { fixed: '12-25' },
    names: { de: '1. Weihnachtstag', en: 'Christmas Day', ar: 'عيد الميلاد' },
  },
  {
    id: 'boxing-day',
    when: { fixed: '12-26' },
    names: { de: '2. Weihnachtstag', en: "St Stephen's Day", ar: 'ثاني أيام عيد الميلاد' },
  },
];

const DAY = 86_400_000;

/** Easter Sunday of a Gregorian year as `YYYY-MM-DD` (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function dateOf(when: When, year: number): string {
  if ('fixed' in when) return `${year}-${when.fixed}`;
  if ('easter' in when) return iso(Date.parse(easterSunday(year)) + when.easter * DAY);
  // Buß- und Bettag: the last Wednesday before 23 November (so 16–22 November).
  const nov23 = Date.parse(`${year}-11-23`);
  const back = (new Date(nov23).getUTCDay() - 3 + 7) % 7 || 7;
  return iso(nov23 - back * DAY);
}

export interface Holiday {
  id: string;
  date: string;
  names: Record<Locale, string>;
}

/** The state (`BE`) of an ISO 3166-2 region (`DE-BE`); undefined for `DE` alone or another country. */
export function stateOf(region: string): GermanState | undefined {
  const match = /^DE-([A-Z]{2})$/.exec(region.toUpperCase());
  const state = match?.[1] as GermanState | undefined;
  return state !== undefined && GERMAN_STATES.includes(state) ? state : undefined;
}

/**
 * The public holidays of a year in a region: `DE-XX` gets the state's, `DE` the nationwide ones only, any other
 * country none (the forecast then knows no holidays). Sorted by date.
 */
export function holidaysIn(year: number, region: string): Holiday[] {
  const upper = region.toUpperCase();
  if (upper !== 'DE' && !upper.startsWith('DE-')) return [];
  const state = stateOf(upper);
  const found: Holiday[] = [];
  for (const rule of HOLIDAY_RULES) {
    if (rule.onlyIn !== undefined && rule.onlyIn !== year) continue;
    if (rule.since !== undefined && year < rule.since) continue;
    if (rule.states !== undefined && (state === undefined || !rule.states.includes(state))) continue;
    found.push({ id: rule.id, date: dateOf(rule.when, year), names: rule.names });
  }
  return found.sort((a, b) => a.date.localeCompare(b.date));
}

/** Holidays by date for the years a range of dates touches (a lookup for the forecast). */
export function holidayCalendar(region: string, fromYear: number, toYear: number): Map<string, Holiday> {
  const byDate = new Map<string, Holiday>();
  for (let year = fromYear; year <= toYear; year++)
    for (const holiday of holidaysIn(year, region)) byDate.set(holiday.date, holiday);
  return byDate;
}
