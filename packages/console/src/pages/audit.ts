import type { AuditEntry, AuditLogResponse } from '@matbakh/contract';
import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { dataTable } from '../data-table.ts';
import { ConsolePage } from '../page-base.ts';
import './config-versions.ts';

const PAGE = 50;

/** The configuration's versions (with rollback), then the audit log: newest page first from the server's cursor (`after`), a text filter, "load more" for paging. */
@customElement('mb-console-audit')
export class ConsoleAudit extends ConsolePage {
  @state() private entries: AuditEntry[] | undefined;
  @state() private next: number | null = null;
  @state() private filter = '';
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(0);
  }

  private async load(after: number) {
    this.error = '';
    try {
      const page = await this.api.get<AuditLogResponse>(`/v1/admin/audit?after=${after}&limit=${PAGE}`);
      this.entries = [...(after === 0 ? [] : (this.entries ?? [])), ...page.entries];
      this.next = page.next;
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  private matchesFilter(entry: AuditEntry): boolean {
    const needle = this.filter.trim().toLowerCase();
    if (!needle) return true;
    const text = [
      entry.actor,
      entry.actorId ?? '',
      entry.action,
      entry.target,
      entry.purpose,
      JSON.stringify(entry.detail),
    ]
      .join(' ')
      .toLowerCase();
    return text.includes(needle);
  }

  override render() {
    const shown = (this.entries ?? []).filter((entry) => this.matchesFilter(entry)).reverse();
    return html`
      <h1 tabindex="-1">${this.msg('page.audit')}</h1>
      <p>${this.msg('auditIntro')}</p>
      <mb-console-versions .api=${this.api} locale=${this.locale} @rolled-back=${() => this.load(0)}></mb-console-versions>
      <h2>${this.msg('auditEntries')}</h2>
      <div class="field">
        <label for="filter">${this.msg('filter')}</label>
        <input
          id="filter"
          type="search"
          aria-describedby="filter-hint"
          .value=${this.filter}
          @input=${(event: InputEvent) => {
            this.filter = (event.target as HTMLInputElement).value;
          }}
        />
        <p id="filter-hint" class="muted">${this.msg('filterHint')}</p>
      </div>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : ''}</div>
      ${
        this.entries === undefined
          ? this.error
            ? ''
            : html`<p>${this.msg('loading')}</p>`
          : html`
            <p role="status">${this.msg('shown', { count: shown.length })}</p>
            ${
              shown.length === 0
                ? html`<p>${this.msg('auditEmpty')}</p>`
                : dataTable({
                    caption: this.msg('page.audit'),
                    columns: [
                      this.msg('auditAt'),
                      this.msg('auditActor'),
                      this.msg('auditAction'),
                      this.msg('auditTarget'),
                      this.msg('auditDetail'),
                    ],
                    rows: shown,
                    row: (entry) => html`<tr>
                          <td>${this.date(entry.at)}</td>
                          <td>${entry.actor}${entry.actorId ? html`<br /><code>${entry.actorId}</code>` : ''}</td>
                          <td>${entry.action}</td>
                          <td>${entry.target}</td>
                          <td><code>${JSON.stringify(entry.detail)}</code></td>
                        </tr>`,
                  })
            }
            ${
              this.next === null
                ? ''
                : html`<button type="button" class="secondary" @click=${() => this.load(this.next ?? 0)}>
                  ${this.msg('more')}
                </button>`
            }
          `
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mb-console-audit': ConsoleAudit;
  }
}
