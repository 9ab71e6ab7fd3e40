/**
 * Next-best-action rules and onboarding tours, served in `GET /v1/config` (`rules`, `tours`) and evaluated on
 * the device by the SDK's `rulesPlugin()` (sdk/src/rules): no request per decision, nothing personal sent.
 * Checked with `validateRules` / `validateTours` (rules-validate.ts) before use.
 */
import type { ConsentCategoryId, LocalizedText } from './vocabulary.ts';

export type ActionKind = 'tip' | 'upsell' | 'prompt';
export const ACTION_KINDS: readonly ActionKind[] = ['tip', 'upsell', 'prompt'];

/** What a rule shows. Texts are rendered as text, never as HTML. */
export interface RuleAction {
  kind: ActionKind;
  title: LocalizedText;
  body: LocalizedText;
  /** The call to action: a link (http(s) only) and/or an event tracked on accept. */
  cta?: { label: LocalizedText; url?: string; event?: string };
  /** Why it appears ("You ordered 3 times this month"): shown with the action. */
  reason: LocalizedText;
}

/** Comparison operators. `in`: value is one of a list; `includes`: the (list) value contains `value`. */
export type CompareOp = 'eq' | 'neq' | 'in' | 'includes' | 'exists' | 'gt' | 'gte' | 'lt' | 'lte';
export const COMPARE_OPS: readonly CompareOp[] = ['eq', 'neq', 'in', 'includes', 'exists', 'gt', 'gte', 'lt', 'lte'];

export type ConditionValue = string | number | boolean | (string | number | boolean)[];

/** A trait given with `identify()` (e.g. `plan`, `role`). */
export interface TraitCondition {
  trait: string;
  op: CompareOp;
  value?: ConditionValue;
}

/** A saved preference (`client.preferences`), e.g. `{preference: 'diet', op: 'includes', value: 'vegan'}`. */
export interface PreferenceCondition {
  preference: string;
  op: CompareOp;
  value?: ConditionValue;
}

/** Bounds on a count; all given must hold. */
export interface CountRange {
  eq?: number;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

/**
 * How often the visitor's own tracked event happened, optionally within the last `withinDays` and only with
 * the property values in `where` (properties the SDK keeps: see `RULE_EVENT_PROPERTIES`). "Never used
 * analytics" = `{event: 'Feature Used', where: {feature: 'analytics'}, count: {eq: 0}}`.
 */
export interface EventCondition {
  event: string;
  where?: Record<string, string | number | boolean>;
  count: CountRange;
  withinDays?: number;
}

/**
 * The moment and device: `hour` 0–23 and `weekday` (`mon`…`sun`) in the visitor's time zone, `season`
 * (`spring` | `summer` | `autumn` | `winter`, meteorological, northern hemisphere), `device`
 * (`mobile` | `tablet` | `desktop`), `locale` (`de` | `en` | `ar`).
 */
export interface ContextCondition {
  context: 'hour' | 'weekday' | 'season' | 'device' | 'locale';
  op: CompareOp;
  value: ConditionValue;
}

/** The visitor's variant of an experiment (false when the experiments plugin is absent). */
export interface ExperimentCondition {
  experiment: string;
  variant: string;
}

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | TraitCondition
  | PreferenceCondition
  | EventCondition
  | ContextCondition
  | ExperimentCondition;

/** Who a rule or tour is for; absent fields match everyone. `visitor`: first session or a later one. */
export interface Segment {
  role?: 'guest' | 'owner';
  visitor?: 'new' | 'returning';
}

export interface Rule {
  /** Stable id: names the action in `Action Shown/Accepted/…` events and its caps. */
  id: string;
  /** Higher wins; ties keep the order of the list. */
  priority: number;
  /** Where it may appear, e.g. `home`: `<mb-next-best-action placement="home">`. */
  placement: string;
  action: RuleAction;
  when: Condition;
  /** Not shown again within this many hours after being shown. */
  cooldownHours?: number;
  /** Most shows per rolling 24 h, rolling 7 days, and ever. */
  cap?: { perDay?: number; perWeek?: number; total?: number };
  /** ISO 8601 instants: outside [startsAt, expiresAt) the rule is off. */
  startsAt?: string;
  expiresAt?: string;
  /**
   * Consent category that must be granted (default `personalization`; `necessary` for a generic tip that uses
   * context conditions only). Upsells need `marketing`.
   */
  consent?: ConsentCategoryId;
  segment?: Segment;
}

/** One step of a tour, anchored to the host page's element matching `anchor` (skipped when there is none). */
export interface TourStep {
  id: string;
  /** CSS selector of the host element the step points at. */
  anchor: string;
  title: LocalizedText;
  body: LocalizedText;
}

export interface Tour {
  id: string;
  segment?: Segment;
  steps: TourStep[];
}

/** Event properties the SDK's local event log keeps for `where` filters (others are not stored). */
export const RULE_EVENT_PROPERTIES: readonly string[] = ['feature', 'category', 'placement', 'plan', 'channel', 'type'];

/** Events the SDK tracks when a visitor sees or answers an action (properties `action_id`, `placement`). */
export const ACTION_EVENTS = {
  shown: 'Action Shown',
  accepted: 'Action Accepted',
  dismissed: 'Action Dismissed',
  snoozed: 'Action Snoozed',
} as const;
