import { HISTORY_COLUMNS, HistoryRecord } from '@complaintkit/core/domain';
import { nulPath } from '../nul-path.js';

/**
 * One bad row of a history file: its line (1-based, the header is line 1 of a CSV), the field and
 * what is wrong, never the row's content (it may hold personal data).
 *
 * @example
 * ```ts
 * const e: RowError = { line: 7, field: 'receivedAt', message: 'Invalid ISO datetime' };
 * ```
 */
export interface RowError {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/**
 * A parsed history file: its valid records with their lines, and the errors of the bad ones.
 *
 * @example
 * ```ts
 * const { records, errors } = parseHistory(text, 'csv');
 * ```
 */
export interface ParsedHistory {
  readonly records: { readonly line: number; readonly record: HistoryRecord }[];
  readonly errors: RowError[];
}

/** @internal splits CSV text into rows of cells (RFC 4180: quotes, doubled quotes, CRLF), with each row's first line. */
function csvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
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
      cells.push(cell);
      if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
  return rows;
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

/** @internal validates one object; records or errors. `mayHoldNul`: the file's text holds a NUL (or its JSON escape). */
function check(line: number, value: unknown, out: { records: ParsedHistory['records']; errors: RowError[] }, mayHoldNul: boolean) {
  const nul = mayHoldNul ? nulPath(value) : undefined;
  if (nul !== undefined) {
    out.errors.push({ line, field: nul || '(row)', message: 'contains the NUL character (U+0000), which no field accepts: remove it' });
    return;
  }
  const r = HistoryRecord.safeParse(value);
  if (r.success) out.records.push({ line, record: r.data });
  else for (const i of r.error.issues) out.errors.push({ line, field: i.path.map(String).join('.') || '(row)', message: i.message });
}

/**
 * Parses and validates a history file (CSV with a header row naming {@link HISTORY_COLUMNS} in any
 * order, or NDJSON with one object per line). Unknown CSV columns are refused (a typo must not drop
 * a field silently); so is a repeated `sourceId` within the file.
 *
 * @example
 * ```ts
 * const { records, errors } = parseHistory(fs.readFileSync('old.csv', 'utf8'), 'csv');
 * ```
 */
export function parseHistory(text: string, format: 'csv' | 'ndjson'): ParsedHistory {
  const out = { records: [] as ParsedHistory['records'][number][], errors: [] as RowError[] };
  // PostgreSQL cannot store a NUL: a row holding one is refused here, on both databases alike. Only a
  // file that holds one (a raw NUL in CSV; in NDJSON only its escape parses) has its rows walked.
  const mayHoldNul = text.includes(format === 'ndjson' ? '\\u0000' : '\u0000');
  if (format === 'ndjson') {
    const lines = text.split(/\r?\n/);
    lines.forEach((l, i) => {
      if (l.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(l);
      } catch {
        out.errors.push({ line: i + 1, field: '(row)', message: 'not a JSON object' });
        return;
      }
      check(i + 1, value, out, mayHoldNul);
    });
  } else {
    const rows = csvRows(text);
    const header = rows.shift();
    if (!header) return { records: [], errors: [{ line: 1, field: '(header)', message: 'the file is empty: a header row naming the columns is required' }] };
    const columns = header.cells.map((c) => c.trim());
    const known = new Set<string>(HISTORY_COLUMNS);
    const unknown = columns.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      return { records: [], errors: unknown.map((c) => ({ line: header.line, field: c, message: `unknown column; the columns are ${HISTORY_COLUMNS.join(', ')}` })) };
    }
    for (const row of rows) {
      if (row.cells.length !== columns.length) {
        out.errors.push({ line: row.line, field: '(row)', message: `${row.cells.length} cells where the header has ${columns.length}` });
        continue;
      }
      const value: Record<string, unknown> = {};
      columns.forEach((c, i) => {
        const v = cellValue(c, row.cells[i] as string);
        if (v !== undefined) value[c] = v;
      });
      check(row.line, value, out, mayHoldNul);
    }
  }
  const seen = new Map<string, number>();
  for (const { line, record } of out.records) {
    const first = seen.get(record.sourceId);
    if (first !== undefined) out.errors.push({ line, field: 'sourceId', message: `repeats the sourceId of line ${first}` });
    else seen.set(record.sourceId, line);
  }
  return out;
}
