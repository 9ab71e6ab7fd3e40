/** Meteorological seasons of the northern hemisphere, as the recommender and the rules speak of them. */
export type Season = 'spring' | 'summer' | 'autumn' | 'winter';

/** The season of a month (1–12; other numbers wrap): March–May spring, June–August summer, and so on. */
export function seasonOfMonth(month: number): Season {
  const m = (((Math.trunc(month) - 1) % 12) + 12) % 12;
  return m >= 2 && m <= 4 ? 'spring' : m >= 5 && m <= 7 ? 'summer' : m >= 8 && m <= 10 ? 'autumn' : 'winter';
}
