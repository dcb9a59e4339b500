import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { removeStale } from '../engine/temporary-files.js';
import type { TagAssignment, TagEvent } from '../model/assignment.js';
import { csvLine } from './csv.js';
import { DEFAULT_FIELD_NAMES, EXPORT_COLUMNS } from './columns.js';
import type { FieldNames, FieldNamesInput } from './fields.js';

/**
 * One row of an export: an upsert with the whole assignment, or a delete with only its key.
 *
 * @example
 * ```ts
 * const r: ExportRow = { op: 'delete', key: 'C-1001|churn_risk:low' };
 * ```
 */
export type ExportRow = { readonly op: 'upsert'; readonly key: string; readonly assignment: TagAssignment } | { readonly op: 'delete'; readonly key: string };

/**
 * How to write an export.
 *
 * @example
 * ```ts
 * const o: ExportOptions = { dir: 'exports', formats: ['csv', 'ndjson'], bom: true, fields: { key: 'CK_Tag_Key__c' } };
 * ```
 */
export interface ExportOptions {
  /** The folder exports go to; each export is one sub-folder named by its id. */
  readonly dir: string;
  readonly formats?: readonly ('csv' | 'ndjson')[];
  /** Start the CSV with a UTF-8 byte-order mark, so Excel reads Chinese text right. */
  readonly bom?: boolean;
  /** CSV line ending: `crlf` (RFC 4180, the default) or `lf`. */
  readonly lineEnding?: 'crlf' | 'lf';
  /**
   * The CRM's field names (any left out keep the default, see `FieldNames`); `null` or left out: all
   * the default names. Names `FieldNames` refuses throw an {@link ExportOptionError}.
   */
  readonly fields?: FieldNamesInput | null;
  /** The rule set's version, written to the manifest. */
  readonly ruleSetVersion: string;
}

/**
 * The manifest written beside every export: what it holds, under which rules, and the checksum of
 * each file, so the CRM side can check what it received.
 *
 * @example
 * ```ts
 * const m: ExportManifest = JSON.parse(await readFile('exports/delta-000000-000042/manifest.json', 'utf8'));
 * ```
 */
export interface ExportManifest {
  readonly kind: 'snapshot' | 'delta';
  readonly exportId: string;
  readonly ruleSetVersion: string;
  /** The rule versions behind the rows. */
  readonly ruleVersions: readonly string[];
  /** Snapshot: the state's instant (`from` null). Delta: the instants of the first and last change. */
  readonly timeRange: { readonly from: string | null; readonly to: string | null };
  /** Delta: events after `from` up to `to` (sequence numbers); pass `to` as the next `--since`. */
  readonly watermark: { readonly from: number; readonly to: number } | null;
  readonly keyField: string;
  readonly columns: readonly string[];
  readonly counts: {
    readonly rows: number;
    readonly upserts: number;
    readonly deletes: number;
    /** Per tag code: upserts and deletes. */
    readonly byTag: Readonly<Record<string, { upserts: number; deletes: number }>>;
  };
  readonly files: readonly { readonly name: string; readonly bytes: number; readonly sha256: string }[];
}

/**
 * An option of {@link writeExport} it cannot use (a CRM field name `FieldNames` refuses): names the
 * option and the field, and says what to pass instead. Thrown before anything is written.
 *
 * @example
 * ```ts
 * try { await writeExport(id, 'snapshot', rows, { ...options, fields: { key: 'tag key' } }); } catch (e) {
 *   if (e instanceof ExportOptionError) console.error(e.option, e.message); // 'fields.key'
 * }
 * ```
 */
export class ExportOptionError extends Error {
  override readonly name = 'ExportOptionError';
  constructor(
    /** The option, with the path inside it: `fields.key`. */
    readonly option: string,
    reason: string,
  ) {
    super(`writeExport: option "${option}": ${reason}. Pass the CRM's field names as FieldNames describes, or leave "fields" out (or null) for the default names; nothing was written.`);
  }
}

