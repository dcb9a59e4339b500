import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCalendar } from '../calendar/load-calendar.js';
import { importHistory } from '../history/import-history.js';
import { badRows, placeOf } from '../history/parse.js';
import { openStore } from '../store/open-store.js';
import { decodeFile, FileEncodingError, knownEncoding } from './decode-file.js';

/**
 * @internal check-pass worker threads by default: one per core, at most 4 (bench/results/reports-and-import.md, *History
 * import: flat memory and the check pass on worker threads*: two workers on this 2-core machine took the
 * check pass off the writing thread for no more CPU).
 */
const DEFAULT_THREADS = Math.min(4, availableParallelism());

/**
 * Usage of `complaintkit-server import`.
 *
 * @example
 * ```ts
 * process.stdout.write(IMPORT_USAGE);
 * ```
 */
export const IMPORT_USAGE = `  complaintkit-server import FILE [--format csv|ndjson] [--encoding utf-8|gb18030] [--batch 5000] [--data ./data] [--calendar FILE]

  import  loads historical complaints (CSV with a header row, or NDJSON; columns in docs/guides/measuring-complaint-handling.md):
          every row is checked first and nothing is written if any is bad; then one transaction per batch.
          The file is read a piece at a time and the checked rows wait in a temporary file (about 3 KB of
          disk per row, in TMPDIR), so memory stays flat whatever the file's size. --threads N checks rows on N
          worker threads beside the one reading and writing (default: one per core, at most 4, here ${DEFAULT_THREADS};
          0: all on one thread).
          The file is UTF-8 unless --encoding says otherwise (gb18030 for one saved by Excel or an older system
          in Chinese; gbk and gb2312 are read as gb18030); bytes that are not text in it stop the import.
          Already imported source ids are skipped: run it again to resume an interrupted import.
          Deadlines are judged on the service's holiday calendar (--calendar or CK_CALENDAR_FILE, as for serve).`;

/** @internal a progress bar on stderr (a TTY redraws one line; otherwise one line per 10 %). */
function progressBar(): (done: number, total: number) => void {
  const start = Date.now();
  let lastTenth = -1;
  return (done, total) => {
    const f = total === 0 ? 1 : done / total;
    const rate = Math.round(done / Math.max(0.001, (Date.now() - start) / 1000));
    const width = 30;
    const bar = `${'#'.repeat(Math.round(f * width))}${'.'.repeat(width - Math.round(f * width))}`;
    const text = `[${bar}] ${done}/${total} (${(f * 100).toFixed(0)} %, ${rate}/s)`;
    if (process.stderr.isTTY) process.stderr.write(`\r${text}${done === total ? '\n' : ''}`);
    else if (Math.floor(f * 10) > lastTenth) {
      lastTenth = Math.floor(f * 10);
      process.stderr.write(`${text}\n`);
    }
  };
}

/**
 * Runs `complaintkit-server import FILE`: exit code 0 when imported (or nothing left to import), 1
 * when the file has bad rows (listed on stderr with line and field; nothing written), 2 on bad usage.
 *
 * @example
 * ```ts
 * process.exitCode = await runImport(['history.csv', '--batch', '10000']);
 * ```
 */
export async function runImport(args: string[], env: { databaseUrl?: string | undefined } = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string' }, encoding: { type: 'string' }, batch: { type: 'string' }, threads: { type: 'string' }, data: { type: 'string' }, calendar: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error('import takes exactly one FILE');
  const format = (values.format ?? (extname(file).toLowerCase() === '.csv' ? 'csv' : 'ndjson')) as string;
  if (format !== 'csv' && format !== 'ndjson') throw new Error(`--format must be csv or ndjson, got "${format}"`);
  const batchSize = values.batch === undefined ? 5_000 : Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--batch must be a whole number ≥ 1, got "${values.batch}"`);
  const threads = values.threads === undefined ? DEFAULT_THREADS : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 0 || threads > 16) throw new Error(`--threads must be a whole number from 0 to 16, got "${values.threads}"`);
  const encoding = values.encoding ?? 'utf-8';
  if (!knownEncoding(encoding)) throw new Error(`--encoding must name a text encoding such as utf-8 or gb18030, got "${encoding}"`);
  // Read a piece at a time (never whole: a bank's ten years would not fit in memory), refusing bytes
  // that are not text in the file's encoding rather than importing replacement characters.
  const source = decodeFile(file, encoding);
  // The calendar the service judges deadlines on, so imported facts equal live ones.
  const loaded = loadCalendar({ file: values.calendar ?? process.env.CK_CALENDAR_FILE });
  const clock = { calendar: loaded.calendar };
  const store = await openStore({ dataDir: values.data ?? './data', databaseUrl: env.databaseUrl }, { clock });
  try {
    const started = Date.now();
    let summary: Awaited<ReturnType<typeof importHistory>>;
    try {
      summary = await importHistory(store, source, format, { batchSize, clock, calendarYears: loaded.years, threads, onProgress: progressBar() });
    } catch (e) {
      if (!(e instanceof FileEncodingError)) throw e;
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    if (summary.errors.length > 0) {
      for (const e of summary.errors.slice(0, 200)) process.stderr.write(`${placeOf(e)}, ${e.field}: ${e.message}\n`);
      if (summary.errors.length > 200) process.stderr.write(`… and ${summary.errors.length - 200} more\n`);
      process.stderr.write(`${badRows(summary.errors)} in ${file}: nothing imported. Fix them and run the import again.\n`);
      return 1;
    }
    const secs = (Date.now() - started) / 1000;
    process.stdout.write(
      `Read ${summary.read} rows: imported ${summary.imported}, skipped ${summary.skipped} already imported, in ${summary.batches} batches (${secs.toFixed(1)} s, ${Math.round(summary.imported / Math.max(secs, 0.001))}/s).\n`,
    );
    // The report totals of the imported days, now rather than in the first report's request. Also
    // when this run imported nothing: a run killed while recomputing is resumed by running it again,
    // and its days are still waiting. Said only when this run imported something (after "imported 0",
    // "Recomputed" read as if the repeat had changed something).
    const refreshStarted = Date.now();
    // In the import session's settings (a 256 MiB page cache, sorts in memory): the recomputation
    // rewrites every cell, and with the connection's 2 MiB cache it reread its pages from disk.
    const cells = await store.reporting.importSession(() => store.reporting.refreshCells());
    if (cells > 0 && summary.imported > 0) process.stdout.write(`Recomputed the report totals of ${cells} days × organisations (${((Date.now() - refreshStarted) / 1000).toFixed(1)} s).\n`);
    return 0;
  } finally {
    await store.close();
  }
}
