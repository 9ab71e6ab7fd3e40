/**
 * A catalogue as CSV (`POST /v1/admin/catalog` with `Content-Type: text/csv`, `load-catalog FILE.csv`): one item
 * per row, a header naming the columns. Columns are the item's fields; nested fields are dotted (`price.amount`,
 * `image.url`); lists (`diet`, `allergens`, `tags`, `seasonMonths`, `requirements.services`, …) are separated by `|`;
 * an empty cell leaves the field out. The rows become the same `{ items }` body as a JSON upload, checked by the
 * same validator, so both formats accept and refuse the same catalogues. Quoting, CRLF and a BOM are csv-parse's job.
 */
import { CATALOG_CSV_COLUMNS, CATALOG_CSV_LISTS, type CatalogCsvColumn, type CatalogRowError } from '@matbakh/contract';
import { CsvError, parse } from 'csv-parse/sync';

const NUMBERS = new Set<CatalogCsvColumn>([
  'price.amount',
  'image.width',
  'image.height',
  'seasonMonths',
  'requirements.minLocations',
]);
const NUMBER = /^-?\d+(\.\d+)?$/;

/** A CSV catalogue: the JSON body it stands for, and the file line of each row (errors name both). */
export type CsvCatalog =
  | { ok: true; body: { items: Record<string, unknown>[] }; lines: number[] }
  | { ok: false; errors: (CatalogRowError & { line?: number })[] };

export const isCsv = (contentType: string | undefined): boolean =>
  /^(text\/csv|application\/csv)\b/i.test(contentType?.trim() ?? '');

/** A number where the column holds one; anything else stays text, for the validator to name. */
const cell = (column: CatalogCsvColumn, text: string): unknown =>
  NUMBERS.has(column) && NUMBER.test(text) ? Number(text) : text;

function setPath(target: Record<string, unknown>, column: CatalogCsvColumn, value: unknown): void {
  const [head, tail] = column.split('.') as [string, string | undefined];
  if (tail === undefined) {
    target[head] = value;
    return;
  }
  const nested = (target[head] ?? {}) as Record<string, unknown>;
  nested[tail] = value;
  target[head] = nested;
}

function item(header: readonly CatalogCsvColumn[], cells: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  header.forEach((column, i) => {
    const text = (cells[i] ?? '').trim();
    if (text === '') return;
    const value = CATALOG_CSV_LISTS.has(column)
      ? text
          .split('|')
          .map((part) => part.trim())
          .filter((part) => part !== '')
          .map((part) => cell(column, part))
      : cell(column, text);
    setPath(out, column, value);
  });
  return out;
}

function parseRecords(text: string): { records: string[][]; lines: number[] } | CsvCatalog {
  try {
    const parsed = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return { records: parsed.map((row) => row.record), lines: parsed.map((row) => row.info.lines) };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    return { ok: false, errors: [{ index: -1, field: 'csv', message: error.message, ...(line ? { line } : {}) }] };
  }
}

/** The header row, then one item per row; a bad header or a row with the wrong number of cells is named. */
export function catalogFromCsv(text: string): CsvCatalog {
  const parsed = parseRecords(text);
  if ('ok' in parsed) return parsed;
  const [headerRow, ...rows] = parsed.records;
  if (!headerRow) return { ok: false, errors: [{ index: -1, field: 'csv', message: 'the CSV has no header row' }] };
  const errors: (CatalogRowError & { line?: number })[] = [];
  const header = headerRow.map((name) => name.trim());
  header.forEach((name, i) => {
    if (!(CATALOG_CSV_COLUMNS as readonly string[]).includes(name)) {
      errors.push({
        index: -1,
        line: 1,
        field: name || `column ${i + 1}`,
        message: `unknown column: use ${CATALOG_CSV_COLUMNS.join(', ')}`,
      });
    } else if (header.indexOf(name) !== i) {
      errors.push({ index: -1, line: 1, field: name, message: 'the column is named twice' });
    }
  });
  rows.forEach((cells, index) => {
    if (cells.length !== header.length) {
      const line = parsed.lines[index + 1];
      errors.push({
        index,
        ...(line === undefined ? {} : { line }),
        field: 'row',
        message: `row has ${cells.length} cells, the header ${header.length}`,
      });
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: { items: rows.map((cells) => item(header as CatalogCsvColumn[], cells)) },
    lines: parsed.lines.slice(1),
  };
}

/** A validation error of a CSV row also names the file's line (header = line 1). */
export function withLines(
  errors: readonly CatalogRowError[],
  lines: readonly number[],
): (CatalogRowError & { line?: number })[] {
  return errors.map((error) => {
    const line = lines[error.index];
    return line === undefined ? error : { ...error, line };
  });
}