/** @internal an export being written: `.<export id>.tmp-<pid>`. */
const EXPORT_TMP = /^\..+\.tmp-(\d+)$/;

/** @internal */
const codeOf = (key: string) => key.slice(key.indexOf('|') + 1);

/** @internal the field names an export's header uses; the field-name schema is loaded only for names given. */
async function fieldNames(given: FieldNamesInput | null | undefined): Promise<FieldNames> {
  if (given === undefined || given === null) return DEFAULT_FIELD_NAMES;
  const parsed = (await import('./fields.js')).FieldNames.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ExportOptionError(['fields', ...issue.path.map(String)].join('.'), issue.message);
}

/**
 * Writes rows as an export folder `<dir>/<exportId>/` with `tags.csv` and/or `tags.ndjson` and
 * `manifest.json`. Everything is written under a temporary name and renamed when complete, so the
 * CRM never picks up half an export; the same rows always give byte-identical files. An export a
 * killed process left under its temporary name (`.<id>.tmp-<pid>`) is removed by a later one, once
 * that process is gone and the folder unchanged for five minutes.
 *
 * @example
 * ```ts
 * const { path, manifest } = await writeExport('snapshot-20261129', 'snapshot', rows, {
 *   dir: 'exports',
 *   ruleSetVersion: '2026.11',
 *   timeRange: { from: null, to: '2026-11-29T00:00:00+08:00' }, // a snapshot: the state's instant
 *   watermark: null, // a snapshot made outside the CLI's event log has none
 * });
 * ```
 */
