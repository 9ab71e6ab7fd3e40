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

/**
 * The demo tenant's rules (reference server default, msw mocks, stories): one of each kind and condition type.
 * Upsells and the newsletter prompt need `marketing`; the lunch tip uses the moment only (`necessary`).
 */
export const DEMO_RULES: Rule[] = [
  {
    id: 'guest-reorder',
    priority: 30,
    placement: 'home',
    action: {
      kind: 'prompt',
      title: { de: 'Wieder dasselbe?', en: 'The usual?', ar: 'كالمعتاد؟' },
      body: {
        de: 'Bestellen Sie Ihr Lieblingsgericht mit einem Tipp erneut.',
        en: 'Reorder your favourite dish in one tap.',
        ar: 'اطلب طبقك المفضل مجددًا بنقرة واحدة.',
      },
      cta: { label: { de: 'Erneut bestellen', en: 'Reorder', ar: 'اطلب مجددًا' }, event: 'Reorder Started' },
      reason: {
        de: 'Sie haben in den letzten 30 Tagen mindestens 3-mal bestellt.',
        en: 'You ordered at least 3 times in the last 30 days.',
        ar: 'طلبت 3 مرات على الأقل خلال آخر 30 يومًا.',
      },
    },
    when: { event: 'Order Completed', count: { gte: 3 }, withinDays: 30 },
    cooldownHours: 24,
    cap: { perWeek: 2 },
    segment: { role: 'guest' },
  },
  {
    id: 'guest-vegan-tip',
    priority: 20,
    placement: 'home',
    action: {
      kind: 'tip',
      title: { de: 'Neu: vegane Gerichte', en: 'New: vegan dishes', ar: 'جديد: أطباق نباتية' },
      body: {
        de: 'Filtern Sie die Speisekarte nach veganen Gerichten.',
        en: 'Filter the menu for vegan dishes.',
        ar: 'صفِّ قائمة الطعام لعرض الأطباق النباتية.',
      },
      cta: { label: { de: 'Ansehen', en: 'Show me', ar: 'اعرض' }, url: 'https://matbakh.app/menu?diet=vegan' },
      reason: {
        de: 'Sie haben „vegan“ in Ihren Vorlieben gewählt.',
        en: 'You chose “vegan” in your preferences.',
        ar: 'اخترت „نباتي“ في تفضيلاتك.',
      },
    },
    when: { preference: 'diet', op: 'includes', value: 'vegan' },
    cap: { perDay: 1, total: 3 },
  },
  {
    id: 'guest-lunch-tip',
    priority: 10,
    placement: 'home',
    action: {
      kind: 'tip',
      title: { de: 'Mittagsangebote', en: 'Lunch specials', ar: 'عروض الغداء' },
      body: {
        de: 'Zwischen 11 und 14 Uhr gibt es Tagesgerichte.',
        en: 'Daily dishes between 11:00 and 14:00.',
        ar: 'أطباق اليوم بين الساعة 11 و14.',
      },
      reason: { de: 'Es ist Mittagszeit.', en: 'It is lunchtime.', ar: 'إنه وقت الغداء.' },
    },
    when: {
      all: [
        { context: 'hour', op: 'gte', value: 11 },
        { context: 'hour', op: 'lt', value: 14 },
      ],
    },
    consent: 'necessary',
    cap: { perDay: 1 },
  },
  {
    id: 'guest-offers-prompt',
    priority: 5,
    placement: 'home',
    action: {
      kind: 'prompt',
      title: { de: 'Angebote per E-Mail?', en: 'Offers by e-mail?', ar: 'عروض عبر البريد؟' },
      body: {
        de: 'Einmal pro Woche die besten Angebote Ihrer Lieblingsrestaurants.',
        en: 'Once a week, the best offers of your favourite restaurants.',
        ar: 'مرة في الأسبوع، أفضل عروض مطاعمك المفضلة.',
      },
      cta: { label: { de: 'Abonnieren', en: 'Subscribe', ar: 'اشترك' }, event: 'Newsletter Prompt Accepted' },
      reason: {
        de: 'Sie haben Marketing zugestimmt und kommen regelmäßig wieder.',
        en: 'You agreed to marketing and come back regularly.',
        ar: 'وافقت على التسويق وتعود بانتظام.',
      },
    },
    when: { event: 'Session Started', count: { gte: 2 } },
    consent: 'marketing',
    cap: { perWeek: 1, total: 3 },
  },
  {
    id: 'owner-analytics-tip',
    priority: 30,
    placement: 'owner-home',
    action: {
      kind: 'tip',
      title: { de: 'Was verkauft sich?', en: 'What sells?', ar: 'ما الذي يُباع؟' },
      body: {
        de: 'Die Auswertung zeigt Ihre Bestseller und ruhigen Stunden.',
        en: 'Analytics shows your best sellers and quiet hours.',
        ar: 'تعرض التحليلات الأطباق الأكثر مبيعًا والساعات الهادئة.',
      },
      cta: {
        label: { de: 'Auswertung öffnen', en: 'Open analytics', ar: 'افتح التحليلات' },
        event: 'Analytics Opened',
      },
      reason: {
        de: 'Sie haben die Auswertung noch nie genutzt.',
        en: 'You have never used analytics.',
        ar: 'لم تستخدم التحليلات من قبل.',
      },
    },
    when: { event: 'Feature Used', where: { feature: 'analytics' }, count: { eq: 0 } },
    segment: { role: 'owner' },
    cooldownHours: 48,
  },
  {
    id: 'owner-pro-upsell',
    priority: 20,
    placement: 'owner-home',
    action: {
      kind: 'upsell',
      title: { de: 'matbakh Pro', en: 'matbakh Pro', ar: 'مطبخ برو' },
      body: {
        de: 'Lieferzonen, Treueprogramm und Berichte in einem Paket.',
        en: 'Delivery zones, loyalty and reports in one plan.',
        ar: 'مناطق التوصيل وبرنامج الولاء والتقارير في باقة واحدة.',
      },
      cta: { label: { de: 'Pro testen', en: 'Try Pro', ar: 'جرّب برو' }, url: 'https://matbakh.app/pro' },
      reason: {
        de: 'Ihr Restaurant hatte diesen Monat über 100 Bestellungen im Basis-Tarif.',
        en: 'Your restaurant had over 100 orders this month on the Basic plan.',
        ar: 'تجاوز مطعمك 100 طلب هذا الشهر على الباقة الأساسية.',
      },
    },
    when: {
      all: [
        { trait: 'plan', op: 'eq', value: 'basic' },
        { trait: 'monthly_orders', op: 'gt', value: 100 },
      ],
    },
    consent: 'marketing',
    segment: { role: 'owner' },
    cap: { perWeek: 1, total: 4 },
  },
];

