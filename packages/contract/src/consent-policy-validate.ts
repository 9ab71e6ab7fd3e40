/**
 * Checks a tenant's consent policy as an admin edits it (`/v1/admin/config/draft/consent`): categories, services
 * with their storage keys, channels, the privacy-policy link (sanitised with `safeUrl`), per-locale banner texts
 * and the re-ask period. The policy `version` is not part of it: the server sets it when it publishes. Texts may
 * leave locales out: a category or service known to the built-in policy takes the missing ones from there, any
 * other from the first locale given, so a visitor never sees an empty title. Errors name the field.
 */
import { Invalid, runChecks } from './checks.ts';
import {
  CHANNELS,
  CONSENT_CATEGORIES,
  type ConsentCategory,
  type ConsentChannel,
  type ConsentModeType,
  type ConsentPolicy,
  type ConsentService,
  LOCALES,
  type Locale,
  type LocalizedText,
} from './config.ts';
import { DEFAULT_CONSENT_POLICY } from './default-policy.ts';
import { safeUrl } from './safe-url.ts';
import { type BadRequest, isPlainObject, type Result } from './validate.ts';

/** A policy as a tenant configures it; the server adds `version` when it publishes. */
export type ConsentPolicySettings = Omit<ConsentPolicy, 'version'>;

export const CONSENT_POLICY_LIMITS = {
  services: 50,
  storageKeys: 50,
  text: 2000,
  textKeys: 100,
  /** Ten years: a longer re-ask period is more likely a typo than a policy. */
  reaskAfterDays: 3650,
} as const;

const CONSENT_MODE_TYPES: readonly ConsentModeType[] = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
];
const ID = /^[A-Za-z0-9][\w.:-]{0,99}$/;
/** A cookie name or storage key, or a prefix ending in `*`. */
const STORAGE_KEY = /^[\w.:@$-]{1,200}\*?$/;
const TEXT_KEY = /^[A-Za-z][\w.-]{0,99}$/;

const fail = (field: string, message: string): never => {
  throw new Invalid(field, `${field} ${message}`);
};

function text(value: unknown, field: string, max: number = CONSENT_POLICY_LIMITS.text): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    fail(field, `must be a non-empty string of at most ${max} characters`);
  }
  return value as string;
}

/** `{de?, en?, ar?}` with at least one text; missing locales from `fallback`, else from the first one given. */
function localized(value: unknown, field: string, fallback: LocalizedText | undefined): LocalizedText {
  if (!isPlainObject(value)) return fail(field, 'must be an object of texts per locale (de, en, ar)');
  const given: Partial<LocalizedText> = {};
  for (const [locale, item] of Object.entries(value)) {
    if (!(LOCALES as readonly string[]).includes(locale)) fail(`${field}.${locale.slice(0, 20)}`, 'is not a locale');
    given[locale as Locale] = text(item, `${field}.${locale}`);
  }
  const first = LOCALES.map((locale) => given[locale]).find((item) => item !== undefined);
  if (first === undefined) return fail(field, 'must have a text in at least one locale');
  const out = {} as LocalizedText;
  for (const locale of LOCALES) out[locale] = given[locale] ?? fallback?.[locale] ?? first;
  return out;
}

function list(value: unknown, field: string, max: number): unknown[] {
  if (!Array.isArray(value)) return fail(field, 'must be a list');
  if (value.length > max) fail(field, `must have at most ${max} entries`);
  return value;
}

function service(raw: unknown, field: string, builtIn: ConsentService | undefined): ConsentService {
  if (!isPlainObject(raw)) return fail(field, 'must be an object { id, name, purpose }');
  if (typeof raw.id !== 'string' || !ID.test(raw.id))
    fail(`${field}.id`, 'must be 1–100 letters, digits, ".", "_", ":" or "-"');
  return {
    id: raw.id as string,
    name: text(raw.name, `${field}.name`, 100),
    purpose: localized(raw.purpose, `${field}.purpose`, builtIn?.purpose),
  };
}

