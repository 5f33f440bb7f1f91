/**
 * CSV as RFC 4180 has it (CRLF rows; a field with a comma, quote or line break is quoted, quotes doubled), with a
 * guard against formula injection: a cell a spreadsheet would run (starting with = + - @, a tab or a carriage
 * return) is prefixed with a single quote, so it is read as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
