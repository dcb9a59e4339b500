/**
 * The idempotency key was used before by the same caller for a different request (another body,
 * path or method). Send a new key for a new request.
 *
 * @example
 * ```ts
 * if (e instanceof IdempotencyKeyReusedError) console.log(e.key);
 * ```
 */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly key: string) {
    super('this Idempotency-Key was already used for a different request; use a new key for a new request');
  }
}

/**
 * The complaint changed between read and write (another writer got there first). Retry the request.
 *
 * @example
 * ```ts
 * if (e instanceof ConcurrentUpdateError) retry();
 * ```
 */
export class ConcurrentUpdateError extends Error {
  override readonly name = 'ConcurrentUpdateError';
  constructor(readonly complaintId: string) {
    super(`complaint ${complaintId} was changed concurrently; retry the request`);
  }
}

/**
 * A list's `cursor` is not one this store gave (altered, cut, or from another list). Follow
 * `nextCursor` as it came, or leave `cursor` out for the first page.
 *
 * @example
 * ```ts
 * if (e instanceof InvalidCursorError) restartFromFirstPage();
 * ```
 */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('not a cursor this list gave: pass nextCursor as it came, or leave cursor out for the first page');
  }
}

/**
 * The database was migrated by a newer release of the service: it records migrations this code does
 * not know. Refused at start, before anything is read or written (an older release would misread what
 * the newer schema stores, e.g. a creation's idempotency record that refers to its complaint since
 * 0027). Run the newer release, or restore a backup taken before it migrated.
 *
 * @example
 * ```ts
 * if (e instanceof DatabaseNewerThanCodeError) console.error(e.unknown); // ['0028_…']
 * ```
 */
export class DatabaseNewerThanCodeError extends Error {
  override readonly name = 'DatabaseNewerThanCodeError';
  constructor(readonly unknown: readonly string[]) {
    super(
      `the database was migrated by a newer release of the complaint service (migrations this release does not know: ${unknown.join(', ')}); ` +
        'run that release or a newer one, or restore a backup taken before it migrated',
    );
  }
}

/**
 * PostgreSQL: a history import's last batch or a facts rebuild pauses every write of complaints
 * (`lockComplaintWriters`), and could not within its lock timeout because complaint writes were
 * running or waiting. Nothing was written; retry in a few seconds (at a quieter time for a large one).
 *
 * @example
 * ```ts
 * if (e instanceof ComplaintWritesBusyError) setTimeout(retry, e.retryAfterSeconds * 1000);
 * ```
 */
export class ComplaintWritesBusyError extends Error {
  override readonly name = 'ComplaintWritesBusyError';
  /** How long to wait before the retry. */
  readonly retryAfterSeconds = 5;
  constructor(readonly waitedMs: number) {
    super(
      `complaints were being written and could not be paused within ${waitedMs} ms (an import's last batch and a facts rebuild pause every complaint write); ` +
        "the batch or rebuild that waited wrote nothing (an import's earlier batches stay written, and running it again skips them): retry in a few seconds",
    );
  }
}

/**
 * True for a PostgreSQL statement cancelled by `statement_timeout` (SQLSTATE 57014, `query_canceled`):
 * the database did not answer in time; the request may be sent again.
 *
 * @example
 * ```ts
 * if (isStatementTimeout(e)) answer503();
 * ```
 */
export function isStatementTimeout(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === '57014';
}

/**
 * True for a unique-constraint violation on SQLite or PostgreSQL.
 *
 * @example
 * ```ts
 * try { await insert(); } catch (e) { if (isUniqueViolation(e)) replay(); }
 * ```
 */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * True when PostgreSQL aborted the transaction to break a deadlock (`40P01`) or a serialisation
 * conflict (`40001`): nothing of it was written, and running it again is safe.
 *
 * @example
 * ```ts
 * try { await write(); } catch (e) { if (isTransientConflict(e)) await write(); }
 * ```
 */
export function isTransientConflict(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