export async function writeExport(
  exportId: string,
  kind: 'snapshot' | 'delta',
  rows: Iterable<ExportRow>,
  options: ExportOptions & { timeRange: ExportManifest['timeRange']; watermark: ExportManifest['watermark'] },
): Promise<{ path: string; manifest: ExportManifest }> {
  const fields = await fieldNames(options.fields);
  const formats = options.formats ?? ['csv'];
  const eol = options.lineEnding === 'lf' ? '\n' : '\r\n';
  const columns = [...(kind === 'delta' ? [fields.op] : []), ...EXPORT_COLUMNS.map((c) => fields[c])];
  await mkdir(options.dir, { recursive: true });
  // What an export killed part-way left here (its process gone, unchanged for five minutes).
  removeStale(options.dir, EXPORT_TMP);
  const tmp = join(options.dir, `.${exportId}.tmp-${process.pid}`);
  const final = join(options.dir, exportId);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  try {
    const sinks = formats.map((format) => {
      const name = `tags.${format}`;
      const stream = createWriteStream(join(tmp, name));
      const hash = createHash('sha256');
      let bytes = 0;
      let buffer = '';
      const flush = async () => {
        if (!buffer) return;
        const chunk = Buffer.from(buffer, 'utf8');
        buffer = '';
        hash.update(chunk);
        bytes += chunk.length;
        if (!stream.write(chunk)) await once(stream, 'drain');
      };
      return { format, name, stream, hash, flush, add: (s: string) => (buffer += s), size: () => buffer.length, bytes: () => bytes };
    });
    for (const s of sinks) {
      if (s.format === 'csv') s.add(`${options.bom ? '\uFEFF' : ''}${csvLine(columns)}${eol}`);
    }
    const byTag: Record<string, { upserts: number; deletes: number }> = {};
    const versions = new Set<string>();
    let upserts = 0;
    let deletes = 0;
    const csv = sinks.find((s) => s.format === 'csv');
    const ndjson = sinks.find((s) => s.format === 'ndjson');
    const names = EXPORT_COLUMNS.map((c) => fields[c]);
    // A delete carries only the key: its empty cells, written once.
    const emptyCells = ','.repeat(EXPORT_COLUMNS.length - 1);
    for (const r of rows) {
      const code = codeOf(r.key);
      byTag[code] ??= { upserts: 0, deletes: 0 };
      if (r.op === 'upsert') {
        upserts++;
        byTag[code].upserts++;
        const a = r.assignment;
        versions.add(a.version);
        // In EXPORT_COLUMNS order.
        const values = [a.key, a.customerId, a.code, a.status, a.validFrom, a.validUntil, a.evidence.join(';'), a.version, a.lastEvaluatedAt];
        if (csv) csv.add(`${kind === 'delta' ? 'upsert,' : ''}${csvLine(values)}${eol}`);
        if (ndjson) {
          const json: Record<string, unknown> = kind === 'delta' ? { [fields.op]: 'upsert' } : {};
          for (let i = 0; i < names.length; i++) json[names[i]!] = values[i];
          json[fields.evidence] = [...a.evidence];
          ndjson.add(`${JSON.stringify(json)}\n`);
        }
      } else {
        deletes++;
        byTag[code].deletes++;
        if (csv) csv.add(`delete,${csvLine([r.key])}${emptyCells}${eol}`);
        if (ndjson) ndjson.add(`${JSON.stringify({ [fields.op]: 'delete', [fields.key]: r.key })}\n`);
      }
      for (const s of sinks) if (s.size() > 1 << 16) await s.flush();
    }
    const files: { name: string; bytes: number; sha256: string }[] = [];
    for (const s of sinks) {
      await s.flush();
      s.stream.end();
      await once(s.stream, 'finish');
      files.push({ name: s.name, bytes: s.bytes(), sha256: s.hash.digest('hex') });
    }
    const sortedByTag = Object.fromEntries(Object.entries(byTag).sort(([a], [b]) => (a < b ? -1 : 1)));
    const manifest: ExportManifest = {
      kind,
      exportId,
      ruleSetVersion: options.ruleSetVersion,
      ruleVersions: [...versions].sort(),
      timeRange: options.timeRange,
      watermark: options.watermark,
      keyField: fields.key,
      columns,
      counts: { rows: upserts + deletes, upserts, deletes, byTag: sortedByTag },
      files,
    };
    await writeFile(join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await rm(final, { recursive: true, force: true });
    await rename(tmp, final);
    return { path: final, manifest };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

/**
 * The rows of a full snapshot: every active assignment, as upserts, streamed in the key order the
 * assignments come in (checked).
 *
 * @example
 * ```ts
 * await writeExport('snapshot-1', 'snapshot', snapshotRows(engine.assignments()), options);
 * ```
 */
export function* snapshotRows(assignments: Iterable<TagAssignment>): Generator<ExportRow> {
  let last = '';
  for (const assignment of assignments) {
    if (assignment.key <= last) throw new RangeError('snapshotRows needs assignments in key order, as TagEngine.assignments() yields them');
    last = assignment.key;
    if (assignment.status === 'active') yield { op: 'upsert', key: assignment.key, assignment };
  }
}

/**
 * The rows of a delta from the events after watermark `since` up to `to`: an upsert for each key
 * active at the end, a delete (key only) for each key active at `since` and gone at the end; a tag
 * that came and went in between is left out. Rows are in key order, so the same range always gives
 * the same rows.
 *
 * @example
 * ```ts
 * const rows = deltaRows(events, 120, 245);
 * ```
 */
export function deltaRows(events: Iterable<TagEvent>, since: number, to: number): ExportRow[] {
  const span = new Map<string, { first: TagEvent; last: TagEvent }>();
  for (const e of events) {
    if (e.seq <= since || e.seq > to) continue;
    const s = span.get(e.assignment.key);
    if (!s) span.set(e.assignment.key, { first: e, last: e });
    else if (e.seq > s.last.seq) s.last = e;
    else if (e.seq < s.first.seq) s.first = e;
  }
  const rows: ExportRow[] = [];
  for (const [key, { first, last }] of [...span].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (last.assignment.status === 'active') rows.push({ op: 'upsert', key, assignment: last.assignment });
    else if (first.wasActive) rows.push({ op: 'delete', key });
  }
  return rows;
}
