import { auditTime, catchError, distinctUntilChanged, EMPTY, map, merge, type Observable, switchMap, throwError, timer } from 'rxjs';
import type { Complaint } from '../../domain/schemas/complaint.js';
import type { ClientContext } from '../internal/context.js';
import { listComplaints } from '../internal/list.js';
import { fromCall, isRetryable } from './from-call.js';
import { changeStream } from './stream.js';

/**
 * Options of `client.reminders()`.
 *
 * @example
 * ```ts
 * const o: RemindersOptions = { intervalMs: 120_000, limit: 50 };
 * ```
 */
export interface RemindersOptions {
  /** Reload at least this often (the fallback when the stream is down; due-soon becomes overdue with time). Default 60000 ms. */
  intervalMs?: number | undefined;
  /** Most complaints per list. Default 200. */
  limit?: number | undefined;
  /** Changes on the stream are batched over this window before a reload. Default 1000 ms. */
  debounceMs?: number | undefined;
}

/**
 * What needs the caller's attention: complaints assigned to them that are past their warning time
 * (`dueSoon`) or past their decision deadline (`overdue`).
 *
 * @example
 * ```ts
 * const r: Reminders = { dueSoon: [], overdue: [], at: new Date().toISOString() };
 * ```
 */
export interface Reminders {
  dueSoon: Complaint[];
  overdue: Complaint[];
  /** When these lists were read. */
  at: string;
}

const key = (r: Reminders) => [...r.dueSoon, ...r.overdue].map((c) => `${c.id}@${c.version}`).join() + `|${r.dueSoon.length}`;

/**
 * @internal The caller's due-soon and overdue complaints (`assigneeId=me`), reloaded at once, when
 * the event stream reports a change (batched), and every `intervalMs`. Emits only when the lists
 * changed. A retryable failure skips one reload; a fatal one (401, 403) errors.
 */
export function remindersOf(ctx: ClientContext, options: RemindersOptions = {}): Observable<Reminders> {
  const limit = options.limit ?? 200;
  const load = (signal: AbortSignal) =>
    Promise.all([
      listComplaints(ctx, { assigneeId: 'me', dueSoon: true, limit: Math.min(limit, 100) }, { signal }).toArray({ limit }),
      listComplaints(ctx, { assigneeId: 'me', overdue: true, limit: Math.min(limit, 100) }, { signal }).toArray({ limit }),
    ]);
  const changes$ = changeStream(ctx, {}).pipe(
    catchError(() => EMPTY),
    auditTime(options.debounceMs ?? 1000),
  );
  return merge(timer(0, options.intervalMs ?? 60_000), changes$).pipe(
    switchMap(() => fromCall(load).pipe(catchError((e: unknown) => (isRetryable(e) ? EMPTY : throwError(() => e))))),
    map(([dueSoon, overdue]): Reminders => ({ dueSoon, overdue, at: new Date().toISOString() })),
    distinctUntilChanged((a, b) => key(a) === key(b)),
  );
}
