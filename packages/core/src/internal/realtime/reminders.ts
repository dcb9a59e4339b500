import { auditTime, catchError, distinctUntilChanged, EMPTY, map, merge, type Observable, switchMap, throwError, timer } from 'rxjs';
import { AuthenticationError } from '../../core/errors/authentication-error.js';
import { ForbiddenError } from '../../core/errors/forbidden-error.js';
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
 * changed. A retryable failure skips one reload; a fatal one (401, 403, of a list or of the stream) errors.
 */
export function remindersOf(ctx: ClientContext, options: RemindersOptions = {}): Observable<Reminders> {
  const limit = options.limit ?? 200;
  const load = (signal: AbortSignal) =>
    Promise.all([
      listComplaints(ctx, { assigneeId: 'me', dueSoon: true, limit: Math.min(limit, 100) }, { signal }).toArray({ limit }),
      listComplaints(ctx, { assigneeId: 'me', overdue: true, limit: Math.min(limit, 100) }, { signal }).toArray({ limit }),
    ]);
  // A stream the caller may not open (401 after a refresh, 403) ends the reminders with that error, as
  // the lists' own 401 and 403 do; a stream that fails otherwise leaves the interval's reloads.
  const changes$ = changeStream(ctx, {}).pipe(
    catchError((e: unknown) => (e instanceof AuthenticationError || e instanceof ForbiddenError ? throwError(() => e) : EMPTY)),
    auditTime(options.debounceMs ?? 1000),
  );
  return merge(timer(0, options.intervalMs ?? 60_000), changes$).pipe(
    switchMap(() => fromCall(load).pipe(catchError((e: unknown) => (isRetryable(e) ? EMPTY : throwError(() => e))))),
    map(([dueSoon, overdue]): Reminders => ({ dueSoon, overdue, at: new Date().toISOString() })),
    distinctUntilChanged((a, b) => key(a) === key(b)),
  );
}
