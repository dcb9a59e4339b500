import { Observable, type Subscription } from 'rxjs';

/**
 * @internal An Observable whose implementation is loaded on subscribe through a dynamic
 * `import()`, so rxjs operators and the realtime code land in their own chunk and cost nothing
 * until used. Unsubscribing before the chunk arrives cancels cleanly.
 */
export function lazyObservable<T>(load: () => Promise<Observable<T>>): Observable<T> {
  return new Observable<T>((subscriber) => {
    let inner: Subscription | undefined;
    let closed = false;
    load().then(
      (source) => {
        if (!closed) inner = source.subscribe(subscriber);
      },
      (e: unknown) => subscriber.error(e),
    );
    return () => {
      closed = true;
      inner?.unsubscribe();
    };
  });
}
