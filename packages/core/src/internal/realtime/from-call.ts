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

/** @internal Whether an error is worth waiting out (network, timeout, 429, 5xx). */
export const isRetryable = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { retryable?: unknown }).retryable === true;
