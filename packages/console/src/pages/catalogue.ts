import { type CatalogItem, type CatalogRowError, type CatalogSnapshot, safeUrl } from '@matbakh/contract';
import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../api.ts';
import { ConsolePage } from '../page-base.ts';

const SNAPSHOT_LIMIT = 500;

/**
 * Catalogue: upload a JSON (`{"items": […]}`) or CSV file as it is (the server validates every row and writes nothing
 * when one is bad: the rows and their errors are listed), and search the stored catalogue by name, id or tag.
 */
@customElement('mb-console-catalogue')
export class ConsoleCatalogue extends ConsolePage {
  @state() private items: CatalogItem[] | undefined;
  @state() private query = '';
  @state() private result = '';
  @state() private rowErrors: CatalogRowError[] = [];
  @state() private error = '';
  @state() private busy = false;

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

  override render() {
    const found = this.found();
    return html`
      <h1 tabindex="-1">${this.msg('page.catalogue')}</h1>
      <p>${this.msg('catalogueIntro')}</p>
      <form @submit=${this.upload} class="row">
        <div class="field">
          <label for="file">${this.msg('file')}</label>
          <input id="file" type="file" accept=".json,.csv,application/json,text/csv" required />
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
                    html`<li>${this.msg('row', { index: row.index, field: row.field, message: row.message })}</li>`,
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
          : html`<p role="status">${this.msg('searchResults', { count: found.length })}</p>
            ${
              found.length === 0
                ? ''
                : html`<div class="table-wrap">
                  <table>
                    <caption class="visually-hidden">${this.msg('page.catalogue')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">${this.msg('itemName')}</th>
                        <th scope="col">${this.msg('keyId')}</th>
                        <th scope="col">${this.msg('itemKind')}</th>
                        <th scope="col">${this.msg('itemRegion')}</th>
                        <th scope="col">${this.msg('itemLink')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${found.map((item) => {
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
                      })}
                    </tbody>
                  </table>
                </div>`
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
