import { css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { dataTable } from '../data-table.ts';
import { ConsolePage, pageStyles } from '../page-base.ts';

/** One entry of `GET /v1/admin/config/versions` (docs/admin-api.md), newest first. */
export interface ConfigVersion {
  version: number;
  policyVersion: number;
  action: 'seed' | 'publish' | 'rollback';
  author: string;
  createdAt: string;
  restored?: number;
}

/**
 * The configuration's versions (the newest is the one visitors get) and a rollback to an earlier one, asked in a
 * native modal `<dialog>`: focus moves into it, Escape or Cancel closes it and sends nothing. After a rollback the
 * list is reloaded and the new current version is announced; `rolled-back` tells the audit page to reload too.
 */
@customElement('mb-console-versions')
export class ConsoleVersions extends ConsolePage {
  static override styles = [
    ...pageStyles,
    css`
      dialog {
        max-inline-size: min(32rem, 90vw);
        border: var(--mb-border-width) solid var(--mb-color-border);
        border-radius: var(--mb-radius-m);
        background: var(--mb-color-surface);
        color: inherit;
        padding: var(--mb-space-m);
      }
      dialog h3 {
        margin-block-start: 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--mb-space-s);
      }
      .current {
        font-weight: var(--mb-font-weight-strong);
      }
    `,
  ];

  @state() private versions: ConfigVersion[] | undefined;
  @state() private asking: number | undefined;
  @state() private status = '';
  @state() private error = '';
  @state() private busy = false;
  @query('dialog') private dialog!: HTMLDialogElement;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const answer = await this.api.get<{ versions: ConfigVersion[] }>('/v1/admin/config/versions');
      this.versions = answer.versions;
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  private async ask(version: number) {
    this.asking = version;
    this.status = '';
    await this.updateComplete;
    this.dialog.showModal();
  }

  private async rollBack() {
    const version = this.asking;
    this.dialog.close();
    if (version === undefined) return;
    this.busy = true;
    this.error = '';
    try {
      const done = await this.api.request<ConfigVersion>('POST', '/v1/admin/config/rollback', { version });
      this.status = this.msg('rolledBack', { version: done.version, restored: done.restored ?? version });
      await this.load();
      this.dispatchEvent(new CustomEvent('rolled-back', { bubbles: true, composed: true, detail: done }));
    } catch (error) {
      this.error = this.problem(error);
    } finally {
      this.busy = false;
    }
  }

  private actionText(entry: ConfigVersion): string {
    if (entry.action === 'rollback') return this.msg('versionAction.rollback', { version: entry.restored ?? '–' });
    return this.msg(entry.action === 'seed' ? 'versionAction.seed' : 'versionAction.publish');
  }

  private renderRow(entry: ConfigVersion, current: number) {
    const isCurrent = entry.version === current;
    return html`<tr class=${isCurrent ? 'current' : ''} aria-current=${isCurrent ? 'true' : nothing}>
      <td>${entry.version}${isCurrent ? html` (${this.msg('versionCurrent')})` : nothing}</td>
      <td>${this.actionText(entry)}</td>
      <td><code>${entry.author}</code></td>
      <td>${this.date(entry.createdAt)}</td>
      <td>
        ${
          isCurrent
            ? nothing
            : html`<button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.ask(entry.version)}>
              ${this.msg('rollbackTo', { version: entry.version })}
            </button>`
        }
      </td>
    </tr>`;
  }

  private renderDialog(current: number) {
    const version = this.asking ?? 0;
    return html`<dialog aria-labelledby="rollback-question" aria-describedby="rollback-explain" @close=${() => {
      this.asking = undefined;
    }}>
      <h3 id="rollback-question">${this.msg('rollbackQuestion', { version })}</h3>
      <p id="rollback-explain">${this.msg('rollbackExplain', { version, current })}</p>
      <div class="actions">
        <button type="button" class="confirm" @click=${() => this.rollBack()}>${this.msg('rollbackTo', { version })}</button>
        <button type="button" class="secondary cancel" autofocus @click=${() => this.dialog.close()}>
          ${this.msg('rollbackCancel')}
        </button>
      </div>
    </dialog>`;
  }

  override render() {
    const versions = this.versions ?? [];
    const current = versions[0]?.version ?? 0;
    return html`<section aria-labelledby="versions-heading">
      <h2 id="versions-heading">${this.msg('versionsHeading')}</h2>
      <p>${this.msg('versionsIntro')}</p>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
      <div role="status">${this.status ? html`<p class="notice">${this.status}</p>` : nothing}</div>
      ${
        this.versions === undefined
          ? this.error
            ? nothing
            : html`<p>${this.msg('loading')}</p>`
          : versions.length === 0
            ? html`<p>${this.msg('versionsEmpty')}</p>`
            : dataTable({
                caption: this.msg('versionsHeading'),
                columns: [
                  this.msg('versionNumber'),
                  this.msg('auditAction'),
                  this.msg('versionAuthor'),
                  this.msg('auditAt'),
                  this.msg('rollbackColumn'),
                ],
                rows: versions,
                row: (entry) => this.renderRow(entry, current),
              })
      }
      ${this.renderDialog(current)}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mb-console-versions': ConsoleVersions;
  }
}
