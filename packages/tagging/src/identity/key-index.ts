import { createReadStream } from 'node:fs';
import type { IdentityKind } from '@complaintkit/core/domain';
import type { IdentityHasher } from '@complaintkit/core/node';
import { InputError } from '../input/errors.js';

/** @internal marks a hash that more than one customer holds. */
const AMBIGUOUS = '\u0000ambiguous';

/** @internal */
const KINDS: readonly IdentityKind[] = ['phone', 'idNumber', 'cardNumber'];

/**
 * Keyed hashes of the identifiers the CRM supplies, each pointing at one customer id, or marked
 * ambiguous when two customers share it. Only hashes are kept: raw numbers are hashed as they are read
 * and dropped.
 *
 * @example
 * ```ts
 * const keys = new KeyIndex(createIdentityHasher(secret));
 * keys.add('phone', '138 1234 5678', 'C-1001');
 * keys.lookup(hash('phone', '+8613812345678')!); // 'C-1001'
 * ```
 */
export class KeyIndex {
  readonly #byHash = new Map<string, string>();
  /** Key rows whose identifier failed its check (bad phone, ID checksum, Luhn): skipped, never guessed. */
  readonly invalid: { file: string; line: number; kind: IdentityKind }[] = [];
  #rows = 0;

  constructor(readonly hasher: IdentityHasher) {}

  /** Identifier rows added. @example `keys.size;` */
  get rows(): number {
    return this.#rows;
  }

  /**
   * Adds one identifier of a customer; returns `false` (and keeps nothing) when it is not valid.
   *
   * @example
   * ```ts
   * keys.add('idNumber', '11010519491231002X', 'C-1001');
   * ```
   */
  add(kind: IdentityKind, raw: string, customerId: string): boolean {
    const hash = this.hasher(kind, raw);
    if (hash === null) return false;
    this.#rows++;
    const prev = this.#byHash.get(hash);
    this.#byHash.set(hash, prev === undefined || prev === customerId ? customerId : AMBIGUOUS);
    return true;
  }

  /**
   * The customer a keyed hash belongs to: an id, `'ambiguous'` when several customers hold it, or
   * `undefined` when none does.
   *
   * @example
   * ```ts
   * keys.lookup(row.phoneHash!);
   * ```
   */
  lookup(hash: string): string | 'ambiguous' | undefined {
    const v = this.#byHash.get(hash);
    return v === AMBIGUOUS ? 'ambiguous' : v;
  }

  /**
   * Reads a CRM key file: CSV with a header row naming `customerId` and any of `phone`, `idNumber`,
   * `cardNumber`. Empty cells are skipped; an identifier failing its check is listed in
   * {@link KeyIndex.invalid} (by line, never by value).
   *
   * @example
   * ```ts
   * await keys.addFile('crm-keys.csv');
   * ```
   */
  async addFile(file: string): Promise<void> {
    const { parse: parseCsv } = await import('csv-parse');
    const parser = createReadStream(file).pipe(parseCsv({ bom: true, info: true, skip_empty_lines: true }));
    let header: string[] | null = null;
    let idColumn = -1;
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        if (header === null) {
          header = record.map((h) => h.trim());
          idColumn = header.indexOf('customerId');
          if (idColumn < 0) throw new InputError(file, info.lines, 'customerId', 'a key file needs a customerId column');
          const other = header.find((h, i) => i !== idColumn && !KINDS.includes(h as IdentityKind));
          if (other !== undefined) throw new InputError(file, info.lines, other, 'unknown column; use customerId, phone, idNumber, cardNumber');
          continue;
        }
        const customerId = record[idColumn]?.trim() ?? '';
        if (!customerId || customerId.includes('|')) throw new InputError(file, info.lines, 'customerId', 'empty, or holds a "|"');
        header.forEach((h, i) => {
          const value = record[i]?.trim();
          if (i === idColumn || !value) return;
          if (!this.add(h as IdentityKind, value, customerId)) this.invalid.push({ file, line: info.lines, kind: h as IdentityKind });
        });
      }
    } catch (e) {
      if (e instanceof InputError) throw e;
      const err = e as { lines?: number; code?: string; message: string };
      throw new InputError(file, err.lines ?? null, null, err.code === 'ENOENT' ? 'the file does not exist' : `broken CSV (${err.code ?? err.message})`);
    }
  }
}
