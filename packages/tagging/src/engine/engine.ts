import { createHash } from 'node:crypto';
import type { Linker } from '../identity/link.js';
import type { ComplaintRow, ComplaintRowInput } from '../input/complaint-row.js';
import { complaintRowCheck } from '../input/complaint-row-check.generated.js';
import { DigestedRows } from '../input/digested-rows.js';
import { InputError, issuesToInputError } from '../input/errors.js';
import { loadRowSchemas, rowSchemas } from '../input/row-schemas.js';
import { type TagAssignment, type TagEvent, tagKey } from '../model/assignment.js';
import { type CompiledRules, compileRules, evaluateCustomer, nextChangeAt, type RuleResult, stillRelevant } from '../rules/evaluate.js';
import type { RuleSet } from '../rules/schema.js';
import { ComplaintOwners } from './complaint-numbers.js';
import { type ComplaintFacts, toFacts } from './facts.js';
import { isoTime } from './iso-instant.js';
import { isObservableLike, type Source, toAsyncIterable } from './source.js';
import { decodeFacts, decodeTags, encodeFact, encodeFacts, encodeTags, flat, type StateFile } from './state-file.js';

/** @internal a tag as the engine keeps it (times in ms). */
export interface StoredTag {
  readonly code: string;
  readonly active: boolean;
  readonly validFrom: number;
  readonly validUntil: number | null;
  readonly evidence: readonly string[];
  readonly version: string;
}

/**
 * @internal what the engine keeps per customer: its kept complaints and its tags as the compact text
 * the state file stores (`encodeFacts`, `encodeTags`: comma-separated JSON arrays), decoded only while
 * the customer is evaluated. Text takes about half the memory of objects, and the state file is then
 * written without encoding anything.
 */
export interface CustomerState {
  /** The customer id, one string shared by the maps that name the customer (its complaints' owner). */
  readonly id: string;
  facts: string;
  tags: string;
  /** When a rule's answer may next change without new input; `null` if never. */
  revisitAt: number | null;
}

/**
 * One complaint the engine reads: a row of the export shape, optionally with where it came from so
 * errors can name the file and line.
 *
 * @example
 * ```ts
 * const item: EngineInput = { row: { id: 'CK20260301-000001', … }, file: 'day.ndjson', line: 12 };
 * ```
 */
export type EngineInput =
  | ComplaintRowInput
  | {
      readonly row: ComplaintRowInput | ComplaintRow;
      readonly file?: string;
      readonly line?: number;
      /** The service's change cursor after this row (the `seq` of its latest change), from `readService`. */
      readonly cursor?: string;
    };

/**
 * A complaint the run could not link to a customer (never guessed). No personal data: the number and
 * why.
 *
 * @example
 * ```ts
 * const u: Unlinked = { complaintId: 'CK20260301-000001', status: 'ambiguous', reason: 'conflicting_identifiers' };
 * ```
 */
export interface Unlinked {
  readonly complaintId: string;
  readonly status: 'unmatched' | 'ambiguous';
  readonly reason?: string;
}

/**
 * Options of one {@link TagEngine.run}.
 *
 * @example
 * ```ts
 * await engine.run(readNdjson('day.ndjson'), { asOf: '2026-11-29T00:00:00+08:00', onEvent: (e) => log.write(e) });
 * ```
 */
export interface RunOptions {
  /** The instant the tags hold at; not before the previous run's. */
  readonly asOf: string | Date;
  /** Defaults to `run-<asOf>`. */
  readonly runId?: string;
  /** Each assignment change, in key order, as it is decided; return a promise to slow the run down (backpressure). */
  readonly onEvent?: (event: TagEvent) => unknown;
  readonly onUnlinked?: (u: Unlinked) => void;
  /** Called every `progressEvery` complaints read (default 10,000) and at the end. */
  readonly onProgress?: (read: number) => void;
  readonly progressEvery?: number;
}

/**
 * What one run did.
 *
 * @example
 * ```ts
 * const s: RunSummary = await engine.run(rows, { asOf });
 * console.log(s.read, s.linked, s.unmatched, s.events);
 * ```
 */
