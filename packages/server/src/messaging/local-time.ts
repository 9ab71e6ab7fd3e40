/**
 * Wall-clock time in a recipient's IANA time zone, with nothing but `Intl` (no tz database of our own): quiet
 * hours, the daily cap's day and scheduled campaigns are local to the recipient, the queue's times are UTC instants.
 */

export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday, 1 (Monday) – 7 (Sunday). */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** A zone `Intl` knows, else the tenant default: a contact's stored zone came from a browser and may be anything. */
export function validTimeZone(zone: string | null | undefined): string {
  if (!zone) return DEFAULT_TIME_ZONE;
  try {
    formatter(zone);
    return zone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** The wall clock in `timeZone` at instant `ms`. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 1,
  };
}

/**
 * The instant when the wall clock in `timeZone` shows the given date and time. Days and minutes may overflow
 * (day 32, minute 1440): they roll over as `Date.UTC` rolls them. A time skipped by a DST change gives the instant
 * an hour later; a repeated one, the first.
 */
export function zonedTime(
  date: { year: number; month: number; day: number },
  minuteOfDay: number,
  timeZone: string,
): number {
  const wanted = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  let guess = wanted;
  // Two corrections reach the zone's offset at the target, also across a DST change.
  for (let i = 0; i < 2; i++) {
    const seen = localParts(guess, timeZone);
    const shown = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
    guess += wanted - shown;
  }
  return Math.floor(guess / 60_000) * 60_000;
}

/** "HH:MM" → minutes after midnight, or undefined when it is not a time. */
export function minuteOfDay(hhmm: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** The next instant at or after `ms` when the local clock shows `minute` (minutes after midnight). */
export function nextLocalTime(ms: number, minute: number, timeZone: string): number {
  const today = localParts(ms, timeZone);
  const at = zonedTime(today, minute, timeZone);
  return at >= ms ? at : zonedTime({ ...today, day: today.day + 1 }, minute, timeZone);
}

/** Local midnight that starts the day after the one `ms` falls on, and the one that starts it. */
export function localDayBounds(ms: number, timeZone: string): { start: number; end: number } {
  const today = localParts(ms, timeZone);
  return { start: zonedTime(today, 0, timeZone), end: zonedTime({ ...today, day: today.day + 1 }, 0, timeZone) };
}
