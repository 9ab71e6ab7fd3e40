/**
 * The rules editor: one disclosure per rule (id, priority, placement, consent, audience, the action's texts per
 * locale, an optional call to action, and the condition as JSON), add and remove. Every change goes through
 * `onChange`, which checks the list with the server's validator.
 */
import { ACTION_KINDS, CONSENT_CATEGORIES, type Rule } from '@matbakh/contract';
import { html, nothing } from 'lit';
import type { EditorPage } from '../editor/editor-page.ts';
import { withText } from '../editor/editor-page.ts';
import { removeButton } from '../editor/list-controls.ts';
import { audienceFields } from './audience.ts';

export interface RulesState {
  rules: Rule[];
  /** The condition of each rule as typed (JSON), by index: kept while it does not parse. */
  conditions: string[];
  onChange(): void;
  /** Which rule the preview shows. */
  previewIndex: number;
  onPreview(index: number): void;
  /** A rule was added at `index`: the page opens it and moves focus to its first field. */
  onAdded(index: number): void;
  /** The rule open since it was added (others open and close as the person toggles them). */
  openIndex: number | undefined;
}

/** A rule to start from: a tip at `home` for everyone, at any time, needing no consent beyond `necessary`. */
export function newRule(taken: readonly Rule[]): Rule {
  let n = taken.length + 1;
  while (taken.some((rule) => rule.id === `rule-${n}`)) n++;
  return {
    id: `rule-${n}`,
    priority: 50,
    placement: 'home',
    consent: 'necessary',
    when: { context: 'hour', op: 'gte', value: 0 },
    action: {
      kind: 'tip',
      title: {} as Rule['action']['title'],
      body: {} as Rule['action']['body'],
      reason: {} as Rule['action']['reason'],
    },
  };
}

// Long because: one form template over a rule's fields (conditions, action, limits, schedule); each field is a few
// bound lines.
export function renderRules(page: EditorPage, state: RulesState) {
  const { rules } = state;
  const change = (mutate: () => void) => {
    mutate();
    state.onChange();
  };
  return html`${rules.length === 0 ? html`<p>${page.msg('rules.none')}</p>` : nothing}
    ${rules.map((rule, i) => {
      const at = `rules[${i}]`;
      const title = rule.action.title[page.locale] ?? Object.values(rule.action.title)[0] ?? '';
      return html`<details class="item" data-rule=${rule.id} ?open=${state.openIndex === i}>
        <summary>${page.msg('rules.summary', { id: rule.id, title, placement: rule.placement })}</summary>
        <div class="two">
          ${page.boundField(rule, 'id', change, { path: `${at}.id`, label: page.msg('ed.id'), ltr: true })}
          ${page.boundField(rule, 'placement', change, {
            path: `${at}.placement`,
            label: page.msg('rules.placement'),
            hint: page.msg('rules.placementHint'),
            ltr: true,
          })}
          ${page.field({
            path: `${at}.priority`,
            label: page.msg('rules.priority'),
            hint: page.msg('rules.priorityHint'),
            type: 'number',
            value: String(rule.priority),
            onInput: (v) =>
              change(() => {
                rule.priority = v === '' ? Number.NaN : Number(v);
              }),
          })}
          ${page.select(
            `${at}.consent`,
            page.msg('rules.consent'),
            rule.consent ?? 'personalization',
            CONSENT_CATEGORIES.map((c) => ({ value: c, label: page.msg(`category.${c}`) })),
            (v) =>
              change(() => {
                rule.consent = v;
              }),
          )}
          ${page.select(
            `${at}.action.kind`,
            page.msg('rules.kind'),
            rule.action.kind,
            ACTION_KINDS.map((k) => ({ value: k, label: page.msg(`kind.${k}`) })),
            (v) =>
              change(() => {
                rule.action.kind = v;
              }),
          )}
        </div>
        ${audienceFields(page, `${at}.segment`, rule.segment, (segment) =>
          change(() => {
            if (segment) rule.segment = segment;
            else delete rule.segment;
          }),
        )}
        ${page.localizedFields(`${at}.action.title`, 'rules.title', rule.action.title, (l, t) =>
          change(() => {
            rule.action.title = withText(rule.action.title, l, t);
          }),
        )}
        ${page.localizedFields(`${at}.action.body`, 'rules.body', rule.action.body, (l, t) =>
          change(() => {
            rule.action.body = withText(rule.action.body, l, t);
          }),
        )}
        ${page.localizedFields(`${at}.action.reason`, 'rules.reason', rule.action.reason, (l, t) =>
          change(() => {
            rule.action.reason = withText(rule.action.reason, l, t);
          }),
        )}
        ${page.field({
          path: `${at}.action.cta.url`,
          label: page.msg('rules.ctaUrl'),
          type: 'url',
          ltr: true,
          value: rule.action.cta?.url ?? '',
          onInput: (v) =>
            change(() => {
              const cta = {
                label: rule.action.cta?.label ?? ({} as Rule['action']['title']),
                ...(v ? { url: v } : {}),
              };
              if (!v && Object.keys(cta.label).length === 0) delete rule.action.cta;
              else rule.action.cta = cta;
            }),
        })}
        ${page.localizedFields(`${at}.action.cta.label`, 'rules.ctaLabel', rule.action.cta?.label, (l, t) =>
          change(() => {
            const label = withText(rule.action.cta?.label, l, t);
            const url = rule.action.cta?.url;
            if (!url && Object.keys(label).length === 0) delete rule.action.cta;
            else rule.action.cta = { ...rule.action.cta, label };
          }),
        )}
        ${page.field({
          path: `${at}.when`,
          label: page.msg('rules.when'),
          hint: page.msg('rules.whenHint'),
          type: 'textarea',
          ltr: true,
          value: state.conditions[i] ?? '',
          onInput: (v) =>
            change(() => {
              state.conditions[i] = v;
            }),
        })}
        <div class="actions">
          <button type="button" class="secondary" aria-pressed=${state.previewIndex === i ? 'true' : 'false'} @click=${() => state.onPreview(i)}>
            ${page.msg('rules.previewThis')}
          </button>
          ${removeButton(page, rule.id, () =>
            change(() => {
              rules.splice(i, 1);
              state.conditions.splice(i, 1);
            }),
          )}
        </div>
      </details>`;
    })}
    <div class="actions">
      <button type="button" class="secondary" @click=${() =>
        change(() => {
          const rule = newRule(rules);
          rules.push(rule);
          state.conditions.push(JSON.stringify(rule.when, null, 2));
          state.onPreview(rules.length - 1);
          state.onAdded(rules.length - 1);
        })}>${page.msg('rules.add')}</button>
    </div>`;
}
