/**
 * Checks a campaign as an admin creates or replaces it (`POST/PUT /v1/admin/campaigns`) and as the console edits
 * it: trigger, audience rules over known fields, content per locale (length limits, known `{placeholders}`, the
 * link through `safeUrl`), channels, frequency cap, holdout and topic. Errors name the field; the value returned
 * is normalised (names trimmed, links resolved) and holds nothing the contract does not know.
 */
import { MESSAGE_FIELDS, placeholdersOf } from './campaign-text.ts';
import { Invalid, oneOf, runChecks } from './checks.ts';
import type { AudienceRule, CampaignInput, CampaignTrigger, MessageContent } from './messaging.ts';
import { NOTIFICATION_TOPICS } from './preferences.ts';
import { safeUrl } from './safe-url.ts';
import { type BadRequest, isPlainObject, type Result } from './validate.ts';
import { CHANNELS, type ChannelId, LOCALES, type Locale } from './vocabulary.ts';

export const CAMPAIGN_LIMITS = {
  name: 100,
  /** A push notification shows about 50 characters of a title; 100 leaves room for Arabic and German compounds. */
  title: 100,
  /** WhatsApp template bodies stop at 1024 characters; every channel gets the same text. */
  body: 1000,
  url: 2000,
  audienceRules: 20,
  inValues: 100,
  lapsedDays: 365,
  minOrders: 1000,
  capSends: 100,
  capDays: 365,
  /** Beyond half the audience the holdout, not the campaign, is the treatment. */
  holdout: 0.5,
} as const;

export const CAMPAIGN_TRIGGER_KINDS = ['lapsed', 'insight', 'schedule', 'once'] as const;
export const CAMPAIGN_INSIGHTS = ['health_alert', 'weekly_report', 'seasonal'] as const;
export const AUDIENCE_OPS: readonly AudienceRule['op'][] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'];
/** The per-recipient aggregates an audience rule may test (numbers). */
export const AUDIENCE_AGGREGATES = ['orders.count', 'orders.daysSinceLast', 'orders.total'] as const;
/** `trait.<name>` or `preference.<path>`: a name of letters, digits, `_`, `-` and dots. */
const NAMED_FIELD = /^(trait|preference)\.[A-Za-z_][\w-]{0,63}(\.[A-Za-z_][\w-]{0,63}){0,4}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const fail = (field: string, message: string): never => {
  throw new Invalid(field, `${field} ${message}`);
};

function noOtherKeys(raw: Record<string, unknown>, field: string, known: readonly string[], what: string): void {
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) fail(`${field}.${key.slice(0, 40)}`, `is not a ${what} setting (${known.join(', ')})`);
  }
}

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    fail(field, `must be a non-empty string of at most ${max} characters`);
  }
  return (value as string).trim();
}

function wholeNumber(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(field, `must be a whole number from ${min} to ${max}`);
  }
  return value as number;
}

function trigger(raw: unknown, field: string): CampaignTrigger {
  if (!isPlainObject(raw)) return fail(field, `must be an object with kind (${CAMPAIGN_TRIGGER_KINDS.join(', ')})`);
  const kind = oneOf(raw.kind, `${field}.kind`, CAMPAIGN_TRIGGER_KINDS);
  switch (kind) {
    case 'lapsed':
      noOtherKeys(raw, field, ['kind', 'days', 'minOrders'], 'lapsed trigger');
      return {
        kind,
        days: wholeNumber(raw.days, `${field}.days`, 1, CAMPAIGN_LIMITS.lapsedDays),
        minOrders: wholeNumber(raw.minOrders, `${field}.minOrders`, 1, CAMPAIGN_LIMITS.minOrders),
      };
    case 'insight':
      noOtherKeys(raw, field, ['kind', 'insight'], 'insight trigger');
      return { kind, insight: oneOf(raw.insight, `${field}.insight`, CAMPAIGN_INSIGHTS) };
    case 'schedule': {
      noOtherKeys(raw, field, ['kind', 'weekday', 'at'], 'schedule trigger');
      if (typeof raw.at !== 'string' || !HH_MM.test(raw.at)) fail(`${field}.at`, 'must be a local time "HH:MM"');
      const out: CampaignTrigger = { kind, at: raw.at as string };
      if (raw.weekday !== undefined) out.weekday = wholeNumber(raw.weekday, `${field}.weekday`, 1, 7);
      return out;
    }
    default:
      noOtherKeys(raw, field, ['kind'], 'once trigger');
      return { kind };
  }
}

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

function audienceRule(raw: unknown, field: string): AudienceRule {
  if (!isPlainObject(raw)) return fail(field, 'must be an object like {field, op, value}');
  noOtherKeys(raw, field, ['field', 'op', 'value'], 'audience rule');
  const name = raw.field;
  const aggregate = (AUDIENCE_AGGREGATES as readonly unknown[]).includes(name);
  if (typeof name !== 'string' || !(aggregate || NAMED_FIELD.test(name))) {
    fail(`${field}.field`, `must be trait.<name>, preference.<path> or one of ${AUDIENCE_AGGREGATES.join(', ')}`);
  }
  const op = oneOf(raw.op, `${field}.op`, AUDIENCE_OPS);
  const rule: AudienceRule = { field: name as string, op };
  const { value } = raw;
  if (op === 'exists') {
    if (value !== undefined && typeof value !== 'boolean') fail(`${field}.value`, 'must be true, false or absent');
  } else if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0 || value.length > CAMPAIGN_LIMITS.inValues) {
      fail(`${field}.value`, `must be a list of 1 to ${CAMPAIGN_LIMITS.inValues} values`);
    }
    (value as unknown[]).forEach((item, i) => {
      if (typeof item !== 'number' && typeof item !== 'string')
        fail(`${field}.value[${i}]`, 'must be text or a number');
      if (typeof item === 'number' && !Number.isFinite(item)) fail(`${field}.value[${i}]`, 'must be a finite number');
      if (aggregate && typeof item !== 'number') fail(`${field}.value[${i}]`, `must be a number (${name} is one)`);
    });
  } else if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte' || aggregate) {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${field}.value`, 'must be a number');
  } else if (!isScalar(value)) {
    fail(`${field}.value`, 'must be a string, number or boolean');
  }
  if (value !== undefined) rule.value = Array.isArray(value) ? [...(value as (string | number)[])] : (value as never);
  return rule;
}

