import { renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import { InputError } from '../input/errors.js';
import type { CustomerState } from './engine.js';
import { encodeCustomer, factIds, decodeCustomer, type TagRow } from './state-text.js';
import { removeTemporary, temporaryName } from './temporary-files.js';

export { decodeCustomer, decodeFacts, decodeTags, encodeCustomer, encodeFact, encodeFacts, encodeTags, factIds, flat } from './state-text.js';

/** @internal a customer as read from the file: its revisit time and its two texts. */
type Saved = Pick<CustomerState, 'revisitAt' | 'facts' | 'tags'>;

/** @internal the state format; bumped when the layout changes. */
export const STATE_FORMAT = 'complaintkit-tags-state/3';
/** @internal the layout before the customers' texts were appended (one row per customer, rewritten in place). */
const FORMAT_2 = 'complaintkit-tags-state/2';

/** @internal the page cache of an opened state, at most (KiB). */
const CACHE_KB = 16_384;

/** @internal rows per multi-row insert. */
const ROWS_PER_INSERT = 100;

/** @internal inserts rows into `target` a hundred at a time (the rest one by one at the end). */
function batchInsert(db: Database.Database, target: string, columns: 2 | 3) {
  const one = `(${Array(columns).fill('?').join(', ')})`;
  const many = db.prepare(`insert into ${target} values ${Array(ROWS_PER_INSERT).fill(one).join(', ')}`);
  const single = db.prepare(`insert into ${target} values ${one}`);
  // One array of a statement's values, filled in place and bound as it is (SQLite copies what it binds).
  const values: unknown[] = new Array(ROWS_PER_INSERT * columns).fill(null);
  let n = 0;
  return {
    add(a: unknown, b: unknown, c?: unknown) {
      values[n++] = a;
      values[n++] = b;
      if (columns === 3) values[n++] = c;
      if (n === values.length) {
        many.run(values);
        n = 0;
      }
    },
    flush() {
      for (let i = 0; i < n; i += columns) single.run(values.slice(i, i + columns));
      n = 0;
    },
  };
}

/** @internal the customers' texts, appended: a changed customer gets a new row, its old one is left (counted under {@link STALE_KEY}). */
const TEXTS_TABLE = 'create table customer_texts (id integer primary key, data text not null);';
/** @internal the directory: each customer's current text and when its tags may next change. */
const DIRECTORY_TABLE = 'create table customers (id text primary key, revisit_at integer, text_id integer not null) without rowid;';
/** @internal */
const REVISIT_INDEX = 'create index customers_revisit on customers (revisit_at);';
/** @internal the meta key of the count of replaced texts. */
const STALE_KEY = 'stale_texts';

/**
 * @internal a state file of format 2 (one row per customer, rewritten in place) rewritten as format
 * 3, in one transaction; anything else is left as it is.
 */
function upgrade(db: Database.Database): void {
  const row = db.prepare<[string], { value: string }>('select value from meta where key = ?').get('state');
  const meta = row && (JSON.parse(row.value) as StateMeta);
  if (meta?.format !== FORMAT_2) return;
  db.transaction(() => {
    db.exec(`alter table customers rename to customers_v2;
      drop index customers_id;
      drop index customers_revisit;
      ${TEXTS_TABLE}
      ${DIRECTORY_TABLE}
      insert into customer_texts (id, data) select rowid, data from customers_v2;
      insert into customers (id, revisit_at, text_id) select id, revisit_at, rowid from customers_v2 order by id;
      drop table customers_v2;
      ${REVISIT_INDEX}`);
    db.prepare('update meta set value = ? where key = ?').run(JSON.stringify({ ...meta, format: STATE_FORMAT }), 'state');
  })();
}

/** @internal what the engine's header holds. */
export interface StateMeta {
  readonly format: string;
  readonly rules: string;
  readonly ruleSetVersion: string;
  readonly asOf: number | null;
  readonly seq: number;
  readonly cursor: string | null;
  /**
   * A full build's id for the event log it staged: the command's swap marker names it too, so a
   * later run can tell whether a build that stopped after writing its marker had put this state in
   * place (then its staged log is swapped in) or not (then the staged log is dropped). Absent after
   * an incremental save.
   */
  readonly log?: string;
}

/**
 * @internal what an incremental save writes ({@link StateFile.changes}), written by {@link writeChanges}.
 */
export interface StateChanges {
  /** The changed customers, in key order, with their revisit times and texts. */
  readonly ids: readonly string[];
  readonly revisits: readonly (number | null)[];
  readonly texts: readonly string[];
  /** How many of them replace a text the file holds (counted as stale). */
  readonly replaced: number;
  readonly dropped: readonly string[];
  /** Owners changed (`null`: dropped). */
  readonly owners: Iterable<readonly [string, string | null]>;
}

/**
 * @internal Writes an incremental save's changes and the header, inside a transaction the caller
 * holds: the changed customers' texts appended and the directory pointed at them, the dropped
 * customers and changed owners, and the count of replaced texts (deleted in one go once they
 * outnumber the current ones).
 */
export function writeChanges(db: Database.Database, meta: StateMeta, changes: StateChanges): void {
  const text = db.prepare('insert into customer_texts (data) values (?)');
  const put = db.prepare('insert or replace into customers (id, revisit_at, text_id) values (?, ?, ?)');
  const del = db.prepare('delete from customers where id = ?');
  const own = db.prepare('insert or replace into owners (complaint_id, customer_id) values (?, ?)');
  const disown = db.prepare('delete from owners where complaint_id = ?');
  const setMeta = db.prepare('insert or replace into meta (key, value) values (?, ?)');
  let stale = Number(db.prepare<[string], { value: string }>('select value from meta where key = ?').get(STALE_KEY)?.value ?? 0) + changes.replaced;
  const { ids, revisits, texts } = changes;
  for (let i = 0; i < ids.length; i++) put.run(ids[i], revisits[i], text.run(texts[i]).lastInsertRowid);
  for (const id of changes.dropped) stale += del.run(id).changes;
  for (const [cid, owner] of changes.owners) {
    if (owner === null) disown.run(cid);
    else own.run(cid, owner);
  }
  if (stale > countCustomers(db)) {
    db.exec('delete from customer_texts where id not in (select text_id from customers)');
    stale = 0;
  }
  setMeta.run(STALE_KEY, String(stale));
  setMeta.run('state', JSON.stringify(meta));
}

/** @internal */
const countCustomers = (db: Database.Database): number => (db.prepare<[], { n: number }>('select count(*) as n from customers').get()?.n ?? 0) as number;

/**
 * @internal A whole state written to a new file under a temporary name, a row at a time: by
 * {@link StateFile.create} in one go, or by the state worker (`writeSnapshotAside`) beside the
 * exports. Customers in key order, then {@link StateWriter.finish}; {@link StateWriter.commit}
 * renames the file into place (the caller's commit point), {@link StateWriter.abort} removes it.
 */
export class StateWriter {
  /** The temporary name the file is written under. */
  readonly tmp: string;
  readonly #db: Database.Database;
  readonly #text: ReturnType<typeof batchInsert>;
  readonly #put: ReturnType<typeof batchInsert>;
  readonly #own: ReturnType<typeof batchInsert>;
  #n = 0;

  constructor(readonly file: string) {
    this.tmp = temporaryName(file);
    removeTemporary(this.tmp);
    const db = new Database(this.tmp);
    this.#db = db;
    try {
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      // Indexes are made after the rows are in: one sort instead of a B-tree insert per row. The
      // customers come in key order, so the directory (keyed by id) is filled by appending.
      db.exec(`create table meta (key text primary key, value text not null);
        ${TEXTS_TABLE}
        ${DIRECTORY_TABLE}
        create table owners (complaint_id text not null, customer_id text not null);`);
      // Many rows per statement: one step into SQLite per hundred rows, not per row.
      this.#text = batchInsert(db, 'customer_texts (id, data)', 2);
      this.#put = batchInsert(db, 'customers (id, revisit_at, text_id)', 3);
      this.#own = batchInsert(db, 'owners (complaint_id, customer_id)', 2);
      db.exec('begin');
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** One customer's row: its id, revisit time and text (`encodeCustomer`). @example `w.customer('C-1', null, text);` */
  customer(id: string, revisitAt: number | null, text: string): void {
    this.#text.add(++this.#n, text);
    this.#put.add(id, revisitAt, this.#n);
  }

  /** One kept complaint's customer. @example `w.owner('CK20260301-000001', 'C-1');` */
  owner(complaintId: string, customerId: string): void {
    this.#own.add(complaintId, customerId);
  }

  /** Writes the rest and the header, builds the indexes and closes the file (still under its temporary name). @example `w.finish(meta);` */
  finish(meta: StateMeta): void {
    const db = this.#db;
    this.#text.flush();
    this.#put.flush();
    this.#own.flush();
    db.prepare('insert into meta (key, value) values (?, ?)').run('state', JSON.stringify(meta));
    db.exec('commit');
    db.exec(`create unique index owners_complaint on owners (complaint_id);
      ${REVISIT_INDEX}`);
    // The mode incremental runs use, set now while the file is new: switching an existing file to
    // WAL on the next run's open costs that run a rewrite of the header and a wait for the disk.
    db.pragma('journal_mode = WAL');
    db.close();
  }

  /** Puts the finished file in place of the state. @example `w.commit();` */
  commit(): void {
    renameSync(this.tmp, this.file);
  }

  /** Closes and removes the unfinished file (and SQLite's side files); never throws. @example `w.abort();` */
  abort(): void {
    try {
      if (this.#db?.open) this.#db.close();
    } catch {
      // Closing a database that failed part-way may fail too: the file is removed all the same.
    }
    removeTemporary(this.tmp);
  }
}

/**
 * The engine's saved state, read lazily: an SQLite file (better-sqlite3) with a directory of the
 * customers (id, when its tags may next change without new input, indexed, and which text is its
 * current one), the customers' texts (facts and tags as compact JSON), and one row per kept complaint
 * (its customer). An incremental run loads only the customers its complaints touch and those whose
 * tags are due to change, and saves them in one transaction.
 *
 * A saved customer's new text is appended, never written over the old one: a day's changed customers
 * are spread over every page of the texts, so rewriting them in place rewrote most of the file, where
 * appending writes only new pages (and the small directory). The old texts are left in place and
 * counted; once they outnumber the current ones, one save deletes them all (their pages are reused).
 *
 * @example
 * ```ts
 * const state = StateFile.open('tag-state/tags-state.sqlite');
 * state.customer('C-1001')?.tags;
 * state.close();
 * ```
 */
export class StateFile {
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string], { revisit_at: number | null; data: string }>;
  readonly #owner: Database.Statement<[string], { customer_id: string }>;
  readonly #has: Database.Statement<[string], { one: number }>;
  /**
   * What each customer read through {@link StateFile.customer} was (its texts as read: slices of the
   * row, not copies), so unchanged ones are not rewritten, found without encoding their rows again.
   */
  readonly #read = new Map<string, Saved>();
  readonly #dueRows: Database.Statement<[number], { id: string; revisit_at: number | null; data: string }>;
  readonly #many: Database.Statement<[string], { id: string; revisit_at: number | null; data: string }>;
  readonly #manyOwners: Database.Statement<[string], { complaint_id: string; customer_id: string }>;

  private constructor(
    readonly file: string,
    db: Database.Database,
  ) {
    this.#db = db;
    this.#get = db.prepare('select c.revisit_at, t.data from customers c join customer_texts t on t.id = c.text_id where c.id = ?');
    this.#owner = db.prepare('select customer_id from owners where complaint_id = ?');
    this.#has = db.prepare('select 1 as one from customers where id = ?');
    this.#dueRows = db.prepare('select c.id, c.revisit_at, t.data from customers c join customer_texts t on t.id = c.text_id where c.revisit_at <= ?');
    // Many look-ups in one statement: the ids as a JSON array, walked in the order given (key order).
    this.#many = db.prepare('select c.id, c.revisit_at, t.data from json_each(?) j join customers c on c.id = j.value join customer_texts t on t.id = c.text_id');
    this.#manyOwners = db.prepare('select o.complaint_id, o.customer_id from json_each(?) j join owners o on o.complaint_id = j.value');
  }

  /**
   * Opens a state file written by {@link StateFile.create}; a file that is not one is an
   * {@link InputError}.
   *
   * @example
   * ```ts
   * const state = StateFile.open('tag-state/tags-state.sqlite');
   * ```
   */
  static open(file: string): StateFile {
    let db: Database.Database;
    try {
      db = new Database(file, { fileMustExist: true });
      // A run's update is one transaction; WAL with NORMAL sync keeps the file whole on a crash and
      // does not wait for the disk on every commit (a lost last commit only means the run is redone).
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // A run reads its customers and then rewrites them: with SQLite's default 2 MB cache each
      // rewrite reads its page again from the file. The cache grows only as pages are used.
      db.pragma(`cache_size = -${CACHE_KB}`);
      db.prepare('select 1 from meta limit 1').get();
      upgrade(db);
    } catch {
      throw new InputError(file, null, null, `not a tag-state file of format ${STATE_FORMAT}`);
    }
    return new StateFile(file, db);
  }

  /**
   * Writes a whole state to a new file, under a temporary name renamed when complete. `owners` is
   * every kept complaint's customer when the caller has them all at hand (an engine not backed by a
   * saved state); without it they are read out of the customers' texts.
   *
   * @example
   * ```ts
   * StateFile.create('state.sqlite', meta, engine.customers);
   * ```
   */
  static create(file: string, meta: StateMeta, customers: Iterable<[string, CustomerState]>, owners?: Iterable<[string, string | null]>): void {
    const w = new StateWriter(file);
    try {
      for (const [id, c] of customers) {
        w.customer(id, c.revisitAt, encodeCustomer(c));
        if (!owners) for (const complaintId of factIds(c.facts)) w.owner(complaintId, id);
      }
      if (owners) for (const [complaintId, id] of owners) if (id !== null) w.owner(complaintId, id);
      w.finish(meta);
      w.commit();
    } catch (e) {
      w.abort();
      throw e;
    }
  }

  /** The saved header. @example `state.meta().asOf;` */
  meta(): StateMeta {
    const row = this.#db.prepare<[string], { value: string }>('select value from meta where key = ?').get('state');
    if (!row) throw new InputError(this.file, null, 'meta', 'the state file has no header');
    return JSON.parse(row.value) as StateMeta;
  }

  /** @internal notes what a customer was when read (the engine changes the object it is given). */
  #remember(c: CustomerState): CustomerState {
    this.#read.set(c.id, { revisitAt: c.revisitAt, facts: c.facts, tags: c.tags });
    return c;
  }

  /** One customer's saved state, or `undefined`; remembered so {@link StateFile.update} skips it if unchanged. @example `state.customer('C-1');` */
  customer(id: string): CustomerState | undefined {
    const row = this.#get.get(id);
    if (!row) return undefined;
    return this.#remember(decodeCustomer(id, row.data, row.revisit_at));
  }

  /**
   * Several customers' saved states in one statement (give the ids sorted: the look-ups then walk the
   * file in order), each remembered as {@link StateFile.customer} does; ids not saved are left out.
   *
   * @example
   * ```ts
   * for (const c of state.customers(['C-1', 'C-2'])) console.log(c.id);
   * ```
   */
  *customers(ids: readonly string[]): Generator<CustomerState> {
    if (!ids.length) return;
    for (const row of this.#many.iterate(JSON.stringify(ids))) {
      yield this.#remember(decodeCustomer(row.id, row.data, row.revisit_at));
    }
  }

  /**
   * The saved customers whose tags may change by `asOf` without new input, with their states (one
   * statement), each remembered as {@link StateFile.customer} does; `skip` leaves out those the caller
   * already holds (not decoded).
   *
   * @example
   * ```ts
   * for (const c of state.dueCustomers(Date.now(), (id) => held.has(id))) held.set(c.id, c);
   * ```
   */
  *dueCustomers(asOf: number, skip: (id: string) => boolean): Generator<CustomerState> {
    for (const row of this.#dueRows.iterate(asOf)) {
      if (skip(row.id)) continue;
      yield this.#remember(decodeCustomer(row.id, row.data, row.revisit_at));
    }
  }

  /**
   * The saved owners of several kept complaints in one statement (give the numbers sorted); numbers
   * without one are left out.
   *
   * @example
   * ```ts
   * state.owners(['CK20260301-000001']).get('CK20260301-000001');
   * ```
   */
  owners(complaintIds: readonly string[]): Map<string, string> {
    const found = new Map<string, string>();
    if (complaintIds.length) for (const row of this.#manyOwners.iterate(JSON.stringify(complaintIds))) found.set(row.complaint_id, row.customer_id);
    return found;
  }

  /** One customer's saved state, read and forgotten (for walking every customer). @example `state.peek('C-1');` */
  peek(id: string): CustomerState | undefined {
    const row = this.#get.get(id);
    return row && decodeCustomer(id, row.data, row.revisit_at);
  }

  /** The saved owner of a kept complaint. @example `state.ownerOf('CK20260301-000001');` */
  ownerOf(complaintId: string): string | undefined {
    return this.#owner.get(complaintId)?.customer_id;
  }

  /** Every saved customer id, sorted. @example `state.ids().length;` */
  ids(): string[] {
    return this.#db
      .prepare<[], { id: string }>('select id from customers order by id')
      .all()
      .map((r) => r.id);
  }

  /**
   * Every saved tag's key (`<customer id>|<code>`), active and exited, without decoding the facts:
   * what a previous run may have published.
   *
   * @example
   * ```ts
   * const before = new Set(state.tagKeys());
   * ```
   */
  *tagKeys(): Generator<string> {
    for (const r of this.#db.prepare<[], { id: string; data: string }>('select c.id, t.data from customers c join customer_texts t on t.id = c.text_id').iterate()) {
      const [, tags] = JSON.parse(r.data) as [unknown, TagRow[]];
      for (const t of tags) yield `${r.id}|${t[0]}`;
    }
  }

  /** How many customers are saved. @example `state.count();` */
  count(): number {
    return countCustomers(this.#db);
  }

  /** Whether a customer is saved. @example `state.has('C-1');` */
  has(id: string): boolean {
    return this.#has.get(id) !== undefined;
  }

  /**
   * Saves what a run changed in one transaction: the customers it holds in memory (a new text each,
   * appended, for those that changed), the customers it dropped, the owners it changed (`null`:
   * dropped), and the header. When the replaced texts outnumber the current ones, they are deleted.
   *
   * @example
   * ```ts
   * state.update(meta, engine.customers, dropped, owners);
   * ```
   */
  update(meta: StateMeta, customers: Iterable<[string, CustomerState]>, dropped: Iterable<string>, owners: Iterable<[string, string | null]>): void {
    const { changes, saved } = this.changes(customers, dropped, owners);
    this.#db.transaction(() => writeChanges(this.#db, meta, changes))();
    saved();
  }

  /**
   * @internal What {@link StateFile.update} would write, worked out without writing: the customers
   * whose texts or revisit time changed since they were read (their texts encoded, in key order), the
   * dropped ones and the owners (`owners` as given: iterated when written). `saved` notes the
   * customers as written: call it once they are committed.
   */
  changes(
    customers: Iterable<[string, CustomerState]>,
    dropped: Iterable<string>,
    owners: Iterable<readonly [string, string | null]>,
  ): { changes: StateChanges; saved: () => void } {
    // In key order: consecutive directory rows share pages, so each page is found and changed once.
    const sorted = [...customers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const ids: string[] = [];
    const revisits: (number | null)[] = [];
    const texts: string[] = [];
    const written: CustomerState[] = [];
    let replaced = 0;
    for (const [id, c] of sorted) {
      const before = this.#read.get(id);
      // Unchanged: the engine left both texts as it read them (often the same string) and the time.
      if (before !== undefined && before.revisitAt === c.revisitAt && before.facts === c.facts && before.tags === c.tags) continue;
      // A customer read from the file had a text there, which this one replaces.
      if (before !== undefined) replaced++;
      ids.push(id);
      revisits.push(c.revisitAt);
      texts.push(encodeCustomer(c));
      written.push(c);
    }
    const saved = () => {
      for (const c of written) this.#read.set(c.id, { revisitAt: c.revisitAt, facts: c.facts, tags: c.tags });
    };
    return { changes: { ids, revisits, texts, replaced, dropped: [...dropped], owners }, saved };
  }
  /** Closes the file. @example `state.close();` */
  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
