/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces.
 *
 * @example
 * ```ts
 * csvCell('a,b'); // '"a,b"'
 * ```
 */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * One CSV line from cells, without the line ending.
 *
 * @example
 * ```ts
 * csvLine(['C-1|repeat_complainer', null]); // 'C-1|repeat_complainer,'
 * ```
 */
export const csvLine = (cells: readonly (string | null)[]): string => cells.map(csvCell).join(',');
