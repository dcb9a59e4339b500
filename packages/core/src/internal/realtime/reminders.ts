import { auditTime, catchError, distinctUntilChanged, EMPTY, map, merge, type Observable, switchMap, throwError, timer } from 'rxjs';
import type { Reminders, RemindersOptions } from '../../resources/reminders.js';
import type { ClientContext } from '../context.js';
import { listComplaints } from '../list.js';
import { isRetryable } from '../retryable.js';
import { fromCall } from './from-call.js';
import { changeStream } from './stream.js';

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
