import { createReadStream } from 'node:fs';

/**
 * A history file whose bytes are not text in the encoding it was read in: nothing was imported.
 * The message names the line it was read up to and what to do (usually `--encoding gb18030` for a
 * file saved by Excel or an older system in Chinese).
 *
 * @example
 * ```ts
 * try { for await (const piece of decodeFile('old.csv', 'utf-8')) use(piece); }
 * catch (e) { if (e instanceof FileEncodingError) console.error(e.message); }
 * ```
 */
export class FileEncodingError extends Error {
  override readonly name = 'FileEncodingError';
}

/** @internal the first bytes of a UTF-16 file (Excel's "Unicode text"). */
const isUtf16 = (b: Buffer) => b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));

/**
 * Whether `label` names an encoding this runtime decodes (WHATWG labels: `utf-8`, `gb18030`, `gbk`,
 * `gb2312`, `big5`, …).
 *
 * @example
 * ```ts
 * knownEncoding('gbk'); // true
 * ```
 */
export function knownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a file a piece at a time as text in `encoding`, refusing bytes that are not text in it (a
 * GB18030 file read as UTF-8 would otherwise become replacement characters, and complaints would be
 * imported with their words lost). A UTF-8 byte order mark is dropped later by the CSV reader.
 *
 * @example
 * ```ts
 * for await (const piece of decodeFile('old.csv', 'gb18030')) process.stdout.write(piece);
 * ```
 */
export async function* decodeFile(path: string, encoding: string): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let lines = 1;
  let first = true;
  const refuse = (): never => {
    const other = decoder.encoding === 'utf-8' ? ' If it was saved by Excel or an older system in Chinese, run the import again with --encoding gb18030.' : '';
    throw new FileEncodingError(`${path} is not ${decoder.encoding} text (after line ${lines}): nothing was imported.${other}`);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    if (first && isUtf16(bytes)) {
      throw new FileEncodingError(`${path} is UTF-16 text (Excel's "Unicode text"): save it as "CSV UTF-8" and import that; nothing was imported.`);
    }
    first = false;
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      return refuse();
    }
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    yield text;
  }
  try {
    yield decoder.decode();
  } catch {
    refuse();
  }
}
