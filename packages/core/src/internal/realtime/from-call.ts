import { Observable } from 'rxjs';

/** @internal A call as a cold Observable that aborts the request when unsubscribed. */
export function fromCall<T>(call: (signal: AbortSignal) => Promise<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    const ac = new AbortController();
    call(ac.signal).then(
      (v) => {
        subscriber.next(v);
        subscriber.complete();
      },
      (e: unknown) => subscriber.error(e),
    );
    return () => ac.abort();
  });
}
