import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ComplaintRow } from './complaint-row.js';
import { complaintRowCheck } from './complaint-row-check.generated.js';
import { InputError, issuesToInputError } from './errors.js';
import { type ByteRange, readLineBatches } from './read-lines.js';
import { loadRowSchemas, type RowSchemas, rowSchemas } from './row-schemas.js';

/**
 * A complaint row with where it came from, so that a later error can still point at the line.
 *
 * @example
 * ```ts
 * for await (const { row, file, line } of readComplaintFile('day.ndjson')) console.log(file, line, row.id);
 * ```
 */
export interface SourcedRow {
  readonly row: ComplaintRow;
  readonly file: string;
  readonly line: number;
  /** How far into the file (characters) the row ends: for progress bars. */
  readonly position: number;
  /** From a service: the change cursor after this row (see `readService`). */
  readonly cursor?: string;
}

/** @internal */
function checkRow(data: unknown, file: string, line: number, schemas: RowSchemas): ComplaintRow {
  const checked = schemas.row.checkComplaintRow(data);
  if (Array.isArray(checked)) throw issuesToInputError(file, line, checked);
  return checked as ComplaintRow;
}

/** @internal {@link ndjsonRow} cannot say without the schemas (see `loadRowSchemas`). */
const NEEDS_SCHEMAS = Symbol('needs schemas');

/**
 * @internal one NDJSON line (a row of the export shape, or a whole complaint) as a row. A good row
 * of the export shape passes the generated check; anything else needs the zod schemas.
 */
function ndjsonRow(text: string, file: string, line: number, schemas = rowSchemas()): ComplaintRow | typeof NEEDS_SCHEMAS {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError(file, line, null, 'not valid JSON (one complaint per line)');
  }
  if (data !== null && typeof data === 'object' && 'complainant' in data) {
    if (!schemas) return NEEDS_SCHEMAS;
    const whole = schemas.Complaint.safeParse(data);
    if (!whole.success) throw issuesToInputError(file, line, whole.error.issues);
    return checkRow(schemas.row.complaintToRow(whole.data), file, line, schemas);
  }
  if (complaintRowCheck(data)) return data as ComplaintRow;
  return schemas ? checkRow(data, file, line, schemas) : NEEDS_SCHEMAS;
}

/**
 * Reads complaints from an NDJSON file as {@link readNdjson} does, a batch (about a megabyte of the
 * file) at a time: what a full build reads, with one await per batch instead of one per complaint.
 * `TagEngine.run` takes batches as they come. With a {@link ByteRange} only that part of the file is
 * read (its lines, and the line numbers of its errors, count from the part's start).
 *
 * @example
 * ```ts
 * for await (const batch of readNdjsonBatches('complaints.ndjson')) console.log(batch.length);
 * ```
 */
export async function* readNdjsonBatches(file: string, range?: ByteRange): AsyncGenerator<SourcedRow[]> {
  await access(file).catch(() => {
    throw new InputError(file, null, null, 'the file does not exist or cannot be read');
  });
  let position = 0;
  for await (const lines of readLineBatches(file, range)) {
    const batch: SourcedRow[] = new Array(lines.length);
    for (let i = 0; i < lines.length; i++) {
      const { text, line } = lines[i]!;
      position += text.length + 1;
      let row = ndjsonRow(text, file, line);
      if (row === NEEDS_SCHEMAS) row = ndjsonRow(text, file, line, await loadRowSchemas()) as ComplaintRow;
      batch[i] = { row, file, line, position };
    }
    yield batch;
  }
}

/**
 * Reads complaints from an NDJSON file, one per line: either rows of the export shape
 * ({@link ComplaintRow}) or whole complaints as the service returns them. A line that is not JSON or not
 * a valid complaint stops the read with an {@link InputError} naming the line and field.
 *
 * @example
 * ```ts
 * for await (const { row } of readNdjson('complaints.ndjson')) engine.add(row);
 * ```
 */
export async function* readNdjson(file: string): AsyncGenerator<SourcedRow> {
  for await (const batch of readNdjsonBatches(file)) yield* batch;
}

/** @internal a CSV cell to the value the row schema expects. */
function cell(field: string, value: string): unknown {
  if (value === '') return undefined;
  switch (field) {
    case 'satisfactionScore':
      return /^\d+$/.test(value) ? Number(value) : value;
    case 'decisionAccepted':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'priorityGroups':
      return value.split('|').map((m) => {
        const [group, basis] = m.split(':');
        return { group, basis };
      });
    default:
      return value;
  }
}

/**
 * Reads complaints from a CSV file whose header row names fields of the export shape
 * ({@link COMPLAINT_ROW_FIELDS}); empty cells are absent values, `priorityGroups` is written
 * `police:verified|elderly:self_reported`. Broken quoting, a ragged row, an unknown column or a bad
 * value stops the read with an {@link InputError} naming the line and field.
 *
 * @example
 * ```ts
 * for await (const { row } of readCsv('complaints.csv')) engine.add(row);
 * ```
 */
export async function* readCsv(file: string): AsyncGenerator<SourcedRow> {
  await access(file).catch(() => {
    throw new InputError(file, null, null, 'the file does not exist or cannot be read');
  });
  const schemas = await loadRowSchemas();
  const { COMPLAINT_ROW_FIELDS } = schemas.row;
  const known = new Set<string>(COMPLAINT_ROW_FIELDS);
  // The CSV parser is loaded only for a CSV file.
  const { parse: parseCsv } = await import('csv-parse');
  const parser = createReadStream(file).pipe(parseCsv({ bom: true, info: true, skip_empty_lines: true }));
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
      if (header === null) {
        header = record.map((h) => h.trim());
        const unknown = header.find((h) => !known.has(h));
        if (unknown !== undefined) throw new InputError(file, info.lines, unknown, `unknown column; the columns are ${COMPLAINT_ROW_FIELDS.join(', ')}`);
        continue;
      }
      const data: Record<string, unknown> = {};
      header.forEach((h, i) => {
        data[h] = cell(h, record[i] ?? '');
      });
      yield { row: checkRow(data, file, info.lines, schemas), file, line: info.lines, position: info.bytes };
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as { lines?: number; code?: string; message: string };
    throw new InputError(file, err.lines ?? null, null, `broken CSV (${err.code ?? err.message})`);
  }
}

/**
 * Reads a complaint file by its extension: `.ndjson` / `.jsonl` or `.csv`.
 *
 * @example
 * ```ts
 * for await (const { row } of readComplaintFile(process.argv[2]!)) console.log(row.id);
 * ```
 */
export function readComplaintFile(file: string): AsyncGenerator<SourcedRow> {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return readCsv(file);
  if (ext === '.ndjson' || ext === '.jsonl' || ext === '.json') return readNdjson(file);
  throw new InputError(file, null, null, 'unknown file type: use .ndjson, .jsonl or .csv');
}

/**
 * Reads a complaint file by its extension as {@link readComplaintFile} does, in batches (see
 * {@link readNdjsonBatches}; a CSV file's rows come a thousand at a time).
 *
 * @example
 * ```ts
 * await engine.run(readComplaintBatches('day.ndjson'), { asOf });
 * ```
 */
export async function* readComplaintBatches(file: string): AsyncGenerator<SourcedRow[]> {
  const rows = readComplaintFile(file); // refuses an unknown file type
  if (extname(file).toLowerCase() !== '.csv') {
    yield* readNdjsonBatches(file);
    return;
  }
  let batch: SourcedRow[] = [];
  for await (const r of rows) {
    batch.push(r);
    if (batch.length === 1000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