function messageText(value: unknown, field: string, max: number): string {
  const out = text(value, field, max);
  const unknown = placeholdersOf(out).find((name) => !(MESSAGE_FIELDS as readonly string[]).includes(name));
  if (unknown !== undefined) {
    fail(
      field,
      `uses {${unknown.slice(0, 40)}}: the placeholders are ${MESSAGE_FIELDS.map((f) => `{${f}}`).join(', ')}`,
    );
  }
  return out;
}

function content(raw: unknown, field: string): MessageContent {
  if (!isPlainObject(raw)) return fail(field, 'must be an object like {title, body, url?}');
  noOtherKeys(raw, field, ['title', 'body', 'url'], 'content');
  const out: MessageContent = {
    title: messageText(raw.title, `${field}.title`, CAMPAIGN_LIMITS.title),
    body: messageText(raw.body, `${field}.body`, CAMPAIGN_LIMITS.body),
  };
  if (raw.url !== undefined && raw.url !== '') {
    const url =
      typeof raw.url === 'string' && raw.url.length <= CAMPAIGN_LIMITS.url ? safeUrl(raw.url, undefined) : undefined;
    if (url === undefined)
      fail(`${field}.url`, `must be an absolute http(s) URL of at most ${CAMPAIGN_LIMITS.url} characters`);
    out.url = url as string;
  }
  return out;
}

function contents(raw: unknown, field: string): Partial<Record<Locale, MessageContent>> {
  if (!isPlainObject(raw)) return fail(field, 'must be an object of contents per locale (de, en, ar)');
  const out: Partial<Record<Locale, MessageContent>> = {};
  for (const [locale, item] of Object.entries(raw)) {
    if (!(LOCALES as readonly string[]).includes(locale))
      fail(`${field}.${locale.slice(0, 20)}`, 'is not a locale (de, en, ar)');
    out[locale as Locale] = content(item, `${field}.${locale}`);
  }
  if (Object.keys(out).length === 0) fail(field, 'must have a content in at least one locale');
  return out;
}

function channels(raw: unknown, field: string): ChannelId[] {
  if (!Array.isArray(raw) || raw.length === 0) return fail(field, `must be a non-empty list of ${CHANNELS.join(', ')}`);
  const out = raw.map((item, i) => oneOf(item, `${field}[${i}]`, CHANNELS));
  out.forEach((channel, i) => {
    if (out.indexOf(channel) !== i) fail(`${field}[${i}]`, `repeats ${channel}: name each channel once`);
  });
  return out;
}

function frequencyCap(raw: unknown, field: string): CampaignInput['frequencyCap'] {
  if (!isPlainObject(raw)) return fail(field, 'must be an object like {sends: 1, days: 7}');
  noOtherKeys(raw, field, ['sends', 'days'], 'frequency cap');
  return {
    sends: wholeNumber(raw.sends, `${field}.sends`, 1, CAMPAIGN_LIMITS.capSends),
    days: wholeNumber(raw.days, `${field}.days`, 1, CAMPAIGN_LIMITS.capDays),
  };
}

function holdout(raw: unknown, field: string): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0 || raw > CAMPAIGN_LIMITS.holdout) {
    fail(field, `must be a share from 0 to ${CAMPAIGN_LIMITS.holdout} (0.1 = 10 % of the audience)`);
  }
  return raw as number;
}

const INPUT_KEYS = ['name', 'topic', 'trigger', 'audience', 'content', 'channels', 'frequencyCap', 'holdout'] as const;

function campaign(raw: unknown, field: string): CampaignInput {
  if (!isPlainObject(raw)) return fail(field, 'must be a JSON object');
  noOtherKeys(raw, field, INPUT_KEYS, 'campaign');
  const audience = raw.audience ?? [];
  if (!Array.isArray(audience) || audience.length > CAMPAIGN_LIMITS.audienceRules) {
    fail(`${field}.audience`, `must be a list of at most ${CAMPAIGN_LIMITS.audienceRules} rules`);
  }
  return {
    name: text(raw.name, `${field}.name`, CAMPAIGN_LIMITS.name),
    topic: oneOf(raw.topic, `${field}.topic`, NOTIFICATION_TOPICS),
    trigger: trigger(raw.trigger, `${field}.trigger`),
    audience: (audience as unknown[]).map((rule, i) => audienceRule(rule, `${field}.audience[${i}]`)),
    content: contents(raw.content, `${field}.content`),
    channels: channels(raw.channels, `${field}.channels`),
    frequencyCap: frequencyCap(raw.frequencyCap, `${field}.frequencyCap`),
    holdout: holdout(raw.holdout ?? 0, `${field}.holdout`),
  };
}

/** A campaign as an admin sends it, normalised; the first problem names its field (`campaign.content.de.title`). */
export function validateCampaignInput(raw: unknown, field = 'campaign'): Result<CampaignInput, BadRequest> {
  return runChecks(() => campaign(raw, field));
}