function category(raw: unknown, field: string): ConsentCategory {
  if (!isPlainObject(raw)) return fail(field, 'must be an object { id, title, description, services, storageKeys }');
  if (typeof raw.id !== 'string' || !(CONSENT_CATEGORIES as readonly string[]).includes(raw.id)) {
    fail(`${field}.id`, `must be one of ${CONSENT_CATEGORIES.join(', ')}`);
  }
  const id = raw.id as ConsentCategory['id'];
  const builtIn = DEFAULT_CONSENT_POLICY.categories.find((c) => c.id === id);
  // Only `necessary` is always on; a consent a visitor cannot refuse is no consent (GDPR Art. 7(4)).
  const required = id === 'necessary';
  if (raw.required !== undefined && raw.required !== required) {
    fail(`${field}.required`, required ? 'must be true for "necessary"' : 'can only be true for "necessary"');
  }
  const seen = new Set<string>();
  const services = list(raw.services ?? [], `${field}.services`, CONSENT_POLICY_LIMITS.services).map((item, i) => {
    const at = `${field}.services[${i}]`;
    const checked = service(
      item,
      at,
      builtIn?.services.find((s) => isPlainObject(item) && s.id === item.id),
    );
    if (seen.has(checked.id)) fail(`${at}.id`, `"${checked.id}" is listed twice`);
    seen.add(checked.id);
    return checked;
  });
  const storageKeys = list(raw.storageKeys ?? [], `${field}.storageKeys`, CONSENT_POLICY_LIMITS.storageKeys).map(
    (key, i) => {
      if (typeof key !== 'string' || !STORAGE_KEY.test(key)) {
        fail(`${field}.storageKeys[${i}]`, 'must be a cookie name or storage key, or a prefix ending in "*"');
      }
      return key as string;
    },
  );
  return {
    id,
    required,
    title: localized(raw.title ?? builtIn?.title, `${field}.title`, builtIn?.title),
    description: localized(raw.description ?? builtIn?.description, `${field}.description`, builtIn?.description),
    services,
    storageKeys,
  };
}

function channel(raw: unknown, field: string): ConsentChannel {
  if (!isPlainObject(raw)) return fail(field, 'must be an object { id, title, description }');
  if (typeof raw.id !== 'string' || !(CHANNELS as readonly string[]).includes(raw.id)) {
    fail(`${field}.id`, `must be one of ${CHANNELS.join(', ')}`);
  }
  const builtIn = DEFAULT_CONSENT_POLICY.channels.find((c) => c.id === raw.id);
  return {
    id: raw.id as ConsentChannel['id'],
    title: localized(raw.title ?? builtIn?.title, `${field}.title`, builtIn?.title),
    description: localized(raw.description ?? builtIn?.description, `${field}.description`, builtIn?.description),
  };
}

function uniqueIds<T extends { id: string }>(items: T[], field: string): T[] {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) fail(`${field}[${i}].id`, `"${item.id}" is listed twice`);
    seen.add(item.id);
  });
  return items;
}

function texts(raw: unknown, field: string): ConsentPolicy['texts'] {
  if (!isPlainObject(raw)) return fail(field, 'must be an object of { "<locale>": { "<text key>": "text" } }');
  const out: NonNullable<ConsentPolicy['texts']> = {};
  for (const [locale, entries] of Object.entries(raw)) {
    const at = `${field}.${locale.slice(0, 20)}`;
    if (!(LOCALES as readonly string[]).includes(locale)) fail(at, 'is not a locale (de, en, ar)');
    if (!isPlainObject(entries)) fail(at, 'must be an object of { "<text key>": "text" }');
    const keys = Object.keys(entries as object);
    if (keys.length > CONSENT_POLICY_LIMITS.textKeys)
      fail(at, `must have at most ${CONSENT_POLICY_LIMITS.textKeys} texts`);
    const checked: Record<string, string> = {};
    for (const key of keys) {
      if (!TEXT_KEY.test(key)) fail(`${at}.${key.slice(0, 100)}`, 'is not a text key like "banner.text"');
      checked[key] = text((entries as Record<string, unknown>)[key], `${at}.${key}`);
    }
    out[locale as Locale] = checked;
  }
  return out;
}

