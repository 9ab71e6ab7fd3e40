/**
 * The moment and the place in search ranking and suggestions (issue 20): the part of the day a dish is tagged for,
 * when the tenant's guests order it, and whether it is served in the guest's region. Multipliers on the text
 * score, so text relevance still decides between a good and a poor match; equal matches are ordered by context.
 */
import { normaliseSearchText } from './search-text.ts';

/** Parts of the day as the recommender's time slots count them: 5–10, 11–15, 16–22, 23–4 (local hours). */
export type Daypart = 'breakfast' | 'lunch' | 'dinner' | 'night';
export const DAYPARTS: readonly Daypart[] = ['breakfast', 'lunch', 'dinner', 'night'];

export function daypartOf(hour: number): Daypart {
  const h = ((Math.trunc(hour) % 24) + 24) % 24;
  return h >= 5 && h <= 10 ? 'breakfast' : h >= 11 && h <= 15 ? 'lunch' : h >= 16 && h <= 22 ? 'dinner' : 'night';
}

/** Catalogue tags that place a dish in a part of the day, in de / en / ar (compared normalised). */
const DAYPART_WORDS: Record<Daypart, readonly string[]> = {
  breakfast: ['breakfast', 'brunch', 'Frühstück', 'فطور'],
  lunch: ['lunch', 'Mittag', 'Mittagessen', 'Mittagstisch', 'غداء'],
  dinner: ['dinner', 'Abendessen', 'Abendbrot', 'عشاء'],
  night: ['late-night', 'night', 'Nachtsnack', 'سحور'],
};
const WORD_DAYPART = new Map(
  DAYPARTS.flatMap((part) => DAYPART_WORDS[part].map((word) => [normaliseSearchText(word), part] as const)),
);

/** The parts of the day a dish's tags name (none: any time). */
export function daypartsOfTags(tags: readonly string[]): Daypart[] {
  const parts = new Set<Daypart>();
  for (const tag of tags) {
    const part = WORD_DAYPART.get(normaliseSearchText(tag));
    if (part) parts.add(part);
  }
  return [...parts];
}

/** How much each context signal moves a score (multipliers; 1 = no effect). */
export const CONTEXT_WEIGHTS = {
  /** Tagged for the part of the day it is now. */
  daypart: 1.3,
  /** Tagged only for other parts of the day (breakfast at midnight). */
  otherDaypart: 0.85,
  /** Served in the guest's region. */
  region: 1.25,
  /** Per unit of the order-hour lift (−1 … 2: how much more than its share of orders falls into this hour). */
  hourLift: 0.15,
} as const;

export interface SearchContext {
  /** The guest's local hour, 0–23. */
  hour: number;
  region?: string | undefined;
}

export interface ContextSignals {
  tags: readonly string[];
  region?: string | undefined;
  /** The dish's order-hour lift at the context's hour, when the tenant's orders say anything (−1 … 2). */
  hourLift?: number | undefined;
}

/** The context multiplier of one dish (1 when nothing about the moment or the place speaks for or against it). */
export function contextFactor(context: SearchContext, signals: ContextSignals): number {
  let factor = 1;
  const parts = daypartsOfTags(signals.tags);
  if (parts.length > 0) {
    factor *= parts.includes(daypartOf(context.hour)) ? CONTEXT_WEIGHTS.daypart : CONTEXT_WEIGHTS.otherDaypart;
  }
  if (context.region !== undefined && signals.region === context.region) factor *= CONTEXT_WEIGHTS.region;
  if (signals.hourLift !== undefined && Number.isFinite(signals.hourLift)) {
    factor *= 1 + CONTEXT_WEIGHTS.hourLift * Math.min(2, Math.max(-1, signals.hourLift));
  }
  return factor;
}
