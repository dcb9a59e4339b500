// Complaint numbers as the engine's maps hold them. A full build keeps hundreds of thousands of them
// as keys (the engine's owners, the read worker's set of kept numbers): as strings each costs a
// string of its own (about 40 bytes) and a hash-table entry (about 30); the service's numbers
// (`CK<yyyymmdd>-<sequence>`) packed into one exact integer and held in typed arrays cost about 16 to 24
// bytes a number, and the tables hold no objects for the garbage collector to mark.

/** @internal no key in a slot (packed numbers are ≥ 0). */
const EMPTY = -1;
/** @internal 10^7: the sequence part's room in a packed number (up to seven digits). */
const SEQ = 1e7;

/**
 * @internal A complaint number of the service's shape, `CK` + eight digits + `-` + one to seven
 * digits (`CK20241128-0000001`), as one exact integer (date, sequence and the sequence's width,
 * so leading zeros come back): at most 8·10^15, below 2^53. `-1` for any other text, which callers
 * keep as text.
 *
 * @example
 * ```ts
 * packComplaintNumber('CK20241128-0000001'); // 1619290310000001
 * packComplaintNumber('A-1'); // -1
 * ```
 */
export function packComplaintNumber(s: string): number {
  const n = s.length;
  if (n < 12 || n > 18 || s.charCodeAt(0) !== 67 || s.charCodeAt(1) !== 75 || s.charCodeAt(10) !== 45) return -1;
  let date = 0;
  for (let i = 2; i < 10; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    date = date * 10 + d;
  }
  let seq = 0;
  for (let i = 11; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    seq = seq * 10 + d;
  }
  return (date * 8 + (n - 11)) * SEQ + seq;
}

/**
 * @internal The text of a {@link packComplaintNumber} result.
 *
 * @example
 * ```ts
 * unpackComplaintNumber(packComplaintNumber('CK20260301-000001')); // 'CK20260301-000001'
 * ```
 */
export function unpackComplaintNumber(p: number): string {
  const seq = p % SEQ;
  const rest = (p - seq) / SEQ;
  const width = rest % 8;
  const date = (rest - width) / 8;
  return `CK${String(date).padStart(8, '0')}-${String(seq).padStart(width, '0')}`;
}

