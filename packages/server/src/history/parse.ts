import { HistoryRecord } from '@complaintkit/core/domain';
import { safeParse } from 'zod/mini';
import { ISSUE_MESSAGES, withoutInnerBound } from '../http/issue-messages.js';
import { loneSurrogatePath, nulPath } from '../nul-path.js';
import type { RawRow } from './rows.js';

/**
 * One bad row of a history file: its line (1-based, the header is line 1 of a CSV), for a CSV its
 * record (the row a spreadsheet shows it on, which differs from the line after a quoted cell holding a
 * line break), the field and what is wrong, never the row's content (it may hold personal data).
 *
 * @example
 * ```ts
 * const e: RowError = { line: 7, record: 5, field: 'receivedAt', message: 'expected a date-time with an offset, e.g. 2026-11-01T00:00:00+08:00 or 2026-11-01T00:00:00Z' };
 * ```
 */
export interface RowError {
  readonly line: number;
  readonly record?: number | undefined;
  readonly field: string;
  readonly message: string;
}

/**
 * Where a row is, as messages name it: `line 7 (record 5)` for a CSV row (the line a text editor
 * shows, then the row a spreadsheet shows), `line 7` for an NDJSON one.
 *
 * @example
 * ```ts
 * placeOf({ line: 7, record: 5 }); // 'line 7 (record 5)'
 * placeOf({ line: 7 }); // 'line 7'
 * ```
 */
export const placeOf = (at: { readonly line: number; readonly record?: number | undefined }): string =>
  at.record === undefined ? `line ${at.line}` : `line ${at.line} (record ${at.record})`;

/** @internal the place fields of a row, for its errors. */
export const rowAt = (row: { readonly line: number; readonly record?: number | undefined }): { line: number; record?: number } =>
  row.record === undefined ? { line: row.line } : { line: row.line, record: row.record };

/**
 * A file's bad rows as the import's refusal counts them: rows, not errors (a row with three bad
 * fields is one bad row), with the errors counted too when there are more of them than rows.
 *
 * @example
 * ```ts
 * badRows([{ line: 2, field: 'receivedAt', message: '…' }, { line: 2, field: 'cause', message: '…' }]); // '1 bad row (2 errors)'
 * ```
 */
export function badRows(errors: readonly RowError[]): string {
  const rows = new Set(errors.map((e) => e.line)).size;
  return `${rows} bad row${rows === 1 ? '' : 's'}${errors.length > rows ? ` (${errors.length} errors)` : ''}`;
}

/**
 * Validates one row of a history file (from `historyRowReader`; an NDJSON line is parsed here, so
 * that a worker thread checking rows parses them too) against the `HistoryRecord` schema: the record, or one error per field that is wrong (a row the reader could not read is its error). A
 * row holding a NUL (U+0000) is refused naming its field: PostgreSQL cannot store one, so both
 * databases refuse it alike.
 *
 * @example
 * ```ts
 * const r = validateRow({ line: 2, text: '{"sourceId":"OLD-1"}' });
 * if ('errors' in r) report(r.errors);
 * ```
 */
export function validateRow(row: RawRow): { record: HistoryRecord } | { errors: RowError[] } {
  if ('error' in row) return { errors: [row.error] };
  let value: unknown;
  // Only a row whose text can hold a NUL is walked for one (in NDJSON only its escape parses).
  let mayHoldNul: boolean;
  if ('text' in row) {
    try {
      value = JSON.parse(row.text);
    } catch {
      return { errors: [{ ...rowAt(row), field: '(row)', message: 'not a JSON object' }] };
    }
    mayHoldNul = row.text.includes('\\u0000');
  } else {
    value = row.value;
    mayHoldNul = true;
  }
  const nul = mayHoldNul ? nulPath(value) : undefined;
  if (nul !== undefined) return { errors: [{ ...rowAt(row), field: nul || '(row)', message: 'contains the NUL character (U+0000), which no field accepts: remove it' }] };
  // Only an NDJSON escape (`\uD800`) makes a lone surrogate: decoded bytes never do.
  const lone = 'text' in row && /\\u[dD][89a-fA-F]/.test(row.text) ? loneSurrogatePath(value) : undefined;
  if (lone !== undefined) return { errors: [{ ...rowAt(row), field: lone || '(row)', message: 'contains a lone UTF-16 surrogate escape (half of a \\uD800-\\uDFFF pair), which is not text: fix the escape' }] };
  const r = safeParse(HistoryRecord, value, ISSUE_MESSAGES);
  if (r.success) return { record: r.data };
  return { errors: withoutInnerBound(r.error.issues).map((i) => ({ ...rowAt(row), field: i.path.map(String).join('.') || '(row)', message: i.message })) };
}
