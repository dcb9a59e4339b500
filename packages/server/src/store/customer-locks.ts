import { type Kysely, type RawBuilder, sql } from 'kysely';
import { compiledOnce } from './compiled-once.js';
import { ComplaintWritesBusyError } from './errors.js';
import type { Database } from './schema.js';

/**
 * @internal the first key of the customers' advisory locks (`pg_advisory_xact_lock(space, hashtext(customer key))`),
 * apart from the report cells' (`20261130`, `reports/cells.ts`).
 */
const CUSTOMER_LOCK_SPACE = 20261201;

/**
 * The customer keys a write locks, each once, in one order for every writer (byte order, as a
 * JavaScript sort), so that two writers locking the same two customers never wait for each other
 * crosswise.
 *
 * @example
 * ```ts
 * customerLockOrder(['C-2', null, 'C-1', 'C-2']); // ['C-1', 'C-2']
 * ```
 */
export function customerLockOrder(keys: readonly (string | null | undefined)[]): string[] {
  return [...new Set(keys.filter((k): k is string => typeof k === 'string'))].sort();
}

/**
 * PostgreSQL: an expression that takes the transaction-scoped advisory lock of each customer key in
 * `keys` (ordered by {@link customerLockOrder}), waiting for the writers holding them to commit, and
 * is their number. For a write's first statement (the key lookup, or the one taking the transaction
 * id), so the lock costs no round trip of its own. `keys` is bound as one parameter: pass the same
 * array among the statement's values (see `compiledOnce`).
 *
 * Why: a repeat flag depends on the customer's other complaints (`docs/domain/metrics.md`, Repeats),
 * and two concurrent PostgreSQL transactions do not see each other's rows. Every write that decides
 * or rewrites a customer's flags holds the customer's lock from before its first read of the
 * customer's facts to its commit, so writes of one customer run one after the other (each statement
 * after the lock sees the other's commit: a lock is released only once its commit is visible), while
 * writes of different customers still run side by side (two keys with the same hash only wait for
 * each other).
 *
 * @example
 * ```ts
 * const keys = customerLockOrder(['C-1001']);
 * await compiledOnce(db, 'lock', [keys], () => sql`select ${lockCustomersSql(keys)} as locked`.compile(db));
 * ```
 */
export function lockCustomersSql(keys: readonly string[]): RawBuilder<number> {
  return sql<number>`(select count(pg_advisory_xact_lock(${sql.lit(CUSTOMER_LOCK_SPACE)}, hashtext(u.k))::text) from unnest(${keys}::text[]) as u (k))`;
}

/**
 * PostgreSQL: takes the customers' locks (see {@link lockCustomersSql}) in a statement of their own,
 * with the transaction's id when `takeXactId` (a write whose first statement this is: the lock is
 * taken first, so a writer waiting for it holds no id that would hold back the event head readers
 * wait for; see `inWriteTransaction`).
 *
 * @example
 * ```ts
 * await lockCustomers(tx, customerLockOrder([row.customer_key]));
 * ```
 */
export async function lockCustomers(db: Kysely<Database>, keys: readonly string[], takeXactId = false): Promise<void> {
  if (keys.length === 0 && !takeXactId) return;
  await compiledOnce(db, `lockCustomers ${takeXactId ? 'xact' : ''}`, [keys], () =>
    sql`select ${lockCustomersSql(keys)} as customers_locked${takeXactId ? sql`, pg_current_xact_id() as xact` : sql``}`.compile(db),
  );
}

/**
 * PostgreSQL: a condition for an update of `complaints` that takes the lock of the row's customer
 * (its `column`, the customer id the row's facts are keyed by) while the update scans the row, before
 * it changes it: a step then rewrites the complaint's facts and the customer's repeat flags under the
 * lock, with no statement of its own, and a write waiting for the lock holds no row another holder
 * of it could need (a merge changes two complaints of one customer). True for a row with no customer.
 *
 * @example
 * ```ts
 * db.updateTable('complaints').set(row).where('id', '=', id).where(lockRowCustomerSql('customer_id'));
 * ```
 */
export function lockRowCustomerSql(column: string): RawBuilder<boolean> {
  const key = sql.ref(column);
  return sql<boolean>`(${key} is null or pg_advisory_xact_lock(${sql.lit(CUSTOMER_LOCK_SPACE)}, hashtext(${key}))::text = '')`;
}

/**
 * PostgreSQL: holds back every write of `complaints` until this transaction ends, after waiting for
 * those running (`lock table complaints in share row exclusive mode`; reads go on). For a write that
 * rewrites the repeat flags of more customers than their locks could be held at once (a history
 * import's last batch, a facts rebuild): every write that decides a customer's flags writes
 * `complaints` in or before the statement that decides them (a registration's last statement inserts
 * the complaint; a step's or merge's update comes before its facts), so none decides them beside it,
 * unseen by its snapshot or not seeing its rows. Taken first in the transaction: a lock raised later
 * could wait crosswise with a writer waiting for a row this transaction wrote. One advisory lock per
 * customer would need a lock-table entry each (`max_locks_per_transaction` × connections in all, about
 * 6,400 by default), which an import of a large file's customers would run out of. It waits at most
 * `timeoutMs` for the writes running (PostgreSQL `lock_timeout`; meanwhile new writes queue behind
 * it), then throws `ComplaintWritesBusyError` (the HTTP import answers `503` with `Retry-After`).
 *
 * @example
 * ```ts
 * await inWriteTransaction(db, 'postgres', async (tx) => {
 *   await lockComplaintWriters(tx);
 *   await refreshRepeats(tx, 'all', 30);
 * });
 * ```
 */
export async function lockComplaintWriters(db: Kysely<Database>, timeoutMs = COMPLAINT_WRITERS_LOCK_TIMEOUT_MS): Promise<void> {
  // While it waits for the writes running, every new write of complaints queues behind it (and holds
  // a pooled connection): a contended lock fails fast instead, and the caller is told to retry.
  await sql`set local lock_timeout = ${sql.raw(String(Math.max(1, Math.trunc(timeoutMs))))}`.execute(db);
  try {
    await sql`lock table complaints in share row exclusive mode`.execute(db);
  } catch (e) {
    if ((e as { code?: unknown } | null)?.code === '55P03') throw new ComplaintWritesBusyError(timeoutMs);
    throw e;
  }
  await sql`set local lock_timeout to default`.execute(db);
}

/**
 * How long {@link lockComplaintWriters} waits for the complaint writes running before it gives up
 * with `ComplaintWritesBusyError` (PostgreSQL `lock_timeout`, in ms).
 *
 * @example
 * ```ts
 * await lockComplaintWriters(tx, COMPLAINT_WRITERS_LOCK_TIMEOUT_MS);
 * ```
 */
export const COMPLAINT_WRITERS_LOCK_TIMEOUT_MS = 5_000;
