/**
 * Calendar days in a restaurant's time zone, fast enough for every order of two years: a Berlin restaurant's order
 * at 00:30 on Sunday belongs to Sunday, not to Saturday as in UTC. A local date is represented by the UTC midnight
 * of the same date (what `isoDay` prints), so day arithmetic stays plain: dates one apart are one DAY apart even
 * across a 23- or 25-hour DST day.
 *
 * `Intl` is asked at most twice per UTC day (the zone's offset at its first and last minute — equal on all but the
 * two DST days of a year, when each instant is asked itself).
 */
import { localParts, validTimeZone } from './messaging/local-time.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

export interface ZoneClock {
  timeZone: string;
  /** The local date of instant `ms`, as the UTC midnight of that date. */
  day(ms: number): number;
  /** The instant when the local clock shows `minuteOfDay` on the date `day` (a UTC midnight, as `day()` gives). */
  at(day: number, minuteOfDay: number): number;
}

/** The zone's offset (local wall clock − UTC, ms) at instant `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const floored = Math.floor(ms / MINUTE) * MINUTE;
  const p = localParts(floored, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - floored;
}

/** A clock for one zone (an unknown zone counts as the default, Europe/Berlin). Its caches live as long as it. */
export function zoneClock(zone: string): ZoneClock {
  const timeZone = validTimeZone(zone);
  // UTC day → the offset all day long, or NaN on a day the offset changes.
  const daily = new Map<number, number>();
  const offset = (ms: number) => {
    const utcDay = Math.floor(ms / DAY);
    let steady = daily.get(utcDay);
    if (steady === undefined) {
      const first = offsetAt(utcDay * DAY, timeZone);
      steady = first === offsetAt(utcDay * DAY + DAY - MINUTE, timeZone) ? first : Number.NaN;
      daily.set(utcDay, steady);
    }
    return Number.isNaN(steady) ? offsetAt(ms, timeZone) : steady;
  };
  return {
    timeZone,
    day: (ms) => Math.floor((ms + offset(ms)) / DAY) * DAY,
    at: (day, minuteOfDay) => {
      const wall = day + minuteOfDay * MINUTE;
      // Two corrections reach the offset at the target, also across a DST change.
      const guess = wall - offset(wall);
      return wall - offset(guess);
    },
  };
}

/** The zone when `Intl` knows it (traits come from anyone's `group()` call), else undefined. */
export function knownTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string') return undefined;
  const trimmed = zone.trim();
  // validTimeZone answers the default for a zone Intl does not know.
  return trimmed !== '' && validTimeZone(trimmed) === trimmed ? trimmed : undefined;
}

/** `YYYY-MM-DD` of a day as `ZoneClock.day` gives it. */
export const isoDate = (day: number) => new Date(day).toISOString().slice(0, 10);
