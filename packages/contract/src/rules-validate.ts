/**
 * Validation of the `rules` and `tours` of `GET /v1/config`, shared by the server (which checks its defaults)
 * and the SDK (which checks what arrives). One bad rule never takes the others down: it is left out and
 * reported with its id and the path of the offending field.
 */
import { Invalid } from './checks.ts';
import { CONSENT_CATEGORIES, LOCALES } from './config.ts';
import { ACTION_KINDS, COMPARE_OPS, type Condition, type Rule, type Segment, type Tour } from './rules.ts';
import { isIsoTimestamp, isPlainObject } from './validate.ts';

export interface RuleError {
  /** The rule's (or tour's) id, or `#<index>` when it has none. */
  ruleId: string;
  /** Path of the field inside the rule, e.g. `when.all[1].count`. */
  field: string;
  message: string;
}

const ID = /^[A-Za-z0-9][\w.:-]{0,99}$/;
const CONTEXTS = ['hour', 'weekday', 'season', 'device', 'locale'];
const COUNT_KEYS = ['eq', 'gt', 'gte', 'lt', 'lte'];
const MAX_DEPTH = 8;

function fail(field: string, message: string): never {
  throw new Invalid(field, `${field} ${message}`);
}

function id(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID.test(value)) fail(field, 'must be 1–100 letters, digits, ".", "_", ":" or "-"');
  return value;
}

function text(value: unknown, field: string, max = 100): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    fail(field, `must be a non-empty string of at most ${max} characters`);
  }
  return value;
}

function count(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(field, 'must be a number ≥ 0');
  return value;
}

function localized(value: unknown, field: string): void {
  if (!isPlainObject(value)) fail(field, 'must be an object of texts per locale (de, en, ar)');
  let any = false;
  for (const [locale, item] of Object.entries(value)) {
    if (!(LOCALES as readonly string[]).includes(locale)) fail(`${field}.${locale.slice(0, 20)}`, 'is not a locale');
    text(item, `${field}.${locale}`, 2000);
    any = true;
  }
  if (!any) fail(field, 'must have a text in at least one locale');
}

function instant(value: unknown, field: string): void {
  if (value !== undefined && !isIsoTimestamp(value)) fail(field, 'must be an ISO 8601 timestamp');
}

function httpUrl(value: unknown, field: string): void {
  if (typeof value !== 'string') fail(field, 'must be a string');
  let protocol = '';
  try {
    protocol = new URL(value, 'https://relative.invalid').protocol;
  } catch {
    fail(field, 'must be a URL');
  }
  if (protocol !== 'http:' && protocol !== 'https:') fail(field, 'must be an http(s) URL');
}

const isScalar = (value: unknown) =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

