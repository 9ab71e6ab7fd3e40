/** One CSV cell (RFC 4180); text a spreadsheet would run as a formula gets a leading `'` (as kpis/csv.ts does). */
export function csvCell(value: string | number): string {
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
