/**
 * Per-visitor state of the KPI worker: when a visitor was first seen (its retention cohort, personalized or not)
 * and whether it came back within the window; and the last day and week it did something counted once per period.
 */
import { RETENTION_WINDOW_DAYS } from '@matbakh/contract';
import { grants, latestChoices } from '../consent-gate.ts';
import type { Db } from '../db.ts';
import { type Counters, METRIC, weekMetric } from './counters.ts';
import { daysBetween, weekOf } from './periods.ts';

interface Visitor {
  first_day: string;
  personalized: number;
  returned_day: string | null;
}

/** What a page of events needs to know about the visitor of one event. */
export interface Seen {
  subject: string;
  anonymousId: string | null;
  userId: string | null;
  day: string;
  /** When the server received the event: the consent decision known then says whether it was personalized. */
  receivedAt: string;
}

const within = (first: string, day: string) => {
  const gap = daysBetween(first, day);
  return gap >= 1 && gap <= RETENTION_WINDOW_DAYS;
};

export class VisitorState {
  readonly #visitors = new Map<string, Visitor | null>();
  readonly #marks = new Map<string, { last_day: string; last_week: string } | null>();

  constructor(
    private readonly tx: Db,
    private readonly tenantId: string,
    private readonly counters: Counters,
  ) {}

  /**
   * Reads the state of a page's visitors in two queries (instead of one per event): their rows, and their marks
   * among `marks` (absent ones are remembered as absent).
   */
  async preload(subjects: readonly string[], marks: readonly string[]): Promise<void> {
    const wanted = [...new Set(subjects)].filter((subject) => !this.#visitors.has(subject));
    if (wanted.length === 0) return;
    const list = wanted.map(() => '?').join(', ');
    const visitors = await this.tx.all<Visitor & { subject: string }>(
      `SELECT subject, first_day, personalized, returned_day FROM kpi_visitors WHERE tenant_id = ? AND subject IN (${list})`,
      [this.tenantId, ...wanted],
    );
    for (const subject of wanted) this.#visitors.set(subject, null);
    for (const { subject, ...visitor } of visitors) this.#visitors.set(subject, visitor);
    const found = await this.tx.all<{ subject: string; mark: string; last_day: string; last_week: string }>(
      `SELECT subject, mark, last_day, last_week FROM kpi_marks WHERE tenant_id = ? AND subject IN (${list})`,
      [this.tenantId, ...wanted],
    );
    for (const subject of wanted) for (const mark of marks) this.#marks.set(`${subject}\u0000${mark}`, null);
    for (const row of found) {
      this.#marks.set(`${row.subject}\u0000${row.mark}`, { last_day: row.last_day, last_week: row.last_week });
    }
  }

  /** A visitor was active on `seen.day`: cohort on its first day, retained when back within the window. */
  async visit(seen: Seen): Promise<void> {
    const known = await this.#visitor(seen.subject);
    if (!known) {
      const choices = await latestChoices(
        this.tx,
        this.tenantId,
        {
          ...(seen.anonymousId === null ? {} : { anonymousId: seen.anonymousId }),
          ...(seen.userId === null ? {} : { userId: seen.userId }),
        },
        seen.receivedAt,
      );
      const visitor = {
        first_day: seen.day,
        personalized: grants(choices, 'personalization') ? 1 : 0,
        returned_day: null,
      };
      this.counters.add(seen.day, METRIC.cohort(visitor.personalized === 1));
      await this.#save(seen.subject, visitor, true);
      return;
    }
    const personalized = known.personalized === 1;
    if (seen.day > known.first_day) {
      if (known.returned_day !== null || !within(known.first_day, seen.day)) return;
      this.counters.add(known.first_day, METRIC.retained(personalized));
      await this.#save(seen.subject, { ...known, returned_day: seen.day });
      return;
    }
    if (seen.day === known.first_day) return;
    // An event older than the first one seen (a late batch): the cohort moves to the earlier day, and the old first
    // day becomes a return when it lies within the window.
    this.counters.add(known.first_day, METRIC.cohort(personalized), -1);
    if (known.returned_day !== null) this.counters.add(known.first_day, METRIC.retained(personalized), -1);
    this.counters.add(seen.day, METRIC.cohort(personalized));
    const returned = within(seen.day, known.first_day) ? known.first_day : null;
    if (returned !== null) this.counters.add(seen.day, METRIC.retained(personalized));
    await this.#save(seen.subject, { ...known, first_day: seen.day, returned_day: returned });
  }

  /** Counts the visitor once per day and once per week under `metric` (a distinct count). */
  async mark(subject: string, mark: string, day: string): Promise<void> {
    const key = `${subject}\u0000${mark}`;
    let found = this.#marks.get(key);
    if (found === undefined) {
      found =
        (await this.tx.get<{ last_day: string; last_week: string }>(
          'SELECT last_day, last_week FROM kpi_marks WHERE tenant_id = ? AND subject = ? AND mark = ?',
          [this.tenantId, subject, mark],
        )) ?? null;
    }
    const week = weekOf(day);
    const newDay = found?.last_day !== day;
    const newWeek = found?.last_week !== week;
    if (!newDay && !newWeek) return;
    if (newDay) this.counters.add(day, mark);
    if (newWeek) this.counters.add(week, weekMetric(mark));
    // The latest period wins: a late event of an older day is counted there but does not move the mark back.
    const next = {
      last_day: found && found.last_day > day ? found.last_day : day,
      last_week: found && found.last_week > week ? found.last_week : week,
    };
    this.#marks.set(key, next);
    await this.tx.run(
      `INSERT INTO kpi_marks (tenant_id, subject, mark, last_day, last_week) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, subject, mark) DO UPDATE SET last_day = excluded.last_day, last_week = excluded.last_week`,
      [this.tenantId, subject, mark, next.last_day, next.last_week],
    );
  }

  async #visitor(subject: string): Promise<Visitor | null> {
    let found = this.#visitors.get(subject);
    if (found === undefined) {
      found =
        (await this.tx.get<Visitor>(
          'SELECT first_day, personalized, returned_day FROM kpi_visitors WHERE tenant_id = ? AND subject = ?',
          [this.tenantId, subject],
        )) ?? null;
      this.#visitors.set(subject, found);
    }
    return found;
  }

  async #save(subject: string, visitor: Visitor, fresh = false): Promise<void> {
    this.#visitors.set(subject, visitor);
    const params = [this.tenantId, subject, visitor.first_day, visitor.personalized, visitor.returned_day];
    await this.tx.run(
      fresh
        ? 'INSERT INTO kpi_visitors (tenant_id, subject, first_day, personalized, returned_day) VALUES (?, ?, ?, ?, ?)'
        : `UPDATE kpi_visitors SET first_day = ?, personalized = ?, returned_day = ? WHERE tenant_id = ? AND subject = ?`,
      fresh ? params : [visitor.first_day, visitor.personalized, visitor.returned_day, this.tenantId, subject],
    );
  }
}
