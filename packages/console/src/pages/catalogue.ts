import {
  type CatalogItem,
  type CatalogRowError,
  type CatalogSnapshot,
  catalogCsvTemplate,
  safeUrl,
} from '@matbakh/contract';
import { css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../api.ts';
import { dataTable } from '../data-table.ts';
import { ConsolePage, pageStyles } from '../page-base.ts';

/** A file to fill in rather than a format to read up on: the server's columns and an example restaurant and dish. */
const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(catalogCsvTemplate())}`;

const SNAPSHOT_LIMIT = 500;

/**
 * Catalogue: upload a JSON (`{"items": […]}`) or CSV file as it is (the server validates every row and writes nothing
 * when one is bad: the rows and their errors are listed), and search the stored catalogue by name, id or tag.
 */
@customElement('mb-console-catalogue')
export class ConsoleCatalogue extends ConsolePage {
  static override styles = [
    ...pageStyles,
    css`
      .label {
        display: block;
        font-weight: var(--mb-font-weight-strong);
        margin-block-end: var(--mb-space-2xs);
      }
      .file-input {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        opacity: 0;
      }
      label.button {
        display: inline-flex;
        align-items: center;
        margin: 0 var(--mb-space-s) 0 0;
        margin-inline: 0 var(--mb-space-s);
      }
      .file-input:focus-visible + label {
        outline: var(--mb-focus-ring-width) solid var(--mb-color-focus);
        outline-offset: var(--mb-focus-ring-offset);
      }
    `,
  ];

  @state() private items: CatalogItem[] | undefined;
  @state() private query = '';
  @state() private result = '';
  @state() private rowErrors: CatalogRowError[] = [];
  @state() private error = '';
  @state() private busy = false;
  @state() private fileName = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const writeKey = this.session?.tenant.writeKey;
    if (!writeKey) return;
    try {
      const query = new URLSearchParams({ writeKey, limit: String(SNAPSHOT_LIMIT) });
      this.items = (await this.api.get<CatalogSnapshot>(`/v1/catalog?${query}`)).items;
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  private async upload(event: SubmitEvent) {
    event.preventDefault();
    const file = this.renderRoot.querySelector<HTMLInputElement>('#file')?.files?.[0];
    if (!file) return;
    this.busy = true;
    this.error = '';
    this.result = '';
    this.rowErrors = [];
    const type = /\.csv$/i.test(file.name) || file.type === 'text/csv' ? 'text/csv' : 'application/json';
    try {
      const done = await this.api.request<{ upserted: number }>('POST', '/v1/admin/catalog', file, type);
      this.result = this.msg('uploaded', { count: done.upserted });
      await this.load();
    } catch (error) {
      const rows =
        error instanceof ApiError ? (error.body as { errors?: CatalogRowError[] } | null)?.errors : undefined;
      if (rows?.length) this.rowErrors = rows;
      else this.error = this.problem(error);
    } finally {
      this.busy = false;
    }
  }

  private found(): CatalogItem[] {
    const needle = this.query.trim().toLowerCase();
    const items = this.items ?? [];
    if (!needle) return items.slice(0, 50);
    return items
      .filter((item) => [item.id, item.name, item.cuisine ?? '', ...item.tags].join(' ').toLowerCase().includes(needle))
      .slice(0, 50);
  }

  // Long because: the page's one template (upload, search, table) with inline bindings to the page's state.
  override render() {
    const found = this.found();
    return html`
      <h1 tabindex="-1">${this.msg('page.catalogue')}</h1>
      <p>${this.msg('catalogueIntro')}</p>
      <p>
        <a href=${TEMPLATE_HREF} download="catalogue-template.csv">${this.msg('catalogueTemplate')}</a>
        <br /><span class="muted">${this.msg('catalogueTemplateHint')}</span>
      </p>
      <form @submit=${this.upload} class="row">
        <div class="field">
          <span class="label" id="file-label">${this.msg('file')}</span>
          <!-- The native control's texts follow the browser, not the console: it is hidden behind our own button. -->
          <input
            id="file"
            type="file"
            class="file-input"
            accept=".json,.csv,application/json,text/csv"
            aria-labelledby="file-label file-button"
            aria-describedby="file-name"
            required
            @change=${(event: Event) => {
              this.fileName = (event.target as HTMLInputElement).files?.[0]?.name ?? '';
            }}
          />
          <label for="file" id="file-button" class="button secondary">${this.msg('chooseFile')}</label>
          <span id="file-name">${this.fileName || this.msg('noFile')}</span>
        </div>
        <div class="field"><button type="submit" ?disabled=${this.busy}>${this.msg('upload')}</button></div>
      </form>
      <div role="status">${this.result ? html`<p class="notice">${this.result}</p>` : ''}</div>
      <div role="alert">
        ${this.error ? html`<p class="notice error">${this.error}</p>` : ''}
        ${
          this.rowErrors.length
            ? html`<div class="notice error">
              <p>${this.msg('rowErrors', { count: this.rowErrors.length })}</p>
              <ul>
                ${this.rowErrors.map(
                  (row) =>
                    html`<li>${this.msg('row', { index: row.index + 1, field: row.field, message: row.message })}</li>`,
                )}
              </ul>
            </div>`
            : ''
        }
      </div>
      <h2>${this.msg('search')}</h2>
      <div class="field">
        <label for="search" class="visually-hidden">${this.msg('search')}</label>
        <input
          id="search"
          type="search"
          .value=${this.query}
          @input=${(event: InputEvent) => {
            this.query = (event.target as HTMLInputElement).value;
          }}
        />
      </div>
      ${
        this.items === undefined
          ? ''
          : this.items.length === 0
            ? html`<p>${this.msg('catalogueEmpty')}</p>`
            : html`<p role="status">${this.msg('searchResults', { count: found.length })}</p>
            ${
              found.length === 0
                ? ''
                : dataTable({
                    caption: this.msg('page.catalogue'),
                    columns: [
                      this.msg('itemName'),
                      this.msg('keyId'),
                      this.msg('itemKind'),
                      this.msg('itemRegion'),
                      this.msg('itemLink'),
                    ],
                    rows: found,
                    row: (item) => {
                      const url = safeUrl(item.url);
                      return html`<tr>
                          <td>${item.name}</td>
                          <td><code>${item.id}</code></td>
                          <td>${item.kind}</td>
                          <td>${item.region ?? ''}</td>
                          <td>
                            ${
                              url
                                ? html`<a href=${url} rel="noopener noreferrer" target="_blank"
                                  >${this.msg('open')}<span class="visually-hidden">: ${item.name}</span></a
                                >`
                                : ''
                            }
                          </td>
                        </tr>`;
                    },
                  })
            }`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mb-console-catalogue': ConsoleCatalogue;
  }
}
