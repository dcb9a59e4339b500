import { catchError, EMPTY, exhaustMap, map, merge, Observable, switchMap, takeUntil, tap, throwError, timer } from 'rxjs';
import { ENDPOINTS } from '../../domain/contract/endpoints.js';
import { FINAL_STATUSES } from '../../domain/lifecycle/states.js';
import type { Complaint } from '../../domain/schemas/complaint.js';
import type { ClientContext } from '../context.js';
import { callJson } from '../request.js';
import { isRetryable } from '../retryable.js';
import { fromCall } from './from-call.js';
import type { WatchOptions } from '../../resources/complaints.js';
import { changeStream } from './stream.js';

/** @internal The highest event seq on a complaint's timeline: where its change stream resumes. */
const lastSeq = (c: Complaint): number => c.timeline.reduce((max, e) => Math.max(max, e.seq), 0);

/**
 * @internal A complaint's successive states: its current state (GET), then each change from the
 * event stream resumed after the last timeline seq (nothing between the read and the stream is
 * missed), polling GET while the stream keeps failing and trying the stream again now and then. States are emitted once each, in version
 * order. Stream messages carry the complainant masked; the complainant of the last full read is
 * kept (lifecycle actions never change it).
 */
export function watchComplaint(ctx: ClientContext, id: string, options: WatchOptions = {}): Observable<Complaint> {
  const get = (signal: AbortSignal) => callJson<Complaint>(ctx, ENDPOINTS.getComplaint, { params: { id } }, { signal });
  const pollMs = options.pollIntervalMs ?? 15_000;
  return new Observable<Complaint>((subscriber) => {
    let latest: Complaint | undefined;
    const emit = (c: Complaint) => {
      if (latest && c.version <= latest.version) return;
      latest = latest ? { ...c, complainant: latest.complainant } : c;
      subscriber.next(latest);
      if (options.completeOnFinal !== false && FINAL_STATUSES.has(latest.status)) subscriber.complete();
    };
    const poll$ = timer(pollMs, pollMs).pipe(
      exhaustMap(() => fromCall(get).pipe(catchError((e: unknown) => (isRetryable(e) ? EMPTY : throwError(() => e))))),
    );
    const retryStreamMs = options.streamRetryAfterMs ?? 300_000;
    // The service would not replay what was missed (`event: refetch`): read the complaint again.
    const onError = (e: unknown) => subscriber.error(e);
    const onRefetch = () => {
      options.onRefetch?.();
      subscriber.add(fromCall(get).pipe(catchError((e: unknown) => (isRetryable(e) ? EMPTY : throwError(() => e)))).subscribe({ next: emit, error: onError }));
    };
    // The stream, resumed after the newest state seen; when it keeps failing, poll for a while, then try it again.
    const live$ = (): Observable<Complaint> =>
      changeStream(
        ctx,
        { complaintId: id },
        { ...options, onRefetch, lastEventId: latest ? String(lastSeq(latest)) : undefined, maxConsecutiveFailures: options.maxStreamFailures ?? 5 },
      ).pipe(
        map((change) => change.complaint),
        catchError((e: unknown) =>
          isRetryable(e) ? merge(poll$.pipe(takeUntil(timer(retryStreamMs))), timer(retryStreamMs).pipe(switchMap(live$))) : throwError(() => e),
        ),
      );
    return fromCall(get)
      .pipe(tap(emit), switchMap(live$))
      .subscribe({ next: emit, error: onError });
  });
}
