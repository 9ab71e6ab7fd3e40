import { type KpiReport, validateExperiment } from '@matbakh/contract';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../api.ts';
import type { ConfigDocument, DraftView, ExperimentStatus, ManagedExperiment } from '../editor/config-document.ts';
import { EditorPage, editorStyles } from '../editor/editor-page.ts';
import { experimentResults } from '../experiment-results.ts';

interface NewExperiment {
  key: string;
  variants: { key: string; weight: string }[];
  /** Percent, as typed. */
  allocation: string;
  holdout: string;
}

const blank = (): NewExperiment => ({
  key: '',
  variants: [
    { key: 'control', weight: '1' },
    { key: 'variant-b', weight: '1' },
  ],
  allocation: '100',
  holdout: '0',
});

const percentToShare = (text: string) => (text.trim() === '' ? Number.NaN : Number(text) / 100);

/**
 * Experiments: the tenant's experiments with their status (draft → running → stopped), a form that creates a draft
 * (variants with weights, allocation, holdout) checked as the person types, start and stop (each publishes), and
 * each experiment's results from the KPI report: lift with its 95 % confidence interval and a sample-ratio-mismatch
 * warning against the configured weights.
 */
@customElement('mb-console-experiments')
export class ConsoleExperiments extends EditorPage {
  static override styles = [
    ...editorStyles,
    css`
      form {
        max-inline-size: 48rem;
      }
      .experiment {
        border: var(--mb-border-width) solid var(--mb-color-border);
        border-radius: var(--mb-radius-m);
        padding: var(--mb-space-s) var(--mb-space-m);
        margin-block-end: var(--mb-space-m);
      }
      .experiment h3 {
        margin: 0 0 var(--mb-space-xs);
      }
      .badge {
        display: inline-block;
        padding: 0 var(--mb-space-xs);
        border-radius: var(--mb-radius-s);
        border: var(--mb-border-width) solid currentColor;
        font-size: var(--mb-font-size-s);
        margin-inline-start: var(--mb-space-xs);
      }
      /* one grid for all variants, so their fields line up whatever each remove button says */
      .variants {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) auto;
        gap: 0 var(--mb-space-s);
        align-items: end;
      }
      .variant-row {
        display: contents;
      }
      .variants button {
        margin-block-end: var(--mb-space-m);
      }
      /* a phone: the key and its weight side by side, the remove button below them */
      @media (max-width: 40rem) {
        .variants {
          grid-template-columns: minmax(0, 3fr) minmax(4rem, 1fr);
        }
        .variants button {
          grid-column: 1 / -1;
          justify-self: start;
        }
      }
    `,
  ];

  @state() private experiments: ManagedExperiment[] = [];
  @state() private creating: NewExperiment = blank();
  @state() private report: KpiReport | undefined;

  protected override async load(): Promise<void> {
    await super.load();
    await this.loadReport();
  }

  private async loadReport() {
    try {
      this.report = await this.api.get<KpiReport>('/v1/admin/kpis?interval=day');
    } catch {
      // Results are shown when the report is there; the editor works without it.
    }
  }

  protected override edit(config: ConfigDocument): void {
    this.experiments = config.experiments;
    this.check();
  }

  private candidate() {
    const c = this.creating;
    return {
      key: c.key.trim(),
      variants: c.variants.map((v) => ({
        key: v.key.trim(),
        weight: v.weight.trim() === '' ? Number.NaN : Number(v.weight),
      })),
      allocation: percentToShare(c.allocation),
      holdout: percentToShare(c.holdout),
    };
  }

