import { Observable } from 'rxjs';

/** @internal a listener hub: what the outbox's observables and `subscribe` build on. */
export interface Hub<S> {
  current(): S;
  listen(fn: (s: S) => void): () => void;
  onClose(fn: () => void): () => void;
}

/**
 * @internal an Observable of `select(snapshot)` that replays the current value, emits only when
 * the value's JSON changes, and completes when the outbox closes.
 */
export function observe<S, T>(hub: Hub<S>, select: (s: S) => T): Observable<T> {
  return new Observable<T>((subscriber) => {
    let last: string | undefined;
    const push = (s: S) => {
      const value = select(s);
      const key = JSON.stringify(value) ?? 'undefined';
      if (key === last) return;
      last = key;
      subscriber.next(value);
    };
    push(hub.current());
    const off = hub.listen(push);
    const offClose = hub.onClose(() => subscriber.complete());
    return () => {
      off();
      offClose();
    };
  });
}