export interface RunSummary {
  readonly runId: string;
  readonly asOf: string;
  /** The previous run's as-of instant, `null` for the first. */
  readonly previousAsOf: string | null;
  readonly read: number;
  readonly linked: number;
  readonly linkedByKeys: number;
  readonly unmatched: number;
  readonly ambiguous: number;
  /** Customers whose tags were evaluated (all touched ones, and those whose tags were due to change). */
  readonly evaluated: number;
  readonly assigned: number;
  readonly removed: number;
  /** The first and last event sequence numbers of this run (`null` when nothing changed). */
  readonly firstSeq: number | null;
  readonly lastSeq: number;
  /**
   * The service's change cursor after this run (`GET /v1/complaint-changes?since=`): the `seq` of the
   * last change read from a service, kept from earlier runs; `null` when never read from a service.
   */
  readonly cursor: string | null;
}

/**
 * Options of a {@link TagEngine}.
 *
 * @example
 * ```ts
 * new TagEngine({ rules: await loadRules('rules.yaml'), linker: new Linker(hasher, keys) });
 * ```
 */
export interface TagEngineOptions {
  readonly rules: RuleSet;
  /** Links rows without a customer id through the CRM's key files; without it they are unmatched. */
  readonly linker?: Linker;
}

/**
 * The streaming tag engine. It reads complaints one at a time (from files, the client, or rxjs),
 * keeps per customer only the complaints that can still affect a rule, and after each run emits the
 * assignment changes as append-only events. Its state (saved with {@link writeSnapshot}) lets the next
 * run read only what changed and give the same tags as a full run over everything.
 *
 * @example
 * ```ts
 * const engine = new TagEngine({ rules: BUILT_IN_RULES });
 * const summary = await engine.run(readNdjson('complaints.ndjson'), { asOf: '2026-11-29T00:00:00+08:00' });
 * for (const tag of engine.assignments()) console.log(tag.key, tag.evidence);
 * ```
 */
export class TagEngine {
  readonly rules: RuleSet;
  /** A digest of the rule set: a snapshot made under other rules is refused. */
  readonly rulesDigest: string;
  readonly #compiled: CompiledRules;
  readonly #linker: Linker | undefined;
  /** @internal */
  customers = new Map<string, CustomerState>();
  /** @internal complaint number → customer, for the complaints kept (`null`: dropped from `backing`). */
  owners = new ComplaintOwners();
  /** @internal the saved state read lazily (after {@link readSnapshot}); `customers` then caches what was read. */
  backing: StateFile | null = null;
  /** @internal customers dropped in memory that {@link backing} still holds. */
  dropped = new Set<string>();
  /** @internal customers looked up in {@link backing} and not found there (new ones, for {@link customerCount}). */
  #unsaved = new Set<string>();
  /** @internal complaint numbers looked up in {@link backing}: their saved owner, `null` for none. */
  #savedOwners = new Map<string, string | null>();
  /** @internal */
  asOf: number | null = null;
  /** @internal */
  seq = 0;
  /** @internal the service's change cursor (see {@link RunSummary.cursor}). */
  cursor: string | null = null;
  /** @internal every customer id in key order, once the last run is over (`null`: not worked out yet). */
  #order: string[] | null = null;

  constructor(options: TagEngineOptions) {
    this.rules = options.rules;
    this.rulesDigest = createHash('sha256').update(JSON.stringify(options.rules)).digest('hex').slice(0, 16);
    this.#compiled = compileRules(options.rules);
    this.#linker = options.linker;
  }

  /** The last run's as-of instant. @example `engine.lastAsOf; // '2026-11-29T00:00:00.000Z'` */
  get lastAsOf(): string | null {
    return this.asOf === null ? null : new Date(this.asOf).toISOString();
  }

