/**
 * The campaign form's fields: name and topic, trigger (its own inputs per kind), audience rules (add/remove), texts
 * per locale, channels in order (a checkbox and move up/down buttons each, so the order needs no drag), frequency
 * cap and holdout. Inputs are the editor's labelled fields, which show the problem of their path below themselves.
 */
import {
  AUDIENCE_OPS,
  CAMPAIGN_INSIGHTS,
  CAMPAIGN_TRIGGER_KINDS,
  type CampaignTrigger,
  LOCALES,
  MESSAGE_FIELDS,
  NOTIFICATION_TOPICS,
} from '@matbakh/contract';
import { html, type TemplateResult } from 'lit';
import type { EditorPage } from '../editor/editor-page.ts';
import { fieldId } from '../editor/field-problem.ts';
import { type CampaignDraft, moveChannel } from './campaign-draft.ts';

const P = 'campaign';
const NATIVE: Record<string, string> = { de: 'Deutsch', en: 'English', ar: 'العربية' };

function defaultTrigger(kind: CampaignTrigger['kind']): CampaignTrigger {
  if (kind === 'lapsed') return { kind, days: 21, minOrders: 3 };
  if (kind === 'insight') return { kind, insight: 'health_alert' };
  if (kind === 'schedule') return { kind, at: '10:00' };
  return { kind };
}

const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

function triggerFields(page: EditorPage, draft: CampaignDraft, set: (d: CampaignDraft) => void): TemplateResult {
  const trigger = draft.trigger;
  const put = (next: CampaignTrigger) => set({ ...draft, trigger: next });
  const kind = page.select(
    `${P}.trigger.kind`,
    page.msg('cmp.trigger'),
    trigger.kind,
    CAMPAIGN_TRIGGER_KINDS.map((k) => ({ value: k, label: page.msg(`cmp.trigger.${k}`) })),
    (k) => put(defaultTrigger(k)),
  );
  let extra: TemplateResult | string = '';
  if (trigger.kind === 'lapsed') {
    extra = html`<div class="two">
      ${page.field({ path: `${P}.trigger.days`, label: page.msg('cmp.days'), type: 'number', value: String(trigger.days), onInput: (v) => put({ ...trigger, days: num(v) }) })}
      ${page.field({ path: `${P}.trigger.minOrders`, label: page.msg('cmp.minOrders'), type: 'number', value: String(trigger.minOrders), onInput: (v) => put({ ...trigger, minOrders: num(v) }) })}
    </div>`;
  } else if (trigger.kind === 'insight') {
    extra = page.select(
      `${P}.trigger.insight`,
      page.msg('cmp.insight'),
      trigger.insight,
      CAMPAIGN_INSIGHTS.map((i) => ({ value: i, label: page.msg(`cmp.insight.${i}`) })),
      (insight) => put({ ...trigger, insight }),
    );
  } else if (trigger.kind === 'schedule') {
    const days = ['', '1', '2', '3', '4', '5', '6', '7'] as const;
    // 2024-01-01 was a Monday: ISO weekday n is that date + n − 1, named in the page's language.
    const dayName = (n: string) =>
      n === ''
        ? page.msg('cmp.everyDay')
        : new Intl.DateTimeFormat(page.locale, { weekday: 'long', timeZone: 'UTC' }).format(
            Date.UTC(2024, 0, Number(n)),
          );
    extra = html`<div class="two">
      ${page.select(
        `${P}.trigger.weekday`,
        page.msg('cmp.weekday'),
        trigger.weekday === undefined ? '' : String(trigger.weekday),
        days.map((d) => ({ value: d, label: dayName(d) })),
        (d) => {
          const { weekday: _w, ...rest } = trigger;
          put(d === '' ? rest : { ...rest, weekday: Number(d) });
        },
      )}
      ${page.field({ path: `${P}.trigger.at`, label: page.msg('cmp.at'), value: trigger.at, ltr: true, placeholder: '10:00', onInput: (v) => put({ ...trigger, at: v }) })}
    </div>`;
  }
  return html`${kind}${extra}`;
}

function audienceFields(page: EditorPage, draft: CampaignDraft, set: (d: CampaignDraft) => void): TemplateResult {
  const update = (i: number, patch: Partial<CampaignDraft['audience'][number]>) =>
    set({ ...draft, audience: draft.audience.map((rule, j) => (j === i ? { ...rule, ...patch } : rule)) });
  return html`<fieldset>
    <legend>${page.msg('cmp.audience')}</legend>
    <p class="hint">${page.msg('cmp.audienceHint')}</p>
    ${draft.audience.map(
      (rule, i) => html`<div class="two">
        ${page.field({ path: `${P}.audience[${i}].field`, label: page.msg('cmp.ruleField', { n: i + 1 }), value: rule.field, ltr: true, placeholder: 'orders.count', onInput: (v) => update(i, { field: v }) })}
        ${page.select(
          `${P}.audience[${i}].op`,
          page.msg('cmp.ruleOp', { n: i + 1 }),
          rule.op,
          AUDIENCE_OPS.map((op) => ({ value: op, label: op })),
          (op) => update(i, { op }),
        )}
        ${rule.op === 'exists' ? '' : page.field({ path: `${P}.audience[${i}].value`, label: page.msg('cmp.ruleValue', { n: i + 1 }), value: rule.value, onInput: (v) => update(i, { value: v }) })}
        <div class="field">
          <button type="button" class="danger" @click=${() => set({ ...draft, audience: draft.audience.filter((_, j) => j !== i) })}>
            ${page.msg('cmp.removeRule', { n: i + 1 })}
          </button>
        </div>
      </div>`,
    )}
    <button type="button" class="secondary" id=${fieldId(`${P}.audience`)}
      @click=${() => set({ ...draft, audience: [...draft.audience, { field: '', op: 'eq', value: '' }] })}>
      ${page.msg('cmp.addRule')}
    </button>
  </fieldset>`;
}