function consentMode(raw: unknown, field: string, categories: readonly string[]): ConsentPolicy['consentMode'] {
  if (!isPlainObject(raw)) return fail(field, 'must be an object of { "<Consent Mode type>": ["<category>"] }');
  const out: NonNullable<ConsentPolicy['consentMode']> = {};
  for (const [type, granted] of Object.entries(raw)) {
    const at = `${field}.${type.slice(0, 40)}`;
    if (!(CONSENT_MODE_TYPES as readonly string[]).includes(type)) fail(at, 'is not a Consent Mode v2 type');
    out[type as ConsentModeType] = list(granted, at, CONSENT_CATEGORIES.length).map((id, i) => {
      if (typeof id !== 'string' || !categories.includes(id))
        fail(`${at}[${i}]`, 'must name a category of this policy');
      return id as ConsentCategory['id'];
    });
  }
  return out;
}

function banner(raw: unknown, field: string): NonNullable<ConsentPolicy['banner']> {
  if (!isPlainObject(raw)) return fail(field, 'must be an object { layout?, hidden? }');
  const out: NonNullable<ConsentPolicy['banner']> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'layout') {
      if (value !== 'bar' && value !== 'dialog') fail(`${field}.layout`, 'must be "bar" or "dialog"');
      out.layout = value as 'bar' | 'dialog';
    } else if (key === 'hidden') {
      if (typeof value !== 'boolean') fail(`${field}.hidden`, 'must be true or false');
      out.hidden = value as boolean;
    } else fail(`${field}.${key.slice(0, 40)}`, 'is not a banner setting (layout, hidden)');
  }
  return out;
}

function policy(raw: unknown, field: string): ConsentPolicySettings {
  if (!isPlainObject(raw)) return fail(field, 'must be an object');
  const url = safeUrl(raw.privacyPolicyUrl, undefined);
  if (url === undefined) fail(`${field}.privacyPolicyUrl`, 'must be an absolute http(s) URL');
  const reask = raw.reaskAfterDays ?? DEFAULT_CONSENT_POLICY.reaskAfterDays;
  if (!Number.isInteger(reask) || (reask as number) < 1 || (reask as number) > CONSENT_POLICY_LIMITS.reaskAfterDays) {
    fail(`${field}.reaskAfterDays`, `must be a whole number of days from 1 to ${CONSENT_POLICY_LIMITS.reaskAfterDays}`);
  }
  const categories = uniqueIds(
    list(raw.categories, `${field}.categories`, CONSENT_CATEGORIES.length).map((item, i) =>
      category(item, `${field}.categories[${i}]`),
    ),
    `${field}.categories`,
  );
  if (!categories.some((c) => c.id === 'necessary')) fail(`${field}.categories`, 'must include "necessary"');
  const channels = uniqueIds(
    list(raw.channels ?? DEFAULT_CONSENT_POLICY.channels, `${field}.channels`, CHANNELS.length).map((item, i) =>
      channel(item, `${field}.channels[${i}]`),
    ),
    `${field}.channels`,
  );
  const out: ConsentPolicySettings = {
    categories,
    channels,
    reaskAfterDays: reask as number,
    privacyPolicyUrl: url as string,
  };
  if (raw.texts !== undefined) out.texts = texts(raw.texts, `${field}.texts`);
  const ids = categories.map((c) => c.id);
  if (raw.consentMode !== undefined) out.consentMode = consentMode(raw.consentMode, `${field}.consentMode`, ids);
  if (raw.banner !== undefined) out.banner = banner(raw.banner, `${field}.banner`);
  const known = new Set([
    'categories',
    'channels',
    'reaskAfterDays',
    'privacyPolicyUrl',
    'texts',
    'consentMode',
    'banner',
  ]);
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) fail(`${field}.${key.slice(0, 40)}`, 'is not a policy setting');
  }
  return out;
}

/** The policy a tenant configures, normalised (locales filled in, the link sanitised); errors name the field. */
export function validateConsentPolicySettings(
  raw: unknown,
  field = 'consent',
): Result<ConsentPolicySettings, BadRequest> {
  return runChecks(() => policy(raw, field));
}
