/**
 * What a new tenant starts with (`create-tenant`): the built-in consent policy, the default dashboards, a welcome
 * tour for first-time guests anchored on the elements of the README's quick-start page (`<mb-dashboard>`,
 * `<mb-preference-panel>`, `<mb-privacy-center>`) and two example rules to edit — so `<mb-tour
 * tour-id="guest-welcome">` and `<mb-next-best-action placement="home">` show something on day one.
 */
import {
  BUILT_IN_WIDGETS,
  type DashboardDefaults,
  DEFAULT_CONSENT_POLICY,
  type Rule,
  type Tour,
} from '@matbakh/contract';
import { DEMO_RULES } from '@matbakh/demo';
import type { TenantConfigDocument } from './document.ts';

/**
 * The default dashboard arrangement per role: what the visitor should see first comes first (a next step for
 * guests, health alerts for owners). Each list holds the built-in widgets only; a page's own widgets follow in the
 * order the page registers them. A tenant changes it in its configuration's `dashboards` section.
 */
export const DEFAULT_DASHBOARDS: DashboardDefaults = {
  guest: { order: [...BUILT_IN_WIDGETS.guest], hidden: [] },
  owner: { order: [...BUILT_IN_WIDGETS.owner], hidden: [] },
};

/** The demo tenant's lunch tip (`DEMO_RULES`): the starter tip shares its moment, reason and limits. */
const LUNCH_TIP = DEMO_RULES.find((rule) => rule.id === 'guest-lunch-tip') as Rule;

export const STARTER_TOURS: Tour[] = [
  {
    id: 'guest-welcome',
    segment: { role: 'guest', visitor: 'new' },
    steps: [
      {
        id: 'dashboard',
        anchor: 'mb-dashboard',
        title: { de: 'Ihr Dashboard', en: 'Your dashboard', ar: 'لوحتك' },
        body: {
          de: 'Empfehlungen, Ihr nächster Schritt und Ihre Bestellungen an einem Ort. Ziehen Sie Kacheln, um sie neu anzuordnen.',
          en: 'Recommendations, your next step and your orders in one place. Drag a tile to rearrange it.',
          ar: 'التوصيات وخطوتك التالية وطلباتك في مكان واحد. اسحب أي بطاقة لإعادة ترتيبها.',
        },
      },
      {
        id: 'preferences',
        anchor: 'mb-preference-panel',
        title: { de: 'Ihre Vorlieben', en: 'Your preferences', ar: 'تفضيلاتك' },
        body: {
          de: 'Ernährungsweise und Allergene wählen: wir zeigen nur, was passt.',
          en: 'Choose diets and allergens: we only show what fits.',
          ar: 'اختر نظامك الغذائي ومسببات الحساسية: نعرض فقط ما يناسبك.',
        },
      },
    ],
  },
];

export const STARTER_RULES: Rule[] = [
  {
    id: 'starter-set-preferences',
    priority: 20,
    placement: 'home',
    action: {
      kind: 'tip',
      title: { de: 'Passt alles zu Ihnen?', en: 'Does everything suit you?', ar: 'هل كل شيء يناسبك؟' },
      body: {
        de: 'Geben Sie Ernährungsweise und Allergene an, dann empfehlen wir nur passende Gerichte.',
        en: 'Tell us your diet and allergens and we will only recommend dishes that fit.',
        ar: 'أخبرنا بنظامك الغذائي ومسببات الحساسية وسنوصي فقط بالأطباق المناسبة.',
      },
      reason: {
        de: 'Sie haben noch keine Ernährungsweise gewählt.',
        en: 'You have not chosen a diet yet.',
        ar: 'لم تختر نظامًا غذائيًا بعد.',
      },
    },
    when: { not: { preference: 'diet', op: 'exists' } },
    segment: { role: 'guest' },
    cap: { perDay: 1, total: 3 },
  },
  {
    id: 'starter-lunch-tip',
    priority: 10,
    placement: 'home',
    action: {
      kind: 'tip',
      title: { de: 'Mittagszeit', en: 'Lunchtime', ar: 'وقت الغداء' },
      body: {
        de: 'Jetzt bestellen, pünktlich zur Mittagspause geliefert.',
        en: 'Order now and it arrives in time for your lunch break.',
        ar: 'اطلب الآن ليصلك في وقت استراحة الغداء.',
      },
      reason: LUNCH_TIP.action.reason,
    },
    // The demo's moment and limits (11:00 to 14:00, once a day); nothing about the visitor: a generic tip needs no
    // personalization grant.
    when: LUNCH_TIP.when,
    consent: LUNCH_TIP.consent,
    cap: LUNCH_TIP.cap,
  },
];

/** The built-in policy without its version: the version is the tenant's own, set when it publishes. */
export function builtInPolicy(): TenantConfigDocument['consent'] {
  const { version: _version, ...policy } = structuredClone(DEFAULT_CONSENT_POLICY);
  return policy;
}

/** A new tenant's first configuration. */
export function starterConfig(origins: readonly string[]): TenantConfigDocument {
  return {
    consent: builtInPolicy(),
    rules: structuredClone(STARTER_RULES),
    tours: structuredClone(STARTER_TOURS),
    experiments: [],
    dashboards: structuredClone(DEFAULT_DASHBOARDS),
    origins: [...origins],
  };
}

/**
 * A tenant created before configurations were stored, until it publishes one: what it was served then (the
 * built-in policy and dashboards, no rules, tours or experiments). Never stored; never demo data.
 */
export function legacyConfig(origins: readonly string[]): TenantConfigDocument {
  return { ...starterConfig(origins), rules: [], tours: [] };
}
