import { csvCell } from '@complaintkit/core/node';

// The guarded cell is core's (one definition for every CSV the service and the tools write).
export { csvCell };

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
