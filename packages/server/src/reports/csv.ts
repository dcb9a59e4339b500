/**
 * One CSV cell (RFC 4180 quoting), guarded against formula injection: a text cell starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows it
 * as text instead of running it. Numbers are written as numbers (a negative change stays a number).
 *
 * @example
 * ```ts
 * csvCell('=HYPERLINK("http://x")'); // '"\'=HYPERLINK(""http://x"")"'
 * csvCell(-3.5); // '-3.5'
 * csvCell(null); // ''
 * ```
 */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Rows as CSV text: UTF-8 with a byte-order mark (so spreadsheet programs read Chinese labels),
 * CRLF line ends, every cell through {@link csvCell}.
 *
 * @example
 * ```ts
 * csvText([['quarter', 'count'], ['2026Q1', 12]]); // '\uFEFFquarter,count\r\n2026Q1,12\r\n'
 * ```
 */
export const csvText = (rows: readonly (readonly (string | number | null)[])[]): string =>
  `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
