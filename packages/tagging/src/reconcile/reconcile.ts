import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csvUnguard } from '@complaintkit/core/node';
import type { ExportManifest } from '../export/write-export.js';
import { InputError } from '../input/errors.js';
import { readLines } from '../input/read-lines.js';

/**
 * What became of an export in the CRM, matched by key (never by row order: a CRM such as Salesforce
 * returns results in any order).
 *
 * @example
 * ```ts
 * const r: ReconcileReport = await reconcile('exports/delta-000000000000-000000000042', { success: ['ok.csv'], failed: ['failed.csv'] });
 * if (r.notLanded.length) process.exitCode = 1;
 * ```
 */
export interface ReconcileReport {
  readonly exportId: string;
  readonly expected: number;
  readonly landed: number;
  /** Keys the CRM reported as failed, with its error text. */
  readonly failed: readonly { readonly key: string; readonly error: string }[];
  /** Keys in no result file at all (unprocessed). */
  readonly missing: readonly string[];
  /** Every key that did not land: failed and missing, in key order. */
  readonly notLanded: readonly string[];
  /** Keys in a result file that the export never had. */
  readonly unexpected: readonly string[];
}

/**
 * The CRM's result files for one import.
 *
 * @example
 * ```ts
 * const files: ResultFiles = { success: ['successfulResults.csv'], failed: ['failedResults.csv'], errorField: 'sf__Error' };
 * ```
 */
export interface ResultFiles {
  readonly success?: readonly string[];
  readonly failed?: readonly string[];
  /** The column holding the error in failure files (default `sf__Error`, Salesforce Bulk API 2.0). */
  readonly errorField?: string;
}

/** @internal the rows of a CSV result file as header-keyed records, with line numbers. */
async function* records(file: string): AsyncGenerator<{ row: Record<string, string>; line: number }> {
  const { parse: parseCsv } = await import('csv-parse');
  const parser = createReadStream(file).pipe(parseCsv({ bom: true, info: true, skip_empty_lines: true }));
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map((h) => h.trim());
        continue;
      }
      yield { row: Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])), line: info.lines };
    }
  } catch (e) {
    const err = e as { lines?: number; code?: string; message: string };
    throw new InputError(file, err.lines ?? null, null, err.code === 'ENOENT' ? 'the file does not exist' : `broken CSV (${err.code ?? err.message})`);
  }
}

/**
 * Reads an export's keys and the CRM's success and failure files, and reports what did not land.
 * A key that succeeded in any file counts as landed, even if an earlier attempt failed.
 *
 * @example
 * ```ts
 * const report = await reconcile('exports/snapshot-20261129T000000Z', { success: ['ok.csv'], failed: ['bad.csv'] });
 * console.log(`${report.landed}/${report.expected} landed`);
 * ```
 */
export async function reconcile(exportDir: string, files: ResultFiles): Promise<ReconcileReport> {
  const manifest = JSON.parse(await readFile(join(exportDir, 'manifest.json'), 'utf8')) as ExportManifest;
  const keyField = manifest.keyField;
  const expected = new Set<string>();
  const data = manifest.files.find((f) => f.name.endsWith('.ndjson'));
  if (data) {
    for await (const { text } of readLines(join(exportDir, data.name))) expected.add(String(JSON.parse(text)[keyField]));
  } else {
    for await (const { row } of records(join(exportDir, 'tags.csv'))) expected.add(csvUnguard(row[keyField.replace(/^\uFEFF/, '')] ?? ''));
  }
  const landed = new Set<string>();
  const failed = new Map<string, string>();
  const unexpected = new Set<string>();
  const errorField = files.errorField ?? 'sf__Error';
  for (const [kind, list] of [
    ['success', files.success ?? []],
    ['failed', files.failed ?? []],
  ] as const) {
    for (const file of list) {
      for await (const { row, line } of records(file)) {
        // A key the export guarded against formula injection comes back as the CRM read it.
        const cell = row[keyField];
        const key = cell === undefined ? undefined : csvUnguard(cell);
        if (key === undefined) throw new InputError(file, line, keyField, 'no key column: the result file must carry the export key');
        if (!expected.has(key)) unexpected.add(key);
        else if (kind === 'success') landed.add(key);
        else failed.set(key, row[errorField] ?? 'failed');
      }
    }
  }
  for (const k of landed) failed.delete(k);
  const missing = [...expected].filter((k) => !landed.has(k) && !failed.has(k)).sort();
  const failedList = [...failed].map(([key, error]) => ({ key, error })).sort((a, b) => (a.key < b.key ? -1 : 1));
  return {
    exportId: manifest.exportId,
    expected: expected.size,
    landed: landed.size,
    failed: failedList,
    missing,
    notLanded: [...failedList.map((f) => f.key), ...missing].sort(),
    unexpected: [...unexpected].sort(),
  };
}