function contentFields(page: EditorPage, draft: CampaignDraft, set: (d: CampaignDraft) => void): TemplateResult {
  const update = (locale: (typeof LOCALES)[number], key: 'title' | 'body' | 'url', value: string) =>
    set({ ...draft, content: { ...draft.content, [locale]: { ...draft.content[locale], [key]: value } } });
  return html`<fieldset>
    <legend>${page.msg('cmp.content')}</legend>
    <p class="hint">${page.msg('cmp.contentHint', { fields: MESSAGE_FIELDS.map((f) => `{${f}}`).join(' ') })}</p>
    <div class="locales">
      ${LOCALES.map(
        (locale) => html`<div>
          ${page.field({ path: `${P}.content.${locale}.title`, label: page.label('cmp.title', { locale: NATIVE[locale] ?? locale }), value: draft.content[locale].title, lang: locale, onInput: (v) => update(locale, 'title', v) })}
          ${page.field({ path: `${P}.content.${locale}.body`, label: page.label('cmp.body', { locale: NATIVE[locale] ?? locale }), type: 'textarea', value: draft.content[locale].body, lang: locale, onInput: (v) => update(locale, 'body', v) })}
          ${page.field({ path: `${P}.content.${locale}.url`, label: page.label('cmp.url', { locale: NATIVE[locale] ?? locale }), type: 'url', value: draft.content[locale].url, ltr: true, onInput: (v) => update(locale, 'url', v) })}
        </div>`,
      )}
    </div>
  </fieldset>`;
}

function channelFields(page: EditorPage, draft: CampaignDraft, set: (d: CampaignDraft) => void): TemplateResult {
  const channels = draft.channels;
  return html`<fieldset id=${fieldId(`${P}.channels`)} tabindex="-1">
    <legend>${page.msg('cmp.channels')}</legend>
    <p class="hint">${page.msg('cmp.channelsHint')}</p>
    <ol class="channels">
      ${channels.map((channel, i) => {
        const name = page.msg(`cmp.channel.${channel.id}`);
        const id = `channel-${channel.id}`;
        return html`<li class="check">
          <input type="checkbox" id=${id} .checked=${channel.enabled}
            @change=${(event: Event) => set({ ...draft, channels: channels.map((c, j) => (j === i ? { ...c, enabled: (event.target as HTMLInputElement).checked } : c)) })} />
          <label for=${id}>${name}</label>
          <button type="button" class="secondary" aria-label=${page.label('cmp.up', { channel: name })} ?disabled=${i === 0}
            @click=${() => set({ ...draft, channels: moveChannel(channels, i, -1) })}>↑</button>
          <button type="button" class="secondary" aria-label=${page.label('cmp.down', { channel: name })} ?disabled=${i === channels.length - 1}
            @click=${() => set({ ...draft, channels: moveChannel(channels, i, 1) })}>↓</button>
        </li>`;
      })}
    </ol>
  </fieldset>`;
}

/** Every field of the form, bound to `draft`; `set` receives the changed copy. */
export function campaignFields(
  page: EditorPage,
  draft: CampaignDraft,
  set: (d: CampaignDraft) => void,
): TemplateResult {
  return html`
    <div class="two">
      ${page.field({ path: `${P}.name`, label: page.msg('cmp.name'), value: draft.name, required: true, onInput: (v) => set({ ...draft, name: v }) })}
      ${page.select(
        `${P}.topic`,
        page.msg('cmp.topic'),
        draft.topic,
        NOTIFICATION_TOPICS.map((t) => ({ value: t, label: page.msg(`cmp.topic.${t}`) })),
        (topic) => set({ ...draft, topic }),
      )}
    </div>
    <fieldset><legend>${page.msg('cmp.trigger')}</legend>${triggerFields(page, draft, set)}</fieldset>
    ${audienceFields(page, draft, set)} ${contentFields(page, draft, set)} ${channelFields(page, draft, set)}
    <fieldset>
      <legend>${page.msg('cmp.cap')}</legend>
      <div class="two">
        ${page.field({ path: `${P}.frequencyCap.sends`, label: page.msg('cmp.capSends'), type: 'number', value: String(draft.capSends), onInput: (v) => set({ ...draft, capSends: num(v) }) })}
        ${page.field({ path: `${P}.frequencyCap.days`, label: page.msg('cmp.capDays'), type: 'number', value: String(draft.capDays), onInput: (v) => set({ ...draft, capDays: num(v) }) })}
      </div>
    </fieldset>
    ${page.field({ path: `${P}.holdout`, label: page.msg('cmp.holdout'), type: 'number', value: String(draft.holdoutPercent), hint: page.msg('cmp.holdoutHint'), onInput: (v) => set({ ...draft, holdoutPercent: num(v) }) })}
  `;
}
