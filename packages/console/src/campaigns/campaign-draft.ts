/**
 * The campaign form's state as the inputs hold it (text), and the two conversions: from a stored campaign, and to
 * the `CampaignInput` the admin API validates. Plain functions, so the unit tests check them without a browser form.
 */
import {
  type AudienceRule,
  type Campaign,
  type CampaignInput,
  type CampaignTrigger,
  CHANNELS,
  type ChannelId,
  LOCALES,
  type Locale,
  type NotificationTopic,
} from '@matbakh/contract';

export interface RuleDraft {
  field: string;
  op: AudienceRule['op'];
  /** As typed: `in` takes a comma-separated list; numbers are read as numbers. */
  value: string;
}

export interface CampaignDraft {
  name: string;
  topic: NotificationTopic;
  trigger: CampaignTrigger;
  audience: RuleDraft[];
  content: Record<Locale, { title: string; body: string; url: string }>;
  /** Every channel in the admin's order; `enabled` are sent on. */
  channels: { id: ChannelId; enabled: boolean }[];
  capSends: number;
  capDays: number;
  /** Percent, 0–50. */
  holdoutPercent: number;
}

export function emptyDraft(): CampaignDraft {
  return {
    name: '',
    topic: 'promotions',
    trigger: { kind: 'once' },
    audience: [],
    content: Object.fromEntries(LOCALES.map((l) => [l, { title: '', body: '', url: '' }])) as CampaignDraft['content'],
    channels: CHANNELS.map((id) => ({ id, enabled: id === 'in_app' })),
    capSends: 1,
    capDays: 7,
    holdoutPercent: 10,
  };
}

const valueText = (value: AudienceRule['value']): string =>
  value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);

export function draftOf(campaign: Campaign): CampaignDraft {
  const draft = emptyDraft();
  for (const locale of LOCALES) {
    const content = campaign.content[locale];
    if (content) draft.content[locale] = { title: content.title, body: content.body, url: content.url ?? '' };
  }
  return {
    ...draft,
    name: campaign.name,
    topic: campaign.topic,
    trigger: campaign.trigger,
    audience: campaign.audience.map((rule) => ({ field: rule.field, op: rule.op, value: valueText(rule.value) })),
    channels: [
      ...campaign.channels.map((id) => ({ id, enabled: true })),
      ...CHANNELS.filter((id) => !campaign.channels.includes(id)).map((id) => ({ id, enabled: false })),
    ],
    capSends: campaign.frequencyCap.sends,
    capDays: campaign.frequencyCap.days,
    holdoutPercent: Math.round(campaign.holdout * 1000) / 10,
  };
}

/** "3" → 3, "Berlin" → "Berlin", "true" → true: what the admin most likely meant. */
function scalar(text: string): string | number | boolean {
  const trimmed = text.trim();
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  return trimmed;
}

function ruleOf(draft: RuleDraft): AudienceRule {
  const rule: AudienceRule = { field: draft.field.trim(), op: draft.op };
  if (draft.op === 'exists') return rule;
  if (draft.op === 'in') {
    rule.value = draft.value
      .split(',')
      .map((part) => scalar(part))
      .filter((item): item is string | number => typeof item !== 'boolean' && item !== '');
    return rule;
  }
  rule.value = scalar(draft.value);
  return rule;
}

/** What the admin API gets; the server checks it and names the field of the first problem. */
export function inputOf(draft: CampaignDraft): CampaignInput {
  const content: CampaignInput['content'] = {};
  for (const locale of LOCALES) {
    const { title, body, url } = draft.content[locale];
    if (title.trim() === '' && body.trim() === '' && url.trim() === '') continue;
    content[locale] = { title, body, ...(url.trim() === '' ? {} : { url: url.trim() }) };
  }
  return {
    name: draft.name,
    topic: draft.topic,
    trigger: draft.trigger,
    audience: draft.audience.map(ruleOf),
    content,
    channels: draft.channels.filter((c) => c.enabled).map((c) => c.id),
    frequencyCap: { sends: draft.capSends, days: draft.capDays },
    holdout: Math.round(draft.holdoutPercent * 10) / 1000,
  };
}

/** The channel list with one entry moved by `by` (−1 up, +1 down); unchanged at either end. */
export function moveChannel(channels: CampaignDraft['channels'], index: number, by: -1 | 1): CampaignDraft['channels'] {
  const to = index + by;
  if (to < 0 || to >= channels.length) return channels;
  const next = [...channels];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}
