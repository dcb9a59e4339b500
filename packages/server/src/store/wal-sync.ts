import { statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';

/** @internal a commit (or a read of the committed head) waiting for the flush that covers it. */
interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The SQLite write-ahead log could not be flushed to disk (`fdatasync` failed): the writes it covered
 * were committed but may not survive a power cut or an OS crash, so they are not acknowledged, and no
 * later write is either (after a failed flush the kernel may drop the pages it could not write, so a
 * later success proves nothing). Restart the service: SQLite recovers the file from what is on disk.
 *
 * @example
 * ```ts
 * if (e instanceof WalSyncError) console.error(e.cause);
 * ```
 */
export class WalSyncError extends Error {
  override readonly name = 'WalSyncError';
  constructor(cause: unknown) {
    super(`the SQLite write-ahead log could not be flushed to disk (${(cause as Error)?.message ?? String(cause)}); restart the service`, { cause });
  }
}

/**
 * Group commit of the SQLite write-ahead log's flush, off the event loop. The file runs with
 * `synchronous = NORMAL`: a commit writes its pages to the WAL without waiting for the disk. Before a
 * committed write is answered, {@link WalSync.flush} waits for an `fdatasync` of the WAL that
 * *began after* that commit, run on the libuv thread pool while the event loop goes on serving
 * requests; one flush covers every commit made before it began (the commits made while it runs wait
 * for the next one). An answered write is therefore on disk, as with `synchronous = FULL`, but the
 * event loop never blocks in the flush and many commits share one.
 *
 * - The WAL file can be deleted and made again (when the last connection to the database closes, or
 *   after a restore): before each flush the file at the WAL's path is compared with the one held open
 *   (device and inode) and opened again when it changed, the folder flushed once for its new entry
 *   (as SQLite does for a new WAL with `FULL`). A commit in a WAL since deleted was checkpointed into
 *   the database file first, which SQLite flushes itself (`NORMAL` still syncs at checkpoints).
 * - A failed flush fails every write it covered, and every later one ({@link WalSyncError}).
 * - Event readers wait for a flush too: `lastEventSeq` reads the committed head, then waits for a
 *   flush that began after the read, so no stream shows an event (of this process or of another
 *   one on the same file) before it is on disk.
 *
 * @example
 * ```ts
 * const sync = new WalSync('/data/complaintkit.sqlite-wal');
 * file.prepare('commit').run();
 * await sync.flush(); // now on disk
 * ```
 */
export class WalSync {
  /** Commits made since the running flush began: the next flush covers them. */
  #next: Waiter[] = [];
  /** Commits the running flush covers. */
  #flushing: Waiter[] = [];
  #running = false;
  #failed: WalSyncError | undefined;
  #file: FileHandle | undefined;
  #identity = '';

  /**
   * @internal how a flush reaches the disk (`FileHandle.datasync`); tests replace it to hold a flush
   * back or to make it fail.
   */
  datasync: (file: FileHandle) => Promise<void> = (file) => file.datasync();

  constructor(readonly walPath: string) {}

  /**
   * Resolves once a flush of the WAL that began after this call has completed: everything committed
   * before the call (by any connection to the file) is then on disk. Rejects with
   * {@link WalSyncError} if that flush failed (and from then on). Call it right after a commit.
   */
  flush(): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    const done = new Promise<void>((resolve, reject) => this.#next.push({ resolve, reject }));
    if (!this.#running) this.#start();
    return done;
  }

  /** The flush failure that stopped acknowledging writes, if one did. */
  get failure(): WalSyncError | undefined {
    return this.#failed;
  }

  /** Closes the held WAL file (the database is closing). */
  async close(): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    await file?.close().catch(() => {});
  }

  #start(): void {
    this.#running = true;
    this.#flushing = this.#next;
    this.#next = [];
    this.#flushOnce().then(
      () => {
        const covered = this.#flushing;
        this.#flushing = [];
        for (const w of covered) w.resolve();
        this.#after();
      },
      (error: unknown) => {
        this.#failed ??= new WalSyncError(error);
        const covered = [...this.#flushing, ...this.#next];
        this.#flushing = [];
        this.#next = [];
        for (const w of covered) w.reject(this.#failed);
        this.#after();
      },
    );
  }

  #after(): void {
    this.#running = false;
    if (this.#next.length > 0) this.#start();
  }

  async #flushOnce(): Promise<void> {
    // On the event loop: the path's inode is the WAL SQLite is writing, always in the kernel's
    // cache, so on a local disk this never waits for it (on a network filesystem it may block the loop:
    // the deploying guide asks for a local disk), and it costs a few µs where the thread pool's round
    // trip (a promise, a job, a wake-up) cost ~6% of a creation's CPU under load (bench/results/service-throughput.md).
    const now = statSync(this.walPath, { throwIfNoEntry: false });
    // No WAL: everything committed was checkpointed into the database file (flushed by SQLite).
    if (!now) return;
    if (!this.#file || `${now.dev}:${now.ino}` !== this.#identity) {
      await this.#file?.close().catch(() => {});
      this.#file = undefined;
      let file: FileHandle;
      try {
        file = await open(this.walPath, 'r');
      } catch (e) {
        // Deleted since the stat: checkpointed into the database file, as above.
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw e;
      }
      try {
        const held = await file.stat();
        // The folder's entry for a new WAL file, as SQLite flushes it for a new WAL with FULL.
        const folder = await open(dirname(this.walPath), 'r');
        try {
          await folder.sync();
        } finally {
          await folder.close();
        }
        this.#file = file;
        this.#identity = `${held.dev}:${held.ino}`;
      } catch (e) {
        await file.close().catch(() => {});
        throw e;
      }
    }
    await this.datasync(this.#file);
  }
}
