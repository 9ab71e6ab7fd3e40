/**
 * The rules engine: pure and deterministic. Given the rules, what is known about the visitor, the moment, the
 * consent state and what was shown before, it returns the eligible actions, best first. No clock, storage or
 * network of its own: everything comes in through {@link EngineInput}, so tests and the bench feed it directly.
 */
import type {
  CompareOp,
  Condition,
  ConditionValue,
  ConsentCategoryId,
  CountRange,
  Locale,
  Rule,
  RuleAction,
  Segment,
} from '@matbakh/contract';
import { seasonOfMonth } from '@matbakh/contract';
import type { ConsentStatus } from '../consent/index.ts';
import type { EventLog } from './event-log.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/** What a placement shows: the rule's action with its id and placement. */
export interface Action extends RuleAction {
  /** The rule's id. */
  id: string;
  placement: string;
  priority: number;
  /** The consent category it needed. */
  consent: ConsentCategoryId;
}

/** Per action: what the visitor saw and did. Times in epoch ms. */
export interface CapRecord {
  /** Times shown, newest last; only the last week's are kept (the total is in `n`). */
  s: number[];
  /** Times shown ever. */
  n: number;
  /** Accepted or dismissed at: not shown again. */
  c?: number;
  /** Snoozed until. */
  z?: number;
}
export type CapState = Record<string, CapRecord>;

export type Device = 'mobile' | 'tablet' | 'desktop';

