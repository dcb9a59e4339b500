/** @internal the first characters a spreadsheet reads as the start of a formula (or hides before one). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** @internal a guarded cell: the apostrophe before a formula start. */
const GUARDED = /^'[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180), guarded against formula injection: a text cell starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return gets a leading apostrophe, so Excel and other spreadsheets show
 * it as text instead of running it (OWASP "CSV injection"). It is quoted when it holds a comma, a
 * quote, a line break, or spaces at either end. Numbers are written as numbers (a negative figure stays
 * a number); `null` is an empty cell. Every CSV the service and the tools write goes through this one
 * function.
 *
 * @example
 * ```ts
 * csvCell('=HYPERLINK("http://x")'); // '"\'=HYPERLINK(""http://x"")"'
 * csvCell('-3'); // "'-3" (text)
 * csvCell(-3.5); // '-3.5' (a number)
 * csvCell(null); // ''
 * ```
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const s = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The text a guarded cell stood for: removes the apostrophe {@link csvCell} put before a formula
 * start, so a value read back from a CSV (a CRM's result file) matches the value that was written.
 * Any other text is returned as it is.
 *
 * @example
 * ```ts
 * csvUnguard("'=1+2"); // '=1+2'
 * csvUnguard("O'Brien"); // "O'Brien"
 * ```
 */
export const csvUnguard = (text: string): string => (GUARDED.test(text) ? text.slice(1) : text);
