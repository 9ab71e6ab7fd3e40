import {
  type DashboardDefaults,
  type DashboardRole,
  isPlainObject,
  type Locale,
  type Rule,
  type RuleError,
  type Tour,
  validateDashboardDefaults,
  validateRules,
  validateTours,
} from '@matbakh/contract';
import '@matbakh/widgets/next-best-action/next-best-action.ts';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { ConfigDocument } from '../editor/config-document.ts';
import { EditorPage, editorStyles } from '../editor/editor-page.ts';
import type { FieldProblem } from '../editor/field-problem.ts';
import { actionPreviewClient } from '../editor/preview-clients.ts';
import { renderDashboards } from '../personalization/dashboards-form.ts';
import { renderRules } from '../personalization/rules-form.ts';
import { renderTourPreview } from '../personalization/tour-preview.ts';
import { renderTours } from '../personalization/tours-form.ts';

/** The first error of a rules/tours check as the server names it (`rules[2].action.title.de`). */
function listProblem(section: 'rules' | 'tours', items: readonly { id: string }[], error: RuleError): FieldProblem {
  const byId = items.findIndex((item) => item.id === error.ruleId);
  const index = byId >= 0 ? byId : Number(error.ruleId.replace(/^#/, ''));
  const at = Number.isInteger(index) ? `${section}[${index}]` : section;
  return { field: error.field === section ? section : `${at}.${error.field}`, message: error.message, source: 'check' };
}

/** Whether a rule's action has a title in some language: the preview of one without would be an empty card. */
const hasTitle = (rule: Rule) => Object.values(rule.action.title).some((text) => text.trim() !== '');

/** A CSS selector the browser can parse (the tour anchors on the partner's page). */
function selectorProblem(selector: string): string | undefined {
  try {
    document.createDocumentFragment().querySelector(selector);
    return undefined;
  } catch (error) {
    return `selector: ${(error as Error).message}`;
  }
}

/**
 * Personalization: the tenant's next-best-action rules, onboarding tours and dashboard defaults per audience,
 * checked as the person types with the server's validators, a preview of a rule in the real
 * `<mb-next-best-action>`, the steps of a tour as visitors read them, save and publish.
 */
@customElement('mb-console-personalization')
export class ConsolePersonalization extends EditorPage {
  static override styles = [
    ...editorStyles,
    css`
      .nba-preview {
        border: var(--mb-border-width) dashed var(--mb-color-border);
        border-radius: var(--mb-radius-m);
        padding: var(--mb-space-m);
        max-inline-size: 32rem;
      }
      ol.widgets {
        padding-inline-start: var(--mb-space-l);
      }
      ol.widgets li {
        display: flex;
        flex-wrap: wrap;
        gap: var(--mb-space-s);
        align-items: center;
        margin-block-end: var(--mb-space-xs);
      }
      ol.widgets li code {
        min-inline-size: 10rem;
      }
      ol.tour-preview {
        border: var(--mb-border-width) dashed var(--mb-color-border);
        border-radius: var(--mb-radius-m);
        padding-block: var(--mb-space-s);
        padding-inline: var(--mb-space-l) var(--mb-space-m);
        max-inline-size: 40rem;
      }
      ol.tour-preview h4 {
        margin: 0 0 var(--mb-space-2xs);
      }
      ol.widgets .check {
        margin: 0;
      }
    `,
  ];

  @state() private rules: Rule[] = [];
  @state() private conditions: string[] = [];
  @state() private tours: Tour[] = [];
  @state() private dashboards: DashboardDefaults = {};
  @state() private previewIndex = 0;
  @state() private openIndex: number | undefined;
  @state() private tourPreview = 0;
  @state() private tourLocale: Locale | undefined;
  private adding: Partial<Record<DashboardRole, string>> = {};
  private readonly preview = actionPreviewClient();

  protected override edit(config: ConfigDocument): void {
    this.rules = config.rules;
    this.conditions = config.rules.map((rule) => JSON.stringify(rule.when, null, 2));
    this.tours = config.tours;
    this.dashboards = config.dashboards;
    this.previewIndex = Math.min(this.previewIndex, Math.max(0, this.rules.length - 1));
    this.tourPreview = Math.min(this.tourPreview, Math.max(0, this.tours.length - 1));
    this.check();
  }

  /** Parses the conditions, runs the server's validators; the first problem is shown at its field. */
  private check(): boolean {
    let problem: FieldProblem | undefined;
    for (const [i, text] of this.conditions.entries()) {
      try {
        const when = JSON.parse(text) as unknown;
        if (!isPlainObject(when)) throw new Error('a condition is an object');
        this.rules[i]!.when = when as Rule['when'];
      } catch (error) {
        problem ??= { field: `rules[${i}].when`, message: `JSON: ${(error as Error).message}`, source: 'check' };
      }
    }
    if (!problem) {
      const rules = validateRules(this.rules);
      if (rules.errors[0]) problem = listProblem('rules', this.rules, rules.errors[0]);
    }
    if (!problem) {
      const tours = validateTours(this.tours);
      if (tours.errors[0]) problem = listProblem('tours', this.tours, tours.errors[0]);
    }
    if (!problem) {
      for (const [t, tour] of this.tours.entries()) {
        for (const [s, step] of tour.steps.entries()) {
          const bad = selectorProblem(step.anchor);
          if (bad) problem ??= { field: `tours[${t}].steps[${s}].anchor`, message: bad, source: 'check' };
        }
      }
    }
    if (!problem) {
      const dashboards = validateDashboardDefaults(this.dashboards);
      if (!dashboards.ok) problem = { ...dashboards.error, source: 'check' };
    }
    if (problem || this.fieldProblem?.source !== 'server') this.fieldProblem = problem;
    this.preview.show(this.rules[this.previewIndex]);
    return !problem;
  }

  private changed = () => {
    if (this.fieldProblem?.source === 'server') this.fieldProblem = undefined;
    this.status = '';
    this.check();
    this.requestUpdate();
  };

  private async save(): Promise<boolean> {
    if (!this.check()) return this.refuseSave();
    const saved = await this.saveSections({ rules: this.rules, tours: this.tours, dashboards: this.dashboards });
    if (saved) this.status = this.msg('ed.saved');
    return saved;
  }

  private async publish() {
    if (!(await this.save())) return;
    const done = await this.publishDraft();
    if (done) this.status = this.msg('ed.published', { version: done.version, policy: done.policyVersion });
  }

  private renderPreview() {
    const rule = this.rules[this.previewIndex];
    return html`<h2>${this.msg('ed.preview')}</h2>
      <p class="hint">${this.msg('rules.previewHint', { id: rule?.id ?? '–' })}</p>
      <div class="nba-preview" lang=${this.locale}>
        ${
          rule && !hasTitle(rule)
            ? html`<p class="hint">${this.msg('rules.previewEmpty')}</p>`
            : rule
              ? keyed(
                  JSON.stringify(rule),
                  html`<mb-next-best-action .client=${this.preview} placement=${rule.placement} lang=${this.locale}></mb-next-best-action>`,
                )
              : html`<p>${this.msg('rules.none')}</p>`
        }
      </div>`;
  }

  override render() {
    const loaded = this.draft !== undefined;
    return html`
      <h1 tabindex="-1">${this.msg('page.personalization')}</h1>
      <p>${this.msg('perso.intro')}</p>
      ${this.renderSummary()} ${this.renderStatus()}
      ${
        !loaded
          ? this.error
            ? nothing
            : html`<p>${this.msg('loading')}</p>`
          : html`
            <section aria-labelledby="rules-heading">
              <h2 id="rules-heading">${this.msg('rules.heading')}</h2>
              <p class="hint">${this.msg('rules.intro')}</p>
              ${renderRules(this, {
                rules: this.rules,
                conditions: this.conditions,
                onChange: this.changed,
                previewIndex: this.previewIndex,
                onPreview: (index) => {
                  this.previewIndex = index;
                  this.preview.show(this.rules[index]);
                },
                openIndex: this.openIndex,
                onAdded: (index) => {
                  this.openIndex = index;
                  void this.updateComplete.then(() =>
                    this.renderRoot.querySelector<HTMLElement>(`#f-rules-${index}-id`)?.focus(),
                  );
                },
              })}
              ${this.renderPreview()}
            </section>
            <section aria-labelledby="tours-heading">
              <h2 id="tours-heading">${this.msg('tours.heading')}</h2>
              <p class="hint">${this.msg('tours.intro')}</p>
              ${renderTours(this, this.tours, this.changed)}
              ${renderTourPreview(this, this.tours, {
                tour: Math.min(this.tourPreview, Math.max(0, this.tours.length - 1)),
                locale: this.tourLocale ?? this.locale,
                onTour: (index) => {
                  this.tourPreview = index;
                },
                onLocale: (locale) => {
                  this.tourLocale = locale;
                },
              })}
            </section>
            <section aria-labelledby="dash-heading">
              <h2 id="dash-heading">${this.msg('dash.heading')}</h2>
              <p class="hint">${this.msg('dash.intro')}</p>
              ${renderDashboards(this, this.dashboards, this.adding, this.changed)}
            </section>
            ${this.renderActions(
              () => this.publish(),
              () => this.save(),
            )}
          `
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mb-console-personalization': ConsolePersonalization;
  }
}
