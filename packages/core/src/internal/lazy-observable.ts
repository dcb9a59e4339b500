import type { Observable, Observer, Operator, Unsubscribable } from 'rxjs';

/** The interop key rxjs looks for (`Symbol.observable` where a polyfill defines it). @internal */
const interopKey: symbol | string = (typeof Symbol === 'function' && (Symbol as { observable?: symbol }).observable) || '@@observable';

type ObserverArg<T> = Partial<Observer<T>> | ((value: T) => void) | null | undefined;

/**
 * @internal An rxjs-compatible Observable whose rxjs implementation is loaded on first use, through a
 * dynamic `import()`, so rxjs and the realtime code cost the main bundle nothing. It works wherever
 * rxjs accepts an Observable: `subscribe`, `pipe` with any operator (they `lift` it), `from`,
 * `firstValueFrom`, `combineLatest`, `isObservable`. Only `instanceof Observable` tells it apart.
 */
class LazyObservable<T> {
  readonly #load: () => Promise<Observable<T>>;
  readonly #direct: ((observer: ObserverArg<T>) => Unsubscribable) | undefined;

  constructor(load: () => Promise<Observable<T>>, direct?: (observer: ObserverArg<T>) => Unsubscribable) {
    this.#load = load;
    this.#direct = direct;
  }

  subscribe(observer?: ObserverArg<T>): Unsubscribable & { readonly closed: boolean } {
    if (this.#direct) {
      const inner = this.#direct(observer);
      let closed = false;
      return {
        get closed() {
          return closed;
        },
        unsubscribe: () => {
          closed = true;
          inner.unsubscribe();
        },
      };
    }
    let inner: Unsubscribable | undefined;
    let closed = false;
    this.#load().then(
      (source) => {
        if (!closed) inner = source.subscribe(observer ?? undefined);
      },
      (e: unknown) => {
        if (closed) return;
        if (observer && typeof observer === 'object' && observer.error) observer.error(e);
        else
          setTimeout(() => {
            throw e; // as rxjs reports an error nobody handles
          });
      },
    );
    return {
      get closed() {
        return closed;
      },
      unsubscribe: () => {
        closed = true;
        inner?.unsubscribe();
      },
    };
  }

  /** What rxjs operators call: apply the operator to the real Observable once it is loaded. */
  lift<R>(operator: Operator<T, R>): LazyObservable<R> {
    return new LazyObservable<R>(() =>
      this.#load().then((source) => (source as unknown as { lift(o: Operator<T, R>): Observable<R> }).lift(operator)),
    );
  }

  pipe(...operations: ((source: unknown) => unknown)[]): unknown {
    return operations.reduce<unknown>((source, op) => op(source), this);
  }

  forEach(next: (value: T) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.subscribe({ next, error: reject, complete: resolve });
    });
  }
}

// rxjs' `from`, `innerFrom` and friends accept anything with this method (the interop protocol).
Object.defineProperty(LazyObservable.prototype, interopKey, {
  value(this: unknown) {
    return this;
  },
});

/**
 * @internal An Observable whose implementation is loaded on subscribe through a dynamic `import()`,
 * so rxjs operators and the realtime code land in their own chunk and cost nothing until used.
 * Unsubscribing before the chunk arrives cancels cleanly.
 */
export function lazyObservable<T>(load: () => Promise<Observable<T>>): Observable<T> {
  return new LazyObservable(load) as unknown as Observable<T>;
}

/**
 * @internal An Observable over a synchronous source (the client's telemetry emitter): `subscribe`
 * needs no rxjs at all; operators load rxjs on first use, as {@link lazyObservable} does.
 */
export function listenerObservable<T>(listen: (listener: (value: T) => void) => () => void): Observable<T> {
  const direct = (observer: ObserverArg<T>): Unsubscribable => {
    const next = typeof observer === 'function' ? observer : observer?.next?.bind(observer);
    return { unsubscribe: listen((value) => next?.(value)) };
  };
  const load = () => import('./telemetry/rx-listener.js').then((m) => m.rxListener(listen));
  return new LazyObservable(load, direct) as unknown as Observable<T>;
}
