// Long because: one page: the campaign list, the editor form and the preview share the page's draft state.
import {
  type Campaign,
  type CampaignListResponse,
  type CampaignPreviewResponse,
  type CampaignResults,
  validateCampaignInput,
} from '@matbakh/contract';
import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../api.ts';
import { type CampaignDraft, draftOf, emptyDraft, inputOf } from '../campaigns/campaign-draft.ts';
import { campaignFields } from '../campaigns/campaign-form.ts';
import { channelTable, liftTable } from '../campaigns/messaging-results.ts';
import { dataTable } from '../data-table.ts';
import { boxStyle, EditorPage, editorStyles } from '../editor/editor-page.ts';

/** What the panel under the list shows. */
type Panel =
  | { kind: 'none' }
  | { kind: 'edit'; id: string | undefined }
  | { kind: 'preview'; campaign: Campaign; previews: CampaignPreviewResponse['previews'] }
  | { kind: 'results'; campaign: Campaign; results: CampaignResults };

const BASE = '/v1/admin/campaigns';

/**
 * Campaigns (issue 19): the tenant's campaigns with their status, a form that creates or edits one (checked as the
 * person types with the contract's validator, the same the server runs), start and pause, delete for drafts, the
 * preview per locale (rendered by the server, shown as text), a test send to the signed-in admin and the results
 * (funnel per channel, revenue per message, lift over the holdout).
 */
@customElement('mb-console-campaigns')
export class ConsoleCampaigns extends EditorPage {
  static override styles = [
    ...editorStyles,
    css`
      form {
        max-inline-size: 56rem;
      }
      ol.channels {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      ol.channels li button {
        min-inline-size: 44px;
        padding-inline: var(--mb-space-s);
      }
      .row-actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--mb-space-xs);
      }
      .preview {
        ${boxStyle}
        margin-block-end: var(--mb-space-s);
      }
      .preview h3 {
        margin: 0 0 var(--mb-space-2xs);
      }
      .preview p {
        white-space: pre-wrap;
      }
      h2[tabindex='-1']:focus {
        outline: none;
      }
    `,
  ];

  @state() private campaigns: Campaign[] | undefined;
  @state() private panel: Panel = { kind: 'none' };
  @state() private form: CampaignDraft = emptyDraft();
  /** Whom a test goes to: the admin's own user id on the partner's site. */
  @state() private testUser = '';

