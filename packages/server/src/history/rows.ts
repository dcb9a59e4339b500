import { HISTORY_COLUMNS } from '@complaintkit/core/domain';
import type { RowError } from './parse.js';

/**
 * One row of a history file before validation: its line (1-based; a CSV's header is line 1), for a
 * CSV its record (the row a spreadsheet shows it on: the header is record 1; it falls behind the line
 * after a quoted cell holding a line break), and the object it holds (a CSV row's cells by column), or
 * its text (an NDJSON line, parsed when validated), or why it holds none.
 *
 * @example
 * ```ts
 * const row: RawRow = { line: 2, value: { sourceId: 'OLD-1', receivedAt: '2024-03-01T02:00:00Z' } };
 * ```
 */
export type RawRow =
  | { readonly line: number; readonly record?: number; readonly value: Record<string, unknown> }
  | { readonly line: number; readonly record?: number; readonly text: string }
  | { readonly line: number; readonly record?: number; readonly error: RowError };

/**
 * Reads a history file a piece at a time (pieces cut anywhere, even inside a CSV quote or between
 * `\r` and `\n`): `push` returns the rows its piece completed, `end` the last one. Memory is one
 * piece and one row, whatever the file's size.
 *
 * @example
 * ```ts
 * const reader = historyRowReader('ndjson');
 * for await (const piece of createReadStream(file, 'utf8')) handle(reader.push(piece));
 * handle(reader.end());
 * ```
 */
export interface HistoryRowReader {
  push(piece: string): RawRow[];
  end(): RawRow[];
}

/**
 * A {@link HistoryRowReader} for NDJSON (one object per line) or CSV (RFC 4180: quotes, doubled
 * quotes, CRLF; a header row naming {@link HISTORY_COLUMNS} in any order; an unknown column refuses
 * the file, as a typo must not drop a field silently).
 *
 * @example
 * ```ts
 * const rows = [...historyRowReader('csv').push(text), ...reader.end()];
 * ```
 */
export function historyRowReader(format: 'csv' | 'ndjson'): HistoryRowReader {
  return format === 'ndjson' ? ndjsonReader() : csvReader();
}

/** @internal NDJSON: one JSON object per line (parsed when validated); blank lines are skipped. */
function ndjsonReader(): HistoryRowReader {
  let rest = '';
  let line = 0;
  const rowOf = (text: string, out: RawRow[]) => {
    line++;
    const l = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (l.trim() !== '') out.push({ line, text: l });
  };
  return {
    push(piece) {
      const out: RawRow[] = [];
      const text = rest + piece;
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        rowOf(text.slice(start, nl), out);
        start = nl + 1;
      }
      rest = text.slice(start);
      return out;
    },
    end() {
      const out: RawRow[] = [];
      if (rest !== '') rowOf(rest, out);
      rest = '';
      return out;
    },
  };
}

/** @internal the typed value of a CSV cell for a field (empty → absent). */
function cellValue(field: string, text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (field === 'reached' || field === 'decisionAccepted') {
    if (/^(true|1|yes|是)$/i.test(t)) return true;
    if (/^(false|0|no|否)$/i.test(t)) return false;
    return t;
  }
  if (field === 'satisfaction') return /^\d+$/.test(t) ? Number(t) : t;
  return t;
}

/** @internal CSV, cell by cell, its state kept between pieces. */
function csvReader(): HistoryRowReader {
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  // Records counted as a spreadsheet counts rows (a blank line is one), so `record` is the row shown.
  let record = 1;
  let rowRecord = 1;
  let first = true;
  let carry = '';
  let columns: string[] | undefined;
  let refused = false;

  const emit = (out: RawRow[]) => {
    cells.push(cell);
    const row = cells;
    cells = [];
    cell = '';
    if (row.length === 1 && row[0] === '') return;
    if (refused) return;
    if (!columns) {
      columns = row.map((c) => c.trim());
      const known = new Set<string>(HISTORY_COLUMNS);
      const unknown = columns.filter((c) => !known.has(c));
      if (unknown.length > 0) {
        refused = true;
        for (const c of unknown) out.push({ line: rowLine, record: rowRecord, error: { line: rowLine, record: rowRecord, field: c, message: `unknown column; the columns are ${HISTORY_COLUMNS.join(', ')}` } });
      }
      return;
    }
    if (row.length !== columns.length) {
      out.push({ line: rowLine, record: rowRecord, error: { line: rowLine, record: rowRecord, field: '(row)', message: `${row.length} cells where the header has ${columns.length}` } });
      return;
    }
    const value: Record<string, unknown> = {};
    for (const [i, c] of columns.entries()) {
      const v = cellValue(c, row[i] as string);
      if (v !== undefined) value[c] = v;
    }
    out.push({ line: rowLine, record: rowRecord, value });
  };

  const scan = (text: string, final: boolean, out: RawRow[]) => {
    let body = text;
    if (first && body.length > 0) {
      first = false;
      if (body.charCodeAt(0) === 0xfeff) body = body.slice(1);
    }
    for (let i = 0; i < body.length; i++) {
      const ch = body[i] as string;
      // A quote or a CR at the end of a piece needs the next character: keep it for the next piece.
      if (!final && i === body.length - 1 && (ch === '"' || ch === '\r')) {
        carry = ch;
        return;
      }
      if (quoted) {
        if (ch === '"') {
          if (body[i + 1] === '"') {
            cell += '"';
            i++;
          } else quoted = false;
        } else {
          if (ch === '\n') line++;
          cell += ch;
        }
        continue;
      }
      if (ch === '"' && cell === '') quoted = true;
      else if (ch === ',') {
        cells.push(cell);
        cell = '';
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && body[i + 1] === '\n') i++;
        emit(out);
        line++;
        record++;
        rowLine = line;
        rowRecord = record;
      } else cell += ch;
    }
    carry = '';
  };

  return {
    push(piece) {
      const out: RawRow[] = [];
      const text = carry + piece;
      carry = '';
      scan(text, false, out);
      return out;
    },
    end() {
      const out: RawRow[] = [];
      const text = carry;
      carry = '';
      scan(text, true, out);
      emit(out);
      if (!columns && !refused) {
        refused = true;
        out.push({ line: 1, record: 1, error: { line: 1, record: 1, field: '(header)', message: 'the file is empty: a header row naming the columns is required' } });
      }
      return out;
    },
  };
}