  /** The number of customers the engine holds state for. @example `engine.customerCount;` */
  get customerCount(): number {
    const saved = this.backing;
    if (!saved) return this.customers.size;
    // Every customer in memory was either read from the saved state or looked up there and not found.
    let n = saved.count();
    for (const id of this.customers.keys()) if (this.#unsaved.has(id)) n++;
    for (const id of this.dropped) if (!this.#unsaved.has(id)) n--;
    return n;
  }

  /**
   * Closes the saved state this engine reads from, if any.
   *
   * @example
   * ```ts
   * const engine = await readSnapshot(file, { rules });
   * try { await engine.run(rows, { asOf }); await writeSnapshot(engine, file); } finally { engine.close(); }
   * ```
   */
  close(): void {
    this.backing?.close();
  }

  /**
   * @internal after the engine's changes are written to {@link backing}: every customer it holds is
   * now in the file and none it dropped is, so {@link customerCount} counts each once on the next run;
   * and the complaints' saved owners cached before the save may have changed, so they are read again.
   *
   * @example
   * ```ts
   * saved.update(metaOf(engine), engine.customers, engine.dropped, engine.owners);
   * engine.markSaved();
   * ```
   */
  markSaved(): void {
    this.#unsaved.clear();
    this.dropped.clear();
    this.#savedOwners.clear();
  }

  /** @internal a customer's state, read from the saved state on first use. */
  #state(id: string): CustomerState | undefined {
    const held = this.customers.get(id);
    if (held || !this.backing || this.dropped.has(id) || this.#unsaved.has(id)) return held;
    const saved = this.backing.customer(id);
    if (saved) this.customers.set(id, saved);
    else this.#unsaved.add(id);
    return saved;
  }

  /** @internal the saved owner of a kept complaint (looked up once). */
  #savedOwner(complaintId: string): string | undefined {
    const known = this.#savedOwners.get(complaintId);
    if (known !== undefined) return known ?? undefined;
    const owner = this.backing?.ownerOf(complaintId);
    this.#savedOwners.set(complaintId, owner ?? null);
    return owner;
  }

  /**
   * @internal reads from the saved state, in two statements, what a batch of rows will look up one at
   * a time: the saved owners of their complaint numbers and the customers they name or belong to
   * (sorted, so the look-ups walk the file in order). Only a cache: a row linked otherwise is looked
   * up when it is taken.
   */
  #prefetch(items: readonly EngineInput[]): void {
    const saved = this.backing;
    if (!saved) return;
    const ids = new Set<string>();
    const wanted = new Set<string>();
    const want = (customerId: unknown) => {
      if (typeof customerId === 'string' && customerId && !this.customers.has(customerId) && !this.dropped.has(customerId) && !this.#unsaved.has(customerId)) wanted.add(customerId);
    };
    for (const item of items) {
      const row = (item !== null && typeof item === 'object' && 'row' in item ? item.row : item) as { id?: unknown; customerId?: unknown } | null;
      if (row === null || typeof row !== 'object') continue;
      if (typeof row.id === 'string' && !this.owners.has(row.id) && !this.#savedOwners.has(row.id)) ids.add(row.id);
      want(row.customerId);
    }
    const numbers = [...ids].sort(byText);
    const owners = saved.owners(numbers);
    for (const id of numbers) {
      const owner = owners.get(id);
      this.#savedOwners.set(id, owner ?? null);
      want(owner);
    }
    const customers = [...wanted].sort(byText);
    for (const c of saved.customers(customers)) this.customers.set(c.id, c);
    for (const id of customers) if (!this.customers.has(id)) this.#unsaved.add(id);
  }

  /** @internal */
  #disown(complaintId: string): void {
    if (this.backing) this.owners.set(complaintId, null);
    else this.owners.delete(complaintId);
  }

  /**
   * Reads every complaint of `source`, then evaluates every customer whose tags may have changed, and
   * returns what happened. A bad row throws an {@link InputError} before any event is emitted; the
   * engine has then read part of the input, so discard it and restore the last snapshot (the CLI does).
   *
   * @example
   * ```ts
   * const events: TagEvent[] = [];
   * await engine.run(rows, { asOf: '2026-11-29T00:00:00+08:00', onEvent: (e) => events.push(e) });
   * ```
   */
  async run(source: Source<EngineInput | readonly EngineInput[]>, options: RunOptions): Promise<RunSummary> {
    const asOf = typeof options.asOf === 'string' ? Date.parse(options.asOf) : options.asOf.getTime();
    if (Number.isNaN(asOf)) throw new InputError('asOf', null, null, 'not a valid instant; write it like 2026-11-29T00:00:00+08:00');
    if (this.asOf !== null && asOf < this.asOf) {
      throw new InputError('asOf', null, null, `earlier than the previous run (${this.lastAsOf}); tags only move forward in time`);
    }
    const asOfIso = new Date(asOf).toISOString();
    this.#order = null;
    const runId = options.runId ?? `run-${asOfIso}`;
    const every = options.progressEvery ?? 10_000;
    const dirty = new Set<string>();
    let read = 0;
    let linked = 0;
    let byKeys = 0;
    let unmatched = 0;
    let ambiguous = 0;
    let cursor = this.cursor;
    const pending: Unlinked[] = [];
    // `false`: a plain row the generated check refuses, taken again once zod is loaded to say why.
    const take = (item: EngineInput): boolean => {
      const { row: raw, file, cursor: after } = 'row' in item ? item : { row: item, file: undefined, cursor: undefined };
      let row: ComplaintRow;
      if (file === undefined && !complaintRowCheck(raw)) {
        const schemas = rowSchemas();
        if (!schemas) return false;
        const checked = schemas.row.checkComplaintRow(raw);
        if (Array.isArray(checked)) throw issuesToInputError(`complaint #${read + 1}`, null, checked);
        row = checked as ComplaintRow;
      } else {
        row = raw as ComplaintRow;
      }
      read++;
      if (after !== undefined) cursor = after;
      // Without key files a row is linked by its own customer id (no link object per row).
      let customerId: string | null = null;
      const link = this.#linker ? this.#linker.link(row) : null;
      if (link === null) customerId = row.customerId ? row.customerId : null;
      else if (link.status === 'matched') {
        customerId = link.customerId;
        if (link.via === 'keys') byKeys++;
      } else if (link.status === 'ambiguous') {
        ambiguous++;
        pending.push({ complaintId: row.id, status: 'ambiguous', reason: link.reason });
      }
      if (customerId !== null) linked++;
      else if (link?.status !== 'ambiguous') {
        unmatched++;
        pending.push({ complaintId: row.id, status: 'unmatched' });
      }
      this.#upsert(row.id, customerId, toFacts(row), asOf, dirty);
      if (read % every === 0) options.onProgress?.(read);
      return true;
    };
    // Rows a read worker has already checked and turned into facts (a full build: `readDigested`).
    // Only on an engine with nothing in memory and no saved state: there a row the worker left out
    // (linked, counted by no rule, its number never kept) changes nothing.
    const fresh = !this.backing && this.owners.size === 0 && this.customers.size === 0;
    const takeDigested = ({ batch }: DigestedRows) => {
      if (!fresh) throw new RangeError('digested rows are for a full build: an engine with no state');
      const { flags, ids, customers, facts } = batch;
      let none = 0;
      for (let i = 0; i < flags.length; i++) {
        const id = ids[i]!;
        const customerId = customers[i] || null;
        const fact = facts[i]!;
        if (customerId === null) {
          none++;
          pending.push({ complaintId: id, status: 'unmatched' });
        }
        const flag = flags.charCodeAt(i);
        if (flag === KEPT && customerId !== null && this.owners.get(id) === undefined) this.#append(id, customerId, fact, dirty);
        else this.#upsert(id, customerId, fact ? decodeFacts(fact)[0]! : null, asOf, dirty);
      }
      const before = read;
      read += batch.rows;
      linked += batch.rows - none;
      unmatched += none;
      if (Math.floor(read / every) > Math.floor(before / every)) options.onProgress?.(read);
    };
    // A source may give complaints one at a time or in batches (arrays), as `readNdjsonBatches` does.
    for await (const item of isObservableLike(source) ? toAsyncIterable(source) : source) {
      if (Array.isArray(item)) {
        this.#prefetch(item as readonly EngineInput[]);
        for (const one of item as readonly EngineInput[]) if (!take(one)) await loadRowSchemas().then(() => take(one));
      }
      // (Not in the public type: only the command makes them.)
      else if ((item as unknown) instanceof DigestedRows) takeDigested(item as unknown as DigestedRows);
      else if (!take(item as EngineInput)) await loadRowSchemas().then(() => take(item as EngineInput));
    }
    options.onProgress?.(read);
    for (const u of pending) options.onUnlinked?.(u);

    for (const [id, c] of this.customers) if (c.revisitAt !== null && c.revisitAt <= asOf) dirty.add(id);
    // The saved customers due, read with their states in one statement.
    if (this.backing) {
      for (const c of this.backing.dueCustomers(asOf, (id) => this.customers.has(id) || this.dropped.has(id))) {
        this.customers.set(c.id, c);
        dirty.add(c.id);
      }
    }
    const firstSeq = this.seq + 1;
    let assigned = 0;
    let removed = 0;
    const evaluated = dirty.size;
    const order = [...dirty].sort(byText);
    // Its table (every customer's entry after a full build's read) is not needed past this point.
    dirty.clear();
    for (const customerId of order) {
      for (const e of this.#evaluate(customerId, asOf, asOfIso, runId)) {
        if (e.type === 'assigned') assigned++;
        else removed++;
        const wait = options.onEvent?.(e);
        if (wait instanceof Promise) await wait;
      }
    }
    this.#order = null;
    const previousAsOf = this.lastAsOf;
    this.asOf = asOf;
    this.cursor = cursor;
    return {
      runId,
      asOf: asOfIso,
      previousAsOf,
      read,
      linked,
      linkedByKeys: byKeys,
      unmatched,
      ambiguous,
      evaluated,
      assigned,
      removed,
      firstSeq: this.seq >= firstSeq ? firstSeq : null,
      lastSeq: this.seq,
      cursor,
    };
  }

  /** @internal replaces what is known of one complaint. */
  #upsert(id: string, customerId: string | null, facts: ComplaintFacts | null, asOf: number, dirty: Set<string>): void {
    const updatedAt = facts?.updatedAt ?? null;
    // The customer a kept complaint belongs to: changed in memory, else as saved (looked up once).
    const held = this.owners.get(id);
    const saved = held === undefined ? this.#savedOwner(id) : LATER;
    const owner = held === undefined ? (saved as string | undefined) : (held ?? undefined);
    if (owner !== undefined) {
      const state = this.#state(owner);
      const list = state ? decodeFacts(state.facts) : [];
      const i = list.findIndex((f) => f.id === id);
      const prev = list[i];
      // An older version read after a newer one changes nothing.
      if (prev && updatedAt !== null && prev.updatedAt > updatedAt && owner === customerId) return;
      if (state && i >= 0) {
        list.splice(i, 1);
        state.facts = encodeFacts(list);
      }
      this.#disown(id);
      dirty.add(owner);
    }
    if (customerId === null || facts === null || !stillRelevant(facts, asOf, this.#compiled)) return;
    let state = this.#state(customerId);
    if (!state) {
      state = { id: customerId, facts: '', tags: '', revisitAt: null };
      this.customers.set(customerId, state);
      this.dropped.delete(customerId);
    }
    // Appended and flattened: a copy of the text rather than a tree of links (most hold one or two).
    state.facts = state.facts ? flat(`${state.facts},${encodeFact(facts)}`) : encodeFact(facts);
    // Backed by a saved state: record only an owner that differs from the saved one (fewer rows to write).
    if (this.backing && (saved === LATER ? this.#savedOwner(id) : saved) === customerId) this.owners.delete(id);
    else this.owners.set(id, state.id);
    dirty.add(state.id);
  }

  /**
   * @internal appends a kept complaint whose number the engine does not hold (a full build's
   * digested row): what {@link TagEngine.#upsert} does for it, with the facts text already made.
   */
  #append(id: string, customerId: string, fact: string, dirty: Set<string>): void {
    let state = this.#state(customerId);
    if (!state) {
      state = { id: customerId, facts: '', tags: '', revisitAt: null };
      this.customers.set(customerId, state);
    }
    state.facts = state.facts ? flat(`${state.facts},${fact}`) : fact;
    this.owners.set(id, state.id);
    dirty.add(state.id);
  }

  /** @internal evaluates one customer and turns the differences into events. */
  #evaluate(customerId: string, asOf: number, asOfIso: string, runId: string): TagEvent[] {
    const state = this.#state(customerId);
    if (!state) return [];
    const all = decodeFacts(state.facts);
    const kept = all.filter((f) => stillRelevant(f, asOf, this.#compiled));
    if (kept.length !== all.length) {
      for (const f of all) if (!kept.includes(f)) this.#disown(f.id);
      state.facts = encodeFacts(kept);
    } else state.facts = flat(state.facts);
    const results = evaluateCustomer(kept, asOf, this.#compiled);
    const events: TagEvent[] = [];
    const next: StoredTag[] = [];
    const byCode = new Map(decodeTags(state.tags).map((t) => [t.code, t]));
    for (const r of results) {
      const old = byCode.get(r.code);
      byCode.delete(r.code);
      const tag = toStored(r);
      next.push(tag);
      if (old?.active && sameTag(old, tag)) continue;
      events.push(this.#event(runId, asOfIso, 'assigned', customerId, tag, old?.active === true));
    }
    for (const old of byCode.values()) {
      if (!old.active) {
        next.push(old);
        continue;
      }
      const exited: StoredTag = { ...old, active: false, validUntil: old.validUntil !== null && old.validUntil < asOf ? old.validUntil : asOf };
      next.push(exited);
      events.push(this.#event(runId, asOfIso, 'removed', customerId, exited, true));
    }
    next.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    // Events in code order within a customer, customers in id order: a run's log is deterministic.
    events.sort((a, b) => (a.assignment.code < b.assignment.code ? -1 : 1));
    for (const [i, e] of events.entries()) (e as { seq: number }).seq = this.seq + i + 1;
    this.seq += events.length;
    state.tags = encodeTags(next);
    state.revisitAt = nextChangeAt(kept, asOf, this.#compiled);
    if (!kept.length && !next.length) {
      this.customers.delete(customerId);
      if (this.backing) this.dropped.add(customerId);
    }
    return events;
  }

  /** @internal */
  #event(runId: string, at: string, type: TagEvent['type'], customerId: string, tag: StoredTag, wasActive: boolean): TagEvent {
    return { seq: 0, runId, at, type, wasActive, assignment: toAssignment(customerId, tag, at) };
  }

  /**
   * The current state: every assignment, active and exited, in key order (streamed, never all in
   * memory at once), stamped with the last run's instant as `lastEvaluatedAt`.
   *
   * @example
   * ```ts
   * const active = [...engine.assignments()].filter((a) => a.status === 'active');
   * ```
   */
  *assignments(): Generator<TagAssignment> {
    const at = this.lastAsOf ?? new Date(0).toISOString();
    for (const [id, state] of this.states()) for (const t of decodeTags(state.tags)) yield toAssignment(id, t, at);
  }

  /**
   * @internal every customer's state in key order: from memory, and from the saved state (read one at
   * a time, not kept) for the customers this run did not touch.
   */
  *states(): Generator<[string, CustomerState]> {
    const saved = this.backing;
    // The order is worked out once per run (the snapshot export and the state both walk it).
    if (this.#order === null) {
      const all = saved ? new Set([...saved.ids(), ...this.customers.keys()]) : this.customers.keys();
      // The customers' own id strings (not copies), in the order of their keys `<id>|<code>`.
      this.#order = [...all].filter((id) => !this.dropped.has(id)).sort(byKey);
    }
    for (const id of this.#order) {
      const state = this.customers.get(id) ?? saved?.peek(id);
      if (state) yield [id, state];
    }
  }

  /**
   * One customer's current assignments.
   *
   * @example
   * ```ts
   * engine.customerTags('C-1001').map((a) => a.code);
   * ```
   */
  customerTags(customerId: string): TagAssignment[] {
    const at = this.lastAsOf ?? new Date(0).toISOString();
    const state = this.#state(customerId);
    return state ? decodeTags(state.tags).map((t) => toAssignment(customerId, t, at)) : [];
  }
}

/** @internal a digested row's flag: kept, its number not kept before. */
const KEPT = 'k'.charCodeAt(0);

/** @internal */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** @internal `|`, which ends a customer id in a tag key and never occurs in one. */
const BAR = 124;
/**
 * @internal customer ids in the order of their tag keys, as sorting `<id>|` would put them (without
 * making those strings): by text, except that an id that begins another comes after it when the
 * other's next character sorts before `|` (`C1-A|` < `C1|`).
 *
 * @example
 * ```ts
 * ['C1', 'C10', 'C1-A'].sort(byKey); // ['C1-A', 'C10', 'C1']
 * ```
 */
export const byKey = (a: string, b: string): number => {
  if (a < b) return b.startsWith(a) && b.charCodeAt(a.length) < BAR ? 1 : -1;
  if (a > b) return a.startsWith(b) && a.charCodeAt(b.length) < BAR ? -1 : 1;
  return 0;
};

/** @internal a saved owner not looked up yet. */
const LATER = Symbol('later');

/** @internal */
const toStored = (r: RuleResult): StoredTag => ({
  code: r.code,
  active: true,
  validFrom: r.validFrom,
  validUntil: r.validUntil,
  evidence: r.evidence,
  version: r.ruleVersion,
});

/** @internal */
const sameTag = (a: StoredTag, b: StoredTag) =>
  a.validFrom === b.validFrom &&
  a.validUntil === b.validUntil &&
  a.version === b.version &&
  a.evidence.length === b.evidence.length &&
  a.evidence.every((id, i) => id === b.evidence[i]);

/** @internal */
const iso = isoTime;

/**
 * @internal a stored tag as the public assignment.
 */
export const toAssignment = (customerId: string, t: StoredTag, lastEvaluatedAt: string): TagAssignment => ({
  key: tagKey(customerId, t.code),
  customerId,
  code: t.code,
  status: t.active ? 'active' : 'exited',
  validFrom: iso(t.validFrom),
  validUntil: t.validUntil === null ? null : iso(t.validUntil),
  evidence: t.evidence,
  version: t.version,
  lastEvaluatedAt,
});
