import { createReadStream } from 'node:fs';

/**
 * The lines of a UTF-8 file with their 1-based numbers, a chunk's worth at a time (one array per
 * megabyte read: far fewer awaits than a line at a time on files of millions of lines). A leading BOM
 * and `\r\n` endings are handled; blank lines are skipped.
 *
 * @example
 * ```ts
 * for await (const batch of readLineBatches('complaints.ndjson')) for (const { text, line } of batch) console.log(line, text.length);
 * ```
 */
export async function* readLineBatches(file: string): AsyncGenerator<{ text: string; line: number }[]> {
  let rest = '';
  let line = 0;
  let first = true;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    let text = rest + (chunk as string);
    if (first) {
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