/** @internal a packed number's slot hash (both halves of the 53 bits mixed). */
const hash = (p: number): number => {
  let h = Math.imul((p >>> 0) ^ Math.imul(Math.floor(p / 4294967296), 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

/**
 * @internal An open-addressing table of packed complaint numbers (linear probing, deletion by
 * shifting back, so no tombstones), grown by doubling at three quarters full. The base of
 * {@link ComplaintNumberSet} and {@link ComplaintOwners}.
 */
class PackedTable {
  protected keys = new Float64Array(1024).fill(EMPTY);
  protected mask = 1023;
  count = 0;

  /** The slot of `p`, or of the empty slot where it would go. */
  protected slot(p: number): number {
    const { keys, mask } = this;
    let i = hash(p) & mask;
    for (;;) {
      const k = keys[i]!;
      if (k === p || k === EMPTY) return i;
      i = (i + 1) & mask;
    }
  }

  /** Makes room for one more key (call before putting a key into an empty slot). */
  protected reserve(): void {
    if ((this.count + 1) * 4 <= this.keys.length * 3) return;
    const old = this.keys;
    const values = this.values();
    this.keys = new Float64Array(old.length * 2).fill(EMPTY);
    this.mask = this.keys.length - 1;
    this.resize(this.keys.length);
    for (let i = 0; i < old.length; i++) {
      const k = old[i]!;
      if (k === EMPTY) continue;
      const j = this.slot(k);
      this.keys[j] = k;
      this.move(values, i, j);
    }
  }

  /** Removes the key in slot `i`, shifting back the keys after it that probed past it. */
  protected remove(i: number): void {
    const { keys, mask } = this;
    const values = this.values();
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const k = keys[j]!;
      if (k === EMPTY) break;
      const home = hash(k) & mask;
      // Move k into the hole when its home is not cyclically within (hole, j].
      if (hole <= j ? home <= hole || home > j : home <= hole && home > j) {
        keys[hole] = k;
        this.move(values, j, hole);
        hole = j;
      }
    }
    keys[hole] = EMPTY;
    this.clearValue(hole);
    this.count--;
  }

  /** Subclasses' values (none for a set). */
  protected values(): unknown[] | null {
    return null;
  }
  protected resize(_capacity: number): void {}
  protected move(_values: unknown[] | null, _from: number, _to: number): void {}
  protected clearValue(_i: number): void {}
}

/**
 * @internal A set of complaint numbers: the service's numbers packed ({@link packComplaintNumber}) in a
 * typed table, any other text in a `Set`. What a full build's read worker keeps of each complaint it
 * handed over as kept.
 *
 * @example
 * ```ts
 * const kept = new ComplaintNumberSet();
 * kept.add('CK20241128-0000001');
 * kept.has('CK20241128-0000001'); // true
 * ```
 */
export class ComplaintNumberSet extends PackedTable {
  readonly #other = new Set<string>();

  /** Whether `id` is in the set. */
  has(id: string): boolean {
    const p = packComplaintNumber(id);
    return p < 0 ? this.#other.has(id) : this.keys[this.slot(p)] === p;
  }

  /** Adds `id`. */
  add(id: string): void {
    const p = packComplaintNumber(id);
    if (p < 0) {
      this.#other.add(id);
      return;
    }
    if (this.keys[this.slot(p)] === p) return;
    this.reserve();
    this.keys[this.slot(p)] = p;
    this.count++;
  }

  /** How many numbers the set holds. */
  get size(): number {
    return this.count + this.#other.size;
  }
}

/**
 * @internal The engine's complaint owners: complaint number → customer id (`null`: dropped from the
 * saved state), with the `Map` methods the engine uses. The service's numbers are packed in a typed
 * table whose values are the customers' own id strings (shared, not copied); any other text is kept
 * in a `Map`. Iteration gives the numbers as text, in no particular order.
 *
 * @example
 * ```ts
 * const owners = new ComplaintOwners();
 * owners.set('CK20241128-0000001', 'RC0194924');
 * owners.get('CK20241128-0000001'); // 'RC0194924'
 * [...owners]; // [['CK20241128-0000001', 'RC0194924']]
 * ```
 */
export class ComplaintOwners extends PackedTable implements Iterable<[string, string | null]> {
  #owners: (string | null)[] = new Array<string | null>(1024).fill(null);
  readonly #other = new Map<string, string | null>();

  /** The owner of `id`: a customer id, `null`, or `undefined` when not held. */
  get(id: string): string | null | undefined {
    const p = packComplaintNumber(id);
    if (p < 0) return this.#other.get(id);
    const i = this.slot(p);
    return this.keys[i] === p ? this.#owners[i] : undefined;
  }

  /** Whether `id` is held (with an owner or `null`). */
  has(id: string): boolean {
    const p = packComplaintNumber(id);
    return p < 0 ? this.#other.has(id) : this.keys[this.slot(p)] === p;
  }

  /** Sets the owner of `id`. */
  set(id: string, owner: string | null): this {
    const p = packComplaintNumber(id);
    if (p < 0) {
      this.#other.set(id, owner);
      return this;
    }
    let i = this.slot(p);
    if (this.keys[i] !== p) {
      this.reserve();
      i = this.slot(p);
      this.keys[i] = p;
      this.count++;
    }
    this.#owners[i] = owner;
    return this;
  }

  /** Forgets `id`; whether it was held. */
  delete(id: string): boolean {
    const p = packComplaintNumber(id);
    if (p < 0) return this.#other.delete(id);
    const i = this.slot(p);
    if (this.keys[i] !== p) return false;
    this.remove(i);
    return true;
  }

  /** How many numbers are held. */
  get size(): number {
    return this.count + this.#other.size;
  }

  /**
   * Every number (as text) and its owner. Do not change the table while iterating (as with a `Map`
   * changed mid-loop, but worse: a growth or a deletion's backward shift moves entries, so pairs
   * may be skipped, repeated or mismatched); the build only iterates it once the read is over.
   */
  *[Symbol.iterator](): Generator<[string, string | null]> {
    yield* this.#other;
    const { keys } = this;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (k !== EMPTY) yield [unpackComplaintNumber(k), this.#owners[i]!];
    }
  }

  protected override values(): unknown[] {
    return this.#owners;
  }
  protected override resize(capacity: number): void {
    this.#owners = new Array<string | null>(capacity).fill(null);
  }
  protected override move(values: unknown[] | null, from: number, to: number): void {
    this.#owners[to] = (values as (string | null)[])[from]!;
  }
  protected override clearValue(i: number): void {
    this.#owners[i] = null;
  }
}