  /** The new experiment as the server will check it (its index is the next one in the list). */
  private check(): boolean {
    const index = this.experiments.length;
    const candidate = this.candidate();
    if (candidate.key === '' && this.fieldProblem === undefined) return false;
    const checked = validateExperiment(candidate, index);
    let problem = checked.ok ? undefined : { ...checked.error, source: 'check' as const };
    if (!problem && this.experiments.some((e) => e.key === candidate.key)) {
      problem = { field: `experiments[${index}].key`, message: 'used by an earlier experiment', source: 'check' };
    }
    if (problem || this.fieldProblem?.source !== 'server') this.fieldProblem = problem;
    return !problem;
  }

  private changeNew(mutate: (c: NewExperiment) => void) {
    const next = structuredClone(this.creating);
    mutate(next);
    this.creating = next;
    if (this.fieldProblem?.source === 'server') this.fieldProblem = undefined;
    this.status = '';
    this.check();
  }

  /** Sends one experiment into the draft (`PATCH … {upsert}`); a refusal naming a field is shown there. */
  private async upsert(experiment: ManagedExperiment): Promise<boolean> {
    this.error = '';
    try {
      const draft = await this.api.request<DraftView>('PATCH', '/v1/admin/config/draft/experiments', {
        upsert: [experiment],
      });
      this.draft = draft;
      this.experiments = draft.config.experiments;
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.field && error.status === 400) {
        this.fieldProblem = { field: error.field, message: error.message, source: 'server' };
      } else if (error instanceof ApiError && error.status === 409 && error.field) {
        this.fieldProblem = { field: error.field, message: error.message, source: 'server' };
      } else this.error = this.problem(error);
      return false;
    }
  }

  private async create() {
    if (!this.check()) {
      if (!this.fieldProblem) {
        this.fieldProblem = {
          field: `experiments[${this.experiments.length}].key`,
          message: 'must be 1–100 letters, digits',
          source: 'check',
        };
      }
      this.refuseSave();
      return;
    }
    const experiment = { ...this.candidate(), status: 'draft' as const };
    if (await this.upsert(experiment)) {
      this.creating = blank();
      this.fieldProblem = undefined;
      this.status = this.msg('xp.created', { key: experiment.key });
    }
  }

  /** Start or stop: the status changes in the draft, then the draft is published (visitors get it then). */
  private async move(experiment: ManagedExperiment, status: ExperimentStatus) {
    if (!(await this.upsert({ ...experiment, status }))) return;
    const done = await this.publishDraft();
    if (done) {
      this.status = this.msg(status === 'running' ? 'xp.started' : 'xp.stopped', { key: experiment.key });
      await this.loadReport();
    }
  }

  private publishedStatus(key: string): ExperimentStatus | undefined {
    return this.published?.config?.experiments.find((e) => e.key === key)?.status;
  }

  private renderExperiment(experiment: ManagedExperiment) {
    const live = this.publishedStatus(experiment.key);
    const results = this.report?.experiments?.find((e) => e.experiment === experiment.key);
    const weights = Object.fromEntries(experiment.variants.map((v) => [v.key, v.weight]));
    return html`<article class="experiment" aria-labelledby="xp-${experiment.key}">
      <h3 id="xp-${experiment.key}">
        <span class="mono">${experiment.key}</span>
        <span class="badge">${this.msg(`xp.status.${experiment.status}`)}</span>
        ${live !== experiment.status ? html`<span class="badge">${this.msg('xp.unpublished')}</span>` : nothing}
      </h3>
      <p>
        ${this.msg('xp.shape', {
          variants: experiment.variants.map((v) => `${v.key} (${v.weight})`).join(', '),
          allocation: this.percent(experiment.allocation),
          holdout: this.percent(experiment.holdout ?? 0),
        })}
      </p>
      <div class="actions">
        ${
          experiment.status === 'draft'
            ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.busyWith(() => this.move(experiment, 'running'))}>
              ${this.msg('xp.start', { key: experiment.key })}
            </button>`
            : nothing
        }
        ${
          experiment.status === 'running'
            ? html`<button type="button" class="danger" ?disabled=${this.busy} @click=${() => this.busyWith(() => this.move(experiment, 'stopped'))}>
              ${this.msg('xp.stop', { key: experiment.key })}
            </button>`
            : nothing
        }
      </div>
      ${
        results
          ? experimentResults(this, results, { weights, heading: false })
          : html`<p class="muted">${this.msg(experiment.status === 'draft' ? 'xp.notStarted' : 'xp.noExposures')}</p>`
      }
    </article>`;
  }

  private renderCreate() {
    const at = `experiments[${this.experiments.length}]`;
    const c = this.creating;
    return html`<form
      novalidate
      aria-labelledby="create-heading"
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.busyWith(() => this.create());
      }}
    >
      <h2 id="create-heading">${this.msg('xp.create')}</h2>
      ${this.field({
        path: `${at}.key`,
        label: this.msg('xp.key'),
        hint: this.msg('xp.keyHint'),
        ltr: true,
        value: c.key,
        onInput: (v) =>
          this.changeNew((n) => {
            n.key = v;
          }),
      })}
      <fieldset>
        <legend>${this.msg('xp.variants')}</legend>
        <div class="variants">
        ${c.variants.map(
          (variant, i) => html`<div class="variant-row">
            ${this.field({
              path: `${at}.variants[${i}].key`,
              label: this.label('xp.variantKey', { n: i + 1 }),
              ltr: true,
              value: variant.key,
              onInput: (v) =>
                this.changeNew((n) => {
                  n.variants[i]!.key = v;
                }),
            })}
            ${this.field({
              path: `${at}.variants[${i}].weight`,
              label: this.label('xp.weight', { n: i + 1 }),
              type: 'number',
              value: variant.weight,
              onInput: (v) =>
                this.changeNew((n) => {
                  n.variants[i]!.weight = v;
                }),
            })}
            <button type="button" class="danger" ?disabled=${c.variants.length <= 2} @click=${() =>
              this.changeNew((n) => {
                n.variants.splice(i, 1);
              })}>
              ${this.msg('ed.remove', { name: variant.key || String(i + 1) })}
            </button>
          </div>`,
        )}
        </div>
        <button type="button" class="secondary" @click=${() =>
          this.changeNew((n) => {
            n.variants.push({ key: `variant-${String.fromCharCode(97 + n.variants.length)}`, weight: '1' });
          })}>
          ${this.msg('xp.addVariant')}
        </button>
      </fieldset>
      <div class="two">
        ${this.field({
          path: `${at}.allocation`,
          label: this.msg('xp.allocation'),
          hint: this.msg('xp.allocationHint'),
          type: 'number',
          value: c.allocation,
          onInput: (v) =>
            this.changeNew((n) => {
              n.allocation = v;
            }),
        })}
        ${this.field({
          path: `${at}.holdout`,
          label: this.msg('xp.holdout'),
          hint: this.msg('xp.holdoutHint'),
          type: 'number',
          value: c.holdout,
          onInput: (v) =>
            this.changeNew((n) => {
              n.holdout = v;
            }),
        })}
      </div>
      <div class="actions"><button type="submit" class="secondary" ?disabled=${this.busy}>${this.msg('xp.createButton')}</button></div>
    </form>`;
  }

  override render() {
    return html`
      <h1 tabindex="-1">${this.msg('page.experiments')}</h1>
      <p>${this.msg('xp.intro')}</p>
      ${this.renderSummary()} ${this.renderStatus()}
      ${
        this.draft === undefined
          ? this.error
            ? nothing
            : html`<p>${this.msg('loading')}</p>`
          : html`
            <h2>${this.msg('xp.list')}</h2>
            ${this.experiments.length === 0 ? html`<p>${this.msg('xp.none')}</p>` : this.experiments.map((e) => this.renderExperiment(e))}
            <p class="hint">${this.msg('xp.publishNote')}</p>
            ${this.renderCreate()}
          `
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mb-console-experiments': ConsoleExperiments;
  }
}
