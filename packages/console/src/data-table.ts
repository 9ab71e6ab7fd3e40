/**
 * The console's one data table: a scrollable wrapper (wide tables scroll inside it, never the page), a caption
 * (read by screen readers; shown only where the page has no heading for the table) and column headers with
 * `scope`. Callers render the rows: a row that has a name puts it in `<th scope="row">`.
 */
import { html, nothing, type TemplateResult } from 'lit';

/** A column header; `wideOnly` hides the column on a phone (page.css `.wide-only`). */
export type Column = string | { label: string; wideOnly?: boolean };

export interface DataTableOptions<T> {
  caption: string;
  /** Show the caption (default: only for screen readers). */
  captionVisible?: boolean;
  columns: readonly Column[];
  rows: readonly T[];
  row: (item: T) => TemplateResult;
  /** Rows after the data, e.g. a total. */
  footer?: TemplateResult;
}

function headerCell(column: Column): TemplateResult {
  return typeof column === 'string'
    ? html`<th scope="col">${column}</th>`
    : html`<th scope="col" class=${column.wideOnly ? 'wide-only' : nothing}>${column.label}</th>`;
}

export function dataTable<T>(options: DataTableOptions<T>): TemplateResult {
  return html`<div class="table-wrap">
    <table>
      <caption class=${options.captionVisible ? nothing : 'visually-hidden'}>${options.caption}</caption>
      <thead>
        <tr>
          ${options.columns.map(headerCell)}
        </tr>
      </thead>
      <tbody>
        ${options.rows.map(options.row)} ${options.footer ?? nothing}
      </tbody>
    </table>
  </div>`;
}
