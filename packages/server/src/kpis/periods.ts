/** Days and ISO weeks as the KPI tables key them: UTC calendar days `YYYY-MM-DD`, weeks by their Monday. */

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day in `YYYY-MM-DD` form (2026-02-30 is not one). */
export function isDay(value: string): boolean {
  return DAY.test(value) && new Date(`${value}T00:00:00.000Z`).toISOString().slice(0, 10) === value;
}

/** The UTC day of an ISO timestamp. */
export const dayOf = (iso: string): string => new Date(Date.parse(iso)).toISOString().slice(0, 10);

export const dayOfMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, days: number): string =>
  dayOfMs(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS);

/** Whole days from `a` to `b` (negative when b is earlier). */
export const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00.000Z`) - Date.parse(`${a}T00:00:00.000Z`)) / DAY_MS);

/** The Monday of the day's ISO week. */
export function weekOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

export interface Period {
  start: string;
  end: string;
}

/** The days from `from` to `to`, or the whole ISO weeks (Monday to Sunday) that overlap them. */
export function periodsOf(from: string, to: string, interval: 'day' | 'week'): Period[] {
  const periods: Period[] = [];
  if (interval === 'day') {
    for (let day = from; day <= to; day = addDays(day, 1)) periods.push({ start: day, end: day });
    return periods;
  }
  for (let monday = weekOf(from); monday <= to; monday = addDays(monday, 7)) {
    periods.push({ start: monday, end: addDays(monday, 6) });
  }
  return periods;
}