function operand(op: unknown, value: unknown, field: string): void {
  if (typeof op !== 'string' || !(COMPARE_OPS as readonly string[]).includes(op)) {
    fail(`${field}.op`, `must be one of ${COMPARE_OPS.join(', ')}`);
  }
  if (op === 'exists') {
    if (value !== undefined && typeof value !== 'boolean') fail(`${field}.value`, 'must be true, false or absent');
    return;
  }
  if (op === 'in') {
    if (!Array.isArray(value) || !value.every(isScalar)) fail(`${field}.value`, 'must be a list of values');
    return;
  }
  if ((op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') && typeof value !== 'number') {
    fail(`${field}.value`, 'must be a number');
  }
  if (!isScalar(value)) fail(`${field}.value`, 'must be a string, number or boolean');
}

function condition(raw: unknown, field: string, depth: number): Condition {
  if (depth > MAX_DEPTH) fail(field, `nests deeper than ${MAX_DEPTH} levels`);
  if (!isPlainObject(raw)) fail(field, 'must be a condition object');
  if ('all' in raw || 'any' in raw) {
    const key = 'all' in raw ? 'all' : 'any';
    const list = raw[key];
    if (!Array.isArray(list)) fail(`${field}.${key}`, 'must be a list of conditions');
    list.forEach((item, i) => {
      condition(item, `${field}.${key}[${i}]`, depth + 1);
    });
  } else if ('not' in raw) {
    condition(raw.not, `${field}.not`, depth + 1);
  } else if ('trait' in raw || 'preference' in raw) {
    const key = 'trait' in raw ? 'trait' : 'preference';
    text(raw[key], `${field}.${key}`);
    operand(raw.op, raw.value, field);
  } else if ('event' in raw) {
    text(raw.event, `${field}.event`, 200);
    if (!isPlainObject(raw.count)) fail(`${field}.count`, 'must be an object like {gte: 3}');
    const bounds = Object.entries(raw.count);
    if (bounds.length === 0) fail(`${field}.count`, 'must name at least one of eq, gt, gte, lt, lte');
    for (const [key, bound] of bounds) {
      if (!COUNT_KEYS.includes(key)) fail(`${field}.count.${key.slice(0, 20)}`, 'is not one of eq, gt, gte, lt, lte');
      count(bound, `${field}.count.${key}`);
    }
    if (raw.withinDays !== undefined && !(count(raw.withinDays, `${field}.withinDays`) > 0)) {
      fail(`${field}.withinDays`, 'must be > 0');
    }
    if (raw.where !== undefined) {
      if (!isPlainObject(raw.where)) fail(`${field}.where`, 'must be an object of property values');
      for (const [key, value] of Object.entries(raw.where)) {
        if (!isScalar(value)) fail(`${field}.where.${key.slice(0, 50)}`, 'must be a string, number or boolean');
      }
    }
  } else if ('context' in raw) {
    if (!CONTEXTS.includes(raw.context as string)) fail(`${field}.context`, `must be one of ${CONTEXTS.join(', ')}`);
    operand(raw.op, raw.value, field);
  } else if ('experiment' in raw) {
    id(raw.experiment, `${field}.experiment`);
    id(raw.variant, `${field}.variant`);
  } else {
    fail(field, 'must have one of all, any, not, trait, preference, event, context, experiment');
  }
  return raw as unknown as Condition;
}

function segment(raw: unknown, field: string): Segment | undefined {
  if (raw === undefined) return undefined;
  if (!isPlainObject(raw)) fail(field, 'must be an object like {role: "guest", visitor: "new"}');
  if (raw.role !== undefined && raw.role !== 'guest' && raw.role !== 'owner') {
    fail(`${field}.role`, 'must be guest or owner');
  }
  if (raw.visitor !== undefined && raw.visitor !== 'new' && raw.visitor !== 'returning') {
    fail(`${field}.visitor`, 'must be new or returning');
  }
  return raw as Segment;
}

function rule(raw: unknown): Rule {
  if (!isPlainObject(raw)) fail('rule', 'must be an object');
  id(raw.id, 'id');
  if (typeof raw.priority !== 'number' || !Number.isFinite(raw.priority)) fail('priority', 'must be a number');
  text(raw.placement, 'placement');
  const action = raw.action;
  if (!isPlainObject(action)) fail('action', 'must be an object');
  if (!(ACTION_KINDS as readonly unknown[]).includes(action.kind)) {
    fail('action.kind', `must be one of ${ACTION_KINDS.join(', ')}`);
  }
  localized(action.title, 'action.title');
  localized(action.body, 'action.body');
  localized(action.reason, 'action.reason');
  if (action.cta !== undefined) {
    if (!isPlainObject(action.cta)) fail('action.cta', 'must be an object');
    localized(action.cta.label, 'action.cta.label');
    if (action.cta.url !== undefined) httpUrl(action.cta.url, 'action.cta.url');
    if (action.cta.event !== undefined) text(action.cta.event, 'action.cta.event', 200);
  }
  condition(raw.when, 'when', 0);
  if (raw.cooldownHours !== undefined) count(raw.cooldownHours, 'cooldownHours');
  if (raw.cap !== undefined) {
    if (!isPlainObject(raw.cap)) fail('cap', 'must be an object like {perDay: 1}');
    for (const [key, value] of Object.entries(raw.cap)) {
      if (!['perDay', 'perWeek', 'total'].includes(key))
        fail(`cap.${key.slice(0, 20)}`, 'is not perDay, perWeek or total');
      if (!Number.isInteger(value) || (value as number) < 0) fail(`cap.${key}`, 'must be a whole number ≥ 0');
    }
  }
  instant(raw.startsAt, 'startsAt');
  instant(raw.expiresAt, 'expiresAt');
  if (raw.consent !== undefined && !(CONSENT_CATEGORIES as readonly unknown[]).includes(raw.consent)) {
    fail('consent', `must be one of ${CONSENT_CATEGORIES.join(', ')}`);
  }
  if (action.kind === 'upsell' && raw.consent !== 'marketing') fail('consent', 'must be "marketing" for an upsell');
  segment(raw.segment, 'segment');
  return raw as unknown as Rule;
}

function tour(raw: unknown): Tour {
  if (!isPlainObject(raw)) fail('tour', 'must be an object');
  id(raw.id, 'id');
  segment(raw.segment, 'segment');
  if (!Array.isArray(raw.steps) || raw.steps.length === 0) fail('steps', 'must list at least one step');
  raw.steps.forEach((step, i) => {
    const at = `steps[${i}]`;
    if (!isPlainObject(step)) fail(at, 'must be an object');
    id(step.id, `${at}.id`);
    text(step.anchor, `${at}.anchor`, 300);
    localized(step.title, `${at}.title`);
    localized(step.body, `${at}.body`);
  });
  return raw as unknown as Tour;
}

function validateList<T extends { id: string }>(
  input: unknown,
  check: (raw: unknown) => T,
  what: string,
): { items: T[]; errors: RuleError[] } {
  const items: T[] = [];
  const errors: RuleError[] = [];
  if (input === undefined || input === null) return { items, errors };
  if (!Array.isArray(input)) {
    return { items, errors: [{ ruleId: `#${what}`, field: what, message: `${what} must be a list` }] };
  }
  const seen = new Set<string>();
  input.forEach((raw, index) => {
    const rawId = isPlainObject(raw) && typeof raw.id === 'string' ? raw.id.slice(0, 100) : `#${index}`;
    try {
      const item = check(raw);
      if (seen.has(item.id)) fail('id', `"${item.id}" is used by an earlier entry`);
      seen.add(item.id);
      items.push(item);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      errors.push({ ruleId: rawId, field: error.field, message: `${what} ${rawId}: ${error.message}` });
    }
  });
  return { items, errors };
}

/** Keeps the valid rules (in order) and names every invalid one with the field at fault. Never throws. */
export function validateRules(input: unknown): { rules: Rule[]; errors: RuleError[] } {
  const { items, errors } = validateList(input, rule, 'rule');
  return { rules: items, errors };
}

/** Keeps the valid tours (in order) and names every invalid one with the field at fault. Never throws. */
export function validateTours(input: unknown): { tours: Tour[]; errors: RuleError[] } {
  const { items, errors } = validateList(input, tour, 'tour');
  return { tours: items, errors };
}
