import { createReadStream } from 'node:fs';

/**
 * A part of a file to read, in bytes: from `start` (a line's first byte; 0 by default) to before
 * `end` (just after a line's end; the file's end by default). Line numbers then count from the part's
 * start.
 *
 * @example
 * ```ts
 * const secondHalf: ByteRange = { start: 1_048_576 };
 * ```
 */
export interface ByteRange {
  readonly start?: number;
  readonly end?: number;
}

/**
 * The lines of a UTF-8 file with their 1-based numbers, a chunk's worth at a time (one array per
 * megabyte read: far fewer awaits than a line at a time on files of millions of lines). A leading BOM
 * and `\r\n` endings are handled; blank lines are skipped. With a {@link ByteRange}, only that part
 * of the file is read and its lines are numbered from 1 (a BOM is looked for only at the file's start).
 *
 * @example
 * ```ts
 * for await (const batch of readLineBatches('complaints.ndjson')) for (const { text, line } of batch) console.log(line, text.length);
 * ```
 */
export async function* readLineBatches(file: string, range: ByteRange = {}): AsyncGenerator<{ text: string; line: number }[]> {
  let rest = '';
  let line = 0;
  const start = range.start ?? 0;
  let first = start === 0;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20, start, ...(range.end === undefined ? {} : { end: range.end - 1 }) });
  for await (const chunk of stream) {
    let text = rest + (chunk as string);
    if (first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const batch: { text: string; line: number }[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      line++;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (end > start) batch.push({ text: text.slice(start, end), line });
      start = nl + 1;
    }
    rest = text.slice(start);
    if (batch.length) yield batch;
  }
  if (rest.length) {
    line++;
    const text = rest.endsWith('\r') ? rest.slice(0, -1) : rest;
    if (text.trim().length) yield [{ text, line }];
  }
}

/**
 * The lines of a UTF-8 file with their 1-based numbers, one at a time (see {@link readLineBatches}).
 *
 * @example
 * ```ts
 * for await (const { text, line } of readLines('complaints.ndjson')) console.log(line, text.length);
 * ```
 */
export async function* readLines(file: string): AsyncGenerator<{ text: string; line: number }> {
  for await (const batch of readLineBatches(file)) yield* batch;
}
