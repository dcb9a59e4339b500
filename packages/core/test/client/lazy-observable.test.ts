import { combineLatest, filter, firstValueFrom, from, isObservable, map, of, share, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { lazyObservable, listenerObservable } from '../../src/internal/lazy-observable.js';

// The client's Observables keep rxjs out of the main bundle; they must still behave as rxjs
// Observables wherever a user puts them.
const lazyOf = <T>(...values: T[]) => lazyObservable(async () => of(...values));

describe('lazy Observables', () => {
  it('work with pipe, operators and firstValueFrom', async () => {
    const out = await firstValueFrom(lazyOf(1, 2, 3, 4).pipe(map((x) => x * 10), filter((x) => x > 10), take(2), toArray()));
    expect(out).toEqual([20, 30]);
  });

  it('are recognised by isObservable, from and combineLatest', async () => {
    const lazy = lazyOf('a');
    expect(isObservable(lazy)).toBe(true);
    expect(await firstValueFrom(from(lazy))).toBe('a');
    expect(await firstValueFrom(combineLatest([lazy, lazyOf(1)]))).toEqual(['a', 1]);
  });

  it('can be shared: one source subscription for many subscribers', async () => {
    let loads = 0;
    const shared = lazyObservable(async () => {
      loads++;
      return of(1, 2);
    }).pipe(share());
    const [a, b] = await Promise.all([firstValueFrom(shared.pipe(toArray())), firstValueFrom(shared.pipe(toArray()))]);
    expect(a).toEqual([1, 2]);
    expect(b.length).toBeLessThanOrEqual(2);
    expect(loads).toBeGreaterThanOrEqual(1);
  });

  it('send nothing after an unsubscribe that comes before the implementation loaded', async () => {
    const seen: number[] = [];
    const sub = lazyOf(1, 2).subscribe((x) => seen.push(x));
    sub.unsubscribe();
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([]);
    expect(sub.closed).toBe(true);
  });

  it('report a failed load to the error callback', async () => {
    const failing = lazyObservable<number>(() => Promise.reject(new Error('chunk failed to load')));
    await expect(firstValueFrom(failing)).rejects.toThrow('chunk failed to load');
  });

  it('deliver synchronous events without rxjs, and through operators once piped', async () => {
    const listeners = new Set<(n: number) => void>();
    const events$ = listenerObservable<number>((l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    });
    const direct: number[] = [];
    const sub = events$.subscribe((n) => direct.push(n));
    for (const l of listeners) l(1);
    expect(direct).toEqual([1]);
    sub.unsubscribe();
    expect(listeners.size).toBe(0);

    const piped = firstValueFrom(events$.pipe(filter((n) => n % 2 === 0)));
    // rxjs loads (a dynamic import: wait for it to subscribe rather than for a fixed time).
    for (let i = 0; i < 500 && listeners.size === 0; i++) await new Promise((r) => setTimeout(r, 10));
    for (const l of [...listeners]) l(3);
    for (const l of [...listeners]) l(4);
    expect(await piped).toBe(4);
  });
});