  protected override async load(): Promise<void> {
    try {
      this.campaigns = (await this.api.get<CampaignListResponse>(BASE)).campaigns;
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  private async show(panel: Panel) {
    this.panel = panel;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#panel h2')?.focus();
  }

  private openForm(campaign: Campaign | undefined) {
    this.form = campaign ? draftOf(campaign) : emptyDraft();
    this.fieldProblem = undefined;
    this.status = '';
    void this.show({ kind: 'edit', id: campaign?.id });
  }

  /** The form changed: check it as the server will, so the problem shows at its field while typing. */
  private change(draft: CampaignDraft) {
    this.form = draft;
    const checked = validateCampaignInput(inputOf(draft));
    this.fieldProblem = checked.ok ? undefined : { ...checked.error, source: 'check' };
  }

  private async save(id: string | undefined) {
    this.error = '';
    try {
      const input = inputOf(this.form);
      const saved = id
        ? await this.api.request<Campaign>('PUT', `${BASE}/${encodeURIComponent(id)}`, input)
        : await this.api.request<Campaign>('POST', BASE, input);
      this.fieldProblem = undefined;
      this.status = this.msg('cmp.saved', { name: saved.name });
      this.panel = { kind: 'edit', id: saved.id };
      await this.load();
    } catch (error) {
      if (error instanceof ApiError && error.field && error.status === 400) {
        this.fieldProblem = { field: error.field, message: error.message, source: 'server' };
      } else this.error = this.problem(error);
    }
  }

  /** A POST on the campaign (start, pause, preview, test-send) or its DELETE; errors are shown, not thrown. */
  private async act<T>(
    method: 'POST' | 'DELETE',
    campaign: Campaign,
    action = '',
    body?: object,
  ): Promise<T | undefined> {
    this.error = '';
    this.status = '';
    try {
      const path = `${BASE}/${encodeURIComponent(campaign.id)}${action ? `/${action}` : ''}`;
      return await this.api.request<T>(method, path, body);
    } catch (error) {
      this.error = this.problem(error);
      return undefined;
    }
  }

  private async setStatus(campaign: Campaign, action: 'start' | 'pause') {
    const done = await this.act<Campaign>('POST', campaign, action);
    if (!done) return;
    this.status = this.msg(action === 'start' ? 'cmp.started' : 'cmp.paused', { name: done.name });
    await this.load();
  }

  private async deleteDraft(campaign: Campaign) {
    if ((await this.act('DELETE', campaign)) === undefined) return;
    this.status = this.msg('cmp.deleted', { name: campaign.name });
    if ('id' in this.panel && this.panel.id === campaign.id) this.panel = { kind: 'none' };
    await this.load();
  }

  private async preview(campaign: Campaign) {
    const answer = await this.act<CampaignPreviewResponse>('POST', campaign, 'preview', {});
    if (answer) await this.show({ kind: 'preview', campaign, previews: answer.previews });
  }

  private async results(campaign: Campaign) {
    try {
      const results = await this.api.get<CampaignResults>(`${BASE}/${encodeURIComponent(campaign.id)}/results`);
      await this.show({ kind: 'results', campaign, results });
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  private async testSend(campaign: Campaign) {
    const sent = await this.act<{ recipient: string }>('POST', campaign, 'test-send', { userId: this.testUser.trim() });
    if (sent) this.status = this.msg('cmp.testSent', { recipient: sent.recipient });
  }

  /** The user id a test goes to, and the button that sends it. */
  private renderTestSend(campaign: Campaign): TemplateResult {
    return html`<div class="field">
        <label for="test-user">${this.msg('cmp.testUser')}</label>
        <input id="test-user" dir="ltr" .value=${this.testUser}
          @input=${(event: Event) => {
            this.testUser = (event.target as HTMLInputElement).value;
          }} />
      </div>
      ${this.button(this.msg('cmp.testSend'), () => this.testSend(campaign))}`;
  }

  private button(label: string, action: () => Promise<unknown>, kind = 'secondary', name?: string) {
    return html`<button type="button" class=${kind} ?disabled=${this.busy}
      aria-label=${name ? `${label}: ${name}` : nothing} @click=${() => this.busyWith(action)}>${label}</button>`;
  }

  private renderList(campaigns: readonly Campaign[]): TemplateResult {
    if (campaigns.length === 0) return html`<p>${this.msg('cmp.empty')}</p>`;
    return dataTable({
      caption: this.msg('cmp.list'),
      columns: [
        this.msg('cmp.name'),
        this.msg('cmp.status'),
        { label: this.msg('cmp.topic'), wideOnly: true },
        { label: this.msg('cmp.updated'), wideOnly: true },
        this.msg('cmp.actions'),
      ],
      rows: campaigns,
      row: (c) => html`<tr>
              <th scope="row">${c.name}</th>
              <td><span class="badge">${this.msg(`cmp.status.${c.status}`)}</span></td>
              <td class="wide-only">${this.msg(`cmp.topic.${c.topic}`)}</td>
              <td class="wide-only">${this.date(c.updatedAt)}</td>
              <td class="row-actions">
                ${this.button(this.msg('cmp.edit'), async () => this.openForm(c), 'secondary', c.name)}
                ${this.button(this.msg('cmp.preview'), () => this.preview(c), 'secondary', c.name)}
                ${
                  c.status === 'running'
                    ? this.button(this.msg('cmp.pause'), () => this.setStatus(c, 'pause'), 'secondary', c.name)
                    : this.button(this.msg('cmp.start'), () => this.setStatus(c, 'start'), '', c.name)
                }
                ${this.button(this.msg('cmp.results'), () => this.results(c), 'secondary', c.name)}
                ${c.status === 'draft' ? this.button(this.msg('cmp.delete'), () => this.deleteDraft(c), 'danger', c.name) : nothing}
              </td>
            </tr>`,
    });
  }

  private renderPanel(): TemplateResult | typeof nothing {
    const panel = this.panel;
    const close = html`<button type="button" class="secondary" @click=${() => this.show({ kind: 'none' })}>
      ${this.msg('cmp.close')}
    </button>`;
    if (panel.kind === 'edit') {
      const current = this.campaigns?.find((c) => c.id === panel.id);
      return html`<section id="panel" aria-labelledby="panel-title">
        <h2 id="panel-title" tabindex="-1">
          ${current ? this.msg('cmp.editOf', { name: current.name }) : this.msg('cmp.new')}
        </h2>
        ${this.renderSummary()}
        <form novalidate @submit=${(event: Event) => {
          event.preventDefault();
          void this.busyWith(() => this.save(panel.id));
        }}>
          ${campaignFields(this, this.form, (draft) => this.change(draft))}
          <div class="actions">
            <button type="submit" ?disabled=${this.busy}>${this.msg('cmp.save')}</button>
            ${current ? this.button(this.msg('cmp.preview'), () => this.preview(current)) : nothing}
            <button type="button" class="secondary" @click=${() => this.show({ kind: 'none' })}>${this.msg('cmp.cancel')}</button>
          </div>
        </form>
      </section>`;
    }
    if (panel.kind === 'preview') {
      return html`<section id="panel" aria-labelledby="panel-title">
        <h2 id="panel-title" tabindex="-1">${this.msg('cmp.previewOf', { name: panel.campaign.name })}</h2>
        <p class="hint">${this.msg('cmp.previewHint')}</p>
        ${panel.previews.map(
          (p) => html`<article class="preview" lang=${p.locale} dir=${p.locale === 'ar' ? 'rtl' : 'ltr'}>
            <h3>${p.title}</h3>
            <p>${p.body}</p>
            ${p.url ? html`<p class="mono">${p.url}</p>` : nothing}
          </article>`,
        )}
        <div class="actions">${this.renderTestSend(panel.campaign)} ${close}</div>
      </section>`;
    }
    if (panel.kind === 'results') {
      const { results, campaign } = panel;
      return html`<section id="panel" aria-labelledby="panel-title">
        <h2 id="panel-title" tabindex="-1">${this.msg('cmp.resultsOf', { name: campaign.name })}</h2>
        ${channelTable(this, this.msg('cmp.channels'), results.channels, results.total)}
        ${liftTable(this, this.msg('cmp.holdout'), results.lift)}
        <p class="hint">${this.msg('cmp.attribution', { days: results.attributionWindowDays })}</p>
        <div class="actions">${close}</div>
      </section>`;
    }
    return nothing;
  }

  override render() {
    return html`
      <h1 tabindex="-1">${this.msg('page.campaigns')}</h1>
      <p>${this.msg('cmp.intro')}</p>
      ${this.panel.kind === 'edit' ? nothing : html`<div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>`}
      ${this.renderStatus()}
      <div class="actions">
        <button type="button" @click=${() => this.openForm(undefined)}>${this.msg('cmp.new')}</button>
      </div>
      ${this.campaigns === undefined ? (this.error ? nothing : html`<p>${this.msg('loading')}</p>`) : this.renderList(this.campaigns)}
      ${this.renderPanel()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mb-console-campaigns': ConsoleCampaigns;
  }
}
