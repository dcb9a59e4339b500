import type { Observable } from 'rxjs';

/**
 * Anything the engine reads complaints from: an array, a (async) generator such as a file reader or
 * the client's paginated list, or an rxjs Observable.
 *
 * @example
 * ```ts
 * const src: Source<ComplaintRowInput> = readNdjson('day.ndjson');
 * ```
 */
export type Source<T> = Iterable<T> | AsyncIterable<T> | Observable<T>;

/**
 * Whether a source is an Observable (rxjs's or any other with `subscribe`) rather than an iterable:
 * known by its shape, so reading files does not load rxjs.
 *
 * @example
 * ```ts
 * isObservableLike(of(1)); // true
 * isObservableLike([1]); // false
 * ```
 */
export function isObservableLike<T>(source: Source<T>): source is Observable<T> {
  return (
    typeof (source as { subscribe?: unknown }).subscribe === 'function' &&
    !(Symbol.asyncIterator in (source as object)) &&
    !(Symbol.iterator in (source as object))
  );
}

/**
 * Any {@link Source} as an async iterable. An Observable is buffered only as far as it runs ahead of
 * the consumer; an error it emits is thrown from the loop.
 *
 * @example
 * ```ts
 * for await (const row of toAsyncIterable(of(a, b))) console.log(row);
 * ```
 */
export async function* toAsyncIterable<T>(source: Source<T>): AsyncGenerator<T> {
  if (!isObservableLike(source)) {
    yield* source as AsyncIterable<T>;
    return;
  }
  const queue: T[] = [];
  let done = false;
  let failure: { error: unknown } | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const sub = (source as Observable<T>).subscribe({
    next: (v) => {
      queue.push(v);
      notify();
    },
    error: (error: unknown) => {
      failure = { error };
      notify();
    },
    complete: () => {
      done = true;
      notify();
    },
  });
  try {
    for (;;) {
      while (queue.length) yield queue.shift() as T;
      if (failure) throw (failure as { error: unknown }).error;
      if (done) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    sub.unsubscribe();
  }
}
