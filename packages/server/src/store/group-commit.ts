import type { Kysely } from 'kysely';
import type { DatabaseKind } from './connect.js';
import type { Database } from './schema.js';
import { committedWriteTransaction } from './write-transaction.js';
import { runText as run } from './compiled-once.js';
import { changesHeld } from './sqlite-direct.js';

/** @internal one write waiting for its batch. */
interface Pending {
  readonly work: (db: Kysely<Database>) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** @internal the outcome of one write inside a batch, given to its caller once the batch committed. */
type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** @internal a write of a batch run without savepoints threw: the batch runs again with them. */
class WriteFailed extends Error {
  constructor(readonly error: unknown) {
    super('a write of the batch failed');
  }
}

/** The most writes one shared transaction carries (a longer one would hold readers back). */
export const MAX_GROUP = 64;

/**
 * Group commit: writes that arrive while another transaction runs (or in the same turn of the event
 * loop) share the next transaction and its one commit, instead of one commit each. On SQLite the
 * commit (writing the changed pages to the WAL) was the largest single cost of a creation. The
 * flush of the WAL to disk is not waited for here: the next batch runs while it runs on the thread
 * pool, and a batch's writes are answered once the flush covering its commit completed (`WalSync`).
 *
 * Each write still stands alone: one that fails (a 400, a conflict, a reused key) gets its own error
 * while the others commit. A batch first runs without savepoints: a write that fails before it
 * changed a row (the usual case) leaves nothing to undo; if one fails after it wrote, the whole
 * transaction is rolled back (nothing of it written) and the batch runs again with each write in its
 * own savepoint, rolled back to it alone if it fails; each keeps its own idempotency check and answer (a retry of a key written earlier in the
 * same batch sees that write and replays it). Every caller is answered only after the shared commit
 * is on disk, so nothing is acknowledged before it is durable; a failed flush fails them all. If the shared transaction itself fails (the
 * commit, or an error that ended the transaction), nothing of it was written and each write is run
 * again alone, so a broken batch takes no write down with it.
 *
 * @example
 * ```ts
 * const writes = new GroupCommit(db, 'sqlite', () => emitter.emit('commit'));
 * const result = await writes.submit(async (tx) => tx.insertInto('staff').values(row).execute());
 * ```
 */
export class GroupCommit {
  #queue: Pending[] = [];
  #draining = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
    private readonly maxGroup: number = MAX_GROUP,
  ) {}

  /** Runs `work` in the next shared write transaction; resolves with its result once that committed. */
  submit<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#draining) {
        this.#draining = true;
        // The writes parsed in this turn of the event loop join the first batch.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#run(this.#queue.splice(0, this.maxGroup));
    } finally {
      this.#draining = false;
    }
  }

  async #run(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return this.#alone(batch[0] as Pending);
    let outcomes: Outcome[];
    let durable: Promise<void>;
    try {
      ({ value: outcomes, durable } = await this.#shared(batch, false));
    } catch (error) {
      try {
        // A write failed after it changed rows: nothing of the batch was written. Again, each write
        // in its own savepoint, so that the failing one is rolled back alone.
        if (!(error instanceof WriteFailed)) throw error;
        ({ value: outcomes, durable } = await this.#shared(batch, true));
      } catch {
        for (const m of batch) await this.#alone(m);
        return;
      }
    }
    // Committed: nobody is answered before it is on disk, but the next batch runs meanwhile (the
    // flush runs off the event loop). A failed flush fails every write of the batch (they are
    // committed, so running them again would write them twice).
    void durable.then(
      () =>
        batch.forEach((m, i) => {
          const o = outcomes[i] as Outcome;
          if (o.ok) m.resolve(o.value);
          else m.reject(o.error);
        }),
      (error: unknown) => {
        for (const m of batch) m.reject(error);
      },
    );
  }

  /**
   * Runs the batch's writes in one transaction and commits it. Without `savepoints`, a write that
   * throws having changed no row (a refused key, a rule checked before anything is written: the
   * usual failures) leaves the transaction as it was and simply gets its error; one that throws
   * after it wrote ends the attempt ({@link WriteFailed}: the transaction is rolled back, nothing of
   * it written). With `savepoints` each write runs in its own savepoint and a failing one is rolled
   * back to it alone. Savepoints are kept for that rare second pass: inside one, SQLite copies every
   * page a write changes to its statement journal first, which past 64 KiB (one or two creations)
   * spills to a temporary file written page by page: more `pwrite` calls per creation than the WAL
   * itself (bench/results/service-throughput.md, "one commit's pages").
   */
  async #shared(batch: Pending[], savepoints: boolean): Promise<{ value: Outcome[]; durable: Promise<void> }> {
    return committedWriteTransaction(this.db, this.kind, async (tx) => {
      const outcomes: Outcome[] = [];
      // Only where the rows changed can be read (SQLite opened by openDatabase); savepoints elsewhere.
      const plain = !savepoints && changesHeld(tx) !== undefined;
      for (const m of batch) {
        if (plain) {
          const before = changesHeld(tx);
          try {
            outcomes.push({ ok: true, value: await m.work(tx) });
          } catch (error) {
            // Nothing written and the transaction still open: as if the write had not run.
            if (before !== undefined && changesHeld(tx) === before) outcomes.push({ ok: false, error });
            else throw new WriteFailed(error);
          }
          continue;
        }
        await run(tx, 'savepoint ck_write');
        try {
          const value = await m.work(tx);
          await run(tx, 'release ck_write');
          outcomes.push({ ok: true, value });
        } catch (error) {
          // If this fails too, the transaction is gone: the caller runs every write alone.
          await run(tx, 'rollback to ck_write');
          await run(tx, 'release ck_write');
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    });
  }

  async #alone(m: Pending): Promise<void> {
    try {
      const { value, durable } = await committedWriteTransaction(this.db, this.kind, m.work);
      // Answered once on disk; the next batch runs meanwhile.
      void durable.then(() => m.resolve(value), m.reject);
    } catch (e) {
      m.reject(e);
    }
  }
}
