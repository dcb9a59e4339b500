import { csvCell } from '@complaintkit/core/node';

/**
 * One CSV cell: core's guarded RFC 4180 cell (`@complaintkit/core/node`), so a tag export never lets
 * a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return be read as a formula.
 *
 * @example
 * ```ts
 * csvCell('a,b'); // '"a,b"'
 * csvCell('-1'); // "'-1"
 * ```
 */
export { csvCell };

/**
 * One CSV line from cells, without the line ending; every cell through {@link csvCell}.
 *
 * @example
 * ```ts
 * csvLine(['C-1|repeat_complainer', null]); // 'C-1|repeat_complainer,'
 * ```
 */
export const csvLine = (cells: readonly (string | null)[]): string => cells.map(csvCell).join(',');
