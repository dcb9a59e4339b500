import { Observable } from 'rxjs';

/**
 * @internal The rxjs Observable over a listener-style source, loaded only when a user applies rxjs
 * operators to `client.events$` (plain `subscribe` needs no rxjs).
 */
export const rxListener = <T>(listen: (listener: (value: T) => void) => () => void): Observable<T> =>
  new Observable<T>((subscriber) => listen((value) => subscriber.next(value)));