/** The demo tenant's tours: a guest's first visit, an owner's first steps. */
export const DEMO_TOURS: Tour[] = [
  {
    id: 'guest-welcome',
    segment: { role: 'guest', visitor: 'new' },
    steps: [
      {
        id: 'menu',
        anchor: '#menu',
        title: { de: 'Die Speisekarte', en: 'The menu', ar: 'قائمة الطعام' },
        body: {
          de: 'Hier finden Sie alle Gerichte, mit Allergenen.',
          en: 'All dishes, with allergens.',
          ar: 'جميع الأطباق مع مسببات الحساسية.',
        },
      },
      {
        id: 'preferences',
        anchor: '#preferences',
        title: { de: 'Ihre Vorlieben', en: 'Your preferences', ar: 'تفضيلاتك' },
        body: {
          de: 'Diät und Allergene wählen: wir zeigen nur, was passt.',
          en: 'Choose diets and allergens: we only show what fits.',
          ar: 'اختر نظامك الغذائي ومسببات الحساسية: نعرض فقط ما يناسبك.',
        },
      },
      {
        id: 'cart',
        anchor: '#cart',
        title: { de: 'Warenkorb', en: 'Cart', ar: 'سلة الطلبات' },
        body: {
          de: 'Bestellen, wenn Sie so weit sind.',
          en: 'Order when you are ready.',
          ar: 'اطلب عندما تكون جاهزًا.',
        },
      },
    ],
  },
  {
    id: 'owner-welcome',
    segment: { role: 'owner' },
    steps: [
      {
        id: 'dashboard',
        anchor: '#dashboard',
        title: { de: 'Ihr Dashboard', en: 'Your dashboard', ar: 'لوحة التحكم' },
        body: {
          de: 'Bestellungen und Umsatz auf einen Blick.',
          en: 'Orders and revenue at a glance.',
          ar: 'الطلبات والإيرادات في لمحة.',
        },
      },
      {
        id: 'insights',
        anchor: '#insights',
        title: { de: 'Hinweise', en: 'Insights', ar: 'رؤى' },
        body: {
          de: 'Warnungen und saisonale Vorschläge für Ihr Restaurant.',
          en: 'Alerts and seasonal suggestions for your restaurant.',
          ar: 'تنبيهات واقتراحات موسمية لمطعمك.',
        },
      },
    ],
  },
];