export interface EngineInput {
  traits: Record<string, unknown>;
  preferences: Record<string, unknown>;
  events: Pick<EventLog, 'count'>;
  context: { now: number; device: Device; locale: Locale; role: 'guest' | 'owner'; visitor: 'new' | 'returning' };
  /** The visitor's variant of an experiment; `null`/`undefined` when not in it (or no experiments plugin). */
  variantOf(key: string): string | null | undefined;
  consentStatus(category: ConsentCategoryId): ConsentStatus;
  caps: CapState;
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** hour / weekday / season of `now` in the visitor's time zone. */
export function timeContext(now: number): { hour: number; weekday: string; season: string } {
  const date = new Date(now);
  return {
    hour: date.getHours(),
    weekday: WEEKDAYS[date.getDay()] as string,
    season: seasonOfMonth(date.getMonth() + 1),
  };
}

/** `a.b.c` inside nested objects. */
function lookup(source: Record<string, unknown>, path: string): unknown {
  if (!path.includes('.')) return source[path];
  let value: unknown = source;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function compare(op: CompareOp, actual: unknown, expected: ConditionValue | undefined): boolean {
  switch (op) {
    case 'exists':
      return (actual !== undefined && actual !== null) === (expected ?? true);
    case 'eq':
      return actual === expected;
    case 'neq':
      return actual !== expected;
    case 'in':
      return Array.isArray(expected) && (expected as unknown[]).includes(actual);
    case 'includes':
      if (Array.isArray(actual)) return actual.includes(expected);
      return typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected);
    case 'gt':
      return typeof actual === 'number' && typeof expected === 'number' && actual > expected;
    case 'gte':
      return typeof actual === 'number' && typeof expected === 'number' && actual >= expected;
    case 'lt':
      return typeof actual === 'number' && typeof expected === 'number' && actual < expected;
    case 'lte':
      return typeof actual === 'number' && typeof expected === 'number' && actual <= expected;
    default:
      return false;
  }
}

function inRange(value: number, range: CountRange): boolean {
  return (
    (range.eq === undefined || value === range.eq) &&
    (range.gt === undefined || value > range.gt) &&
    (range.gte === undefined || value >= range.gte) &&
    (range.lt === undefined || value < range.lt) &&
    (range.lte === undefined || value <= range.lte)
  );
}

interface Facts extends EngineInput {
  time: ReturnType<typeof timeContext>;
}

export function matches(condition: Condition, facts: Facts): boolean {
  if ('all' in condition) return condition.all.every((item) => matches(item, facts));
  if ('any' in condition) return condition.any.some((item) => matches(item, facts));
  if ('not' in condition) return !matches(condition.not, facts);
  if ('trait' in condition) return compare(condition.op, lookup(facts.traits, condition.trait), condition.value);
  if ('preference' in condition) {
    return compare(condition.op, lookup(facts.preferences, condition.preference), condition.value);
  }
  if ('event' in condition) {
    const since = condition.withinDays ? facts.context.now - condition.withinDays * DAY_MS : undefined;
    return inRange(facts.events.count(condition.event, since, condition.where), condition.count);
  }
  if ('context' in condition) {
    const name = condition.context;
    const actual =
      name === 'device' ? facts.context.device : name === 'locale' ? facts.context.locale : facts.time[name];
    return compare(condition.op, actual, condition.value);
  }
  if ('experiment' in condition) return facts.variantOf(condition.experiment) === condition.variant;
  return false;
}

/** Whether the caps, cooldown, snooze and an earlier accept/dismiss still allow showing the rule's action. */
export function capsAllow(rule: Rule, seen: CapRecord | undefined, now: number): boolean {
  // No record yet still has to pass the caps: a cap of 0 means "never".
  const record = seen ?? { s: [], n: 0 };
  if (record.c !== undefined) return false;
  if (record.z !== undefined && now < record.z) return false;
  const last = record.s[record.s.length - 1];
  if (rule.cooldownHours !== undefined && last !== undefined && now - last < rule.cooldownHours * HOUR_MS) return false;
  const cap = rule.cap;
  if (!cap) return true;
  if (cap.total !== undefined && record.n >= cap.total) return false;
  const shownSince = (since: number) => record.s.filter((time) => time > since).length;
  if (cap.perDay !== undefined && shownSince(now - DAY_MS) >= cap.perDay) return false;
  if (cap.perWeek !== undefined && shownSince(now - WEEK_MS) >= cap.perWeek) return false;
  return true;
}

export type Outcome = 'shown' | 'accepted' | 'dismissed' | 'snoozed';

/** The cap state after `outcome` (a new object; the input is left as it was). */
export function recordOutcome(
  caps: CapState,
  actionId: string,
  outcome: Outcome,
  now: number,
  snoozeHours = 24,
): CapState {
  const before = caps[actionId] ?? { s: [], n: 0 };
  const record: CapRecord = { ...before, s: before.s.filter((time) => time > now - WEEK_MS) };
  if (outcome === 'shown') {
    record.s.push(now);
    record.n++;
  } else if (outcome === 'snoozed') {
    record.z = now + snoozeHours * HOUR_MS;
  } else {
    record.c = now;
  }
  return { ...caps, [actionId]: record };
}

function segmentMatches(segment: Segment | undefined, context: EngineInput['context']): boolean {
  return (
    !segment ||
    ((segment.role === undefined || segment.role === context.role) &&
      (segment.visitor === undefined || segment.visitor === context.visitor))
  );
}

/** The action a rule shows, built once per rule so stores can compare by identity. */
export function actionOf(rule: Rule): Action {
  return {
    ...rule.action,
    id: rule.id,
    placement: rule.placement,
    priority: rule.priority,
    consent: rule.consent ?? 'personalization',
  };
}

/**
 * Eligible rules for `placement` (all placements when omitted), best first: higher priority, then list order.
 * A rule is eligible when it is inside its time window, its consent category is granted (`necessary` always
 * is; `marketing` only when granted — never on pending), its segment matches, its caps, cooldown and snooze
 * allow it, it was not accepted or dismissed before, and its condition holds.
 */
export function eligibleRules(rules: readonly Rule[], input: EngineInput, placement?: string): Rule[] {
  const now = input.context.now;
  const facts: Facts = { ...input, time: timeContext(now) };
  const out: { rule: Rule; index: number }[] = [];
  rules.forEach((rule, index) => {
    if (placement !== undefined && rule.placement !== placement) return;
    if (rule.startsAt && now < Date.parse(rule.startsAt)) return;
    if (rule.expiresAt && now >= Date.parse(rule.expiresAt)) return;
    const category = rule.consent ?? 'personalization';
    if (category !== 'necessary' && input.consentStatus(category) !== 'granted') return;
    // Belt and braces: an upsell is marketing whatever its rule says.
    if (rule.action.kind === 'upsell' && input.consentStatus('marketing') !== 'granted') return;
    if (!segmentMatches(rule.segment, input.context)) return;
    if (!capsAllow(rule, input.caps[rule.id], now)) return;
    if (!matches(rule.when, facts)) return;
    out.push({ rule, index });
  });
  out.sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index);
  return out.map((item) => item.rule);
}
